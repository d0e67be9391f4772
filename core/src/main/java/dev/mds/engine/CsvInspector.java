package dev.mds.engine;

import dev.mds.graph.Relation;
import dev.mds.FileFacts;
import dev.mds.MdsException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Works out how to read a CSV file the way real exports arrive: the encoding (transcoding what
 * DuckDB cannot read), the delimiter (DuckDB's sniffer), and per column whether numbers use a
 * decimal comma ({@code 1.234,56}) or are identifiers with leading zeros ({@code 00123}). The
 * questions are put to a private in-memory DuckDB over a sample of the file.
 */
public final class CsvInspector {

  static final int SAMPLE_ROWS = 20_000;
  private static final String EU_NUMBER =
      "-?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]+)?|-?[0-9]+,[0-9]+";
  private static final String INTEGER = "-?[0-9]+";
  private static final String LEADING_ZERO = "0[0-9]+";
  private static final String GERMAN_DATE = "[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}";
  private static final String ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
  private static final String DOT_DECIMAL = "-?[0-9]+\\.[0-9]+";
  /** Rows that cannot be read are for the load to report by line; sampling passes over them. */
  private static final String TOLERANT = "ignore_errors = true";
  /**
   * Kept layouts found before a version of these checks are not taken: they may read a quote as
   * data (see {@link #sniff}).
   */
  private static final String LAYOUT_VERSION = "2|";

  private final Path cacheDir;
  /** Detected encodings: telling UTF-8 from Windows-1252 for sure takes reading the whole file. */
  private final FileFacts encodings;
  /** Layouts found: each takes starting DuckDB to read a sample, on every compile. */
  private final FileFacts layouts;

  /**
   * @param cacheDir where transcoded copies of non-UTF-8 files are kept; what was found out about
   *     files is kept beside it ({@code csv_encodings.json}, {@code csv_layouts.json})
   */
  public CsvInspector(Path cacheDir) {
    this.cacheDir = cacheDir;
    this.encodings = FileFacts.in(cacheDir.resolveSibling("csv_encodings.json"));
    this.layouts = FileFacts.ofAnySize(cacheDir.resolveSibling("csv_layouts.json"));
  }

  /** Writes what was found out about files since the last save ({@link FileFacts#save}). */
  public void save() {
    encodings.save();
    layouts.save();
  }

  /**
   * Inspects {@code file}, or takes what inspecting this version of it with these options found
   * last time; {@code location} names it in errors.
   */
  public CsvLayout inspect(Path file, CsvOptions options, String location) {
    return inspect(file, options, location, true);
  }

  /**
   * As {@link #inspect(Path, CsvOptions, String)} for a file a source reads where it lies
   * ({@code external_location}): its header is taken as DuckDB reads it, as dbt-duckdb does (a
   * second {@code PTS} becomes {@code PTS_1}), since the project cannot change the file; a seed's
   * header must name every column once.
   */
  public CsvLayout inspectExternal(Path file, CsvOptions options, String location) {
    return inspect(file, options, location, false);
  }

  private CsvLayout inspect(Path file, CsvOptions options, String location,
      boolean strictHeader) {
    if (!Files.isRegularFile(file)) {
      throw new MdsException(location + ": file " + file + " does not exist");
    }
    try {
      if (Files.size(file) == 0) {
        throw new MdsException(location + ": the file is empty (not even a header line)");
      }
      Optional<CsvLayout> kept = CsvLayout.fromJson(file, layouts.of(file,
          LAYOUT_VERSION + options + (strictHeader ? "" : " external"),
          f -> sniff(f, options, location, strictHeader).toJson()));
      // A transcoded copy deleted since (mds clean, a cleared cache folder) is made again.
      if (kept.isPresent() && Files.isRegularFile(kept.get().readable())) {
        return kept.get();
      }
    } catch (IOException e) {
      throw new MdsException(location + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    return sniff(file, options, location, strictHeader);
  }

  private CsvLayout sniff(Path file, CsvOptions options, String location,
      boolean strictHeader) {
    Charset charset = charset(file, options, location);
    Path readable = readable(file, charset);
    try (Connection duck = DuckDb.connect("jdbc:duckdb:")) {
      String path = SqlLiteral.string(readable.toAbsolutePath().toString());
      Dialect sniffed = sniffDialect(duck, path, options.delimiter(), location);
      String delimiter = sniffed.delimiter();
      StringJoiner base = new StringJoiner(", ");
      base.add("header = true");
      base.add("delim = " + SqlLiteral.string(delimiter));
      // DuckDB's sniffer settles on "no quote character" when a field opens a quote that never
      // closes: the quote then becomes data and the rows after it go wrong. A CSV quotes with ",
      // so unless the file quotes otherwise (or says quote: '' itself), " is the quote, and a
      // quote left open is an error naming its line.
      String quote = options.quote().orElse(sniffed.quote().isEmpty() ? "\"" : sniffed.quote());
      base.add("quote = " + SqlLiteral.string(quote));
      if (options.quote().isEmpty() && sniffed.quote().isEmpty()) {
        requireClosedQuotes(duck, path, base.toString(), location);
      }
      options.dateFormat().ifPresent(f -> base.add("dateformat = " + SqlLiteral.string(f)));
      options.decimalSeparator().ifPresent(d -> base.add("decimal_separator = "
          + SqlLiteral.string(d)));
      options.thousands().ifPresent(t -> base.add("thousands = " + SqlLiteral.string(t)));
      List<String> names = columnNames(duck, path, base.toString(), location);
      if (strictHeader) {
        requireHeaderNames(duck, path, base.toString(), location);
      }
      Map<String, String> types = new LinkedHashMap<>();
      List<CsvLayout.Column> columns = new ArrayList<>();
      boolean detectDecimalComma = !delimiter.equals(",") && options.decimalSeparator().isEmpty();
      Map<String, long[]> stats = stats(duck, path, base.toString(), names);
      // DuckDB reads one date format per file: with 31.12.2024-style dates that format is pinned,
      // and ISO date columns beside them are converted here.
      boolean germanDates = options.dateFormat().isEmpty() && stats.values().stream()
          .anyMatch(s -> s[0] > 0 && s[4] == s[0]);
      List<String> decimalComma = new ArrayList<>();
      for (String name : names) {
        long[] s = stats.get(name);
        if (detectDecimalComma && s[0] > 0 && s[1] > 0 && s[1] + s[2] == s[0]
            && userType(options, name).filter(CsvInspector::isText).isEmpty()) {
          decimalComma.add(name);
        }
      }
      // DuckDB's reader converts decimal commas itself, and then names the line and column of a
      // value it cannot read. Its thousands separator would also eat the dot of a 1.5 in another
      // column, so a file that has such columns too is converted per column here instead.
      boolean readerConverts = !decimalComma.isEmpty() && names.stream()
          .filter(name -> !decimalComma.contains(name)).map(stats::get)
          .noneMatch(s -> s[6] > 0 && s[6] + s[2] == s[0]);
      for (String name : names) {
        long[] s = stats.get(name);
        long values = s[0];
        long leadingZeros = s[3];
        long isoDates = s[5];
        Optional<String> userType = userType(options, name);
        String quoted = Relation.quote(name);
        if (decimalComma.contains(name) && readerConverts) {
          types.put(name, userType.orElse("DOUBLE"));
          columns.add(new CsvLayout.Column(name, "", quoted, "decimal comma (1.234,56 style)"));
        } else if (decimalComma.contains(name)) {
          types.put(name, "VARCHAR");
          columns.add(new CsvLayout.Column(name, "", "cast(replace(replace(trim(" + quoted
              + "), '.', ''), ',', '.') as " + userType.orElse("DOUBLE") + ")",
              "decimal comma (1.234,56 style)"));
        } else if (userType.isPresent()) {
          types.put(name, userType.get());
          columns.add(new CsvLayout.Column(name, "", quoted, "column_types"));
        } else if (germanDates && values > 0 && isoDates == values) {
          types.put(name, "VARCHAR");
          columns.add(new CsvLayout.Column(name, "", "cast(trim(" + quoted + ") as DATE)",
              "ISO date beside 31.12.2024-style dates"));
        } else if (leadingZeros > 0) {
          types.put(name, "VARCHAR");
          columns.add(new CsvLayout.Column(name, "", quoted, "leading zeros kept as text"));
        } else {
          columns.add(new CsvLayout.Column(name, "", quoted, ""));
        }
      }
      StringJoiner readOptions = new StringJoiner(", ");
      readOptions.add(base.toString());
      if (germanDates) {
        readOptions.add("dateformat = '%d.%m.%Y'");
      }
      if (readerConverts) {
        readOptions.add("decimal_separator = ',', thousands = '.'");
      }
      if (!types.isEmpty()) {
        StringJoiner struct = new StringJoiner(", ", "{", "}");
        types.forEach((k, v) -> struct.add(SqlLiteral.string(k) + ": " + SqlLiteral.string(v)));
        readOptions.add("types = " + struct);
      }
      CsvLayout layout = new CsvLayout(file, readable, charset.displayName(), delimiter,
          readOptions.toString(), columns);
      return withTypes(duck, layout, location);
    } catch (SQLException e) {
      throw new MdsException(location + ": cannot read CSV: " + DuckDbError.summary(e.getMessage()),
          e);
    }
  }

  /**
   * The file DuckDB should read for {@code file}: the file itself, or a UTF-8 copy when its
   * encoding (configured, or detected for this file alone) is one DuckDB cannot read.
   */
  public Path readable(Path file, CsvOptions options, String location) {
    return readable(file, charset(file, options, location));
  }

  private Charset charset(Path file, CsvOptions options, String location) {
    if (options.encoding().isPresent()) {
      return TextEncoding.named(options.encoding().get(), location);
    }
    try {
      return Charset.forName(encodings.of(file, f -> TextEncoding.detect(f).name()));
    } catch (IOException e) {
      throw new MdsException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Path readable(Path file, Charset charset) {
    return TextEncoding.readableByDuckDb(charset) ? file : transcoded(file, charset);
  }

  private static Optional<String> userType(CsvOptions options, String column) {
    for (Map.Entry<String, String> entry : options.columnTypes().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(column)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  private static boolean isText(String type) {
    String t = type.trim().toUpperCase(java.util.Locale.ROOT);
    return t.equals("TEXT") || t.equals("STRING") || t.startsWith("VARCHAR")
        || t.startsWith("CHAR") || t.startsWith("BPCHAR");
  }

  /** DuckDB's words for a CSV file it could not read, with the file: {@code sniffing file "x"}. */
  private static final java.util.regex.Pattern UNREADABLE_CSV = java.util.regex.Pattern.compile(
      "(?:Error when sniffing file|CSV Error on Line: \\d+.*?(?:file|File):?) \"?([^\"\\n]+\\.(?:csv|tsv|txt)"
      + "(?:\\.gz)?)\"?");

  /**
   * For a query that failed reading a CSV file (a model reading a source whose file has gone
   * bad since it was inspected: a row with more values than the header), the first line that
   * cannot be read, as {@code ":7: Expected Number of Columns: 3 Found: 5"} after the file;
   * empty when the message names no CSV file or no line is found.
   *
   * @param display how to name the file (relative to the project)
   */
  public static Optional<String> badLine(String duckDbMessage, Optional<String> sql,
      java.util.function.Function<Path, String> display) {
    java.util.Set<Path> files = new java.util.LinkedHashSet<>();
    java.util.regex.Matcher named = UNREADABLE_CSV.matcher(String.valueOf(duckDbMessage));
    if (named.find()) {
      files.add(Path.of(named.group(1)));
    }
    // A bad row can also make DuckDB's sniffer read the file another way (no header, other
    // columns), and the query then fails on a column: the files the query reads are checked too.
    java.util.regex.Matcher read = READ_CSV.matcher(sql.orElse(""));
    while (read.find()) {
      java.util.regex.Matcher each = QUOTED.matcher(read.group(1));
      while (each.find()) {
        files.add(Path.of(each.group(1).replace("''", "'")));
      }
    }
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        Optional<String> found = badLine(file, display);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static final java.util.regex.Pattern READ_CSV =
      java.util.regex.Pattern.compile("read_csv\\(\\[([^\\]]*)\\]");
  private static final java.util.regex.Pattern QUOTED =
      java.util.regex.Pattern.compile("'((?:[^']|'')*)'");

  private static Optional<String> badLine(Path file,
      java.util.function.Function<Path, String> display) {
    try (Connection duck = DuckDb.connect("jdbc:duckdb:")) {
      String path = SqlLiteral.string(file.toAbsolutePath().toString());
      Dialect dialect = sniffDialect(duck, path, Optional.empty(), display.apply(file));
      String options = "header = true, delim = " + SqlLiteral.string(dialect.delimiter())
          + ", quote = " + SqlLiteral.string(dialect.quote().isEmpty() ? "\"" : dialect.quote());
      List<String> header = columnNames(duck, path, options, display.apply(file));
      StringJoiner columns = new StringJoiner(", ", "{", "}");
      header.forEach(name -> columns.add(SqlLiteral.string(name) + ": 'VARCHAR'"));
      try (Statement st = duck.createStatement()) {
        st.execute("select count(*) from read_csv(" + path + ", " + options
            + ", auto_detect = false, columns = " + columns + ", store_rejects = true,"
            + " rejects_table = 'row_rejects', rejects_scan = 'row_scans')");
        try (ResultSet rs = st.executeQuery("select line, error_message from row_rejects"
            + " order by line limit 1")) {
          if (rs.next()) {
            return Optional.of(display.apply(file) + ":" + rs.getLong(1) + ": "
                + DuckDbError.summary(rs.getString(2)));
          }
        }
      }
    } catch (SQLException | MdsException e) {
      // The query's own error stands.
    }
    return Optional.empty();
  }

  /** What DuckDB's sniffer takes the file's delimiter and quote character to be ("" for none). */
  private record Dialect(String delimiter, String quote) {
  }

  /** @param configured the seed's or source's own {@code delimiter:}, which the sniffer keeps */
  private static Dialect sniffDialect(Connection duck, String path, Optional<String> configured,
      String location) {
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("select Delimiter, Quote from sniff_csv(" + path
            + ", sample_size = " + SAMPLE_ROWS + ", " + TOLERANT
            + configured.map(d -> ", delim = " + SqlLiteral.string(d)).orElse("") + ")")) {
      rs.next();
      String delimiter = rs.getString(1);
      String quote = rs.getString(2);
      return new Dialect(configured.orElse(delimiter == null || delimiter.isEmpty() ? ","
          : delimiter),
          // sniff_csv spells "no quote character" as the text (empty).
          quote == null || quote.isEmpty() || quote.equals("(empty)") ? "" : quote);
    } catch (SQLException e) {
      if (configured.isPresent()) {
        // The quote is then " (see sniff), and reading the file shows what is wrong with it.
        return new Dialect(configured.get(), "");
      }
      throw new MdsException(location + ": cannot detect the CSV delimiter ("
          + DuckDbError.summary(e.getMessage()) + "); set delimiter: in its config", e);
    }
  }

  /**
   * Fails naming the line when reading the file with {@code "} as its quote character breaks:
   * a quote opened and never closed, which would otherwise swallow the rows after it.
   */
  private static void requireClosedQuotes(Connection duck, String path, String options,
      String location) {
    try (Statement st = duck.createStatement()) {
      st.executeQuery("describe select * from read_csv(" + path + ", " + options
          + ", all_varchar = true, " + TOLERANT + ")").close();
      return;
    } catch (SQLException e) {
      // DuckDB cannot even settle the columns this way: find the line below.
    }
    // The header line holds no quote (or the sniffer would have taken "), so it names the columns.
    List<String> header = new ArrayList<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("describe select * from read_csv(" + path + ", "
            + options.replace("quote = '\"'", "quote = ''") + ", all_varchar = true, "
            + TOLERANT + ")")) {
      while (rs.next()) {
        header.add(rs.getString("column_name"));
      }
    } catch (SQLException e) {
      throw new MdsException(location + ": cannot read CSV: " + DuckDbError.summary(e.getMessage()),
          e);
    }
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    header.forEach(name -> columns.add(SqlLiteral.string(name) + ": 'VARCHAR'"));
    try (Statement st = duck.createStatement()) {
      st.execute("select count(*) from read_csv(" + path + ", " + options
          + ", escape = '\"', auto_detect = false, columns = " + columns
          + ", store_rejects = true, rejects_table = 'quote_rejects',"
          + " rejects_scan = 'quote_scans')");
      try (ResultSet rs = st.executeQuery("select line, error_type, error_message"
          + " from quote_rejects order by line limit 1")) {
        if (rs.next()) {
          throw new MdsException(location + ":" + rs.getLong(1) + ": "
              + ("UNQUOTED VALUE".equals(rs.getString(2)) ? "a quote opens here and never closes"
                  : rs.getString(3))
              + "; fix the file, or set quote: '' to read quotes as data");
        }
      }
    } catch (SQLException e) {
      throw new MdsException(location + ": cannot read CSV with \" as its quote character ("
          + DuckDbError.summary(e.getMessage()) + "); fix the file, or set quote: '' to read"
          + " quotes as data", e);
    }
    throw new MdsException(location + ": cannot read CSV with \" as its quote character; fix"
        + " the file, or set quote: '' to read quotes as data");
  }

  /**
   * Every column needs a name of its own: DuckDB would call an empty one {@code column2} and a
   * second {@code id} {@code id_1}, and models selecting by the header's names would read the
   * wrong column or none.
   */
  private static void requireHeaderNames(Connection duck, String path, String options,
      String location) throws SQLException {
    List<String> header = new ArrayList<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("select * from read_csv(" + path + ", "
            + options.replace("header = true", "header = false") + ", all_varchar = true, "
            + TOLERANT + ") limit 1")) {
      if (!rs.next()) {
        return;
      }
      int count = rs.getMetaData().getColumnCount();
      for (int i = 1; i <= count; i++) {
        header.add(rs.getString(i));
      }
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name == null || name.isBlank()) {
        throw new MdsException(location + ":1: column " + (i + 1) + " of the header has no name");
      }
      Integer first = seen.putIfAbsent(name.strip().toLowerCase(java.util.Locale.ROOT), i + 1);
      if (first != null) {
        throw new MdsException(location + ":1: the header names column '" + name.strip()
            + "' twice (columns " + first + " and " + (i + 1) + ")");
      }
    }
  }

  private static List<String> columnNames(Connection duck, String path, String options,
      String location) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("describe select * from read_csv(" + path + ", " + options
            + ", all_varchar = true, " + TOLERANT + ")")) {
      while (rs.next()) {
        names.add(rs.getString("column_name"));
      }
    }
    if (names.isEmpty()) {
      throw new MdsException(location + ": the CSV file has no columns");
    }
    return names;
  }

  /**
   * Per column: non-null values, decimal-comma numbers, integers, values with leading zeros,
   * 31.12.2024-style dates, ISO dates, dot decimals.
   */
  private static Map<String, long[]> stats(Connection duck, String path, String options,
      List<String> names) throws SQLException {
    StringJoiner select = new StringJoiner(", ");
    for (String name : names) {
      String c = "trim(" + Relation.quote(name) + ")";
      select.add("count(" + Relation.quote(name) + ")");
      select.add("count(*) filter (where regexp_full_match(" + c + ", '" + EU_NUMBER + "'))");
      select.add("count(*) filter (where regexp_full_match(" + c + ", '" + INTEGER + "'))");
      select.add("count(*) filter (where regexp_full_match(" + c + ", '" + LEADING_ZERO + "'))");
      select.add("count(*) filter (where regexp_full_match(" + c + ", '" + GERMAN_DATE + "'))");
      select.add("count(*) filter (where regexp_full_match(" + c + ", '" + ISO_DATE + "'))");
      select.add("count(*) filter (where regexp_full_match(" + c + ", '" + DOT_DECIMAL + "'))");
    }
    Map<String, long[]> stats = new LinkedHashMap<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("select " + select + " from (select * from read_csv("
            + path + ", " + options + ", all_varchar = true, " + TOLERANT + ") limit " + SAMPLE_ROWS
            + ")")) {
      rs.next();
      int i = 1;
      for (String name : names) {
        long[] counts = new long[7];
        for (int k = 0; k < counts.length; k++) {
          counts[k] = rs.getLong(i + k);
        }
        stats.put(name, counts);
        i += counts.length;
      }
    }
    return stats;
  }

  /** Fills in each column's final type as DuckDB infers it for the planned read. */
  private static CsvLayout withTypes(Connection duck, CsvLayout layout, String location)
      throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("describe " + layout.select(TOLERANT))) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    List<CsvLayout.Column> typed = new ArrayList<>();
    for (CsvLayout.Column column : layout.columns()) {
      typed.add(new CsvLayout.Column(column.name(), types.getOrDefault(column.name(), "?"),
          column.expression(), column.note()));
    }
    return new CsvLayout(layout.source(), layout.readable(), layout.encoding(),
        layout.delimiter(), layout.readOptions(), typed);
  }

  /** A UTF-8 copy of the file in the cache, made once per file version. */
  private Path transcoded(Path file, Charset charset) {
    try {
      String key = file.toAbsolutePath() + "|" + Files.size(file) + "|"
          + Files.getLastModifiedTime(file).toMillis() + "|" + charset.name();
      String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16) + ".csv";
      Path target = cacheDir.resolve(name);
      if (!Files.isRegularFile(target)) {
        TextEncoding.transcode(file, charset, target);
      }
      return target;
    } catch (IOException e) {
      throw new MdsException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

}
