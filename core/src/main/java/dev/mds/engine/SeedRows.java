package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.project.YamlValues;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Loads a seed into an engine that cannot read the CSV file itself with DuckDB's
 * {@code read_csv} (Spark): mds reads it with its own in-memory DuckDB, with the same inspection
 * (encoding, delimiter, decimal commas, leading zeros), the same checks and the same errors as a
 * DuckDB target, then writes the rows to the engine as typed literals, the column types mapped
 * by the engine's {@link Dialect#columnType}. One batch of rows replaces the table in one
 * statement; a longer seed is written to a staging table first and swapped in, so a failed load
 * keeps the previous table.
 */
final class SeedRows {

  /** Rows per statement: long enough to amortise a round trip, short enough to parse quickly. */
  static final int BATCH = 500;

  private SeedRows() {
  }

  /**
   * @param read loads the seed into a DuckDB session's table (the DuckDB path, with its checks)
   *     and returns the result
   */
  static BuildResult load(Session session, Seed seed, LocalLoad read) throws SQLException {
    Relation local = new Relation("main", "seed");
    Seed reading = new Seed(seed.uniqueId(), seed.name(), seed.file(), seed.fqn(), seed.config(),
        seed.description(), seed.columns(), local, seed.checksum());
    List<String> names;
    List<String> types;
    List<List<String>> rows = new ArrayList<>();
    BuildResult built;
    try (Session duck = new Session(DuckDb.connect("jdbc:duckdb:"))) {
      built = read.load(duck, reading);
      Map<String, String> columns = duck.columns(local.toString());
      names = List.copyOf(columns.keySet());
      types = List.copyOf(columns.values());
      StringJoiner text = new StringJoiner(", ");
      for (String name : names) {
        text.add("cast(" + Relation.quote(name) + " as varchar)");
      }
      duck.connection().query("select " + text + " from " + local, rs -> {
        while (rs.next()) {
          List<String> row = new ArrayList<>(names.size());
          for (int i = 1; i <= names.size(); i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
        return null;
      });
    }
    Dialect dialect = session.dialect();
    Relation target = seed.relation();
    java.util.Optional<String> existing = session.relationType(target);
    if (rows.isEmpty() && existing.filter(RelationTypes.TABLE::equals).isPresent()
        && !YamlValues.bool(seed.config().values().get("allow_empty"), false)
        && session.queryLong(dialect.rowCount(target.toString())) > 0) {
      throw new MdsException(seed.file() + ": the file has a header but no rows, where " + target
          + " has rows; the table is kept (set allow_empty: true to load an empty seed)");
    }
    TableOptions options = TableOptions.of(seed.config(), target.identifier(), seed.file());
    boolean staged = rows.size() > BATCH && !session.capabilities().transactions();
    Relation into = staged ? target.named(target.identifier() + "__mds_stage") : target;
    try {
      return write(session, target, into, existing, names, types, rows, options, staged, built);
    } catch (SQLException | RuntimeException e) {
      if (staged) {
        StagedBuild.dropStagingAfter(e, session, false, into.toString());
      }
      throw e;
    }
  }

  private static BuildResult write(Session session, Relation target, Relation into,
      java.util.Optional<String> existing, List<String> names, List<String> types,
      List<List<String>> rows, TableOptions options, boolean staged, BuildResult built)
      throws SQLException {
    Dialect dialect = session.dialect();
    return session.inTransaction(() -> {
      if (existing.filter(RelationTypes.VIEW::equals).isPresent()) {
        session.execute(dialect.dropView(target));
      }
      int first = Math.min(BATCH, rows.size());
      session.execute(dialect.createTableAs(into,
          select(dialect, names, types, rows.subList(0, first)), options));
      for (int start = first; start < rows.size(); start += BATCH) {
        session.execute("insert into " + into + "\n" + select(dialect, names, types,
            rows.subList(start, Math.min(rows.size(), start + BATCH))));
      }
      if (staged) {
        session.execute(dialect.createTableAs(target, "select * from " + into, options));
        session.execute(dialect.dropTable(into));
      }
      session.created(target, RelationTypes.TABLE);
      return built;
    });
  }

  /** A SELECT of {@code rows} as typed literals; no rows gives the columns and no row. */
  private static String select(Dialect dialect, List<String> names, List<String> types,
      List<List<String>> rows) {
    StringJoiner columns = new StringJoiner(", ");
    for (int i = 0; i < names.size(); i++) {
      String type = dialect.columnType(types.get(i));
      columns.add("cast(" + (rows.isEmpty() ? "null" : "v.c" + i) + " as " + type + ") as "
          + dialect.quote(names.get(i)));
    }
    if (rows.isEmpty()) {
      return "select " + columns + " limit 0";
    }
    StringJoiner values = new StringJoiner(",\n  ");
    for (List<String> row : rows) {
      StringJoiner literal = new StringJoiner(", ", "(", ")");
      for (String value : row) {
        literal.add(value == null ? "null" : dialect.string(value));
      }
      values.add(literal.toString());
    }
    StringJoiner aliases = new StringJoiner(", ");
    for (int i = 0; i < names.size(); i++) {
      aliases.add("c" + i);
    }
    return "select " + columns + "\nfrom (values\n  " + values + ") as v(" + aliases + ")";
  }

  /** Loads a seed into a DuckDB session (the DuckDB path). */
  @FunctionalInterface
  interface LocalLoad {
    BuildResult load(Session duck, Seed seed) throws SQLException;
  }
}
