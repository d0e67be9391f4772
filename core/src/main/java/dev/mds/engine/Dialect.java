package dev.mds.engine;

import dev.mds.graph.Quoting;
import dev.mds.graph.Relation;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL an engine needs for what mds writes itself (materializations, seeds, audits, row
 * counts), so that materializations are written once. Each default is the SQL mds has always
 * written for DuckDB; an engine overrides what it spells differently. Relations arrive already
 * rendered in the engine's quoting ({@link Relation#toString()} follows the target's
 * {@link Quoting}); column names arrive raw and are quoted here.
 */
public interface Dialect {

  /**
   * The profile {@code type} this dialect is for ({@code duckdb}, {@code spark}): dbt's
   * {@code target.type}, the prefix {@code adapter.dispatch} tries first ({@code spark__x}).
   */
  String type();

  /** The engine's name in messages a user reads ("which DuckDB does not know"). */
  default String engineName() {
    return type();
  }

  /** How identifiers are quoted. */
  Quoting quoting();

  /** One identifier quoted. */
  default String quote(String identifier) {
    return quoting().quote(identifier);
  }

  /** A SQL string literal of {@code text} (DuckDB doubles quotes; Spark escapes with backslashes). */
  default String string(String text) {
    return SqlLiteral.string(text);
  }

  /**
   * The SQL that reads the files at {@code path} (absolute, wildcards allowed) in
   * {@code format} ({@code parquet} or {@code json}) as a parenthesised subquery, for a source
   * with a {@code location}; empty where mds's own file scan (DuckDB's readers) applies.
   */
  default java.util.Optional<String> readFiles(String format, String path) {
    return java.util.Optional.empty();
  }

  /**
   * The SQL that reads CSV files as DuckDB's {@code read_csv} would ({@link CsvScan}: layout,
   * names, DuckDB's types), as a parenthesised subquery; empty where DuckDB's reader runs the
   * call itself. {@code scan} is asked only by an engine that needs it (it starts DuckDB).
   */
  default java.util.Optional<String> readCsv(java.util.function.Supplier<CsvScan> scan) {
    return java.util.Optional.empty();
  }

  /**
   * Whether {@code location} is a URI the engine's own readers take and mds cannot inspect on
   * this machine: DuckDB's {@code s3://}, {@code https://}, ... (httpfs reads them); an engine
   * with a Hadoop file system also {@code file:/x} and {@code dbfs:/x}.
   */
  default boolean isRemote(String location) {
    return location.matches("(?s)[A-Za-z][A-Za-z0-9+.-]+://.*");
  }

  /**
   * The SQL that reads the CSV files at {@code uri} ({@link #isRemote}) with the engine's own CSV
   * reader, as a parenthesised subquery, with only what the project says of their layout (mds
   * cannot read them to find out); empty where DuckDB's {@code read_csv} reads the URI itself.
   *
   * @param layout {@code delimiter}, {@code quote}, {@code escape}, {@code header}
   *     ({@code true}/{@code false}), {@code encoding}, {@code on_error} ({@code skip}) when set
   * @param where the source or model and its file, for errors
   */
  default java.util.Optional<String> readCsvAt(String uri, java.util.Map<String, String> layout,
      String where) {
    return java.util.Optional.empty();
  }

  /**
   * The statement(s) that write {@code select}'s rows as files in {@code format} ({@code parquet},
   * {@code csv}, {@code json}) into the new folder {@code path}, split into folders by
   * {@code partitionBy}, with the writer's {@code options} ({@code header}, {@code sep},
   * {@code compression}); {@code scratch} is a name the engine may use for a table it drops
   * again. Empty where DuckDB's {@code COPY} writes them ({@link Capabilities#fileExports}).
   */
  default java.util.Optional<String> writeFiles(Relation scratch, String select, String path,
      String format, List<String> partitionBy, java.util.Map<String, String> options) {
    return java.util.Optional.empty();
  }

  /**
   * Creates table {@code relation} from {@code select}, replacing one that exists, in one
   * statement ({@link Capabilities#createOrReplaceTable}); {@code options} are the model's table
   * options, which an engine without them ignores.
   */
  default String createTableAs(Relation relation, String select, TableOptions options) {
    return "create or replace table " + relation + " as\n" + select;
  }

  /**
   * Creates (or replaces) the empty table {@code relation} with {@code columns}, an enforced
   * contract's {@code (name type [not null], ...)} definition; {@code options} as in
   * {@link #createTableAs}.
   */
  default String createTableWithColumns(Relation relation, String columns, TableOptions options) {
    return "create or replace table " + relation + " " + columns;
  }

  /**
   * Whether {@code create table} enforces {@code unique}, {@code primary key} and {@code check}
   * constraints written in the column list (DuckDB). An engine that does not (Spark) gets only
   * {@code not null} there, and {@code check}s through {@link #addCheckConstraint}.
   */
  default boolean inlineKeyConstraints() {
    return true;
  }

  /** Adds an enforced {@code check} constraint to a created table (engines without inline ones). */
  default String addCheckConstraint(Relation relation, String name, String expression) {
    return "alter table " + relation + " add constraint " + quote(name) + " check ("
        + expression + ")";
  }

  /** Creates or replaces view {@code relation}. */
  default String createViewAs(Relation relation, String select) {
    return "create or replace view " + relation + " as\n" + select;
  }

