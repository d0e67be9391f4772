package dev.mds.engine;

import dev.mds.graph.Seed;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Loads a seed CSV into its table: the file's dialect is worked out by {@link CsvInspector}, the
 * table replaced in one transaction. A row that cannot be read fails the load naming its line and
 * column (the old table stays), unless the seed says {@code on_error: skip}, which drops such rows
 * and reports how many.
 */
public final class SeedLoader {

  private static final String REJECTS = "__mds_rejects";
  private static final String REJECT_SCANS = "__mds_reject_scans";

  private final CsvInspector inspector;

  public SeedLoader(CsvInspector inspector) {
    this.inspector = inspector;
  }

  /** How the seed's file will be read, for {@code mds seed --show-schema}. */
  public CsvLayout layout(Seed seed, Path csv) {
    return inspector.inspect(csv, CsvOptions.from(seed.config()), seed.file());
  }

  public BuildResult load(Session session, Seed seed, Path csv) throws SQLException {
    CsvOptions options = CsvOptions.from(seed.config());
    CsvLayout layout = inspector.inspect(csv, options, seed.file());
    String select = layout.select("store_rejects = true, rejects_table = '" + REJECTS
        + "', rejects_scan = '" + REJECT_SCANS + "'");
    session.execute("drop table if exists " + REJECTS);
    session.execute("drop table if exists " + REJECT_SCANS);
    try {
      return session.inTransaction(() -> {
        if (session.relationType(seed.relation()).filter("VIEW"::equals).isPresent()) {
          session.execute("drop view " + seed.relation());
        }
        session.execute("create or replace table " + seed.relation() + " as\n" + select);
        session.created(seed.relation(), "BASE TABLE");
        // One row can fail several ways (too many fields and a bad value): count rows, not errors.
        long rejected = session.queryLong("select count(*) from (select distinct scan_id, file_id,"
            + " line from " + REJECTS + ")");
        if (rejected > 0 && !options.skipErrors()) {
          throw new SQLException(firstReject(session, seed, rejected));
        }
        long rows = session.queryLong("select count(*) from " + seed.relation());
        BuildResult result = BuildResult.of("INSERT", rows);
        return rejected == 0 ? result : new BuildResult(result.message() + " (skipped "
            + rejected + " unreadable row" + (rejected == 1 ? "" : "s") + ")", result.rows(),
            Optional.empty());
      });
    } catch (SQLException e) {
      String message = DuckDbError.summary(e.getMessage());
      throw new SQLException(message.startsWith(seed.file()) ? message
          : seed.file() + ": " + message, e);
    } finally {
      session.execute("drop table if exists " + REJECTS);
      session.execute("drop table if exists " + REJECT_SCANS);
    }
  }

  /** "seeds/x.csv:12: column 'amount': Could not convert ... (and 3 more rows)". */
  private static String firstReject(Session session, Seed seed, long rejected)
      throws SQLException {
    try (Statement st = session.connection().createStatement();
        ResultSet rs = st.executeQuery("select line, column_name, error_message from " + REJECTS
            + " order by line limit 1")) {
      rs.next();
      String column = rs.getString(2);
      return seed.file() + ":" + rs.getLong(1) + ": "
          + (column == null || column.isEmpty() ? "" : "column '" + column + "': ")
          + rs.getString(3)
          + (rejected > 1 ? " (and " + (rejected - 1) + " more unreadable row"
              + (rejected > 2 ? "s" : "") + ")" : "")
          + "; fix the file, set column_types, or set on_error: skip";
    }
  }
}
