package dev.mds.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names visible at one point of a query: CTEs, the FROM clause's relations, {@code USING}
 * columns and select-list aliases, then whatever the enclosing query sees (correlated subqueries
 * and lateral joins look outward). Name lookup follows DuckDB: relation columns first, then
 * aliases; case never matters.
 */
final class Scope {

  /** A column merged by {@code USING} (or a natural join): one value taken from either side. */
  record UsingColumn(String name, Lazy<List<Binding>> sides) {
  }

  private final Scope parent;
  private final List<Binding> bindings;
  private final List<UsingColumn> using;
  private final Map<String, RelationShape> ctes = new HashMap<>();
  private final Map<String, Derivation> aliases = new HashMap<>();

  private Scope(Scope parent, List<Binding> bindings, List<UsingColumn> using) {
    this.parent = parent;
    this.bindings = List.copyOf(bindings);
    this.using = List.copyOf(using);
  }

  static Scope root() {
    return new Scope(null, List.of(), List.of());
  }

  /** A scope that will hold a WITH clause's CTEs. */
  Scope forCtes() {
    return new Scope(this, List.of(), List.of());
  }

  /** The scope of a SELECT over {@code bindings}. */
  Scope forSelect(List<Binding> from, List<UsingColumn> usingColumns) {
    return new Scope(this, from, usingColumns);
  }

  List<Binding> bindings() {
    return bindings;
  }

  List<UsingColumn> using() {
    return using;
  }

  void defineCte(String name, RelationShape shape) {
    ctes.put(key(name), shape);
  }

  void defineAlias(String name, Derivation derivation) {
    aliases.putIfAbsent(key(name), derivation);
  }

  Optional<RelationShape> cte(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      RelationShape shape = s.ctes.get(key(name));
      if (shape != null) {
        return Optional.of(shape);
      }
    }
    return Optional.empty();
  }

  /** Resolves a column reference ({@code a}, {@code t.a}, {@code main.t.a}, {@code s.field}). */
  Resolution resolve(List<String> names) {
    if (names.size() > 1) {
      for (Scope s = this; s != null; s = s.parent) {
        Optional<Resolution> hit = s.qualified(names);
        if (hit.isPresent()) {
          return hit.get();
        }
      }
    }
    // Unqualified, or a struct field access whose first part is a column.
    String column = names.get(0);
    for (Scope s = this; s != null; s = s.parent) {
      Resolution hit = s.unqualified(column);
      if (hit != null) {
        return hit;
      }
    }
    return new Resolution.Unresolved("column " + String.join(".", names) + " was not found in"
        + " any relation whose columns are known");
  }

  private Optional<Resolution> qualified(List<String> names) {
    for (Binding b : bindings) {
      if (b.alias().equalsIgnoreCase(names.get(0))) {
        return Optional.of(new Resolution.Found(b, names.get(1)));
      }
    }
    for (Binding b : bindings) {
      if (b.table().isEmpty()) {
        continue;
      }
      if (names.size() >= 3 && b.schema().equalsIgnoreCase(names.get(0))
          && b.table().equalsIgnoreCase(names.get(1))) {
        return Optional.of(new Resolution.Found(b, names.get(2)));
      }
      if (names.size() >= 4 && b.schema().equalsIgnoreCase(names.get(1))
          && b.table().equalsIgnoreCase(names.get(2))) {
        return Optional.of(new Resolution.Found(b, names.get(3)));
      }
    }
    return Optional.empty();
  }

  /** The column in this scope alone, or null to look further out. */
  private Resolution unqualified(String column) {
    for (UsingColumn u : using) {
      if (u.name().equalsIgnoreCase(column)) {
        Derivation merged = Derivation.NONE;
        for (Binding side : u.sides().get()) {
          merged = merged.plus(side.shape().derivation(column));
        }
        return new Resolution.Derived(merged);
      }
    }
    List<Binding> having = new ArrayList<>();
    List<Binding> open = new ArrayList<>();
    for (Binding b : bindings) {
      if (b.shape().column(column).isPresent()) {
        having.add(b);
      } else if (b.shape().open()) {
        open.add(b);
      }
    }
    if (having.size() == 1) {
      return new Resolution.Found(having.get(0), column);
    }
    if (having.size() > 1) {
      return new Resolution.Unresolved("column " + column + " is in more than one relation");
    }
    boolean isAlias = aliases.containsKey(key(column));
    if (open.size() == 1 && !isAlias) {
      // Only one relation in scope can have it: the query would not run otherwise.
      return new Resolution.Found(open.get(0), column);
    }
    if (!open.isEmpty()) {
      return new Resolution.Unresolved("column " + column + " may come from "
          + (isAlias ? "a select-list alias or " : "") + "any of "
          + open.stream().map(b -> b.relation().label()).toList()
          + ", whose columns are not all known");
    }
    if (isAlias) {
      return new Resolution.Derived(aliases.get(key(column)));
    }
    return null;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
