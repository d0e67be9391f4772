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
import java.util.Optional;
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
   * @param location where the config was written, for errors (a CSV's errors name the file too,
   *     with the line where it applies)
   */
  public static String sql(NodeConfig config, Path root, CsvInspector inspector, String location) {
    return sql(config, root, inspector, location, DuckDbDialect.INSTANCE);
  }

  /** @param dialect the engine's, which may read parquet and JSON files its own way */
  public static String sql(NodeConfig config, Path root, CsvInspector inspector, String location,
      Dialect dialect) {
    String pattern = config.string("location").orElseThrow();
    if (dialect.isRemote(pattern)) {
      return remote(config, pattern, location, dialect);
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
    String literal = firstWildcard(absolute) >= 0 && holdsExportInProgress(absolute)
        ? withoutExportsInProgress(absolute, location) : SqlLiteral.string(absolute);
    if (!format.equals("csv") && !format.equals("tsv") && !format.equals("txt")) {
      Optional<String> own = dialect.readFiles(format, absolute);
      if (own.isPresent()) {
        return own.get();
      }
    }
    return switch (format) {
      case "parquet" -> "(select * from read_parquet(" + literal + ", union_by_name = true))";
      case "json", "ndjson", "jsonl" -> "(select * from read_json(" + literal + "))";
      case "csv", "tsv", "txt" -> csv(config, files, inspector, location + ": "
          + (files.get(0).startsWith(root) ? root.relativize(files.get(0)) : files.get(0)),
          dialect, absolute);
      default -> throw new MdsException(location + ": cannot tell the format of '" + pattern
          + "'; set format: parquet, csv or json");
    };
  }

  /**
   * A location in object storage or on the web ({@link Dialect#isRemote}): read by DuckDB's own
   * functions (httpfs) or the engine's readers, which mds cannot list or inspect beforehand.
   */
  private static String remote(NodeConfig config, String pattern, String location,
      Dialect dialect) {
    String literal = SqlLiteral.string(pattern);
    String format = config.string("format").orElse(extension(pattern)).toLowerCase(Locale.ROOT);
    return switch (format) {
      case "parquet" -> dialect.readFiles(format, pattern).orElse(
          "(select * from read_parquet(" + literal + ", union_by_name = true))");
      case "json", "ndjson", "jsonl" -> dialect.readFiles(format, pattern).orElse(
          "(select * from read_json(" + literal + "))");
      case "csv", "tsv", "txt" -> remoteCsv(config, pattern, location, dialect)
          .orElse("(select * from read_csv(" + literal + "))");
      default -> throw new MdsException(location + ": cannot tell the format of '" + pattern
          + "'; set format: parquet, csv or json");
    };
  }

  /** The source options an engine's CSV reader cannot be given for a file mds cannot inspect. */
  private static final List<String> NOT_FOR_REMOTE = List.of("decimal_separator", "thousands",
      "date_format", "dateformat", "column_types");

  /**
   * A remote CSV read by the engine's own reader, with the layout the source's config states;
   * empty on DuckDB, whose {@code read_csv} reads (and inspects) it itself.
   */
  private static Optional<String> remoteCsv(NodeConfig config, String pattern, String location,
      Dialect dialect) {
    java.util.Map<String, String> layout = new java.util.LinkedHashMap<>();
    config.string("delimiter").or(() -> config.string("delim"))
        .ifPresent(d -> layout.put("delimiter", d));
    config.string("quote").ifPresent(q -> layout.put("quote", q));
    config.string("escape").ifPresent(e -> layout.put("escape", e));
    config.string("encoding").ifPresent(e -> layout.put("encoding", e));
    if (config.values().get("header") != null) {
      layout.put("header", String.valueOf(dev.mds.project.YamlValues.bool(
          config.values().get("header"), true)));
    }
    config.string("on_error").ifPresent(e -> layout.put("on_error", e));
    Optional<String> own = dialect.readCsvAt(pattern, layout, location);
    if (own.isPresent()) {
      for (String option : NOT_FOR_REMOTE) {
        if (config.values().get(option) != null) {
          throw new MdsException(location + ": location '" + pattern + "' is read by "
              + dialect.engineName() + "'s CSV reader, which has no equivalent of " + option
              + " (mds cannot inspect a remote file); convert the column in a model, or copy the"
              + " file to a local path");
        }
      }
    }
    return own;
  }

  private static String csv(NodeConfig config, List<Path> files, CsvInspector inspector,
      String location, Dialect dialect, String absolute) {
    CsvOptions options = CsvOptions.from(config);
    CsvLayout layout = inspector.inspectExternal(files.get(0), options, location);
    StringJoiner paths = new StringJoiner(", ", "[", "]");
    for (Path file : files) {
      // Each file's own encoding: a month without umlauts is plain ASCII, the next is Windows-1252.
      Path readable = file.equals(layout.source()) ? layout.readable()
          : inspector.readable(file, options, location);
      paths.add(SqlLiteral.string(readable.toAbsolutePath().toString()));
    }
    // An engine with a CSV reader of its own reads the original files, laid out as mds's
    // inspection found them; the columns mds converts (decimal commas, ISO dates beside
    // 31.12.2024-style ones) are converted over what it reads.
    List<String> originals = files.size() == 1 ? List.of(files.get(0).toAbsolutePath().toString())
        : !absolute.contains("**") && firstWildcard(absolute) >= 0 ? List.of(absolute)
        : files.stream().map(f -> f.toAbsolutePath().toString()).toList();
    Optional<String> own = dialect.readCsv(() -> CsvScan.inspect(originals, paths.toString(),
        layout.encoding(), layout.readOptions(), location));
    if (own.isPresent()) {
      return engineCsv(layout, own.get(), dialect);
    }
    return "(" + layout.select(paths.toString(), "") + ")";
  }

  /** mds's conversions of the columns an engine's own reader returns as text. */
  private static String engineCsv(CsvLayout layout, String read, Dialect dialect) {
    StringJoiner columns = new StringJoiner(",\n  ", "(select\n  ", "\nfrom " + read
        + " as csv_file)");
    boolean converted = false;
    for (CsvLayout.Column column : layout.columns()) {
      String name = dialect.quote(column.name());
      String expression = column.expression();
      if (expression.equals(dev.mds.graph.Relation.quote(column.name()))) {
        columns.add(name);
        continue;
      }
      converted = true;
      String type = dialect.columnType(column.type());
      String value = expression.startsWith("cast(replace(")
          ? "replace(replace(trim(" + name + "), '.', ''), ',', '.')" : "trim(" + name + ")";
      columns.add("cast(" + value + " as " + type + ") as " + name);
    }
    return converted ? columns.toString() : read;
  }

  private static String extension(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  /**
   * A file or folder an external model is writing ({@code .orders.parquet.mds-new-PID}) or set
   * aside ({@code .mds-old-PID}), or one such a build left when it was killed: never data to read.
   */
  private static final java.util.regex.Pattern EXPORT_IN_PROGRESS =
      java.util.regex.Pattern.compile("\\..+\\.mds-(new|old)-[0-9]+");

  static boolean isExportInProgress(Path path) {
    for (Path part : path) {
      if (EXPORT_IN_PROGRESS.matcher(part.toString()).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a source at {@code config}'s location could list or read what an export writes to
   * {@code written}: the file or partition folder itself, or the new one written beside it before
   * the swap. A glob counts when the export's folder is inside the glob's fixed folder (or that
   * folder inside a partitioned export), which may be more than the glob matches: a reader
   * then waits for an export it did not need to, never the reverse.
   */
  public static boolean mayRead(NodeConfig config, Path root, Path written) {
    Optional<String> location = config.string("location").filter(l -> !l.isBlank());
    if (location.isEmpty() || DuckDbDialect.INSTANCE.isRemote(location.get())) {
      return false;
    }
    try {
      Path pattern = Path.of(location.get());
      List<Path> candidates = pattern.isAbsolute() ? List.of(pattern)
          : List.of(root.resolve(pattern), pattern.toAbsolutePath());
      Path exported = written.toAbsolutePath().normalize();
      for (Path candidate : candidates) {
        String absolute = candidate.normalize().toString().replace('\\', '/');
        int wildcard = firstWildcard(absolute);
        if (wildcard < 0) {
          if (Path.of(absolute).startsWith(exported)) {
            return true;
          }
          continue;
        }
        int slash = absolute.lastIndexOf('/', wildcard);
        Path dir = Path.of(slash <= 0 ? "/" : absolute.substring(0, slash));
        if (dir.startsWith(exported)
            || exported.getParent() != null && exported.getParent().startsWith(dir)) {
          return true;
        }
      }
      return false;
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** Whether anything under the glob's folder is an export in progress (or left by a kill). */
  private static boolean holdsExportInProgress(String absolute) {
    int slash = absolute.lastIndexOf('/', firstWildcard(absolute));
    Path dir = Path.of(slash <= 0 ? "/" : absolute.substring(0, slash));
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.anyMatch(p -> isExportInProgress(dir.relativize(p)));
    } catch (java.io.UncheckedIOException e) {
      // Something vanished while it was listed: an export renaming its files, most likely.
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The files DuckDB's own glob finds for {@code absolute} (its {@code **} is not Java's), less
   * exports in progress, as a SQL list; DuckDB would otherwise read a half-written file.
   */
  private static String withoutExportsInProgress(String absolute, String location) {
    StringJoiner list = new StringJoiner(", ", "[", "]");
    try (java.sql.Connection duck = DuckDb.connect("jdbc:duckdb:");
        java.sql.Statement st = duck.createStatement();
        java.sql.ResultSet rs = st.executeQuery("select file from glob("
            + SqlLiteral.string(absolute) + ") order by file")) {
      while (rs.next()) {
        String file = rs.getString(1);
        if (!isExportInProgress(Path.of(file))) {
          list.add(SqlLiteral.string(file));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new MdsException(location + ": cannot list '" + absolute + "': "
          + DuckDbError.summary(e.getMessage()), e);
    }
    if (list.length() == 2) {
      throw new MdsException(location + ": location '" + absolute + "' matches only files an"
          + " export is writing");
    }
    return list.toString();
  }

  /** The files a path or glob names, sorted, without exports in progress. */
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
    try {
      Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult preVisitDirectory(Path folder,
            java.nio.file.attribute.BasicFileAttributes attributes) {
          // An export in progress renames its temporary folder away: never walk into one.
          return !folder.equals(dir) && isExportInProgress(dir.relativize(folder))
              ? java.nio.file.FileVisitResult.SKIP_SUBTREE
              : java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFile(Path file,
            java.nio.file.attribute.BasicFileAttributes attributes) {
          if (attributes.isRegularFile() && matcher.matches(file)
              && !isExportInProgress(dir.relativize(file))) {
            files.add(file);
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e)
            throws IOException {
          // A file or folder another export replaced while this listing ran is simply gone.
          if (e instanceof java.nio.file.NoSuchFileException) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new MdsException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    files.sort(null);
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
