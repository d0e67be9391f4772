package dev.mds.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.graph.Relation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The layout as JSON (without its source, which is the file it is kept for). */
  String toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("readable", readable.toAbsolutePath().toString());
    json.put("encoding", encoding);
    json.put("delimiter", delimiter);
    json.put("readOptions", readOptions);
    ArrayNode list = json.putArray("columns");
    for (Column column : columns) {
      list.addObject().put("name", column.name()).put("type", column.type())
          .put("expression", column.expression()).put("note", column.note());
    }
    return json.toString();
  }

  /** The layout {@link #toJson} wrote for {@code source}; empty when the text is not one. */
  static Optional<CsvLayout> fromJson(Path source, String text) {
    try {
      JsonNode json = JSON.readTree(text);
      List<Column> columns = new ArrayList<>();
      for (JsonNode column : json.path("columns")) {
        String name = column.path("name").textValue();
        String expression = column.path("expression").textValue();
        if (name == null || expression == null) {
          return Optional.empty();
        }
        columns.add(new Column(name, column.path("type").asText(""), expression,
            column.path("note").asText("")));
      }
      String readable = json.path("readable").textValue();
      String encoding = json.path("encoding").textValue();
      String delimiter = json.path("delimiter").textValue();
      String readOptions = json.path("readOptions").textValue();
      if (readable == null || encoding == null || delimiter == null || readOptions == null
          || columns.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new CsvLayout(source, Path.of(readable), encoding, delimiter,
          readOptions, List.copyOf(columns)));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
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
