package dev.mds.spark;

import dev.mds.engine.Capabilities;
import dev.mds.engine.Dialect;
import dev.mds.engine.TableOptions;
import dev.mds.graph.Quoting;
import dev.mds.graph.Relation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Spark SQL as mds writes it: backticks, two-part names, {@code create table ... using <format>}
 * with dbt-spark's table options, Delta's {@code merge} for merge and delete+insert, and
 * {@code insert overwrite} for insert_overwrite.
 */
final class SparkDialect implements Dialect {

  static final SparkDialect INSTANCE = new SparkDialect();

  /** dbt-spark's default on Databricks, and mds's on every Spark. */
  static final String DEFAULT_FORMAT = "delta";

  /** Table formats with ACID tables: replace in one step, merge, delete. */
  private static final Set<String> TRANSACTIONAL_FORMATS = Set.of("delta", "iceberg", "hudi");

  private SparkDialect() {
  }

  @Override
  public String type() {
    return "spark";
  }

  @Override
  public String engineName() {
    return "Spark";
  }

  @Override
  public Quoting quoting() {
    return Quoting.BACKTICKS;
  }

  /**
   * Spark string literals escape with backslashes (mds's own sessions also read a doubled quote
   * as one, {@link DuckDbSyntax}; a Connect server reads two adjacent literals there).
   */
  @Override
  public String string(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The format a model's table is written in. */
  static String format(TableOptions options) {
    return options.fileFormat().map(f -> f.strip().toLowerCase(Locale.ROOT))
        .filter(f -> !f.isEmpty()).orElse(DEFAULT_FORMAT);
  }

  /** What Spark does for a table of {@code options}' format. */
  static Capabilities capabilities(TableOptions options) {
    boolean acid = TRANSACTIONAL_FORMATS.contains(format(options));
    // No multi-statement transactions, no temp tables (temp views are queries, not data):
    // staging relations are tables next to the target.
    return new Capabilities(false, acid, true, acid, acid, true, false, true, false, false,
        false);
  }

  /**
   * Statements of one {@link #createTableAs} that {@link SparkConnection#execute} runs in turn
   * (Spark runs one statement per call): how a table in a format without an atomic replace is
   * replaced.
   */
  static final String NEXT_STATEMENT = ";\n-- mds: next statement\n";

  /**
   * Delta and Iceberg replace a table in one statement. Parquet (and the other plain formats)
   * cannot: the new table is built beside the old one, and only once its SELECT has succeeded is
   * the old one dropped and the new one renamed into place (a table at a fixed location is
   * dropped and re-created, as dbt-spark does).
   */
  @Override
  public String createTableAs(Relation relation, String select, TableOptions options) {
    String format = format(options);
    String clauses = tableClauses(options, format);
    if (TRANSACTIONAL_FORMATS.contains(format)) {
      return "create or replace table " + relation + "\n" + clauses + "as\n" + select;
    }
    if (options.location().isPresent()) {
      return "drop table if exists " + relation + NEXT_STATEMENT + "create table " + relation
          + "\n" + clauses + "as\n" + select;
    }
    Relation swap = relation.named(relation.identifier() + "__mds_swap");
    return "drop table if exists " + swap + NEXT_STATEMENT
        + "create table " + swap + "\n" + clauses + "as\n" + select + NEXT_STATEMENT
        + "drop table if exists " + relation + NEXT_STATEMENT
        + "alter table " + swap + " rename to " + relation;
  }

  /**
   * An enforced contract's table: its columns (with {@code not null}) and the model's table
   * clauses. Parquet has no {@code create or replace}: the stage it is built in is dropped first.
   */
  @Override
  public String createTableWithColumns(Relation relation, String columns, TableOptions options) {
    String format = format(options);
    String create = "create table " + relation + " " + columns + "\n"
        + tableClauses(options, format);
    return TRANSACTIONAL_FORMATS.contains(format) ? "create or replace" + create.substring(6)
        : "drop table if exists " + relation + NEXT_STATEMENT + create;
  }

  /** Spark enforces only {@code not null} and (Delta) {@code check}; keys are not enforced. */
  @Override
  public boolean inlineKeyConstraints() {
    return false;
  }

  /** {@code using ... partitioned by ... clustered by ... location ... tblproperties ...}. */
  String tableClauses(TableOptions options, String format) {
    StringBuilder sql = new StringBuilder("using ").append(format).append('\n');
    if (!options.partitionBy().isEmpty()) {
      sql.append("partitioned by (").append(columnList(options.partitionBy(), ""))
          .append(")\n");
    }
    if (!options.clusteredBy().isEmpty()) {
      sql.append("clustered by (").append(columnList(options.clusteredBy(), ""))
          .append(") into ").append(options.buckets().orElse(1)).append(" buckets\n");
    }
    options.location().ifPresent(l -> sql.append("location ").append(string(l)).append('\n'));
    if (!options.tblproperties().isEmpty()) {
      StringJoiner properties = new StringJoiner(", ", "tblproperties (", ")\n");
      for (Map.Entry<String, String> p : options.tblproperties().entrySet()) {
        properties.add(string(p.getKey()) + " = " + string(p.getValue()));
      }
      sql.append(properties);
    }
    return sql.toString();
  }

  /**
   * A source in parquet or JSON (lines) files is read by Spark's file sources, which take a
   * folder or a glob as DuckDB's readers do.
   */
  @Override
  public java.util.Optional<String> readFiles(String format, String path) {
    String reader = switch (format) {
      case "parquet" -> "parquet";
      case "json", "ndjson", "jsonl" -> "json";
      default -> null;
    };
    return java.util.Optional.ofNullable(reader)
        .map(r -> "(select * from " + r + "." + quote(path) + ")");
  }

  /** CSV files read by Spark's CSV reader as DuckDB's read_csv reads them ({@link SparkCsv}). */
  @Override
  public java.util.Optional<String> readCsv(
      java.util.function.Supplier<dev.mds.engine.CsvScan> scan) {
    return java.util.Optional.of(SparkCsv.read(scan.get(), this));
  }

  /**
   * Any URI with a scheme is Hadoop's to read ({@code s3a://}, {@code abfss://}, {@code gs://},
   * {@code https://}, and also {@code file:/x}, {@code dbfs:/x}); a Windows drive letter is not.
   */
  @Override
  public boolean isRemote(String location) {
    return location.matches("(?s)[A-Za-z][A-Za-z0-9+.-]+:/.*");
  }

  /** A remote CSV read by Spark's CSV reader: {@link SparkCsv#readAt}. */
  @Override
  public java.util.Optional<String> readCsvAt(String uri, Map<String, String> layout,
      String where) {
    return java.util.Optional.of(SparkCsv.readAt(uri, layout, this));
  }

  /**
   * Files written by Spark's writer: a table over the new folder, created from the query and
   * dropped again (a table with a location keeps its files when dropped). Spark writes a folder
   * of part files where DuckDB writes one file.
   */
  @Override
  public java.util.Optional<String> writeFiles(Relation scratch, String select, String path,
      String format, List<String> partitionBy, Map<String, String> options) {
    StringJoiner list = new StringJoiner(", ");
    options.forEach((k, v) -> list.add(string(k) + " = " + string(v)));
    String create = "create table " + scratch + "\nusing " + format + "\n"
        + (options.isEmpty() ? "" : "options (" + list + ")\n")
        + (partitionBy.isEmpty() ? "" : "partitioned by (" + columnList(partitionBy, "") + ")\n")
        + "location " + string(path) + "\nas\n" + select;
    return java.util.Optional.of("drop table if exists " + scratch + NEXT_STATEMENT + create
        + NEXT_STATEMENT + "drop table if exists " + scratch);
  }

  @Override
  public String dropTable(Relation relation) {
    return "drop table if exists " + relation;
  }

  @Override
  public String dropStagingTable(String name) {
    return "drop table if exists " + name;
  }

  @Override
  public String dropView(Relation relation) {
    return "drop view if exists " + relation;
  }

  /**
   * Staging tables are real tables (Spark has no temp tables); Delta so that a rerun replaces
   * one a killed run left behind in one statement.
   */
  @Override
  public String createStagingTable(String name, String select, boolean tempTables) {
    return "create or replace table " + name + " using " + DEFAULT_FORMAT + " as\n" + select;
  }

  /**
   * Delta's delete takes no {@code using}: a merge whose only action deletes the matched rows
   * (one statement, one commit).
   */
  /** Spark's UPDATE takes no FROM: a merge that only updates the matched rows. */
  @Override
  public String updateFrom(Relation target, String assignment, String query, String condition) {
    return "merge into " + target + " as t using (" + query + ") as x on " + condition
        + " when matched then update set " + assignment;
  }

  @Override
  public String deleteMatching(Relation target, String source, List<String> key) {
    return "merge into " + target + " as t using (select distinct " + columnList(key, "")
        + " from " + source + ") as s on (" + keyMatch(key) + ") when matched then delete";
  }

  /**
   * Replaces the partitions {@code source}'s rows fall in (dynamic partition overwrite, which
   * mds's sessions switch on), or the whole table when it has no partitions. Columns are written
   * in the target's order, which for Spark's tables puts partition columns last, as an insert
   * without a column list needs.
   */
  @Override
  public String insertOverwrite(Relation target, String source, List<String> columns,
      TableOptions options) {
    String list = columnList(columns, "");
    return "insert overwrite table " + target + " select " + list + " from " + source;
  }

  @Override
  public String addColumn(Relation relation, String column, String type) {
    return "alter table " + relation + " add columns (" + quote(column) + " " + type + ")";
  }

  @Override
  public String nullSafeEquals(String a, String b) {
    return a + " <=> " + b;
  }

  /** Spark's type for a seed column DuckDB's CSV inspection typed. */
  @Override
  public String columnType(String duckDbType) {
    String type = duckDbType.strip().toUpperCase(Locale.ROOT);
    if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
      return type.replace("NUMERIC", "DECIMAL").toLowerCase(Locale.ROOT);
    }
    return switch (type) {
      case "VARCHAR", "TEXT", "STRING", "UUID", "JSON", "TIME", "INTERVAL" -> "string";
      case "BIGINT", "INT8", "LONG" -> "bigint";
      case "INTEGER", "INT", "INT4", "USMALLINT" -> "int";
      case "SMALLINT", "INT2", "UTINYINT" -> "smallint";
      case "TINYINT", "INT1" -> "tinyint";
      case "UINTEGER" -> "bigint";
      case "UBIGINT" -> "decimal(20,0)";
      case "HUGEINT", "UHUGEINT" -> "decimal(38,0)";
      case "DOUBLE", "FLOAT8" -> "double";
      case "FLOAT", "REAL", "FLOAT4" -> "float";
      case "BOOLEAN", "BOOL" -> "boolean";
      case "DATE" -> "date";
      case "TIMESTAMP", "DATETIME", "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> "timestamp";
      case "BLOB", "BYTEA" -> "binary";
      default -> "string";
    };
  }
}
