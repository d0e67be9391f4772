package dev.mds.lineage;

/** What a column name in a query turned out to mean. */
sealed interface Resolution {

  /** A column of one relation in scope. */
  record Found(Binding binding, String column) implements Resolution {
  }

  /** A {@code USING} column (both sides) or an earlier select-list alias. */
  record Derived(Derivation derivation) implements Resolution {
  }

  /** The name could not be pinned down; {@code reason} says why. */
  record Unresolved(String reason) implements Resolution {
  }
}
