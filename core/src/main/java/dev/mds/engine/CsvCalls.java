package dev.mds.engine;

import dev.mds.MdsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * DuckDB's ways of reading CSV files inside a model's SQL — {@code read_csv('x.csv', delim=';')},
 * {@code read_csv_auto(...)}, a {@code 'x.csv'} literal after {@code from}/{@code join} — for an
 * engine with a CSV reader of its own ({@link Dialect#readCsv}): each is replaced by the engine's
 * read of the same files, laid out and typed as DuckDB reads them ({@link CsvScan}). DuckDB keeps
 * the SQL as written. An argument with no equivalent fails naming the model and the argument.
 */
public final class CsvCalls {

  private CsvCalls() {
  }

  /**
   * Arguments whose effect the engine's read reproduces: the layout (read by the engine), the
   * names and types (DuckDB's, asked of DuckDB), or that only steer DuckDB's own work.
   */
  private static final Set<String> TRANSLATED = Set.of("delim", "sep", "delimiter", "header",
      "quote", "escape", "columns", "names", "column_names", "types", "dtypes", "column_types",
      "all_varchar", "auto_detect", "sample_size", "dateformat", "date_format", "timestampformat",
      "timestamp_format", "decimal_separator", "thousands", "encoding", "compression",
      "normalize_names", "auto_type_candidates", "null_padding", "max_line_size", "parallel",
      "comment", "new_line", "strict_mode", "buffer_size", "union_by_name", "skip",
      "hive_partitioning", "filename", "ignore_errors");

  /** Arguments accepted only with a value that changes nothing the engine must reproduce. */
  private static final Set<String> ONLY_FALSE = Set.of("hive_partitioning", "filename",
      "ignore_errors");

  private static final Set<String> CALLS = Set.of("read_csv", "read_csv_auto");

  /**
   * {@code sql} with every DuckDB CSV read replaced by the engine's, or {@code sql} itself where
   * the engine is DuckDB (or nothing reads CSV).
   *
   * @param location the model's file, for errors
   */
  public static String forEngine(String sql, Dialect dialect, String location) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("read_csv") && !lower.contains(".csv") && !lower.contains(".tsv")) {
      return sql;
    }
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int i = 0;
    String previousWord = "";
    char previous = ' ';
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int skip = skipQuotedOrComment(sql, i);
      if (skip > i) {
        if (c == '\'' && (previousWord.equals("from") || previousWord.equals("join"))) {
          String path = sql.substring(i + 1, skip - 1).replace("''", "'");
          if (isCsvPath(path)) {
            Optional<String> read = read(List.of(sql.substring(i, skip)), dialect, location,
                "'" + path + "'");
            if (read.isEmpty()) {
              return sql;
            }
            out.append(sql, copied, i).append(read.get());
            if (!aliasFollows(sql, skip)) {
              out.append(" as ").append(dialect.quote(stem(path)));
            }
            copied = skip;
          }
        }
        previousWord = "";
        previous = sql.charAt(skip - 1);
        i = skip;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end))
            || sql.charAt(end) == '_')) {
          end++;
        }
        String word = sql.substring(i, end).toLowerCase(Locale.ROOT);
        int open = nextNonSpace(sql, end);
        if (CALLS.contains(word) && previous != '.' && open < sql.length()
            && sql.charAt(open) == '(') {
          int close = closing(sql, open);
          if (close < 0) {
            return sql;
          }
          List<String> arguments = arguments(sql.substring(open + 1, close));
          Optional<String> read = read(arguments, dialect, location, sql.substring(i, close + 1));
          if (read.isEmpty()) {
            return sql;
          }
          out.append(sql, copied, i).append(read.get());
          copied = close + 1;
          i = close + 1;
          previousWord = "";
          previous = ')';
          continue;
        }
        previousWord = word;
        previous = sql.charAt(end - 1);
        i = end;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        previousWord = "";
        previous = c;
      }
      i++;
    }
    return copied == 0 ? sql : out.append(sql, copied, sql.length()).toString();
  }

  /** The engine's read for one call's arguments; empty where the engine is DuckDB. */
  private static Optional<String> read(List<String> arguments, Dialect dialect, String location,
      String call) {
    List<String> positional = arguments.stream()
        .filter(a -> !NAMED.matcher(a).matches()).toList();
    if (positional.size() == 1) {
      String files = positional.get(0).strip();
      if (files.length() >= 2 && files.startsWith("'") && files.endsWith("'")) {
        String uri = files.substring(1, files.length() - 1).replace("''", "'");
        if (dialect.isRemote(uri)) {
          return remote(uri, arguments, dialect, location + ": " + shorten(call));
        }
      }
    }
    return dialect.readCsv(() -> scan(arguments, location, call,
        dialect.engineName() + "'s CSV reader"));
  }

  /** read_csv's arguments that a remote file's read can pass on, under the engine's names. */
  private static final java.util.Map<String, String> REMOTE_LAYOUT = java.util.Map.of(
      "delim", "delimiter", "sep", "delimiter", "delimiter", "delimiter", "quote", "quote",
      "escape", "escape", "header", "header", "encoding", "encoding");

  /**
   * A read of a URI mds cannot inspect ({@link Dialect#isRemote}): the engine's own reader with
   * the layout the call states; an argument it cannot pass on fails naming it. Empty on DuckDB.
   */
  private static Optional<String> remote(String uri, List<String> arguments, Dialect dialect,
      String where) {
    java.util.Map<String, String> layout = new java.util.LinkedHashMap<>();
    String refused = null;
    for (String argument : arguments) {
      java.util.regex.Matcher named = NAMED.matcher(argument);
      if (!named.matches()) {
        continue;
      }
      String name = named.group(1).toLowerCase(Locale.ROOT);
      String value = named.group(2).strip();
      String text = value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
          ? value.substring(1, value.length() - 1).replace("''", "'") : value;
      if (name.equals("ignore_errors")) {
        if (text.equalsIgnoreCase("true")) {
          layout.put("on_error", "skip");
        }
      } else if (REMOTE_LAYOUT.containsKey(name)) {
        layout.put(REMOTE_LAYOUT.get(name), name.equals("header")
            ? String.valueOf(text.equalsIgnoreCase("true")) : text);
      } else if (refused == null) {
        refused = name + " = " + value;
      }
    }
    Optional<String> own = dialect.readCsvAt(uri, layout, where);
    if (own.isPresent() && refused != null) {
      throw new MdsException(where + ": the argument " + refused + " has no equivalent in "
          + dialect.engineName() + "'s CSV reader for a remote file, which mds cannot inspect;"
          + " read it without that argument, or copy the file to a local path");
    }
    return own;
  }

  private static CsvScan scan(List<String> arguments, String location, String call,
      String reader) {
    String files = null;
    StringJoiner options = new StringJoiner(", ");
    String encoding = "UTF-8";
    for (String argument : arguments) {
      java.util.regex.Matcher named = NAMED.matcher(argument);
      if (!named.matches()) {
        if (files != null) {
          throw new MdsException(location + ": " + shorten(call) + " has a second positional"
              + " argument, which " + reader + " cannot take");
        }
        files = argument.strip();
        continue;
      }
      String name = named.group(1).toLowerCase(Locale.ROOT);
      String value = named.group(2).strip();
      if (!TRANSLATED.contains(name) || ONLY_FALSE.contains(name)
          && !value.equalsIgnoreCase("false")) {
        throw new MdsException(location + ": " + shorten(call) + ": the argument " + name + " = "
            + value + " of read_csv has no equivalent in " + reader + "; read the file"
            + " without it (or as a seed)");
      }
      if (name.equals("encoding")) {
        String text = value.replace("'", "").strip().toLowerCase(Locale.ROOT);
        encoding = text.equals("latin-1") || text.equals("latin1") ? "ISO-8859-1" : text;
      }
      options.add(name + " = " + value);
    }
    if (files == null) {
      throw new MdsException(location + ": " + shorten(call) + " names no file");
    }
    List<String> paths = paths(files, location, call, reader);
    StringJoiner inspected = new StringJoiner(", ", "[", "]");
    paths.forEach(p -> inspected.add(SqlLiteral.string(p)));
    List<String> read = new ArrayList<>();
    for (String path : paths) {
      if (path.contains("**")) {
        // Hadoop's globs have no **: the files DuckDB would read, one by one.
        FileScan.matches(path).forEach(f -> read.add(f.toString()));
      } else {
        read.add(path);
      }
    }
    return CsvScan.inspect(read, inspected.toString(), encoding, options.toString(),
        location + ": " + shorten(call));
  }

  private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(
      "(?s)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=|:=)(?!=)(.*)");

  /** The files argument (a literal or a list of them) as absolute paths, as DuckDB finds them. */
  private static List<String> paths(String files, String location, String call,
      String reader) {
    List<String> literals = new ArrayList<>();
    String text = files.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      literals.addAll(arguments(text.substring(1, text.length() - 1)));
    } else {
      literals.add(text);
    }
    List<String> paths = new ArrayList<>();
    for (String literal : literals) {
      String l = literal.strip();
      if (!(l.startsWith("'") && l.endsWith("'") && l.length() >= 2)) {
        throw new MdsException(location + ": " + shorten(call) + ": the files must be a string"
            + " literal or a list of them for " + reader);
      }
      String path = l.substring(1, l.length() - 1).replace("''", "'");
      // DuckDB reads a relative path from the folder mds runs in.
      paths.add(Path.of(path).isAbsolute() ? path
          : Path.of(path).toAbsolutePath().normalize().toString().replace('\\', '/'));
    }
    return paths;
  }

  private static boolean isCsvPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".csv") || p.endsWith(".tsv") || p.endsWith(".csv.gz")
        || p.endsWith(".tsv.gz");
  }

  /** DuckDB names a file read in {@code from} after the file: {@code 'data/x.csv'} is {@code x}. */
  private static String stem(String path) {
    String name = path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static final Set<String> NOT_ALIASES = Set.of("where", "group", "order", "limit",
      "join", "left", "right", "inner", "outer", "full", "cross", "on", "using", "union",
      "except", "intersect", "having", "window", "qualify", "natural", "lateral", "positional",
      "anti", "semi", "asof", "offset", "sample", "tablesample", "pivot", "unpivot");

  private static boolean aliasFollows(String sql, int from) {
    int i = nextNonSpace(sql, from);
    if (i >= sql.length()) {
      return false;
    }
    char c = sql.charAt(i);
    if (c == '"' || c == '`') {
      return true;
    }
    if (!Character.isLetter(c) && c != '_') {
      return false;
    }
    int end = i;
    while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end))
        || sql.charAt(end) == '_')) {
      end++;
    }
    return !NOT_ALIASES.contains(sql.substring(i, end).toLowerCase(Locale.ROOT));
  }

  /** A call's arguments split at its top-level commas. */
  static List<String> arguments(String inside) {
    return SqlText.splitTopLevel(inside, false);
  }

  private static int closing(String sql, int open) {
    return SqlText.closingParenthesis(sql, open, false);
  }

  private static int skipQuotedOrComment(String sql, int i) {
    return SqlText.skipQuotedOrComment(sql, i, false);
  }

  private static int nextNonSpace(String sql, int from) {
    int i = from;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String shorten(String call) {
    String oneLine = call.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }
}
