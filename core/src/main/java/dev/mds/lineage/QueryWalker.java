package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one statement's syntax tree, scope by scope, and works out the columns of every query in
 * it and what each is computed from. Along the way it records the relations read, joins on part
 * of a grain, and anything it could not trace.
 */
final class QueryWalker {

  /** Table functions that read files: reading them directly bypasses {@code source()}. */
  private static final Set<String> FILE_READERS = Set.of("read_csv", "read_csv_auto",
      "read_parquet", "parquet_scan", "read_json", "read_json_auto", "read_ndjson",
      "read_ndjson_auto", "read_json_objects", "read_text", "read_blob", "read_xlsx", "sniff_csv");
  /** Table functions whose one column DuckDB names after the function itself. */
  private static final Set<String> SERIES_FUNCTIONS = Set.of("range", "generate_series");
  /**
   * Names DuckDB parses as columns but, when no relation has such a column, calls as functions
   * without parentheses ({@code current_date}): values computed from no column.
   */
  private static final Set<String> KEYWORD_FUNCTIONS = Set.of("current_date", "current_time",
      "current_timestamp", "localtime", "localtimestamp", "current_user", "current_role",
      "current_catalog", "current_database", "current_schema", "current_query", "session_user",
      "user");
  /** Functions that change how one value is written, not what it means. */
  private static final Set<String> RESPELLING = Set.of("lower", "upper", "lcase", "ucase",
      "trim", "ltrim", "rtrim", "strip_accents", "nfc_normalize");
  /** Schemas of DuckDB's own catalog views, which are not project data. */
  private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog");

  private final Relations relations;
  private final DuckDbParser parser;
  private final String sql;
  private final JsonNode tree;
  private final Findings findings;
  private final StarExpansion stars;
  private final PivotShape pivots;
  private final JoinKeyCheck keys;
  private final boolean tracing;

  /**
   * @param tracing whether to trace column lineage; without it only joins and reads are checked,
   *     and a parent's columns are worked out only where a name cannot be placed otherwise
   */
  QueryWalker(Relations relations, DuckDbParser parser, String sql, JsonNode tree,
      Findings findings, boolean tracing) {
    this.tracing = tracing;
    this.relations = relations;
    this.parser = parser;
    this.sql = sql;
    this.tree = tree;
    this.findings = findings;
    this.stars = new StarExpansion(this, parser, findings);
    this.pivots = new PivotShape(this, findings);
    this.keys = new JoinKeyCheck(findings);
  }

  /** The statement's output columns. */
  Shape statement() {
    return query(tree, Scope.root());
  }

  Findings findings() {
    return findings;
  }

  /** A query node: SELECT, a set operation, with its WITH clause. */
  Shape query(JsonNode node, Scope outer) {
    Scope scope = withCtes(node, outer);
    String type = Ast.text(node, "type");
    return switch (type) {
      case "SELECT_NODE" -> select(node, scope);
      case "SET_OPERATION_NODE" -> setOperation(node, scope);
      default -> {
        findings.unknown("a " + type.toLowerCase(Locale.ROOT).replace('_', ' ')
            + " is not traced");
        yield Shape.unknown("query");
      }
    };
  }

  private Scope withCtes(JsonNode node, Scope outer) {
    JsonNode entries = node.path("cte_map").path("map");
    if (entries.size() == 0) {
      return outer;
    }
    Scope scope = outer.forCtes();
    for (JsonNode entry : entries) {
      String name = Ast.text(entry, "key");
      Optional<Model> ephemeral = relations.ephemeral(name);
      if (ephemeral.isPresent()) {
        // An inlined ephemeral model is a parent like any other; its own SQL is traced on its own.
        scope.defineCte(name, relations.relation(ephemeral.get(), findings));
        continue;
      }
      JsonNode value = entry.path("value");
      JsonNode body = Ast.cteQuery(value);
      List<String> aliases = Ast.strings(value.path("aliases"));
      Shape shape = Ast.text(body, "type").equals("RECURSIVE_CTE_NODE")
          ? recursive(name, body, aliases, scope)
          : query(body, scope).renamed(aliases);
      scope.defineCte(name, RelationShape.of(shape.labelled("CTE " + name)));
    }
    return scope;
  }

