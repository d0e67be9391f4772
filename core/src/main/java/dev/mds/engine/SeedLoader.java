package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Seed;
import dev.mds.project.YamlValues;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Loads a seed CSV into its table with DuckDB's CSV reader (header, types inferred, CRLF, BOM and
 * quoted fields handled), honouring {@code column_types}, {@code delimiter} and {@code quote}.
 * The table is replaced in one transaction, so a file that cannot be read leaves the old one.
 */
public final class SeedLoader {

  private SeedLoader() {
  }

  public static BuildResult load(Session session, Seed seed, Path csv) throws SQLException {
    String select = "select * from " + readCsv(seed, csv);
    try {
      return TableMaterialization.replaceTable(session, seed.relation(), select, "INSERT");
    } catch (SQLException e) {
      throw new SQLException(seed.file() + ": " + DuckDbWarehouse.firstLine(e.getMessage()), e);
    }
  }

  /** The {@code read_csv(...)} call for a seed file. */
  static String readCsv(Seed seed, Path csv) {
    StringJoiner options = new StringJoiner(", ");
    options.add(literal(csv.toAbsolutePath().toString()));
    options.add("header = true");
    options.add("auto_detect = true");
    Map<String, Object> types = YamlValues.map(seed.config().values().get("column_types"));
    if (!types.isEmpty()) {
      StringJoiner struct = new StringJoiner(", ", "{", "}");
      types.forEach((column, type) -> struct.add(literal(column) + ": " + literal(
          String.valueOf(type))));
      options.add("types = " + struct);
    }
    seed.config().string("delimiter").ifPresent(d -> options.add("delim = " + literal(d)));
    seed.config().string("quote").ifPresent(q -> options.add("quote = " + literal(q)));
    return "read_csv(" + options + ")";
  }

  static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new MdsException("A NUL character cannot appear in a SQL literal");
    }
    return "'" + value.replace("'", "''") + "'";
  }

}
