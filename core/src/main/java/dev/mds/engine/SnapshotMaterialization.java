package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code materialized: snapshot}: dbt's type-2 history of a query. The first run creates the
 * table with the meta columns; each later run, in one transaction, closes the current version of
 * every changed (and, with {@code hard_deletes}, vanished) key and inserts its new version, so a
 * run that fails anywhere leaves the history as it was. The query's rows are staged once in a
 * temp table: keys, the change test and both writes all read the same rows.
 */
final class SnapshotMaterialization implements Materialization {

  /** Helper columns of the staged rows; never written to the snapshot. */
  private static final String KEY = "__mds_key_";
  private static final String UPDATED = "__mds_updated_at";
  /** One time for the whole run: DuckDB's {@code now()} is the transaction's start. */
  private static final String NOW = "cast(now() as timestamp)";

  @Override
  public BuildResult build(Session session, Model model, String sql, boolean incremental)
      throws SQLException {
    SnapshotConfig config = SnapshotConfig.of(model.config(), model.file(), model.name());
    boolean temp = session.capabilities().tempTables();
    try {
      return session.inTransaction(() -> new Run(session, model, config, sql).apply());
    } catch (SQLException | RuntimeException e) {
      StagedBuild.dropStagingAfter(e, session, temp, Run.staged(session, model, temp),
          Run.current(session, model, temp));
      throw e;
    }
  }

  /** One snapshot run: its staged rows, the snapshot's columns, and the statements. */
  private static final class Run {

    private final Session session;
    private final Model model;
    private final SnapshotConfig config;
    private final SnapshotConfig.MetaColumns meta;
    private final Relation target;
    private final String staged;
    private final String current;
    private final String what;
    private final boolean temp;

    /** An identifier quoted as the engine quotes. */
    private String q(String identifier) {
      return session.dialect().quote(identifier);
    }

    Run(Session session, Model model, SnapshotConfig config, String sql) throws SQLException {
      this.session = session;
      this.model = model;
      this.config = config;
      this.meta = config.columns();
      this.target = model.relation();
      this.temp = session.capabilities().tempTables();
      this.staged = staged(session, model, temp);
      this.current = current(session, model, temp);
      this.what = model.file() + ": snapshot '" + model.name() + "'";
      StringJoiner select = new StringJoiner(", ", "select q.*, ", "");
      for (int i = 0; i < config.uniqueKey().size(); i++) {
        select.add("(" + config.uniqueKey().get(i) + ") as " + q(KEY + i));
      }
      select.add(config.updatedAt().map(u -> "(" + u + ")").orElse(NOW) + " as "
          + q(UPDATED));
      session.execute(session.dialect().createStagingTable(staged, select + " from (\n" + sql
          + "\n) as q", temp));
    }

    /** Where the query's rows are staged. */
    static String staged(Session session, Model model, boolean temp) {
      return session.dialect().stagingName(model.relation(),
          "__mds_snapshot_new_" + model.name(), temp);
    }

    /** Where the snapshot's current versions are staged. */
    static String current(Session session, Model model, boolean temp) {
      return session.dialect().stagingName(model.relation(),
          "__mds_snapshot_current_" + model.name(), temp);
    }

    BuildResult apply() throws SQLException {
      Map<String, String> sourceColumns = sourceColumns();
      checkColumns(sourceColumns);
      refuseDuplicateKeys();
      long rows;
      if (session.relationType(target).isEmpty()) {
        rows = create(sourceColumns);
      } else {
        if (!session.relationType(target).get().equals("BASE TABLE")) {
          throw new MdsException(what + ": " + target + " exists and is not a table; drop it"
              + " so the snapshot can create its history there");
        }
        rows = update(sourceColumns);
      }
      session.execute(session.dialect().dropTableIfExists(staged));
      session.execute(session.dialect().dropTableIfExists(current));
      return BuildResult.of("SNAPSHOT", rows);
    }

    /** The query's own columns with their types, in its order. */
    private Map<String, String> sourceColumns() throws SQLException {
      Map<String, String> columns = new LinkedHashMap<>(session.columns(staged));
      columns.keySet().removeIf(c -> c.startsWith("__mds_"));
      for (String name : meta.all()) {
        if (columns.keySet().stream().anyMatch(c -> c.equalsIgnoreCase(name))) {
          throw new MdsException(what + ": its query returns a column named '" + name
              + "', which the snapshot adds itself; rename it in the query");
        }
      }
      return columns;
    }

    private void checkColumns(Map<String, String> columns) {
      for (String column : config.checkCols()) {
        if (find(columns, column) == null) {
          throw new MdsException(what + ": check_cols names '" + column + "', which its query"
              + " does not return (it returns " + String.join(", ", columns.keySet()) + ")");
        }
      }
    }