  /**
   * A recursive CTE: the base case, then the recursive step over the columns found so far until
   * nothing new is added (sources only ever grow, so this ends).
   */
  private Shape recursive(String name, JsonNode body, List<String> aliases, Scope scope) {
    Shape current = query(body.path("left"), scope).renamed(aliases);
    for (int round = 0; round < 10; round++) {
      Scope inner = scope.forCtes();
      inner.defineCte(name, RelationShape.of(current));
      Shape next = union(current, query(body.path("right"), inner), "UNION");
      if (next.equals(current)) {
        return current;
      }
      current = next;
    }
    return current;
  }

  private Shape select(JsonNode node, Scope ctes) {
    From from = from(node.path("from_table"), ctes);
    Scope scope = ctes.forSelect(from.bindings(), from.using());
    List<Shape.Column> columns = new ArrayList<>();
    // For each output column, the relation column it passes through unchanged, if any.
    List<Optional<String>> origins = new ArrayList<>();
    boolean known = true;
    for (JsonNode item : node.path("select_list")) {
      if (Ast.kind(item).equals("STAR")) {
        StarExpansion.Expanded expanded = stars.expand(item, scope);
        known &= expanded.known();
        for (StarExpansion.Item column : expanded.columns()) {
          columns.add(column.column());
          origins.add(column.origin());
        }
        continue;
      }
      Derivation derivation = expression(item, scope, Set.of());
      Optional<String> name = outputName(item);
      if (name.isEmpty()) {
        findings.unknown("the name DuckDB gives an unaliased expression could not be found");
        known = false;
        continue;
      }
      columns.add(new Shape.Column(name.get(), derivation));
      origins.add(origin(item, scope, from));
      scope.defineAlias(name.get(), derivation);
    }
    // Filters and ordering add no lineage, but their subqueries read tables and join.
    findings.quietly(() -> {
      for (String clause : List.of("where_clause", "having", "qualify")) {
        expression(node.path(clause), scope, Set.of());
      }
      node.path("group_expressions").forEach(g -> expression(g, scope, Set.of()));
      node.path("modifiers").forEach(m -> nested(m, scope, Set.of()));
    });
    if (from.bindings().size() > 1) {
      keys.check(from, scope, node.path("where_clause"));
    }
    List<String> grain = grain(node, from, scope, columns, origins);
    return new Shape(columns, known, Optional.empty(), false, grain, "subquery");
  }

  /**
   * The grain of a query's result, where it is evident: what it groups by (when all of it is
   * selected), or a single relation's grain passed through unchanged.
   */
  private List<String> grain(JsonNode node, From from, Scope scope, List<Shape.Column> columns,
      List<Optional<String>> origins) {
    for (JsonNode modifier : node.path("modifiers")) {
      if (Ast.text(modifier, "type").equals("DISTINCT_MODIFIER")) {
        return List.of();
      }
    }
    List<String> grain = new ArrayList<>();
    JsonNode groups = node.path("group_expressions");
    if (groups.size() > 0) {
      for (JsonNode group : groups) {
        Optional<String> output = groupOutput(group, from, scope, columns, origins);
        if (output.isEmpty()) {
          return List.of();
        }
        grain.add(output.get());
      }
      return grain;
    }
    if (from.bindings().size() != 1 || !Ast.text(node, "aggregate_handling")
        .equals("STANDARD_HANDLING")) {
      return List.of();
    }
    Binding only = from.bindings().get(0);
    for (String column : only.relation().grain()) {
      int at = origins.indexOf(Optional.of(originKey(only, column)));
      if (at < 0) {
        return List.of();
      }
      grain.add(columns.get(at).name());
    }
    return grain;
  }

  /** The output column a GROUP BY key shows up as: by position, alias or passed-through column. */
  private Optional<String> groupOutput(JsonNode group, From from, Scope scope,
      List<Shape.Column> columns, List<Optional<String>> origins) {
    Optional<Integer> constant = Ast.integer(group);
    if (constant.isPresent()) {
      int position = constant.get();
      return position >= 1 && position <= columns.size()
          ? Optional.of(columns.get(position - 1).name()) : Optional.empty();
    }
    Optional<String> origin = origin(group, scope, from);
    if (origin.isPresent()) {
      int at = origins.indexOf(origin);
      return at < 0 ? Optional.empty() : Optional.of(columns.get(at).name());
    }
    if (Ast.kind(group).equals("COLUMN_REF")) {
      List<String> names = Ast.strings(group.path("column_names"));
      if (names.size() == 1) {
        return columns.stream().map(Shape.Column::name)
            .filter(n -> n.equalsIgnoreCase(names.get(0))).findFirst();
      }
    }
    return Optional.empty();
  }

