package dev.mds.spark;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark failure as the one-line {@link SQLException} the runner reports for every engine:
 * Spark's own first line (error class and message, without the SQL excerpt it appends), and,
 * where the failing construct is DuckDB's, a note that says so.
 */
final class SparkError {

  private static final Pattern ROUTINE =
      Pattern.compile("(?:Cannot resolve routine|Could not resolve) `([^`]+)`"
          + "|function `?([A-Za-z_][A-Za-z0-9_]*)`? ");
  private static final Pattern SYNTAX = Pattern.compile("Syntax error at or near '([^']+)'");

  /** DuckDB functions and syntax that projects use and Spark lacks, with Spark's way if any. */
  private static final Map<String, String> DUCKDB_ONLY = Map.ofEntries(
      Map.entry("read_csv", "a seed (mds loads it), or parquet or JSON files as a source's location"),
      Map.entry("read_csv_auto", "a seed (mds loads it), or parquet or JSON files as a source's location"),
      Map.entry("read_parquet", "parquet.`path` or a source with a location"),
      Map.entry("read_json", "json.`path`"),
      Map.entry("read_json_auto", "json.`path`"),
      Map.entry("strftime", "date_format"),
      Map.entry("strptime", "to_timestamp"),
      Map.entry("list_extract", "element_at"),
      Map.entry("string_split", "split"),
      Map.entry("string_agg", "listagg / array_join(collect_list(...))"),
      Map.entry("list", "collect_list"),
      Map.entry("unnest", "explode"),
      Map.entry("range", "sequence"),
      Map.entry("epoch", "unix_timestamp"),
      Map.entry("exclude", "an explicit column list (Spark has no select * exclude)"),
      Map.entry("replace", "an explicit column list (Spark has no select * replace)"),
      Map.entry("qualify", "a subquery with a window and a where"),
      Map.entry("generate_series", "explode(sequence(start, stop, interval))"),
      Map.entry("//", "div (integer division)"),
      Map.entry("extract('part' from ...)", "extract(part from ...), the part unquoted"),
      Map.entry("[...] (a list literal)", "array(...)"),
      Map.entry("{'key': value} (a struct literal)", "named_struct('key', value)"));

  private SparkError() {
  }

  /** DuckDB syntax Spark's parser stumbles on without naming it, found in the failing SQL. */
  private static final Map<String, Pattern> DUCKDB_SYNTAX = Map.of(
      "read_json", Pattern.compile("\\bread_json(?:_auto)?\\s*\\(", Pattern.CASE_INSENSITIVE),
      "[...] (a list literal)",
      Pattern.compile("(?:^|[\\s,(=])\\[\\s*(?:'|-?[0-9]|\\]|[A-Za-z_])"),
      "{'key': value} (a struct literal)", Pattern.compile("\\{\\s*'[^']*'\\s*:"),
      "extract('part' from ...)",
      Pattern.compile("\\bextract\\s*\\(\\s*'", Pattern.CASE_INSENSITIVE),
      "exclude", Pattern.compile("\\*\\s*exclude\\s*\\(", Pattern.CASE_INSENSITIVE),
      "replace", Pattern.compile("\\*\\s*replace\\s*\\(", Pattern.CASE_INSENSITIVE),
      "//", Pattern.compile("[A-Za-z0-9_)\\s]//[\\sA-Za-z0-9_(]"),
      "qualify", Pattern.compile("\\bqualify\\b", Pattern.CASE_INSENSITIVE));

  static SQLException of(Throwable e) {
    return of(e, null);
  }

  /** @param sql the statement that failed, searched for DuckDB syntax on a syntax error */
  static SQLException of(Throwable e, String sql) {
    String message = firstLine(e);
    String construct = construct(message);
    if (sql != null && message.contains("PARSE_SYNTAX_ERROR")
        && (construct == null || !DUCKDB_ONLY.containsKey(construct.toLowerCase(Locale.ROOT)))) {
      for (Map.Entry<String, Pattern> syntax : DUCKDB_SYNTAX.entrySet()) {
        if (syntax.getValue().matcher(sql).find()) {
          construct = syntax.getKey();
          break;
        }
      }
    }
    if (construct != null && DUCKDB_ONLY.containsKey(construct.toLowerCase(Locale.ROOT))) {
      message += " (" + construct + " is DuckDB SQL; on Spark use "
          + DUCKDB_ONLY.get(construct.toLowerCase(Locale.ROOT)) + ")";
    }
    return new SQLException(message, e);
  }

  /** The first line of Spark's message that says something, without "SQLSTATE: ...". */
  static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
        .orElse(t.getClass().getSimpleName());
    line = line.replaceAll("\\s*SQLSTATE: [0-9A-Z]+;?", "").strip();
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }

  private static String construct(String message) {
    Matcher routine = ROUTINE.matcher(message);
    if (routine.find()) {
      String name = routine.group(1) != null ? routine.group(1) : routine.group(2);
      int dot = name.lastIndexOf('.');
      return dot >= 0 ? name.substring(dot + 1) : name;
    }
    Matcher syntax = SYNTAX.matcher(message);
    return syntax.find() ? syntax.group(1) : null;
  }
}