    private static String find(Map<String, String> columns, String name) {
      String bare = name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
          ? name.substring(1, name.length() - 1) : name;
      return columns.keySet().stream().filter(c -> c.equalsIgnoreCase(bare)).findFirst()
          .orElse(null);
    }

    /** Two rows for one key would make two current versions: refused before anything changes. */
    private void refuseDuplicateKeys() throws SQLException {
      StringJoiner keys = new StringJoiner(", ");
      StringJoiner shown = new StringJoiner(" || ', ' || ");
      for (int i = 0; i < config.uniqueKey().size(); i++) {
        String column = q(KEY + i);
        keys.add(column);
        shown.add("coalesce(cast(" + column + " as " + text() + "), 'null')");
      }
      String duplicate = session.query("select " + shown + ", count(*) from " + staged
          + " group by " + keys + " having count(*) > 1 limit 1",
          rs -> rs.next() ? rs.getString(1) + "' (" + rs.getLong(2) + " rows" : null);
      if (duplicate != null) {
        throw new MdsException(what + ": its query returns more than one row for unique_key "
            + String.join(", ", config.uniqueKey()) + " = '" + duplicate + "); a snapshot needs"
            + " one row per key, so its history was left as it was");
      }
    }

    /** The first run: every row is a current version. */
    private long create(Map<String, String> sourceColumns) throws SQLException {
      StringJoiner select = new StringJoiner(", ");
      for (String column : sourceColumns.keySet()) {
        select.add("s." + q(column));
      }
      select.add(scdId("s") + " as " + q(meta.scdId()));
      String updated = "s." + q(UPDATED);
      select.add(updated + " as " + q(meta.updatedAt()));
      select.add(updated + " as " + q(meta.validFrom()));
      select.add(validToOpen(updated) + " as " + q(meta.validTo()));
      if (config.hardDeletes().equals("new_record")) {
        select.add("'False' as " + q(meta.isDeleted()));
      }
      session.execute("create table " + target + " as select " + select + " from " + staged
          + " as s");
      session.created(target, "BASE TABLE");
      return session.queryLong("select count(*) from " + target);
    }

    private long update(Map<String, String> sourceColumns) throws SQLException {
      Map<String, String> existing = session.columns(target.toString());
      for (Map.Entry<String, String> column : sourceColumns.entrySet()) {
        if (find(existing, column.getKey()) == null) {
          session.execute("alter table " + target + " add column "
              + q(column.getKey()) + " " + column.getValue());
        }
      }
      boolean newRecord = config.hardDeletes().equals("new_record");
      if (newRecord && find(existing, meta.isDeleted()) == null) {
        session.execute("alter table " + target + " add column "
            + q(meta.isDeleted()) + " " + text() + " default 'False'");
      }
      for (String column : List.of(meta.scdId(), meta.validFrom(), meta.validTo())) {
        if (find(existing, column) == null) {
          throw new MdsException(what + ": " + target + " has no column '" + column
              + "'; it was not made by this snapshot (or snapshot_meta_column_names changed)");
        }
      }
      existing = session.columns(target.toString());
      String validToType = existing.get(find(existing, meta.validTo()));
      StringJoiner currentKeys = new StringJoiner(", ");
      for (int i = 0; i < config.uniqueKey().size(); i++) {
        currentKeys.add("(" + config.uniqueKey().get(i) + ") as " + q(KEY + i));
      }
      session.execute(session.dialect().createStagingTable(current, "select t.*, "
          + currentKeys + " from " + target + " as t where " + isCurrent("t"), temp));
      String scd = q(meta.scdId());
      String validTo = q(meta.validTo());
      String deletedMarker = newRecord
          ? "coalesce(c." + q(meta.isDeleted()) + ", 'False') = 'True'" : "false";
      String changed = "(" + changed(sourceColumns) + " or " + deletedMarker + ")";
      long affected = 0;
      // Changed keys: the current version ends where the new one starts.
      affected += endVersions(validTo, "cast(x.ends as " + validToType + ")", "select c." + scd
          + " as scd, s." + q(UPDATED) + " as ends from " + current + " as c join " + staged
          + " as s on " + keyMatch() + " where " + changed, scd);
      if (!config.hardDeletes().equals("ignore")) {
        // Vanished keys: the current version ends now.
        affected += endVersions(validTo, "cast(" + NOW + " as " + validToType + ")", "select c."
            + scd + " as scd from " + current + " as c where not exists (select 1 from " + staged
            + " as s where " + keyMatch() + ") and not " + deletedMarker, scd);
      }
      // New keys and new versions of changed ones.
      StringJoiner columns = new StringJoiner(", ");
      StringJoiner values = new StringJoiner(", ");
      for (String column : sourceColumns.keySet()) {
        columns.add(q(column));
        values.add("s." + q(column));
      }
      String updated = "s." + q(UPDATED);
      columns.add(scd).add(q(meta.updatedAt())).add(q(meta.validFrom()))
          .add(validTo);
      values.add(scdId("s")).add(updated).add(updated).add(validToOpen(updated));
      if (newRecord) {
        columns.add(q(meta.isDeleted()));
        values.add("'False'");
      }
      affected += session.execute("insert into " + target + " (" + columns + ") select "
          + values + " from " + staged + " as s left join " + current + " as c on " + keyMatch()
          + " where c." + scd + " is null or " + changed);
      if (newRecord) {
        affected += insertDeletionRecords(existing, deletedMarker);
      }
      return affected;
    }