  /** For a plain column reference to a relation of this FROM clause, which column it is. */
  private Optional<String> origin(JsonNode expression, Scope scope, From from) {
    if (!Ast.kind(expression).equals("COLUMN_REF")) {
      return Optional.empty();
    }
    Resolution resolution = scope.resolve(Ast.strings(expression.path("column_names")));
    if (resolution instanceof Resolution.Found found
        && from.bindings().stream().anyMatch(b -> b == found.binding())) {
      return Optional.of(originKey(found.binding(), found.column()));
    }
    return Optional.empty();
  }

  /** Names a relation's column within one FROM clause, where aliases are unique. */
  static String originKey(Binding binding, String column) {
    return binding.alias().toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
  }

  /** The name DuckDB gives an unaliased expression, e.g. {@code upper(market)}. */
  Optional<String> autoName(JsonNode expression) {
    return parser.autoName(sql, tree, expression);
  }

  private Optional<String> outputName(JsonNode item) {
    String alias = Ast.text(item, "alias");
    if (!alias.isEmpty()) {
      return Optional.of(alias);
    }
    if (Ast.kind(item).equals("COLUMN_REF")) {
      List<String> names = Ast.strings(item.path("column_names"));
      return Optional.of(names.get(names.size() - 1));
    }
    return autoName(item);
  }

  private Shape setOperation(JsonNode node, Scope scope) {
    List<JsonNode> parts = new ArrayList<>();
    if (node.has("children")) {
      node.path("children").forEach(parts::add);
    } else {
      parts.add(node.path("left"));
      parts.add(node.path("right"));
    }
    String operation = Ast.text(node, "setop_type");
    Shape result = query(parts.get(0), scope);
    for (JsonNode part : parts.subList(1, parts.size())) {
      result = union(result, query(part, scope), operation);
    }
    return result.withGrain(List.of()).labelled("subquery");
  }

  /** Combines two queries' columns the way a set operation lines them up. */
  private Shape union(Shape left, Shape right, String operation) {
    boolean byName = operation.equals("UNION_BY_NAME");
    if (!left.known() || byName && !right.known()) {
      findings.unknown("a " + operation.toLowerCase(Locale.ROOT).replace('_', ' ')
          + " over queries whose columns are unknown");
      return Shape.unknown("subquery");
    }
    // EXCEPT returns left rows only; the right side just filters them.
    boolean addRight = !operation.equals("EXCEPT");
    List<Shape.Column> columns = new ArrayList<>();
    if (byName) {
      columns.addAll(left.columns().stream().map(c -> new Shape.Column(c.name(),
          right.column(c.name()).map(r -> c.derivation().plus(r.derivation()))
              .orElse(c.derivation()))).toList());
      for (Shape.Column r : right.columns()) {
        if (left.column(r.name()).isEmpty()) {
          columns.add(r);
        }
      }
      return new Shape(columns, true, Optional.empty(), false, List.of(), "subquery");
    }
    boolean aligned = right.known() && right.columns().size() == left.columns().size();
    if (!aligned) {
      findings.unknown("a " + operation.toLowerCase(Locale.ROOT)
          + " whose second query's columns are unknown");
    }
    for (int i = 0; i < left.columns().size(); i++) {
      Shape.Column c = left.columns().get(i);
      Derivation d = c.derivation();
      if (!aligned) {
        d = d.plus(Derivation.UNKNOWN);
      } else if (addRight) {
        d = d.plus(right.columns().get(i).derivation());
      }
      columns.add(new Shape.Column(c.name(), d));
    }
    return new Shape(columns, true, Optional.empty(), false, List.of(), "subquery");
  }

  /** One join in a FROM clause, with the relations on either side of it. */
  record JoinSite(JsonNode join, List<Binding> left, List<Binding> right) {
  }

