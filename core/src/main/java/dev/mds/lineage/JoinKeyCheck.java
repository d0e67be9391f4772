package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds joins that match only part of a relation's grain, the classic multi-market bug:
 * {@code on o.member_no = c.member_no} where a customer is {@code (market, member_no)}.
 *
 * <p>A relation with a composite grain is flagged when the join conditions (and the WHERE
 * clause) equate some of its grain columns but not all, and another relation of the same FROM
 * clause has a missing column too (or columns that are unknown), so the key could have been
 * completed. Joining a fact to a dimension on the dimension's whole key (say
 * {@code markets.market}) is left alone even though it is part of the fact's grain.
 */
final class JoinKeyCheck {

  private final Findings findings;

  JoinKeyCheck(Findings findings) {
    this.findings = findings;
  }

  void check(QueryWalker.From from, Scope scope, JsonNode where) {
    List<JsonNode> equalities = new ArrayList<>();
    for (QueryWalker.JoinSite join : from.joins()) {
      conjuncts(join.join().path("condition"), equalities);
    }
    conjuncts(where, equalities);
    for (Binding binding : from.bindings()) {
      List<String> grain = binding.relation().grain();
      if (grain.size() < 2) {
        continue;
      }
      Map<String, Long> covered = new LinkedHashMap<>();
      for (QueryWalker.JoinSite join : from.joins()) {
        for (String using : Ast.strings(join.join().path("using_columns"))) {
          if (contains(grain, using) && joinsOn(join, binding)) {
            covered.putIfAbsent(lower(using), Ast.location(join.join()));
          }
        }
      }
      for (JsonNode equality : equalities) {
        List<Resolution> left = columns(equality.path("left"), scope);
        List<Resolution> right = columns(equality.path("right"), scope);
        onlyGrainColumn(left, right, binding, grain)
            .or(() -> onlyGrainColumn(right, left, binding, grain))
            .ifPresent(c -> covered.putIfAbsent(c, Ast.location(equality)));
      }
      if (covered.isEmpty() || covered.size() == grain.size()) {
        continue;
      }
      List<String> missing = grain.stream().filter(g -> !covered.containsKey(lower(g))).toList();
      boolean completable = from.bindings().stream().filter(o -> o != binding)
          .anyMatch(o -> o.shape().open()
              || missing.stream().anyMatch(m -> o.shape().column(m).isPresent()));
      if (!completable) {
        continue;
      }
      List<String> joinedOn = grain.stream().filter(g -> covered.containsKey(lower(g))).toList();
      String label = binding.relation().label();
      String who = label.equalsIgnoreCase(binding.alias()) ? label
          : label + " (as " + binding.alias() + ")";
      findings.partialKey(covered.values().iterator().next(), "partial key join: " + who
          + " has grain (" + String.join(", ", grain) + ") but is joined on "
          + String.join(", ", joinedOn) + " only; add " + String.join(", ", missing)
          + " to the join condition");
    }
  }

  /**
   * The grain column one side of an equality matches: that side reads that column of the
   * relation and nothing else, and the other side reads columns of other relations. A constant
   * ({@code c.market = 'UK'}) does not count: the other relation's rows still match across it.
   */
  private static Optional<String> onlyGrainColumn(List<Resolution> side, List<Resolution> other,
      Binding binding, List<String> grain) {
    if (side.isEmpty() || other.isEmpty()) {
      return Optional.empty();
    }
    String column = null;
    for (Resolution r : side) {
      if (!(r instanceof Resolution.Found found) || found.binding() != binding
          || column != null && !column.equals(lower(found.column()))) {
        return Optional.empty();
      }
      column = lower(found.column());
    }
    for (Resolution r : other) {
      if (r instanceof Resolution.Found found && found.binding() == binding) {
        return Optional.empty();
      }
    }
    return contains(grain, column) ? Optional.of(column) : Optional.empty();
  }

  /**
   * Whether a USING column of this join is the relation's. A grain column exists in its relation,
   * and a valid query has one such column per side (or columns merged by an earlier USING), so
   * being on either side is enough; no parent has to be analysed to know it.
   */
  private static boolean joinsOn(QueryWalker.JoinSite join, Binding binding) {
    return join.left().stream().anyMatch(b -> b == binding)
        || join.right().stream().anyMatch(b -> b == binding);
  }

  /** The equalities joined by AND, the only ones that must all hold. */
  private static void conjuncts(JsonNode condition, List<JsonNode> into) {
    switch (Ast.text(condition, "type")) {
      case "CONJUNCTION_AND" -> condition.path("children").forEach(c -> conjuncts(c, into));
      case "COMPARE_EQUAL", "COMPARE_NOT_DISTINCT_FROM" -> into.add(condition);
      default -> {
      }
    }
  }

  /** The column references in an expression (not inside subqueries), resolved. */
  private static List<Resolution> columns(JsonNode expression, Scope scope) {
    List<Resolution> found = new ArrayList<>();
    collect(expression, scope, found);
    return found;
  }

  private static void collect(JsonNode node, Scope scope, List<Resolution> into) {
    if (Ast.text(node, "class").equals("COLUMN_REF")) {
      into.add(scope.resolve(Ast.strings(node.path("column_names"))));
    } else if (Ast.text(node, "class").equals("SUBQUERY")) {
      into.add(new Resolution.Unresolved("subquery"));
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, scope, into));
    }
  }

  private static boolean contains(List<String> names, String name) {
    return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
