package dev.mds.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What walking one model's query turned up besides its columns: reads, joins, blind spots. */
final class Findings {

  /**
   * A relation the query reads.
   *
   * @param relation as written, e.g. {@code "main"."orders"} or {@code read_csv(...)}
   * @param location DuckDB's byte offset into the SQL, or -1
   * @param node the project node it is, if any
   * @param files whether it reads files directly (a table function or a quoted file name)
   */
  record Read(String relation, long location, Optional<String> node, boolean files) {
  }

  /** A join on part of a declared grain, at a byte offset. */
  record PartialKey(long location, String message) {
  }

  private final Map<String, Read> reads = new LinkedHashMap<>();
  private final Set<PartialKey> partialKeys = new LinkedHashSet<>();
  private final Set<String> unknown = new LinkedHashSet<>();
  private int quiet;

  void read(Read read) {
    reads.putIfAbsent(read.relation().toLowerCase(java.util.Locale.ROOT), read);
  }

  /** Records a partial-key join; one per condition, even when both sides are partial. */
  void partialKey(long location, String message) {
    if (partialKeys.stream().noneMatch(k -> k.location() == location)) {
      partialKeys.add(new PartialKey(location, message));
    }
  }

  /** Records why some lineage is unknown (each reason once). */
  void unknown(String reason) {
    if (quiet == 0) {
      unknown.add(reason);
    }
  }

  /**
   * Runs {@code walk} without recording unknowns: filters and join conditions are walked for the
   * tables they read, but what they cannot trace does not touch any column's lineage.
   */
  void quietly(Runnable walk) {
    quiet++;
    try {
      walk.run();
    } finally {
      quiet--;
    }
  }

  List<Read> reads() {
    return new ArrayList<>(reads.values());
  }

  List<PartialKey> partialKeys() {
    return new ArrayList<>(partialKeys);
  }

  List<String> unknown() {
    return new ArrayList<>(unknown);
  }
}