  /** A FROM clause: its relations in order, the joins between them, merged USING columns. */
  record From(List<Binding> bindings, List<JoinSite> joins, List<Scope.UsingColumn> using) {

    static final From EMPTY = new From(List.of(), List.of(), List.of());

    static From of(Binding binding) {
      return new From(List.of(binding), List.of(), List.of());
    }
  }

  From from(JsonNode ref, Scope scope) {
    if (Ast.absent(ref)) {
      return From.EMPTY;
    }
    String type = Ast.text(ref, "type");
    String alias = Ast.text(ref, "alias");
    List<String> renames = Ast.strings(ref.path("column_name_alias"));
    switch (type) {
      case "EMPTY":
        return From.EMPTY;
      case "BASE_TABLE":
        return From.of(baseTable(ref, scope, alias, renames));
      case "SUBQUERY": {
        JsonNode subquery = ref.path("subquery").path("node");
        Optional<dev.mds.graph.Source> files = relations.fileSource(subquery);
        RelationShape shape;
        if (files.isPresent()) {
          findings.read(new Findings.Read("the files of source " + files.get().sourceName()
              + "." + files.get().name(), Ast.location(ref),
              Optional.of(files.get().uniqueId()), false));
          shape = relations.relation(files.get(), findings);
        } else {
          shape = RelationShape.of(query(subquery, scope));
        }
        String name = alias.isEmpty() ? "unnamed_subquery" : alias;
        return From.of(new Binding(name, shape.renamed(renames), "", "", true));
      }
      case "JOIN":
        return join(ref, scope);
      case "TABLE_FUNCTION":
        return From.of(tableFunction(ref, scope, alias, renames));
      case "EXPRESSION_LIST":
        return From.of(Binding.of(alias.isEmpty() ? "valueslist" : alias,
            values(ref, scope).renamed(renames)));
      case "PIVOT":
        return From.of(Binding.of(alias.isEmpty() ? "unnamed_pivot" : alias,
            pivots.shape(ref, scope).renamed(renames)));
      default:
        findings.unknown("a " + type.toLowerCase(Locale.ROOT).replace('_', ' ')
            + " in FROM is not traced");
        return From.of(Binding.of(alias, Shape.unknown(type)));
    }
  }

  private Binding baseTable(JsonNode ref, Scope scope, String alias, List<String> renames) {
    String catalog = Ast.text(ref, "catalog_name");
    String schema = Ast.text(ref, "schema_name");
    String table = Ast.text(ref, "table_name");
    String name = alias.isEmpty() ? table : alias;
    if (schema.isEmpty() && catalog.isEmpty()) {
      Optional<RelationShape> cte = scope.cte(table);
      if (cte.isPresent()) {
        return new Binding(name, cte.get().renamed(renames), "", alias.isEmpty() ? table : "",
            true);
      }
    }
    String display = (catalog.isEmpty() ? "" : dev.mds.graph.Relation.quote(catalog) + ".")
        + (schema.isEmpty() ? "" : dev.mds.graph.Relation.quote(schema) + ".")
        + dev.mds.graph.Relation.quote(table);
    if (SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
      findings.unknown("DuckDB's catalog view " + display + " is not traced");
      return new Binding(name, RelationShape.of(Shape.unknown(display)), schema,
          alias.isEmpty() ? table : "", true);
    }
    Optional<Node> node = relations.byRelation(schema, table);
    boolean files = node.isEmpty() && (table.contains("/") || table.contains("."));
    findings.read(new Findings.Read(display, Ast.location(ref), node.map(Node::uniqueId), files));
    RelationShape shape;
    if (node.isPresent()) {
      shape = relations.relation(node.get(), findings);
    } else {
      findings.unknown("the columns of " + display + ", which is not a node of the project,"
          + " are unknown");
      shape = RelationShape.of(Shape.unknown(display));
    }
    return new Binding(name, shape.renamed(renames), schema, alias.isEmpty() ? table : "", true);
  }

