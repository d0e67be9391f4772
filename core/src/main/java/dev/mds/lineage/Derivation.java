package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a value in a query is computed from: the parent columns found so far, and whether that is
 * all of it. An expression that cannot be traced makes the whole derivation incomplete, so a
 * partial answer is never passed off as the full one.
 *
 * <p>It also keeps how the value is computed: {@link Kind}, the expression at this level
 * ({@code own}, null when a column is only passed on) and the expressions of the CTEs and
 * subqueries it passed through on the way ({@code upstream}), so a reader can be shown
 * {@code coalesce(o.orders, 0)} and the {@code count(*)} behind it. {@code sameValues} marks a
 * transformation that only respells one column's values (a cast, {@code lower()}, {@code trim()}),
 * so the column still means what its source meant.
 */
record Derivation(Set<ColumnRef> sources, boolean complete, Kind kind, JsonNode own,
    List<JsonNode> upstream, boolean sameValues) {

  /**
   * How a value is computed, from the least to the most change: a combination of values takes
   * the larger kind of its parts, and a constant adds nothing.
   */
  enum Kind {
    /** From no column: a literal, {@code current_date}. */
    CONSTANT,
    /** A column read as it is (possibly under another name). */
    COLUMN,
    /** Computed by an expression over one row's values. */
    TRANSFORMED,
    /** Computed over many rows: {@code count(*)}, {@code sum(x)}. */
    AGGREGATE
  }

  /** A constant: computed from nothing, and that is certain. */
  static final Derivation NONE = new Derivation(Set.of(), true);
  /** Something that could not be traced. */
  static final Derivation UNKNOWN = new Derivation(Set.of(), false);

  Derivation {
    sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
    upstream = List.copyOf(upstream);
  }

  Derivation(Set<ColumnRef> sources, boolean complete) {
    this(sources, complete, sources.isEmpty() ? Kind.CONSTANT : Kind.COLUMN, null, List.of(),
        false);
  }

  static Derivation of(ColumnRef column) {
    return new Derivation(Set.of(column), true);
  }

  Derivation plus(Derivation other) {
    if (other.sources.isEmpty() && other.complete && other.kind == Kind.CONSTANT) {
      return this;
    }
    if (sources.isEmpty() && complete && kind == Kind.CONSTANT) {
      return other;
    }
    Set<ColumnRef> all = new LinkedHashSet<>(sources);
    all.addAll(other.sources);
    Kind larger = kind.compareTo(other.kind) >= 0 ? kind : other.kind;
    return new Derivation(all, complete && other.complete, larger, own != null ? own : other.own,
        joined(upstream, other.upstream), false);
  }

  /**
   * The value of {@code expression}, whose parts together are this derivation: an aggregate
   * when it aggregates or any part did, a constant when it reads no column, else transformed.
   */
  Derivation computedBy(JsonNode expression, boolean aggregates) {
    return computedBy(expression, aggregates, false);
  }

  /**
   * As {@link #computedBy(JsonNode, boolean)}; {@code respells} says the expression only
   * respells its argument (a cast, {@code lower()}), which keeps one column's meaning.
   */
  Derivation computedBy(JsonNode expression, boolean aggregates, boolean respells) {
    Kind computed = aggregates || kind == Kind.AGGREGATE ? Kind.AGGREGATE
        : sources.isEmpty() && complete ? Kind.CONSTANT : Kind.TRANSFORMED;
    boolean same = respells && complete && sources.size() == 1
        && (kind == Kind.COLUMN || sameValues);
    return new Derivation(sources, complete, computed, expression, upstream, same);
  }

  /** This value read by name from the CTE or subquery that computed it. */
  Derivation passedOn() {
    if (own == null) {
      return this;
    }
    List<JsonNode> steps = new ArrayList<>();
    steps.add(own);
    steps.addAll(upstream);
    return new Derivation(sources, complete, kind, null, steps, sameValues);
  }

  private static List<JsonNode> joined(List<JsonNode> first, List<JsonNode> second) {
    if (second.isEmpty()) {
      return first;
    }
    if (first.isEmpty()) {
      return second;
    }
    List<JsonNode> all = new ArrayList<>(first);
    for (JsonNode node : second) {
      if (all.stream().noneMatch(n -> n == node)) {
        all.add(node);
      }
    }
    return all;
  }
}
