package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.project.YamlValues;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.StringJoiner;

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

  /**
   * {@code --empty}: the seed's table with the columns and types its file would give, and no
   * rows (dbt 1.12's {@code seed --empty}); an existing table is replaced, allow_empty or not.
   */
  public BuildResult loadEmpty(Session session, Seed seed, Path csv) throws SQLException {
    if (!session.capabilities().fileExports()) {
      return SeedRows.load(session, seed, (duck, local) -> loadEmpty(duck, local, csv));
    }
    CsvLayout layout = inspector.inspect(csv, CsvOptions.from(seed.config()), seed.file());
    try {
      return session.inTransaction(() -> {
        if (session.relationType(seed.relation()).filter("VIEW"::equals).isPresent()) {
          session.execute("drop view " + seed.relation());
        }
        session.execute("create or replace table " + seed.relation() + " as\nselect * from ("
            + layout.select("") + ") where false limit 0");
        session.created(seed.relation(), "BASE TABLE");
        return BuildResult.of("INSERT", 0);
      });
    } catch (SQLException e) {
      String message = DuckDbError.summary(e.getMessage());
      throw new SQLException(message.startsWith(seed.file()) ? message
          : seed.file() + ": " + message, e);
    }
  }

  public BuildResult load(Session session, Seed seed, Path csv) throws SQLException {
    if (!session.capabilities().fileExports()) {
      return SeedRows.load(session, seed, (duck, local) -> load(duck, local, csv));
    }
    CsvOptions options = CsvOptions.from(seed.config());
    CsvLayout layout = inspector.inspect(csv, options, seed.file());
    String select = layout.select("store_rejects = true, rejects_table = '" + REJECTS
        + "', rejects_scan = '" + REJECT_SCANS + "'");
    session.execute("drop table if exists " + REJECTS);
    session.execute("drop table if exists " + REJECT_SCANS);
    try {
      return session.inTransaction(() -> {
        Optional<String> existing = session.relationType(seed.relation());
        if (existing.filter("VIEW"::equals).isPresent()) {
          session.execute("drop view " + seed.relation());
        }
        // A header-only file where the table had rows is far more often a broken export than an
        // emptied list: the rows stay unless the seed says allow_empty: true.
        long before = existing.filter("BASE TABLE"::equals).isPresent()
            && !YamlValues.bool(seed.config().values().get("allow_empty"), false)
            ? session.queryLong("select count(*) from " + seed.relation()) : 0;
        session.execute("create or replace table " + seed.relation() + " as\n" + select);
        session.created(seed.relation(), "BASE TABLE");
        // One row can fail several ways (too many fields and a bad value): count rows, not errors.
        long rejected = session.queryLong("select count(*) from (select distinct scan_id, file_id,"
            + " line from " + REJECTS + ")");
        if (rejected > 0 && !options.skipErrors()) {
          throw new SQLException(firstReject(session, seed, rejected));
        }
        long[] counts = rowsAndNulRows(session, seed, layout);
        long rows = counts[0];
        if (counts[1] > 0) {
          throw new MdsException(seed.file() + nulLine(layout.readable()) + ": a value holds a NUL"
              + " byte" + (counts[1] > 1 ? " (" + counts[1] + " rows do)" : "")
              + "; remove the NUL bytes from the file");
        }
        if (rows == 0 && before > 0) {
          throw new MdsException(seed.file() + (rejected > 0 ? ": every row was unreadable"
              : ": the file has a header but no rows") + ", where " + seed.relation() + " has "
              + before + "; the table is kept (set allow_empty: true to load an empty seed)");
        }
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

  /**
   * The rows loaded, and how many of them hold a NUL byte in a text column (which DuckDB reads as
   * part of the value, and which no tool downstream expects), in one pass over the new table.
   */
  private static long[] rowsAndNulRows(Session session, Seed seed, CsvLayout layout)
      throws SQLException {
    StringJoiner nul = new StringJoiner(" or ");
    for (CsvLayout.Column column : layout.columns()) {
      if (column.type().toUpperCase(java.util.Locale.ROOT).startsWith("VARCHAR")) {
        nul.add("contains(" + Relation.quote(column.name()) + ", chr(0))");
      }
    }
    String select = "select count(*), "
        + (nul.length() == 0 ? "0" : "count(*) filter (where " + nul + ")")
        + " from " + seed.relation();
    return session.connection().query(select, rs -> {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    });
  }

  /** ":7", the line of the file's first NUL byte, or "" when it cannot be read. */
  private static String nulLine(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long line = 1;
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == 0) {
          return ":" + line;
        }
        if (b == '\n') {
          line++;
        }
      }
    } catch (IOException e) {
      // The error still names the file.
    }
    return "";
  }

  /** "seeds/x.csv:12: column 'amount': Could not convert ... (and 3 more rows)". */
  private static String firstReject(Session session, Seed seed, long rejected)
      throws SQLException {
    return session.connection().query("select line, column_name, error_message from " + REJECTS
        + " order by line limit 1", rs -> {
      rs.next();
      String column = rs.getString(2);
      return seed.file() + ":" + rs.getLong(1) + ": "
          + (column == null || column.isEmpty() ? "" : "column '" + column + "': ")
          + rs.getString(3)
          + (rejected > 1 ? " (and " + (rejected - 1) + " more unreadable row"
              + (rejected > 2 ? "s" : "") + ")" : "")
          + "; fix the file, set column_types, or set on_error: skip";
    });
  }
}
