package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of {@code PIVOT} and {@code UNPIVOT}. A pivot's columns come from its {@code IN}
 * list, named as DuckDB names them ({@code value}, or {@code value_aggregate} with several
 * aggregates or an aliased one); without an {@code IN} list they depend on the data, which DuckDB
 * will not even serialise, so the model's lineage is reported unknown.
 */
final class PivotShape {

  private final QueryWalker walker;
  private final Findings findings;

  PivotShape(QueryWalker walker, Findings findings) {
    this.walker = walker;
    this.findings = findings;
  }

  Shape shape(JsonNode ref, Scope scope) {
    QueryWalker.From source = walker.from(ref.path("source"), scope);
    Scope inner = scope.forSelect(source.bindings(), source.using());
    List<Shape.Column> columns = new ArrayList<>();
    boolean known = true;
    for (Binding b : source.bindings()) {
      columns.addAll(b.shape().columns());
      known &= b.shape().known();
    }
    Shape whole = new Shape(columns, known, Optional.empty(), false, List.of(), "pivot");
    return ref.has("unpivot_names") ? unpivot(ref, whole) : pivot(ref, inner, whole);
  }

  private Shape pivot(JsonNode ref, Scope inner, Shape whole) {
    List<String> combinations = List.of("");
    Derivation on = Derivation.NONE;
    Set<String> used = new HashSet<>();
    for (JsonNode pivot : ref.path("pivots")) {
      JsonNode entries = pivot.path("entries");
      if (entries.size() == 0) {
        findings.unknown("a PIVOT without an IN list has columns that depend on the data");
        return Shape.unknown("pivot");
      }
      for (JsonNode expression : pivot.path("pivot_expressions")) {
        on = on.plus(walker.expression(expression, inner, Set.of()));
        names(expression, used);
      }
      List<String> next = new ArrayList<>();
      for (String prefix : combinations) {
        for (JsonNode entry : entries) {
          Optional<String> name = entryName(entry);
          if (name.isEmpty()) {
            findings.unknown("a PIVOT IN list entry that is not a constant");
            return Shape.unknown("pivot");
          }
          next.add(prefix.isEmpty() ? name.get() : prefix + "_" + name.get());
        }
      }
      combinations = next;
    }
    List<JsonNode> aggregates = new ArrayList<>();
    ref.path("aggregates").forEach(aggregates::add);
    List<String> aggregateNames = new ArrayList<>();
    boolean suffix = aggregates.size() > 1
        || aggregates.stream().anyMatch(a -> !Ast.text(a, "alias").isEmpty());
    for (JsonNode aggregate : aggregates) {
      names(aggregate, used);
      String alias = Ast.text(aggregate, "alias");
      Optional<String> name = alias.isEmpty() ? walker.autoName(aggregate) : Optional.of(alias);
      if (name.isEmpty()) {
        findings.unknown("the name of a PIVOT aggregate could not be found");
        return Shape.unknown("pivot");
      }
      aggregateNames.add(name.get());
    }
    List<Shape.Column> columns = new ArrayList<>();
    List<String> groups = Ast.strings(ref.path("groups"));
    if (!groups.isEmpty()) {
      for (String group : groups) {
        columns.add(new Shape.Column(group, whole.derivation(group)));
      }
    } else if (!whole.known()) {
      findings.unknown("a PIVOT without GROUP BY over a relation whose columns are unknown");
      return Shape.unknown("pivot");
    } else {
      // Every column not pivoted or aggregated becomes a group.
      for (Shape.Column c : whole.columns()) {
        if (!used.contains(c.name().toLowerCase(Locale.ROOT))) {
          columns.add(c);
        }
      }
    }
    for (String combination : combinations) {
      for (int i = 0; i < aggregates.size(); i++) {
        String name = suffix ? combination + "_" + aggregateNames.get(i) : combination;
        columns.add(new Shape.Column(name,
            walker.expression(aggregates.get(i), inner, Set.of()).plus(on)));
      }
    }
    return new Shape(columns, true, Optional.empty(), false, groups, "pivot");
  }

