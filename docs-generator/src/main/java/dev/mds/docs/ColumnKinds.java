package dev.mds.docs;

import java.util.Map;

/** What each column derivation kind means, as a tooltip on the model pages. */
final class ColumnKinds {

  static final Map<String, String> HELP = Map.of(
      "passthrough", "The parent's column, unchanged, under the same name",
      "rename", "The parent's column, unchanged, under another name",
      "transformed", "Computed row by row from the columns it derives from",
      "aggregate", "Computed over many rows (count, sum, max, ...)",
      "constant", "The same value whatever the data: reads no column",
      "unknown", "Could not be traced from the SQL");

  private ColumnKinds() {
  }
}