  private From join(JsonNode ref, Scope scope) {
    From left = from(ref.path("left"), scope);
    // The right side may be lateral: it sees the left side's relations.
    From right = from(ref.path("right"), scope.forSelect(left.bindings(), left.using()));
    String joinType = Ast.text(ref, "join_type");
    List<Binding> rightBindings = right.bindings();
    if (joinType.equals("SEMI") || joinType.equals("ANTI")) {
      rightBindings = rightBindings.stream().map(Binding::hiddenFromStar).toList();
    }
    List<Binding> bindings = new ArrayList<>(left.bindings());
    bindings.addAll(rightBindings);
    List<JoinSite> joins = new ArrayList<>(left.joins());
    joins.addAll(right.joins());
    joins.add(new JoinSite(ref, left.bindings(), rightBindings));
    List<Scope.UsingColumn> using = new ArrayList<>(left.using());
    using.addAll(right.using());
    List<String> usingNames = Ast.strings(ref.path("using_columns"));
    if (Ast.text(ref, "ref_type").equals("NATURAL")) {
      usingNames = naturalColumns(left.bindings(), right.bindings());
    }
    List<Binding> rightSide = rightBindings;
    for (String name : usingNames) {
      using.add(new Scope.UsingColumn(name, Lazy.of(() -> {
        List<Binding> sides = new ArrayList<>();
        side(left.bindings(), name).ifPresent(sides::add);
        side(rightSide, name).ifPresent(sides::add);
        return sides;
      })));
    }
    // The join condition's subqueries read tables too.
    Scope both = scope.forSelect(bindings, using);
    findings.quietly(() -> expression(ref.path("condition"), both, Set.of()));
    return new From(bindings, joins, using);
  }

  private List<String> naturalColumns(List<Binding> left, List<Binding> right) {
    Set<String> rightNames = new HashSet<>();
    boolean known = true;
    for (Binding b : right) {
      known &= b.shape().known();
      rightNames.addAll(b.shape().lowerNames());
    }
    List<String> common = new ArrayList<>();
    for (Binding b : left) {
      known &= b.shape().known();
      for (Shape.Column c : b.shape().columns()) {
        if (rightNames.contains(c.name().toLowerCase(Locale.ROOT))) {
          common.add(c.name());
        }
      }
    }
    if (!known) {
      findings.unknown("a natural join over relations whose columns are unknown");
    }
    return common;
  }

  /** The one relation on a side of a join that has the column (or could have it). */
  private static Optional<Binding> side(List<Binding> bindings, String column) {
    for (Binding b : bindings) {
      if (b.shape().column(column).isPresent()) {
        return Optional.of(b);
      }
    }
    List<Binding> open = bindings.stream().filter(b -> b.shape().open()).toList();
    return open.size() == 1 ? Optional.of(open.get(0)) : Optional.empty();
  }

  private Binding tableFunction(JsonNode ref, Scope scope, String alias, List<String> renames) {
    JsonNode function = ref.path("function");
    String name = Ast.text(function, "function_name").toLowerCase(Locale.ROOT);
    String bindingName = alias.isEmpty() ? name : alias;
    if (FILE_READERS.contains(name)) {
      findings.read(new Findings.Read(name + "(...)", Ast.location(ref), Optional.empty(), true));
      findings.unknown("the columns of files read with " + name + "() are unknown");
      return Binding.of(bindingName, Shape.unknown(name + "()"));
    }
    // range(), unnest(list), generate_series(): values computed from the arguments alone.
    Derivation arguments = expression(function, scope, Set.of());
    List<String> names = renames;
    if (names.isEmpty() && SERIES_FUNCTIONS.contains(name)) {
      // DuckDB names the one column of range() and generate_series() after the function.
      names = List.of(name);
    }
    if (names.isEmpty()) {
      findings.unknown("the columns of table function " + name + "() are unknown");
      return Binding.of(bindingName, Shape.unknown(name + "()"));
    }
    List<Shape.Column> columns = names.stream()
        .map(r -> new Shape.Column(r, arguments)).toList();
    return Binding.of(bindingName, new Shape(columns, true, Optional.empty(), false, List.of(),
        name + "()"));
  }

