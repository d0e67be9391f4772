package dev.mds.execution;

import dev.mds.MdsException;
import dev.mds.compile.Compiler;
import dev.mds.compile.ParseResult;
import dev.mds.engine.Dialect;
import dev.mds.engine.DuckDbError;
import dev.mds.engine.EngineConnection;
import dev.mds.engine.EngineOptions;
import dev.mds.engine.Engines;
import dev.mds.engine.SqlLiteral;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.graph.UnitTest;
import dev.mds.schema.ColumnSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a unit test: each input the model reads becomes a relation holding the test's fixture rows
 * (or none), typed as the input's declared columns, or else as the input's own SQL describes on
 * empty inputs; the model's SQL runs on them and its rows are compared with the expected ones as
 * multisets on the expected columns. On a DuckDB target this happens in a DuckDB of its own, in
 * memory (the target database is never opened, so unit tests run on a fresh clone); on any other
 * engine (Spark) it happens on the target's engine, as dbt runs unit tests on the warehouse, so
 * the engine's SQL semantics are what is tested: inputs are temporary views of the session
 * ({@link UnitTestWorkspace}), nothing is written to the catalog.
 */
final class UnitTestRunner {

  private static final Pattern REF = Pattern.compile(
      "ref\\(\\s*['\"]([^'\"]+)['\"](?:\\s*,\\s*['\"]([^'\"]+)['\"])?\\s*\\)");
  private static final Pattern SOURCE = Pattern.compile(
      "source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)");

  private static final Pattern TIMESTAMP = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?");

  private final ParseResult parsed;
  private final Compiler compiler;
  /**
   * The columns an input's relation has in the target database, when a run has it open: the last
   * resort for an input nothing else describes (a source that declares no columns), as dbt reads
   * them. Only its catalog is read; the test itself still runs in memory.
   */
  private final java.util.function.Function<Relation, Map<String, String>> targetColumns;

  UnitTestRunner(ParseResult parsed, Compiler compiler) {
    this(parsed, compiler, relation -> Map.of());
  }

  /**
   * The target's engine when it is not DuckDB (unit tests run there); null: an in-memory DuckDB.
   */
  private final Warehouse engine;

  UnitTestRunner(ParseResult parsed, Compiler compiler,
      java.util.function.Function<Relation, Map<String, String>> targetColumns) {
    this(parsed, compiler, targetColumns, null);
  }

  /**
   * @param warehouse the run's open warehouse: unit tests run on it when the target's engine is
   *     not DuckDB; null (or a DuckDB target) runs them in memory
   */
  UnitTestRunner(ParseResult parsed, Compiler compiler,
      java.util.function.Function<Relation, Map<String, String>> targetColumns,
      Warehouse warehouse) {
    this.parsed = parsed;
    this.compiler = compiler;
    this.targetColumns = targetColumns;
    this.engine = warehouse != null && runsOnEngine(parsed) ? warehouse : null;
  }

  /** Whether the target's unit tests run on its engine (every engine but DuckDB). */
  static boolean runsOnEngine(ParseResult parsed) {
    return !"duckdb".equals(parsed.project().target().type());
  }

  /**
   * Runs unit tests alone ({@code mds test -s test_type:unit}): the target is never opened for
   * writing and never created; an input nothing in the project describes takes its columns from
   * the database file's catalog, read-only, when the file exists and nobody holds it.
   */
  static List<NodeResult> runAlone(ParseResult parsed, List<String> order, RunListener listener) {
    if (runsOnEngine(parsed)) {
      // The engine is what is tested: opened (not built in), its catalog read for inputs
      // nothing else describes.
      try (Warehouse warehouse = Engines.open(parsed.project().target(),
          EngineOptions.forReading(0, note -> { }))) {
        return runAll(new UnitTestRunner(parsed, Compiler.offline(parsed),
            relation -> engineColumns(warehouse, relation), warehouse), parsed, order, listener);
      }
    }
    java.nio.file.Path database = parsed.project().target().databasePath();
    UnitTestRunner runner = new UnitTestRunner(parsed, Compiler.offline(parsed),
        relation -> readOnlyColumns(database, relation));
    return runAll(runner, parsed, order, listener);
  }

