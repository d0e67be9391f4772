package dev.mds.engine;

/**
 * Walking SQL text past string literals, quoted names and comments, for the few rewrites mds
 * makes on the text itself ({@code read_csv} calls, DuckDB syntax read on Spark). One switch
 * differs between engines: Spark's string literals take backslash escapes, DuckDB's do not (it
 * doubles the quote instead).
 */
public final class SqlText {

  private SqlText() {
  }

  /**
   * The position after a string literal, quoted identifier or comment starting at {@code i}, or
   * {@code i} when none starts there.
   */
  public static int skipQuotedOrComment(String sql, int i, boolean backslashEscapes) {
    char c = sql.charAt(i);
    if (c == '\'' || c == '"' || c == '`') {
      int j = i + 1;
      while (j < sql.length()) {
        char d = sql.charAt(j);
        if (backslashEscapes && d == '\\' && c != '`') {
          j += 2;
          continue;
        }
        if (d == c) {
          if (!backslashEscapes && j + 1 < sql.length() && sql.charAt(j + 1) == c) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return sql.length();
    }
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end + 1;
    }
    if (sql.startsWith("/*", i)) {
      int end = sql.indexOf("*/", i + 2);
      return end < 0 ? sql.length() : end + 2;
    }
    return i;
  }

  /** The position of the parenthesis closing the one at {@code open}, or -1. */
  public static int closingParenthesis(String sql, int open, boolean backslashEscapes) {
    int depth = 0;
    int i = open;
    while (i < sql.length()) {
      int skip = skipQuotedOrComment(sql, i, backslashEscapes);
      if (skip > i) {
        i = skip;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /**
   * The items of a comma-separated list (a call's arguments, a column list), split only at its
   * own commas: not inside brackets of any kind, literals, quoted names or comments.
   */
  public static java.util.List<String> splitTopLevel(String list, boolean backslashEscapes) {
    java.util.List<String> items = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < list.length()) {
      int skip = skipQuotedOrComment(list, i, backslashEscapes);
      if (skip > i) {
        i = skip;
        continue;
      }
      char c = list.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    if (!list.substring(start).isBlank()) {
      items.add(list.substring(start));
    }
    return items;
  }
}
