package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands {@code *}, {@code t.*} and {@code COLUMNS('regex')} in a select list into the columns
 * of the relations in scope, with {@code EXCLUDE}, {@code REPLACE} and {@code RENAME} applied and
 * {@code USING} columns given once, as DuckDB does.
 */
final class StarExpansion {

  /** One expanded column, and the relation column it passes through unchanged, if it does. */
  record Item(Shape.Column column, Optional<String> origin) {
  }

  /** @param known false when a relation's columns were unknown, so the list may be short */
  record Expanded(List<Item> columns, boolean known) {
  }

  private final QueryWalker walker;
  private final DuckDbParser parser;
  private final Findings findings;

  StarExpansion(QueryWalker walker, DuckDbParser parser, Findings findings) {
    this.walker = walker;
    this.parser = parser;
    this.findings = findings;
  }

  Expanded expand(JsonNode star, Scope scope) {
    String relation = Ast.text(star, "relation_name");
    List<Binding> sources = new ArrayList<>();
    for (Binding b : scope.bindings()) {
      if (relation.isEmpty() ? b.inStar() : b.alias().equalsIgnoreCase(relation)) {
        sources.add(b);
      }
    }
    if (!relation.isEmpty() && sources.isEmpty()) {
      findings.unknown(relation + ".* names no relation in scope");
      return new Expanded(List.of(), false);
    }
    Optional<String> pattern = Optional.empty();
    if (star.path("columns").asBoolean(false) && star.has("expr")) {
      JsonNode expr = star.path("expr");
      if (!Ast.text(expr, "class").equals("CONSTANT")) {
        findings.unknown("COLUMNS(...) with a lambda is not traced");
        return new Expanded(List.of(), false);
      }
      pattern = Ast.constant(expr);
    }
    Set<String> excluded = new HashSet<>();
    star.path("exclude_list").forEach(e -> excluded.add(lower(e.asText())));
    for (JsonNode e : star.path("qualified_exclude_list")) {
      excluded.add(lower(Ast.text(e, "column")));
    }
    Map<String, JsonNode> replaced = new HashMap<>();
    for (JsonNode r : star.path("replace_list")) {
      replaced.put(lower(Ast.text(r, "key")), r.path("value"));
    }
    Map<String, String> renamed = new HashMap<>();
    for (JsonNode r : star.path("rename_list")) {
      renamed.put(lower(Ast.text(r.path("key"), "column")), Ast.text(r, "value"));
    }
    List<Item> items = new ArrayList<>();
    boolean known = true;
    Set<String> usingDone = new HashSet<>();
    for (Binding binding : sources) {
      if (!binding.shape().known()) {
        known = false;
        findings.unknown("select * over " + binding.relation().label()
            + ", whose columns are unknown");
        continue;
      }
      for (Shape.Column column : binding.shape().columns()) {
        String name = lower(column.name());
        if (excluded.contains(name) || pattern.isPresent() && !matches(pattern.get(),
            column.name())) {
          continue;
        }
        Derivation derivation = column.derivation();
        Optional<String> origin = Optional.of(QueryWalker.originKey(binding, column.name()));
        Optional<Scope.UsingColumn> using = relation.isEmpty() ? scope.using().stream()
            .filter(u -> u.name().equalsIgnoreCase(column.name())).findFirst() : Optional.empty();
        if (using.isPresent()) {
          if (!usingDone.add(name)) {
            continue;
          }
          for (Binding side : using.get().sides().get()) {
            derivation = derivation.plus(side.shape().derivation(column.name()));
          }
        }
        if (replaced.containsKey(name)) {
          derivation = walker.expression(replaced.get(name), scope, Set.of());
          origin = Optional.empty();
        }
        items.add(new Item(new Shape.Column(renamed.getOrDefault(name, column.name()),
            derivation), origin));
      }
    }
    return new Expanded(items, known);
  }

  private boolean matches(String pattern, String name) {
    try {
      return parser.columnsPatternMatches(pattern, name);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB could not match COLUMNS('" + pattern + "'): "
          + e.getMessage(), e);
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