  private static Map<String, String> engineColumns(Warehouse warehouse, Relation relation) {
    try (EngineConnection connection = warehouse.connect()) {
      return connection.columns(relation.toString());
    } catch (SQLException | RuntimeException e) {
      return Map.of();
    }
  }

  private static List<NodeResult> runAll(UnitTestRunner runner, ParseResult parsed,
      List<String> order, RunListener listener) {
    List<NodeResult> results = new ArrayList<>();
    listener.runStarted(order.size(), 1);
    int index = 0;
    for (String id : order) {
      UnitTest test = (UnitTest) parsed.manifest().nodes().get(id);
      index++;
      listener.nodeStarted(test, index, order.size());
      NodeResult result = runner.run(test);
      results.add(result);
      listener.nodeFinished(test, result, index, order.size());
    }
    return results;
  }

  private static Map<String, String> readOnlyColumns(java.nio.file.Path database,
      Relation relation) {
    if (database == null || !java.nio.file.Files.isRegularFile(database)) {
      return Map.of();
    }
    java.util.Properties readOnly = new java.util.Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection connection =
        DriverManager.getConnection("jdbc:duckdb:" + database, readOnly)) {
      return new dev.mds.engine.Session(connection).columns(relation.toString());
    } catch (SQLException | RuntimeException e) {
      return Map.of();
    }
  }

  NodeResult run(UnitTest test) {
    Instant start = Instant.now();
    Optional<String> sql = Optional.empty();
    try (UnitTestWorkspace workspace = engine != null ? new UnitTestWorkspace.OnEngine(engine)
        : new UnitTestWorkspace.Memory(DriverManager.getConnection("jdbc:duckdb:"))) {
      Run run = new Run(test, workspace);
      try {
        sql = Optional.of(run.modelSql());
        return run.compare(sql.get(), start);
      } catch (SQLException e) {
        return error(test, start, sql, workspace.summary(e));
      }
    } catch (SQLException e) {
      return error(test, start, sql, DuckDbError.summary(e.getMessage()));
    } catch (MdsException e) {
      return error(test, start, sql, e.getMessage());
    } catch (RuntimeException e) {
      return error(test, start, sql, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static NodeResult error(UnitTest test, Instant start, Optional<String> sql,
      String message) {
    String text = message.contains("unit test '" + test.name() + "'") ? message
        : test.file() + ": unit test '" + test.name() + "': " + message;
    return new NodeResult(test.uniqueId(), RunStatus.ERROR, text, OptionalLong.empty(), start,
        Instant.now(), sql);
  }

  /** One unit test's run on its own connection. */
  private final class Run {
    private final UnitTest test;
    private final UnitTestWorkspace workspace;
    private final Model model;
    private final Manifest manifest;
    private final Map<String, UnitTest.Fixture> fixtures = new HashMap<>();
    private final Set<String> created = new HashSet<>();
    /** Inputs' shapes, per test: runs on several threads share the runner, not this. */
    private final Map<String, Map<String, String>> shapes = new HashMap<>();

    Run(UnitTest test, UnitTestWorkspace workspace) {
      this.test = test;
      this.workspace = workspace;
      this.manifest = parsed.manifest();
      this.model = (Model) manifest.nodes().get(test.model());
      for (UnitTest.Fixture fixture : test.given()) {
        fixtures.put(inputId(fixture.input()), fixture);
      }
    }

    /** The unique id an input names ({@code this} for this). */
    private String inputId(String input) {
      if (input.equals("this")) {
        return "this";
      }
      Matcher ref = REF.matcher(input);
      if (ref.matches()) {
        String name = ref.group(2) != null ? ref.group(2) : ref.group(1);
        for (Node node : manifest.nodes().values()) {
          if ((node instanceof Model || node instanceof Seed) && node.name().equals(name)) {
            return node.uniqueId();
          }
        }
        throw MdsException.at(test.file(), "unit test '" + test.name() + "' gives " + input
            + ", which names no enabled model or seed");
      }
      Matcher source = SOURCE.matcher(input);
      if (source.matches()) {
        for (Node node : manifest.nodes().values()) {
          if (node instanceof Source s && s.sourceName().equals(source.group(1))
              && s.name().equals(source.group(2))) {
            return s.uniqueId();
          }
        }
        throw MdsException.at(test.file(), "unit test '" + test.name() + "' gives " + input
            + ", which is not declared in schema YAML");
      }
      throw MdsException.at(test.file(), "unit test '" + test.name() + "' has input: " + input
          + "; write ref('model'), source('source', 'table') or this");
    }

    String modelSql() throws SQLException {
      boolean incremental = truthy(test.macroOverrides().get("is_incremental"));
      Relation self = workspace.relation(model);
      if (fixtures.containsKey("this") || incremental) {
        // An incremental run with no rows given for this reads an empty table of its shape.
        create(self, fixtures.getOrDefault("this", new UnitTest.Fixture("this", "dict",
            List.of(), Optional.empty())), shape(model));
      }
      return compiler.unitTestSql(model, this::input, this::input, self, incremental,
          test.varOverrides(), test.envOverrides());
    }

    /** An input's table in memory, made on first use from its fixture or empty. */
    private Object input(Node node) {
      Relation relation = workspace.relation(node);
      if (created.add(node.uniqueId())) {
        UnitTest.Fixture fixture = fixtures.getOrDefault(node.uniqueId(),
            new UnitTest.Fixture(node.uniqueId(), "dict", List.of(), Optional.empty()));
        try {
          create(relation, fixture, shape(node));
        } catch (SQLException e) {
          throw MdsException.at(test.file(), "unit test '" + test.name() + "': the rows given"
              + " for " + node.name() + " do not load: " + workspace.summary(e));
        }
      }
      return relation;
    }

    private void create(Relation relation, UnitTest.Fixture fixture, Map<String, String> shape)
        throws SQLException {
      workspace.createInput(relation, fixtureSql(fixture, shape));
    }

    /** One identifier quoted as the workspace's engine quotes. */
    private String q(String identifier) {
      return workspace.dialect().quote(identifier);
    }

    NodeResult compare(String sql, Instant start) throws SQLException {
      Path compiled = parsed.project().targetDir().resolve("compiled")
          .resolve(parsed.project().name()).resolve("unit_tests").resolve(model.name())
          .resolve(test.name() + ".sql");
      write(compiled, sql);
      String actual;
      try {
        actual = workspace.keep("actual", "select * from (\n" + sql + "\n) mds_model");
      } catch (SQLException e) {
        throw MdsException.at(test.file(), "unit test '" + test.name() + "': model "
            + model.name() + " fails on the given rows: " + workspace.summary(e));
      }
      Map<String, String> actualTypes = describe("select * from " + actual);
      String expected = workspace.keep("expected", fixtureSql(test.expect(), Map.of()));
      List<String> columns = new ArrayList<>(describe("select * from " + expected).keySet());
      for (String column : columns) {
        String returned = actualTypes.keySet().stream().filter(column::equalsIgnoreCase)
            .findFirst().orElse(null);
        if (returned != null && !returned.equals(column)) {
          // DuckDB's names are case-insensitive: Name and name are one column.
          actualTypes.put(column, actualTypes.get(returned));
        }
        if (returned == null) {
          throw MdsException.at(test.file(), "unit test '" + test.name() + "' expects column "
              + column + ", which model " + model.name() + " does not return (it returns "
              + String.join(", ", actualTypes.keySet()) + ")");
        }
      }
      StringBuilder actualCols = new StringBuilder();
      StringBuilder expectedCols = new StringBuilder();
      for (String column : columns) {
        String quoted = q(column);
        if (actualCols.length() > 0) {
          actualCols.append(", ");
          expectedCols.append(", ");
        }
        actualCols.append(quoted);
        // The expected values take the types the model returns, so 1 and 1.0 compare equal.
        expectedCols.append("cast(").append(quoted).append(" as ")
            .append(actualTypes.get(column)).append(") as ").append(quoted);
      }
      List<List<String>> missing = rows("select " + expectedCols + " from " + expected
          + " except all select " + actualCols + " from " + actual);
      List<List<String>> extra = rows("select " + actualCols + " from " + actual
          + " except all select " + expectedCols + " from " + expected);
      String display = parsed.project().display(compiled);
      if (missing.isEmpty() && extra.isEmpty()) {
        return new NodeResult(test.uniqueId(), RunStatus.PASS, "PASS", OptionalLong.of(0),
            start, Instant.now(), Optional.of(sql));
      }
      List<String> headers = new ArrayList<>();
      headers.add("diff");
      headers.addAll(columns);
      List<List<String>> diff = new ArrayList<>();
      for (List<String> row : missing) {
        List<String> line = new ArrayList<>(List.of("- expected"));
        line.addAll(row);
        diff.add(line);
      }
      for (List<String> row : extra) {
        List<String> line = new ArrayList<>(List.of("+ actual"));
        line.addAll(row);
        diff.add(line);
      }
      StringBuilder message = new StringBuilder("unit test " + test.name() + " on model "
          + model.name() + " failed: " + missing.size() + " expected row"
          + (missing.size() == 1 ? "" : "s") + " missing, " + extra.size() + " unexpected row"
          + (extra.size() == 1 ? "" : "s") + " (compared on " + String.join(", ", columns)
          + ")");
      if (missing.size() == extra.size()) {
        // As many rows missing as extra: most often the same rows with some values wrong.
        java.util.Set<String> differ = new java.util.LinkedHashSet<>();
        for (int r = 0; r < missing.size(); r++) {
          for (int c = 0; c < columns.size(); c++) {
            if (!missing.get(r).get(c).equals(extra.get(r).get(c))) {
              differ.add(columns.get(c));
            }
          }
        }
        message.append("; the values differ in ").append(String.join(", ", differ));
      }
      long count = missing.size() + extra.size();
      return new NodeResult(test.uniqueId(), RunStatus.FAIL, message.toString(),
          OptionalLong.of(count), start, Instant.now(), Optional.of(sql),
          Optional.of(new TestFailures(count, "!= expected", headers, diff, display)));
    }

    /** The SELECT that yields a fixture's rows, typed by {@code shape} where it knows a type. */
    private String fixtureSql(UnitTest.Fixture fixture, Map<String, String> shape)
        throws SQLException {
      return switch (fixture.format()) {
        case "sql" -> "select * from (\n" + Compiler.trimStatement(
            String.valueOf(fixture.rows())) + "\n) mds_fixture";
        case "csv" -> csvSql(String.valueOf(fixture.rows()), shape);
        default -> dictSql(castList(fixture.rows()), shape);
      };
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> castList(Object rows) {
      return (List<Map<String, Object>>) rows;
    }

    private String dictSql(List<Map<String, Object>> rows, Map<String, String> shape) {
      List<String> columns = new ArrayList<>(shape.keySet());
      for (Map<String, Object> row : rows) {
        for (String key : row.keySet()) {
          if (!columns.contains(key) && columns.stream().noneMatch(key::equalsIgnoreCase)) {
            columns.add(key);
          }
        }
      }
      if (columns.isEmpty()) {
        return "select null as mds_no_columns where false";
      }
      if (rows.isEmpty()) {
        List<String> nulls = new ArrayList<>();
        for (String column : columns) {
          // (A column of the shape without a type reads as "null", as it always has on DuckDB.)
          nulls.add("cast(null as " + (shape.containsKey(column) ? shape.get(column)
              : workspace.textType()) + ") as " + q(column));
        }
        return "select " + String.join(", ", nulls) + " where false";
      }
      List<String> tuples = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        List<String> values = new ArrayList<>();
        for (String column : columns) {
          Object value = valueOf(row, column);
          String type = typeOf(shape, column);
          if (type == null) {
            type = temporalType(rows, column);
          }
          String literal = literal(value, workspace.dialect());
          values.add(type != null ? "cast(" + literal + " as " + type + ")"
              : value == null && !givenAnywhere(rows, column)
                  ? "cast(null as " + workspace.textType() + ")"
              : literal);
        }
        tuples.add("(" + String.join(", ", values) + ")");
      }
      List<String> names = columns.stream().map(this::q).toList();
      return "select * from (values " + String.join(",\n  ", tuples) + ") mds_rows("
          + String.join(", ", names) + ")";
    }

    /**
     * For a column of unknown type whose values are all ISO dates or timestamps written as text
     * ({@code opened_at: "2016-09-01T00:00:00"}), that type, as DuckDB's CSV sniffer would read
     * them; null otherwise (the literals then type themselves).
     */
    private String temporalType(List<Map<String, Object>> rows, String column) {
      boolean any = false;
      boolean allDates = true;
      for (Map<String, Object> row : rows) {
        Object value = valueOf(row, column);
        if (value == null) {
          continue;
        }
        String text = String.valueOf(value).strip();
        if (!(value instanceof String) || !TIMESTAMP.matcher(text).matches()) {
          return null;
        }
        any = true;
        allDates &= text.length() == 10;
      }
      return !any ? null : allDates ? "date" : "timestamp";
    }

    private boolean givenAnywhere(List<Map<String, Object>> rows, String column) {
      return rows.stream().anyMatch(r -> valueOf(r, column) != null);
    }

    private Object valueOf(Map<String, Object> row, String column) {
      if (row.containsKey(column)) {
        return row.get(column);
      }
      for (Map.Entry<String, Object> e : row.entrySet()) {
        if (e.getKey().equalsIgnoreCase(column)) {
          return e.getValue();
        }
      }
      return null;
    }

    private String typeOf(Map<String, String> shape, String column) {
      if (shape.containsKey(column)) {
        return shape.get(column);
      }
      for (Map.Entry<String, String> e : shape.entrySet()) {
        if (e.getKey().equalsIgnoreCase(column)) {
          return e.getValue();
        }
      }
      return null;
    }

    /**
     * CSV rows are read by DuckDB's CSV reader from a file in the temporary folder (removed
     * after): every column as text, then cast to the input's type, or to what DuckDB detects.
     * In memory the rows stay in a DuckDB temp table; on another engine they are written into
     * the fixture's SQL as literals cast to those types (the engine's names for DuckDB's).
     */
    private String csvSql(String text, Map<String, String> shape) throws SQLException {
      Path file;
      try {
        file = Files.createTempFile("mds-unit-fixture", ".csv");
        Files.writeString(file, text.strip() + "\n");
      } catch (IOException e) {
        throw new MdsException("Cannot write a temporary file for a csv fixture: "
            + e.getMessage(), e);
      }
      try {
        String path = SqlLiteral.string(file.toString());
        if (workspace instanceof UnitTestWorkspace.OnEngine onEngine) {
          return onEngine.csvRows(path, rows -> {
            Map<String, String> types = new LinkedHashMap<>(shape);
            rows.detected().forEach((column, type) -> {
              if (typeOf(shape, column) == null) {
                types.put(column, workspace.dialect().columnType(type));
              }
            });
            return dictSql(rows.rows(), types);
          });
        }
        Map<String, String> detected = describe("select * from read_csv(" + path
            + ", header = true)");
        List<String> selected = new ArrayList<>();
        for (String column : shape.keySet()) {
          if (detected.keySet().stream().noneMatch(column::equalsIgnoreCase)) {
            String type = shape.get(column);
            selected.add("cast(null as " + (type == null ? "varchar" : type) + ") as "
                + Relation.quote(column));
          }
        }
        for (String column : detected.keySet()) {
          String type = typeOf(shape, column);
          selected.add("cast(" + Relation.quote(column) + " as "
              + (type != null ? type : detected.get(column)) + ") as " + Relation.quote(column));
        }
        // Materialised now: the file goes when this returns.
        String table = "mds_csv_" + Math.abs(System.nanoTime());
        execute("create temp table " + table + " as select " + String.join(", ", selected)
            + " from read_csv(" + path + ", header = true, all_varchar = true)");
        return "select * from " + table;
      } finally {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // The temporary folder is the system's to clean.
        }
      }
    }

    private Map<String, String> describe(String query) throws SQLException {
      return workspace.describe(query);
    }

    private List<List<String>> rows(String query) throws SQLException {
      return workspace.rows(query);
    }

    private void execute(String sql) throws SQLException {
      workspace.execute(sql);
    }

    /**
     * An input's columns and types (null where unknown): what its own SQL returns on empty
     * inputs (a seed's: its CSV's), with the types declared in YAML over those.
     */
    private Map<String, String> shape(Node node) {
      Map<String, String> cached = shapes.get(node.uniqueId());
      if (cached != null) {
        return cached;
      }
      shapes.put(node.uniqueId(), Map.of()); // a cycle through this describes as nothing
      Map<String, String> shape = new LinkedHashMap<>();
      try {
        if (node instanceof Seed seed) {
          shape.putAll(workspace.seedColumns(SqlLiteral.string(
              parsed.project().resolve(seed.file()).toString())));
          seed.config().get("column_types").filter(Map.class::isInstance)
              .map(m -> (Map<?, ?>) m)
              .ifPresent(types -> types.forEach((k, v) -> shape.put(String.valueOf(k),
                  String.valueOf(v))));
        } else if (node instanceof Model upstream && !upstream.isPython()) {
          String sql = compiler.unitTestSql(upstream, this::emptyInput, this::emptyInput,
              workspace.relation(upstream), false, test.varOverrides(), test.envOverrides());
          shape.putAll(describe("select * from (\n" + sql + "\n) mds_upstream"));
        }
      } catch (SQLException | RuntimeException e) {
        // Not describable without data or the target (a file it reads, a macro that queries):
        // the declared columns and the fixture's own values decide.
      }
      if (shape.isEmpty() && !(node instanceof Model m && m.isEphemeral())) {
        shape.putAll(targetColumns.apply(node.relation()));
      }
      for (ColumnSpec column : node.columns()) {
        String name = column.name();
        String existing = shape.keySet().stream().filter(name::equalsIgnoreCase).findFirst()
            .orElse(name);
        if (column.dataType().isPresent()) {
          shape.put(existing, column.dataType().get());
        } else {
          shape.putIfAbsent(existing, null);
        }
      }
      shapes.put(node.uniqueId(), shape);
      return shape;
    }

    /** An upstream input while describing: no rows, its columns typed. */
    private Object emptyInput(Node node) {
      Map<String, String> shape = shape(node);
      if (shape.isEmpty()) {
        throw new MdsException("no known columns for " + node.name());
      }
      List<String> columns = new ArrayList<>();
      shape.forEach((name, type) -> columns.add("cast(null as "
          + (type == null ? workspace.textType() : type) + ") as " + q(name)));
      return "(select " + String.join(", ", columns) + " where false)";
    }
  }

  private void write(Path path, String sql) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, sql);
    } catch (IOException e) {
      // The SQL file only helps to reproduce; the test's outcome does not depend on it.
    }
  }

  private static boolean truthy(Object value) {
    return value != null && Boolean.parseBoolean(String.valueOf(value).strip());
  }

  /** A YAML value as a SQL literal DuckDB types by itself. */
  static String literal(Object value) {
    return literal(value, dev.mds.engine.DuckDbDialect.INSTANCE);
  }

  /** A YAML value as a SQL literal the engine of {@code dialect} types by itself. */
  static String literal(Object value, Dialect dialect) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return String.valueOf(value);
    }
    if (value instanceof java.util.Date date) {
      java.text.SimpleDateFormat format = new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm:ss");
      format.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
      return dialect.string(format.format(date));
    }
    return dialect.string(String.valueOf(value));
  }
}
