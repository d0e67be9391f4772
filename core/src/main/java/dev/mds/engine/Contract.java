package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import dev.mds.project.YamlValues;
import dev.mds.schema.ColumnSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A model's enforced contract ({@code contract: {enforced: true}}, as dbt defines it): the columns
 * its query must return, by name and type, and the constraints its table carries. The query's
 * shape is compared with the contract before anything is published; a table is then created with
 * the declared columns, types and constraints, so those DuckDB enforces (not null, primary key,
 * unique, check) hold on every row, and foreign keys are left to {@link ContractCheck}.
 *
 * @param aliasTypes dbt's {@code alias_types}: when true (the default) a declared type is
 *     compared as DuckDB reads it ({@code int} is {@code INTEGER}), else as written
 * @param modelConstraints the model's own {@code constraints:} (over several columns)
 */
public record Contract(String model, String file, boolean aliasTypes, List<Column> columns,
    List<Constraint> modelConstraints) {

  /** A contract column: its declared type and its own constraints. */
  public record Column(String name, String dataType, List<Constraint> constraints) { }

  /**
   * One constraint as dbt writes it.
   *
   * @param columns the columns a model-level constraint applies to (a column's own: that column)
   * @param to a foreign key's parent ({@code ref('customers')}, a relation name), or empty
   */
  public record Constraint(String type, Optional<String> name, Optional<String> expression,
      List<String> columns, Optional<String> to, List<String> toColumns) {

    /** Whether DuckDB enforces this constraint on a table mds replaces. */
    boolean enforcedByDuckDb() {
      return !type.equals("foreign_key");
    }
  }

  static final Set<String> TYPES = Set.of("not_null", "unique", "primary_key", "check",
      "foreign_key", "custom");

  /** The key a model's own {@code constraints:} is kept under in its config. */
  static final String MODEL_CONSTRAINTS = "constraints";

  /**
   * The model's contract when its config enforces one. A column without a {@code data_type} is
   * refused, as dbt does: the table could not be created with it.
   */
  public static Optional<Contract> of(Model model) {
    Object config = model.config().values().get("contract");
    if (!(config instanceof Map<?, ?> contract) || !truthy(contract.get("enforced"), true)) {
      return Optional.empty();
    }
    boolean aliasTypes = contract.get("alias_types") == null
        || truthy(contract.get("alias_types"), false);
    List<String> untyped = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec spec : model.columns()) {
      if (spec.dataType().isEmpty() || spec.dataType().get().isBlank()) {
        untyped.add(spec.name());
        continue;
      }
      List<Constraint> constraints = new ArrayList<>();
      for (Map<String, Object> entry : spec.constraints()) {
        constraints.add(constraint(entry, List.of(spec.name()), model.file()));
      }
      columns.add(new Column(spec.name(), spec.dataType().get().strip(), constraints));
    }
    if (!untyped.isEmpty()) {
      throw new MdsException(model.file() + ": model " + model.name() + " has an enforced"
          + " contract, but these columns have no data_type in its schema YAML: "
          + String.join(", ", untyped));
    }
    if (columns.isEmpty()) {
      throw new MdsException(model.file() + ": model " + model.name() + " has an enforced"
          + " contract but no columns in its schema YAML; list each column with its data_type");
    }
    List<Constraint> modelConstraints = new ArrayList<>();
    for (Object entry : YamlValues.list(model.config().values().get(MODEL_CONSTRAINTS))) {
      Map<String, Object> map = YamlValues.map(entry);
      List<String> on = YamlValues.list(map.get("columns")).stream().map(String::valueOf)
          .toList();
      modelConstraints.add(constraint(map, on, model.file()));
    }
    return Optional.of(new Contract(model.name(), model.file(), aliasTypes,
        List.copyOf(columns), List.copyOf(modelConstraints)));
  }

  private static boolean truthy(Object value, boolean strict) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    return value != null && String.valueOf(value).strip().equalsIgnoreCase("true");
  }

  private static Constraint constraint(Map<String, Object> entry, List<String> columns,
      String file) {
    String type = String.valueOf(entry.get("type")).strip().toLowerCase(Locale.ROOT);
    Optional<String> expression = YamlValues.string(entry.get("expression"));
    if (type.equals("check") && expression.isEmpty()) {
      throw new MdsException(file + ": a check constraint on " + columns
          + " needs an expression");
    }
    return new Constraint(type, YamlValues.string(entry.get("name")), expression, columns,
        YamlValues.string(entry.get("to")),
        YamlValues.list(entry.get("to_columns")).stream().map(String::valueOf).toList());
  }

  /**
   * A column's {@code constraints:} from schema YAML, checked for a known {@code type}; each
   * entry is kept as written.
   */
  public static List<Map<String, Object>> constraintEntries(Object value, String column,
      String location) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw MdsException.at(location, "column '" + column + "': constraints must be a list of"
          + " {type: ...} entries, got '" + value + "'");
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> raw) || raw.get("type") == null) {
        throw MdsException.at(location, "'" + column + "': a constraint must be a mapping with"
            + " a type (not_null, unique, primary_key, check, foreign_key, custom), got '"
            + item + "'");
      }
      String type = String.valueOf(raw.get("type")).strip().toLowerCase(Locale.ROOT);
      if (!TYPES.contains(type)) {
        throw MdsException.at(location, "'" + column + "': unknown constraint type '"
            + raw.get("type") + "' (use not_null, unique, primary_key, check, foreign_key or"
            + " custom)");
      }
      entries.add(YamlValues.map(raw));
    }
    return List.copyOf(entries);
  }

  /**
   * A model's schema-YAML config with its model-level {@code constraints:} (a property in dbt)
   * kept in it, where the contract finds them whichever file set them.
   */
  public static Map<String, Object> withModelConstraints(Map<String, Object> config,
      Map<String, Object> entry, String location) {
    if (entry.get("constraints") == null) {
      return config;
    }
    String name = String.valueOf(entry.get("name"));
    constraintEntries(entry.get("constraints"), name, location);
    Map<String, Object> withConstraints = new LinkedHashMap<>(config);
    withConstraints.put(MODEL_CONSTRAINTS, entry.get("constraints"));
    return withConstraints;
  }

  private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile(
      "^\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*(?:,\\s*['\"]([^'\"]+)['\"]\\s*)?\\)\\s*$");

  /**
   * The models the foreign keys of {@code model}'s constraints point to with {@code to:
   * ref('...')}: as in dbt, they are parents of the model, built before it so that the check
   * of its keys reads today's rows.
   */
  public static List<dev.mds.graph.RefCall> foreignKeyRefs(Model model) {
    List<Object> targets = new ArrayList<>();
    model.columns().forEach(c -> c.constraints().forEach(k -> targets.add(k.get("to"))));
    for (Object entry : YamlValues.list(model.config().values().get(MODEL_CONSTRAINTS))) {
      targets.add(YamlValues.map(entry).get("to"));
    }
    List<dev.mds.graph.RefCall> refs = new ArrayList<>();
    for (Object target : targets) {
      java.util.regex.Matcher m = target == null ? null : REF.matcher(String.valueOf(target));
      if (m != null && m.matches()) {
        refs.add(m.group(2) == null
            ? new dev.mds.graph.RefCall(Optional.empty(), m.group(1), model.file(), 0)
            : new dev.mds.graph.RefCall(Optional.of(m.group(1)), m.group(2), model.file(), 0));
      }
    }
    return refs;
  }

  /** The foreign keys, which mds checks itself. */
  public List<Constraint> foreignKeys() {
    List<Constraint> keys = new ArrayList<>();
    columns.forEach(c -> c.constraints().stream()
        .filter(k -> k.type().equals("foreign_key")).forEach(keys::add));
    modelConstraints.stream().filter(k -> k.type().equals("foreign_key")).forEach(keys::add);
    return keys;
  }

  /** Whether any constraint is declared. */
  public boolean hasConstraints() {
    return !modelConstraints.isEmpty()
        || columns.stream().anyMatch(c -> !c.constraints().isEmpty());
  }

  /**
   * Replaces {@code relation} with a table created with the contract's columns, types and
   * constraints, then filled from {@code sql} in the contract's column order: a row breaking a
   * constraint fails the statement, and the transaction around it keeps the previous table.
   */
  void createTable(Session session, Relation relation, String sql, TableOptions options)
      throws SQLException {
    Dialect dialect = session.dialect();
    boolean inline = dialect.inlineKeyConstraints();
    StringJoiner definition = new StringJoiner(",\n  ", "(\n  ", "\n)");
    List<String> checks = new ArrayList<>();
    for (Column column : columns) {
      StringBuilder line = new StringBuilder(dialect.quote(column.name())).append(' ')
          .append(column.dataType());
      for (Constraint constraint : column.constraints()) {
        if (inline || constraint.type().equals("not_null")) {
          columnConstraint(constraint, dialect).ifPresent(c -> line.append(' ').append(c));
        } else if (constraint.type().equals("check")) {
          checks.add(constraint.expression().get());
        }
      }
      for (Constraint constraint : modelConstraints) {
        // DuckDB has no table-level not null: it goes on each column it names.
        if (constraint.type().equals("not_null") && constraint.columns().stream()
            .anyMatch(c -> c.equalsIgnoreCase(column.name()))) {
          line.append(" not null");
        }
      }
      definition.add(line);
    }
    for (Constraint constraint : modelConstraints) {
      if (inline) {
        tableConstraint(constraint, dialect).ifPresent(definition::add);
      } else if (constraint.type().equals("check")) {
        checks.add(constraint.expression().get());
      }
    }
    StringJoiner names = new StringJoiner(", ");
    columns.forEach(c -> names.add(dialect.quote(c.name())));
    session.execute(dialect.createTableWithColumns(relation, definition.toString(), options));
    // Engines without inline checks (Spark: Delta tables) add them before any row goes in;
    // keys (unique, primary and foreign) are not enforced there, as in dbt-spark.
    for (int i = 0; i < checks.size(); i++) {
      session.execute(dialect.addCheckConstraint(relation, relation.identifier() + "_check_"
          + (i + 1), checks.get(i)));
    }
    try {
      session.execute("insert into " + relation + " (" + names + ")\nselect " + names
          + " from (\n" + sql + "\n) as model_subq");
    } catch (SQLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("Constraint Error")) {
        throw new MdsException(file + ": the new rows of model " + model + " break a constraint"
            + " of its contract (" + DuckDbError.summary(message).replace("Constraint Error: ",
            "") + "), so nothing was published and " + relation + " is as it was");
      }
      if (message.contains("CONSTRAINT_VIOLATED") || message.contains("CHECK_CONSTRAINT")) {
        // Delta's NOT NULL and CHECK violations: the stage is dropped, the table kept.
        throw new MdsException(file + ": the new rows of model " + model + " break a constraint"
            + " of its contract (" + message + "), so nothing was published and the model's"
            + " table is as it was");
      }
      throw e;
    }
  }

  private static Optional<String> columnConstraint(Constraint constraint, Dialect dialect) {
    String named = constraint.name().map(n -> "constraint " + dialect.quote(n) + " ")
        .orElse("");
    return switch (constraint.type()) {
      case "not_null" -> Optional.of("not null");
      case "unique" -> Optional.of(named + "unique");
      case "primary_key" -> Optional.of(named + "primary key");
      case "check" -> Optional.of(named + "check (" + constraint.expression().get() + ")");
      case "custom" -> constraint.expression();
      default -> Optional.empty();
    };
  }

  private static Optional<String> tableConstraint(Constraint constraint, Dialect dialect) {
    String named = constraint.name().map(n -> "constraint " + dialect.quote(n) + " ")
        .orElse("");
    StringJoiner on = new StringJoiner(", ", "(", ")");
    constraint.columns().forEach(c -> on.add(dialect.quote(c)));
    return switch (constraint.type()) {
      case "unique" -> Optional.of(named + "unique " + on);
      case "primary_key" -> Optional.of(named + "primary key " + on);
      case "check" -> Optional.of(named + "check (" + constraint.expression().get() + ")");
      case "custom" -> constraint.expression();
      default -> Optional.empty();
    };
  }
}
