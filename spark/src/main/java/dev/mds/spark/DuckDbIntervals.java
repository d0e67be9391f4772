package dev.mds.spark;

import java.util.Locale;
import java.util.Set;

/**
 * DuckDB's interval with a parenthesised quantity, {@code interval (30) day} or
 * {@code interval (n + 1) days} (what a Jinja variable inside the parentheses renders to), as
 * Spark writes it: {@code ((30) * interval 1 day)}. Spark's grammar takes only a literal there
 * and fails the whole statement at the parenthesis, so this runs on the text of a statement Spark
 * could not parse, and Spark parses the result again. String literals, quoted names and comments
 * are skipped, so text inside them is never touched.
 */
final class DuckDbIntervals {

  private static final Set<String> UNITS = Set.of("year", "years", "month", "months", "week",
      "weeks", "day", "days", "hour", "hours", "minute", "minutes", "second", "seconds",
      "millisecond", "milliseconds", "microsecond", "microseconds");

  private DuckDbIntervals() {
  }

  /** {@code sql} with each {@code interval (expr) unit} rewritten; the same text when none. */
  static String rewrite(String sql) {
    if (!containsInterval(sql)) {
      return sql;
    }
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < sql.length()) {
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      if (startsWord(sql, i, "interval")) {
        int open = skipSpace(sql, i + "interval".length());
        if (open < sql.length() && sql.charAt(open) == '(') {
          int close = matching(sql, open);
          if (close > 0) {
            int unitStart = skipSpace(sql, close + 1);
            int unitEnd = unitStart;
            while (unitEnd < sql.length() && Character.isLetter(sql.charAt(unitEnd))) {
              unitEnd++;
            }
            String unit = sql.substring(unitStart, unitEnd);
            if (unitEnd > unitStart && UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
              if (out == null) {
                out = new StringBuilder(sql.length() + 32);
              }
              // The quantity itself may hold another such interval.
              String quantity = rewrite(sql.substring(open + 1, close));
              out.append(sql, copied, i).append("((").append(quantity)
                  .append(") * interval 1 ").append(unit).append(')');
              copied = unitEnd;
              i = unitEnd;
              continue;
            }
          }
        }
      }
      i++;
    }
    return out == null ? sql : out.append(sql, copied, sql.length()).toString();
  }

  /** Most statements have no interval at all: one pass without allocating. */
  private static boolean containsInterval(String sql) {
    for (int i = sql.length() - "interval".length(); i >= 0; i--) {
      if ((sql.charAt(i) == 'i' || sql.charAt(i) == 'I')
          && sql.regionMatches(true, i, "interval", 0, "interval".length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWord(String sql, int i, String word) {
    if (!sql.regionMatches(true, i, word, 0, word.length())) {
      return false;
    }
    boolean before = i == 0 || !isNamePart(sql.charAt(i - 1));
    int end = i + word.length();
    return before && (end == sql.length() || !isNamePart(sql.charAt(end)));
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int matching(String sql, int open) {
    int depth = 0;
    int i = open;
    while (i < sql.length()) {
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        i = skipped;
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

  /** Past the literal, quoted name or comment starting at {@code i}; {@code i} when none. */
  private static int skipQuotedOrComment(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '\'' || c == '"' || c == '`') {
      int j = i + 1;
      while (j < sql.length()) {
        char d = sql.charAt(j);
        if (d == '\\' && c != '`') {
          j += 2;
          continue;
        }
        if (d == c) {
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
}
