package dev.mds.engine;

/**
 * What an engine (for one table format) can do, which decides how materializations write a
 * change: materializations are written once against these and the {@link Dialect}, never against
 * an engine's name.
 *
 * @param transactions multi-statement transactions with DDL that roll back: a rebuild and its
 *     audit run in one, so a failure leaves yesterday's relation. Without them a rebuild is staged
 *     in a relation of its own, audited there, and swapped in by {@link #createOrReplaceTable}
 * @param createOrReplaceTable {@code create or replace table t as ...} replaces {@code t} in one
 *     step and leaves the old one when it fails (DuckDB; Spark with Delta or Iceberg)
 * @param createOrReplaceView {@code create or replace view}
 * @param merge {@code merge into t using s on ...}
 * @param deleteUsing {@code delete from t ... where} rows matching a staged set (delete+insert)
 * @param insertOverwrite {@code insert overwrite} of the partitions the new rows touch
 * @param tempTables session-private temp tables for staging; else staging relations are real
 *     tables next to the target, dropped afterwards
 * @param alterColumns {@code alter table ... add/drop column} (on_schema_change)
 * @param attach other DuckDB files attached by alias ({@code attach:}, {@code --defer})
 * @param servingCopy the read-only serving copy of the database file ({@code --publish})
 * @param fileExports DuckDB's file functions in the engine itself: {@code COPY ... TO} for
 *     {@code materialized: external}, {@code read_csv} for seeds (an engine without them gets
 *     seeds' rows read by mds's own DuckDB and written with SQL)
 */
public record Capabilities(boolean transactions, boolean createOrReplaceTable,
    boolean createOrReplaceView, boolean merge, boolean deleteUsing, boolean insertOverwrite,
    boolean tempTables, boolean alterColumns, boolean attach, boolean servingCopy,
    boolean fileExports) {

  /** Everything DuckDB does, as mds has always used it. */
  public static final Capabilities DUCKDB = new Capabilities(true, true, true, true, true, false,
      true, true, true, true, true);

  /** The same with multi-statement transactions switched off (or on). */
  public Capabilities withTransactions(boolean on) {
    return new Capabilities(on, createOrReplaceTable, createOrReplaceView, merge, deleteUsing,
        insertOverwrite, tempTables, alterColumns, attach, servingCopy, fileExports);
  }

  /** The same with session-private temp tables switched off (or on). */
  public Capabilities withTempTables(boolean on) {
    return new Capabilities(transactions, createOrReplaceTable, createOrReplaceView, merge,
        deleteUsing, insertOverwrite, on, alterColumns, attach, servingCopy, fileExports);
  }
}