  private Shape values(JsonNode ref, Scope scope) {
    JsonNode rows = ref.path("values");
    int width = rows.path(0).size();
    List<Shape.Column> columns = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      Derivation d = Derivation.NONE;
      for (JsonNode row : rows) {
        d = d.plus(expression(row.path(i), scope, Set.of()));
      }
      columns.add(new Shape.Column("col" + i, d));
    }
    return new Shape(columns, true, Optional.empty(), false, List.of(), "values");
  }

  /** What an expression's value is computed from. */
  Derivation expression(JsonNode e, Scope scope, Set<String> lambdaParameters) {
    if (Ast.absent(e)) {
      return Derivation.NONE;
    }
    switch (Ast.text(e, "class")) {
      case "COLUMN_REF": {
        if (!tracing) {
          return Derivation.NONE;
        }
        List<String> names = Ast.strings(e.path("column_names"));
        if (lambdaParameters.contains(names.get(0).toLowerCase(Locale.ROOT))) {
          return Derivation.NONE;
        }
        Resolution resolution = scope.resolve(names);
        if (names.size() == 1 && KEYWORD_FUNCTIONS.contains(names.get(0).toLowerCase(Locale.ROOT))
            && !(resolution instanceof Resolution.Found found
                && found.binding().shape().column(found.column()).isPresent())) {
          return Derivation.NONE.computedBy(e, false);
        }
        if (resolution instanceof Resolution.Found found) {
          return found.binding().shape().derivation(found.column()).passedOn();
        }
        if (resolution instanceof Resolution.Derived derived) {
          return derived.derivation().passedOn();
        }
        findings.unknown(((Resolution.Unresolved) resolution).reason());
        return Derivation.UNKNOWN;
      }
      case "STAR":
        findings.unknown("a * or COLUMNS(...) inside an expression is not traced");
        return Derivation.UNKNOWN;
      case "SUBQUERY": {
        Shape shape = query(e.path("subquery").path("node"), scope);
        Derivation d = expression(e.path("child"), scope, lambdaParameters);
        // EXISTS yields true or false whatever the subquery selects.
        return (Ast.text(e, "subquery_type").equals("EXISTS") ? d : d.plus(shape.all()))
            .computedBy(e, false);
      }
      case "LAMBDA": {
        Set<String> parameters = new HashSet<>(lambdaParameters);
        collectNames(e.path("lhs"), parameters);
        return expression(e.path("expr"), scope, parameters);
      }
      case "POSITIONAL_REFERENCE":
        findings.unknown("a positional column reference (#n) is not traced");
        return Derivation.UNKNOWN;
      default:
        return nested(e, scope, lambdaParameters).computedBy(e, aggregates(e), respells(e));
    }
  }

  /**
   * Whether the expression only respells its one argument: a cast, a change of case, trimmed
   * spaces. A column computed so still means what its source column meant.
   */
  private static boolean respells(JsonNode e) {
    String kind = Ast.text(e, "class");
    if (kind.equals("CAST")) {
      return true;
    }
    return kind.equals("FUNCTION") && RESPELLING.contains(
        Ast.text(e, "function_name").toLowerCase(Locale.ROOT))
        && Ast.arguments(e).size() == 1;
  }

  /** Whether the expression itself aggregates rows ({@code count(*)}, {@code sum(x)}). */
  private boolean aggregates(JsonNode e) {
    return Ast.text(e, "class").equals("FUNCTION")
        && parser.isAggregate(Ast.text(e, "function_name"));
  }

  /** Everything the expressions nested anywhere inside a node are computed from. */
  private Derivation nested(JsonNode node, Scope scope, Set<String> lambdaParameters) {
    Derivation d = Derivation.NONE;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        JsonNode value = field.getValue();
        if (value.isObject() && value.has("class")) {
          d = d.plus(expression(value, scope, lambdaParameters));
        } else if (value.isContainerNode()) {
          d = d.plus(nested(value, scope, lambdaParameters));
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        d = d.plus(element.isObject() && element.has("class")
            ? expression(element, scope, lambdaParameters)
            : nested(element, scope, lambdaParameters));
      }
    }
    return d;
  }

  private static void collectNames(JsonNode node, Set<String> into) {
    if (Ast.text(node, "class").equals("COLUMN_REF")) {
      Ast.strings(node.path("column_names"))
          .forEach(n -> into.add(n.toLowerCase(Locale.ROOT)));
    } else if (node.isContainerNode()) {
      node.forEach(child -> collectNames(child, into));
    }
  }
}
