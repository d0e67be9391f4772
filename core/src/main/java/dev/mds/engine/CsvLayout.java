package dev.mds.engine;

import dev.mds.graph.Relation;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * What was found out about a CSV file and how it will be read: its encoding and delimiter, and per
 * column the type and any conversion (decimal comma, leading zeros kept as text).
 *
 * @param readable the file DuckDB reads: the original, or its UTF-8 transcoding
 * @param readOptions the {@code read_csv} options after the path
 */
public record CsvLayout(Path source, Path readable, String encoding, String delimiter,
    String readOptions, List<Column> columns) {

  /**
   * One column.
   *
   * @param expression the SQL that produces the column from what {@code read_csv} returns
   * @param note why it is read the way it is, for {@code mds seed --show-schema}
   */
  public record Column(String name, String type, String expression, String note) {
  }

  /** {@code read_csv(...)} for the file, with extra options (such as rejects tables) appended. */
  public String readCsv(String extraOptions) {
    return readCsv(SqlLiteral.string(readable.toAbsolutePath().toString()), extraOptions);
  }

  private String readCsv(String files, String extraOptions) {
    String options = readOptions + (extraOptions.isEmpty() ? "" : ", " + extraOptions);
    return "read_csv(" + files + ", " + options + ")";
  }

  /** A SELECT that reads the file with every conversion applied. */
  public String select(String extraOptions) {
    return select(SqlLiteral.string(readable.toAbsolutePath().toString()), extraOptions);
  }

  /**
   * The same SELECT over other files of the same layout: {@code files} is a SQL string literal
   * (a path or glob) or a list of them.
   */
  public String select(String files, String extraOptions) {
    boolean converted = columns.stream().anyMatch(c -> !c.expression().equals(Relation.quote(c.name())));
    if (!converted) {
      return "select * from " + readCsv(files, extraOptions);
    }
    StringJoiner list = new StringJoiner(",\n  ", "select\n  ", "\n");
    for (Column column : columns) {
      list.add(column.expression() + " as " + Relation.quote(column.name()));
    }
    return list + "from " + readCsv(files, extraOptions);
  }
}