  private Shape unpivot(JsonNode ref, Shape whole) {
    List<String> valueNames = Ast.strings(ref.path("unpivot_names"));
    JsonNode pivot = ref.path("pivots").path(0);
    List<String> nameColumns = Ast.strings(pivot.path("unpivot_names"));
    JsonNode entries = pivot.path("entries");
    if (entries.size() == 0 || !whole.known() || nameColumns.size() != 1) {
      findings.unknown("an UNPIVOT whose columns are not listed, or over unknown columns");
      return Shape.unknown("unpivot");
    }
    Set<String> unpivoted = new HashSet<>();
    List<Derivation> values = new ArrayList<>();
    valueNames.forEach(v -> values.add(Derivation.NONE));
    for (JsonNode entry : entries) {
      List<String> items = entryValues(entry, true).orElse(List.of());
      if (items.size() != valueNames.size()) {
        findings.unknown("an UNPIVOT entry that is not a list of column names");
        return Shape.unknown("unpivot");
      }
      for (int i = 0; i < items.size(); i++) {
        String column = items.get(i);
        unpivoted.add(column.toLowerCase(Locale.ROOT));
        values.set(i, values.get(i).plus(whole.derivation(column)));
      }
    }
    List<Shape.Column> columns = new ArrayList<>();
    for (Shape.Column c : whole.columns()) {
      if (!unpivoted.contains(c.name().toLowerCase(Locale.ROOT))) {
        columns.add(c);
      }
    }
    // The name column holds the unpivoted columns' names: data from no column.
    columns.add(new Shape.Column(nameColumns.get(0), Derivation.NONE));
    for (int i = 0; i < valueNames.size(); i++) {
      columns.add(new Shape.Column(valueNames.get(i), values.get(i)));
    }
    return new Shape(columns, true, Optional.empty(), false, List.of(), "unpivot");
  }

  /** What DuckDB names a pivot column for one IN-list entry. */
  private static Optional<String> entryName(JsonNode entry) {
    String alias = Ast.text(entry, "alias");
    if (!alias.isEmpty()) {
      return Optional.of(alias);
    }
    return entryValues(entry, false).filter(parts -> !parts.isEmpty())
        .map(parts -> String.join("_", parts));
  }

  /**
   * An IN-list entry's values as text, or empty when one is not a constant (or, for an UNPIVOT,
   * a column name). DuckDB 1.x lists them as {@code values} (or an {@code expr} when not
   * constant); 2.0 writes one expression, {@code star_expr}: a constant, a column or
   * {@code row(...)} of several.
   */
  private static Optional<List<String>> entryValues(JsonNode entry, boolean columnNames) {
    if (entry.has("expr")) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (!entry.has("star_expr")) {
      entry.path("values").forEach(value -> parts.add(Ast.value(value)));
      return Optional.of(parts);
    }
    JsonNode expression = entry.path("star_expr");
    List<JsonNode> items = Ast.text(expression, "class").equals("FUNCTION")
        && Ast.text(expression, "function_name").equalsIgnoreCase("row")
        ? Ast.arguments(expression) : List.of(expression);
    for (JsonNode item : items) {
      Optional<String> text = Ast.constant(item);
      if (text.isEmpty() && columnNames && Ast.text(item, "class").equals("COLUMN_REF")) {
        List<String> names = Ast.strings(item.path("column_names"));
        text = Optional.of(names.get(names.size() - 1));
      }
      if (text.isEmpty()) {
        return Optional.empty();
      }
      parts.add(text.get());
    }
    return Optional.of(parts);
  }

  private static void names(JsonNode node, Set<String> into) {
    if (Ast.text(node, "class").equals("COLUMN_REF")) {
      List<String> names = Ast.strings(node.path("column_names"));
      into.add(names.get(names.size() - 1).toLowerCase(Locale.ROOT));
    } else if (node.isContainerNode()) {
      node.forEach(child -> names(child, into));
    }
  }
}
