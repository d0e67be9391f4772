package dev.mds.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns a relation offers to the query that reads it: a node, a CTE, a subquery or the
 * query itself.
 *
 * @param known whether {@code columns} is the whole column list
 * @param node the node this relation is, if it is one: columns outside the list are then still
 *     traceable to it by name
 * @param declaredOnly the list comes from schema YAML (a source's declared columns), which may
 *     leave columns out
 * @param grain the columns that identify a row, when declared or evident (a {@code group by})
 * @param label how a warning names the relation: the node's name, {@code CTE orders}, ...
 */
record Shape(List<Column> columns, boolean known, Optional<String> node, boolean declaredOnly,
    List<String> grain, String label) {

  /** One output column and what it is computed from. */
  record Column(String name, Derivation derivation) {
  }

  Shape {
    columns = List.copyOf(columns);
    grain = List.copyOf(grain);
  }

  static Shape unknown(String label) {
    return new Shape(List.of(), false, Optional.empty(), false, List.of(), label);
  }

  /** A node's columns, each traced to itself. */
  static Shape ofNode(String uniqueId, List<String> names, boolean known, boolean declaredOnly,
      List<String> grain, String label) {
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(new Column(name, Derivation.of(new ColumnRef(uniqueId, name))));
    }
    return new Shape(columns, known, Optional.of(uniqueId), declaredOnly, grain, label);
  }

  Optional<Column> column(String name) {
    for (Column column : columns) {
      if (column.name().equalsIgnoreCase(name)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** Whether the relation may have columns beyond {@link #columns}. */
  boolean open() {
    return !known || declaredOnly;
  }

  /** What column {@code name} of this relation is computed from. */
  Derivation derivation(String name) {
    Optional<Column> column = column(name);
    if (column.isPresent()) {
      return column.get().derivation();
    }
    if (node.isPresent() && open()) {
      return Derivation.of(new ColumnRef(node.get(), name));
    }
    return Derivation.UNKNOWN;
  }

  /** Everything any column is computed from (a scalar subquery's value, say). */
  Derivation all() {
    Derivation all = known ? Derivation.NONE : Derivation.UNKNOWN;
    for (Column column : columns) {
      all = all.plus(column.derivation());
    }
    return all;
  }

  /** The shape with its first columns renamed, as {@code t(a, b)} or a CTE's column list does. */
  Shape renamed(List<String> aliases) {
    if (aliases.isEmpty()) {
      return this;
    }
    if (!known || aliases.size() > columns.size()) {
      return unknown(label);
    }
    List<Column> renamed = new ArrayList<>();
    List<String> newGrain = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      String name = i < aliases.size() ? aliases.get(i) : column.name();
      renamed.add(new Column(name, column.derivation()));
      if (grain.stream().anyMatch(g -> g.equalsIgnoreCase(column.name()))) {
        newGrain.add(name);
      }
    }
    // A renamed node is no longer addressable by the node's own column names.
    return new Shape(renamed, true, Optional.empty(), false,
        newGrain.size() == grain.size() ? newGrain : List.of(), label);
  }

  Shape labelled(String newLabel) {
    return new Shape(columns, known, node, declaredOnly, grain, newLabel);
  }

  Shape withGrain(List<String> newGrain) {
    return new Shape(columns, known, node, declaredOnly, newGrain, label);
  }

  /** The column list as lower-case names, for comparisons. */
  List<String> lowerNames() {
    return columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
  }
}
