package dev.mds.lineage;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a value in a query is computed from: the parent columns found so far, and whether that is
 * all of it. An expression that cannot be traced makes the whole derivation incomplete, so a
 * partial answer is never passed off as the full one.
 */
record Derivation(Set<ColumnRef> sources, boolean complete) {

  /** A constant: computed from nothing, and that is certain. */
  static final Derivation NONE = new Derivation(Set.of(), true);
  /** Something that could not be traced. */
  static final Derivation UNKNOWN = new Derivation(Set.of(), false);

  Derivation {
    sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
  }

  static Derivation of(ColumnRef column) {
    return new Derivation(Set.of(column), true);
  }

  Derivation plus(Derivation other) {
    if (other.sources.isEmpty() && other.complete) {
      return this;
    }
    if (sources.isEmpty() && complete) {
      return other;
    }
    Set<ColumnRef> all = new LinkedHashSet<>(sources);
    all.addAll(other.sources);
    return new Derivation(all, complete && other.complete);
  }
}