  default String dropTable(Relation relation) {
    return "drop table " + relation;
  }

  default String dropView(Relation relation) {
    return "drop view " + relation;
  }

  default String dropTableIfExists(String relationSql) {
    return "drop table if exists " + relationSql;
  }

  /**
   * Where new rows are staged before they are applied to {@code target} (incremental models,
   * snapshots) or where a rebuild is built before it is swapped in: a session-private temp table
   * when the engine has them ({@link Capabilities#tempTables}), else a table next to the target
   * whose name starts with the target's and {@code __mds_} ({@code orders__mds_new_orders}):
   * dropped when the build fails, and, if a kill left it, by the next run that writes the target
   * ({@link Warehouse#removeLeftovers}).
   *
   * @param name the staging table's name, unique per model ({@code __mds_new_orders})
   */
  default String stagingName(Relation target, String name, boolean tempTables) {
    return tempTables ? quote(name) : target.named(target.identifier() + name).toString();
  }

  /** Creates (or replaces) the staging table {@code name} from {@code select}. */
  default String createStagingTable(String name, String select, boolean tempTables) {
    return "create or replace " + (tempTables ? "temp " : "") + "table " + name + " as\n" + select;
  }

  /** Drops the staging table {@code name} when its work is done. */
  default String dropStagingTable(String name) {
    return "drop table " + name;
  }

  /** Appends {@code source}'s rows to {@code target}, column by column. */
  default String insert(Relation target, String source, List<String> columns) {
    String list = columnList(columns, "");
    return "insert into " + target + " (" + list + ") select " + list + " from " + source;
  }

  /**
   * Deletes the rows of {@code target} whose {@code key} matches a row of {@code source}
   * (delete+insert's first half; {@link Capabilities#deleteUsing}).
   */
  default String deleteMatching(Relation target, String source, List<String> key) {
    return "delete from " + target + " as t using " + source + " as s where " + keyMatch(key);
  }

  /**
   * Sets {@code assignment} ({@code "col" = <expression over x>}) on the rows of {@code target}
   * (alias {@code t}) that {@code condition} matches against the rows of {@code query} (alias
   * {@code x}): DuckDB updates with a join; an engine whose UPDATE cannot join merges instead.
   */
  default String updateFrom(Relation target, String assignment, String query, String condition) {
    return "update " + target + " as t set " + assignment + " from (" + query + ") as x where "
        + condition;
  }

  /**
   * Upserts {@code source} into {@code target} on {@code key}: matched rows get every non-key
   * column, the others are inserted ({@link Capabilities#merge}).
   */
  default String merge(Relation target, String source, List<String> key, List<String> columns) {
    StringJoiner updates = new StringJoiner(", ");
    for (String column : columns) {
      if (!key.contains(column)) {
        updates.add(quote(column) + " = s." + quote(column));
      }
    }
    String whenMatched = updates.length() == 0 ? ""
        : " when matched then update set " + updates;
    return "merge into " + target + " as t using " + source + " as s on (" + keyMatch(key) + ")"
        + whenMatched + " when not matched then insert (" + columnList(columns, "")
        + ") values (" + columnList(columns, "s.") + ")";
  }

  /**
   * Replaces the partitions of {@code target} that {@code source}'s rows fall in (the whole table
   * when it has no partitions); {@link Capabilities#insertOverwrite}.
   */
  default String insertOverwrite(Relation target, String source, List<String> columns,
      TableOptions options) {
    throw new UnsupportedOperationException(type() + " has no insert overwrite");
  }

  default String addColumn(Relation relation, String column, String type) {
    return "alter table " + relation + " add column " + quote(column) + " " + type;
  }

  default String dropColumn(Relation relation, String column) {
    return "alter table " + relation + " drop column " + quote(column);
  }

  /** A query returning one row with one number: the rows of {@code relationSql}. */
  default String rowCount(String relationSql) {
    return "select count(*) from " + relationSql;
  }

  /** {@code select}'s first {@code limit} rows ({@code mds show}). */
  default String limit(String select, int limit) {
    return "select * from (\n" + select + "\n) limit " + limit;
  }

  /** {@code a} equals {@code b}, nulls equal to each other (keys of merges and snapshots). */
  default String nullSafeEquals(String a, String b) {
    return a + " is not distinct from " + b;
  }

  /**
   * The engine's type for a column DuckDB typed as {@code duckDbType} (seeds are inspected by
   * DuckDB in every engine: {@code VARCHAR}, {@code BIGINT}, {@code DOUBLE},
   * {@code DECIMAL(18,2)}, {@code DATE}, {@code TIMESTAMP}, {@code BOOLEAN}, ...).
   */
  default String columnType(String duckDbType) {
    return duckDbType;
  }

  /** {@code t.k is not distinct from s.k and ...} over {@code key}. */
  default String keyMatch(List<String> key) {
    StringJoiner match = new StringJoiner(" and ");
    for (String column : key) {
      String q = quote(column);
      match.add(nullSafeEquals("t." + q, "s." + q));
    }
    return match.toString();
  }

  /** Quoted column names, each after {@code prefix}, comma separated. */
  default String columnList(List<String> columns, String prefix) {
    StringJoiner list = new StringJoiner(", ");
    for (String column : columns) {
      list.add(prefix + quote(column));
    }
    return list.toString();
  }
}
