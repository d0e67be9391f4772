package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.project.NodeConfig;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * The SQL that reads a source living in files ({@code config: {location: 'erp/*.parquet'}}):
 * {@code read_parquet}, {@code read_json}, or {@code read_csv} with the same dialect handling as
 * seeds. Renders as a parenthesised subquery, so models use it where a table name would go.
 */
public final class FileScan {

  private FileScan() {
  }

  /**
   * @param root the project folder, against which a relative location is resolved
   * @param location where the config was written, for errors
   */
  public static String sql(NodeConfig config, Path root, CsvInspector inspector, String location) {
    String pattern = config.string("location").orElseThrow();
    if (REMOTE.matcher(pattern).find()) {
      return remote(config, pattern, location);
    }
    Path base = Path.of(pattern).isAbsolute() ? Path.of(pattern) : root.resolve(pattern);
    String absolute = base.normalize().toString().replace('\\', '/');
    List<Path> files = matches(absolute);
    if (files.isEmpty() && !Path.of(pattern).isAbsolute()) {
      // dbt-duckdb leaves a relative location to DuckDB, which reads it from the folder dbt
      // was started in: projects run with --project-dir from a parent folder rely on that.
      String fromWorkingFolder = Path.of(pattern).toAbsolutePath().normalize().toString()
          .replace('\\', '/');
      List<Path> found = matches(fromWorkingFolder);
      if (!found.isEmpty()) {
        absolute = fromWorkingFolder;
        files = found;
      }
    }
    String format = config.string("format").orElse(extension(absolute)).toLowerCase(Locale.ROOT);
    if (files.isEmpty()) {
      throw new MdsException(location + ": location '" + pattern + "' matches no files");
    }
    String literal = SqlLiteral.string(absolute);
    return switch (format) {
      case "parquet" -> "(select * from read_parquet(" + literal + ", union_by_name = true))";
      case "json", "ndjson", "jsonl" -> "(select * from read_json(" + literal + "))";
      case "csv", "tsv", "txt" -> csv(config, files, inspector, location);
      default -> throw new MdsException(location + ": cannot tell the format of '" + pattern
          + "'; set format: parquet, csv or json");
    };
  }

  /** A URL scheme such as {@code s3://} or {@code https://}: DuckDB reads it itself. */
  private static final java.util.regex.Pattern REMOTE =
      java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://");

  /**
   * A location in object storage or on the web: read by DuckDB's own functions (httpfs), which
   * mds cannot list or inspect beforehand.
   */
  private static String remote(NodeConfig config, String pattern, String location) {
    String literal = SqlLiteral.string(pattern);
    String format = config.string("format").orElse(extension(pattern)).toLowerCase(Locale.ROOT);
    return switch (format) {
      case "parquet" -> "(select * from read_parquet(" + literal + ", union_by_name = true))";
      case "json", "ndjson", "jsonl" -> "(select * from read_json(" + literal + "))";
      case "csv", "tsv", "txt" -> "(select * from read_csv(" + literal + "))";
      default -> throw new MdsException(location + ": cannot tell the format of '" + pattern
          + "'; set format: parquet, csv or json");
    };
  }

  private static String csv(NodeConfig config, List<Path> files, CsvInspector inspector,
      String location) {
    CsvOptions options = CsvOptions.from(config);
    CsvLayout layout = inspector.inspect(files.get(0), options, location);
    StringJoiner paths = new StringJoiner(", ", "[", "]");
    for (Path file : files) {
      // Each file's own encoding: a month without umlauts is plain ASCII, the next is Windows-1252.
      Path readable = file.equals(layout.source()) ? layout.readable()
          : inspector.readable(file, options, location);
      paths.add(SqlLiteral.string(readable.toAbsolutePath().toString()));
    }
    return "(" + layout.select(paths.toString(), "") + ")";
  }

  private static String extension(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  /** The files a path or glob names, sorted. */
  static List<Path> matches(String absolute) {
    int wildcard = firstWildcard(absolute);
    if (wildcard < 0) {
      Path file = Path.of(absolute);
      return Files.isRegularFile(file) ? List.of(file) : List.of();
    }
    int slash = absolute.lastIndexOf('/', wildcard);
    Path dir = Path.of(slash <= 0 ? "/" : absolute.substring(0, slash));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new MdsException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    return files;
  }

  private static int firstWildcard(String path) {
    int best = -1;
    for (char c : new char[] {'*', '?', '['}) {
      int i = path.indexOf(c);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }
}