    /**
     * {@code hard_deletes: new_record}: a vanished key gets a current version marked deleted,
     * holding its last values, from now on.
     */
    private long insertDeletionRecords(Map<String, String> existing, String deletedMarker)
        throws SQLException {
      StringJoiner columns = new StringJoiner(", ");
      StringJoiner values = new StringJoiner(", ");
      List<String> metaNames = new ArrayList<>();
      meta.all().forEach(m -> metaNames.add(m.toLowerCase(Locale.ROOT)));
      for (String column : existing.keySet()) {
        if (!metaNames.contains(column.toLowerCase(Locale.ROOT))) {
          columns.add(q(column));
          values.add("c." + q(column));
        }
      }
      columns.add(q(meta.scdId())).add(q(meta.updatedAt()))
          .add(q(meta.validFrom())).add(q(meta.validTo()))
          .add(q(meta.isDeleted()));
      values.add(hash("c", NOW)).add(NOW).add(NOW).add(validToOpen(NOW)).add("'True'");
      return session.execute("insert into " + target + " (" + columns + ") select " + values
          + " from " + current + " as c where not exists (select 1 from " + staged
          + " as s where " + keyMatch() + ") and not " + deletedMarker);
    }

    /** Whether the staged row {@code s} differs from the current version {@code c}. */
    private String changed(Map<String, String> sourceColumns) {
      if (config.strategy().equals("timestamp")) {
        return "c." + q(meta.validFrom()) + " < s." + q(UPDATED);
      }
      List<String> compared = config.checkAll() ? List.copyOf(sourceColumns.keySet())
          : config.checkCols().stream().map(c -> find(sourceColumns, c)).toList();
      StringJoiner any = new StringJoiner(" or ", "(", ")");
      for (String column : compared) {
        String q = q(column);
        any.add("c." + q + " is distinct from s." + q);
      }
      return any.toString();
    }

    private String keyMatch() {
      StringJoiner match = new StringJoiner(" and ", "(", ")");
      for (int i = 0; i < config.uniqueKey().size(); i++) {
        String q = q(KEY + i);
        match.add("c." + q + " = s." + q);
      }
      return match.toString();
    }

    /** A current version: valid-to unset, or {@code dbt_valid_to_current}. */
    private String isCurrent(String alias) {
      String validTo = alias + "." + q(meta.validTo());
      return config.validToCurrent()
          .map(c -> "(" + validTo + " is null or " + validTo + " = (" + c + "))")
          .orElse(validTo + " is null");
    }

    /** A new current version's valid-to: null, or {@code dbt_valid_to_current}, typed as {@code from}. */
    private String validToOpen(String from) {
      return config.validToCurrent()
          .map(c -> "coalesce(nullif(" + from + ", " + from + "), " + c + ")")
          .orElse("nullif(" + from + ", " + from + ")");
    }

    private String scdId(String alias) {
      return hash(alias, alias + "." + q(UPDATED));
    }

    /**
     * Ends the current versions whose scd id {@code ends} (a query with columns {@code scd} and
     * what {@code validToValue} reads from {@code x}) lists, in the engine's UPDATE-with-a-join.
     */
    private long endVersions(String validTo, String validToValue, String ends, String scd)
        throws SQLException {
      return session.execute(session.dialect().updateFrom(target, validTo + " = " + validToValue,
          ends, "t." + scd + " = x.scd and " + isCurrent("t")));
    }

    /** The engine's name for a text column ({@code varchar} on DuckDB, {@code string} on Spark). */
    private String text() {
      return session.dialect().columnType("VARCHAR").toLowerCase(java.util.Locale.ROOT);
    }

    /** dbt's scd id: the md5 of the key parts and the version's time joined with '|'. */
    private String hash(String alias, String time) {
      StringJoiner parts = new StringJoiner(" || '|' || ");
      for (int i = 0; i < config.uniqueKey().size(); i++) {
        parts.add("coalesce(cast(" + alias + "." + q(KEY + i) + " as " + text() + "), '')");
      }
      parts.add("coalesce(cast(" + time + " as " + text() + "), '')");
      return "md5(" + parts + ")";
    }
  }
}
