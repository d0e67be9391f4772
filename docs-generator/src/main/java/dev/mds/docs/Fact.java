package dev.mds.docs;

/** One labelled fact on a page ("Materialization: table"); {@code href} is set when it links. */
record Fact(String label, String value, String href) {

  static Fact of(String label, String value) {
    return new Fact(label, value, null);
  }
}
