package dev.mds.spark;

import dev.mds.engine.SqlText;
import java.util.Locale;
import java.util.Set;

/**
 * DuckDB SQL Spark's grammar cannot read, written as Spark reads it, on the text of a statement
 * before Spark parses it:
 * <ul>
 *   <li>an interval with a parenthesised quantity, {@code interval (30) day} or
 *       {@code interval (n + 1) days} (what a Jinja variable inside the parentheses renders to):
 *       {@code ((30) * interval 1 day)}. Spark would read it as a call of a function
 *       {@code interval} (named {@code day} in a select list), or fail at the parenthesis;</li>
 *   <li>{@code extract('year' from x)} (a quoted part, which Spark's grammar refuses):
 *       {@code extract(year from x)}; {@link DuckDbFunctions#datePart} then gives DuckDB's
 *       values for quoted and unquoted parts alike;</li>
 *   <li>{@code a // b}: {@code a div b}, which the parser reads as DuckDB's integer division
 *       ({@link DuckDbFunctions#integerDivision}; DuckDB has no {@code div});</li>
 *   <li>a slice {@code x[lo:hi]} (either bound may be left out), which Spark's grammar has no
 *       syntax for: {@code x[__mds_slice_bounds(lo, hi)]}, which the parser makes DuckDB's
 *       slice;</li>
 *   <li>{@code from generate_series(a, b, step)} (a table function Spark does not have): a
 *       subquery exploding {@code sequence(a, b, step)} into a column named
 *       {@code generate_series}, as DuckDB names it;</li>
 *   <li>a trailing comma before {@code from} ({@code select a, b, from t}), which DuckDB
 *       allows;</li>
 *   <li>{@code qualify <condition>}, which Spark has no syntax for: the select it belongs to
 *       computes the condition as one more column, and a select over it keeps the rows where it
 *       holds, with every column but that one (and the {@code distinct}, {@code order by} and
 *       {@code limit} of the original). The condition may name the select list's aliases, as
 *       Spark's lateral column aliases allow;</li>
 *   <li>{@code * exclude (a, b)} (also {@code t.*}), which Spark has no syntax for: a call of
 *       {@link #STAR_EXCLUDE} that {@link DuckDbSyntax}'s parser turns into a star leaving those
 *       columns out; {@code * replace (e as a, ...)} likewise a call of {@link #STAR_REPLACE}
 *       that the parser turns into Spark's star replacing those columns in place.</li>
 * </ul>
 * In Spark's own SQL none of these texts can mean anything else (but {@code div}, which DuckDB
 * does not have). Every rewrite gives a text it leaves as it is: Spark keeps a view's text as
 * rewritten here and parses it again when the view is read. String literals, quoted names
 * and comments are skipped, so text inside them is never touched.
 */
final class DuckDbText {

  /** The function a {@code * exclude (...)} becomes: qualifier, then the column names. */
  static final String STAR_EXCLUDE = "__mds_star_exclude";

  /** The function a {@code * replace (...)} becomes: qualifier, then each name and value. */
  static final String STAR_REPLACE = "__mds_star_replace";

  private static final Set<String> UNITS = Set.of("year", "years", "month", "months", "week",
      "weeks", "day", "days", "hour", "hours", "minute", "minutes", "second", "seconds",
      "millisecond", "milliseconds", "microsecond", "microseconds");

  private DuckDbText() {
  }

  /** The column a rewritten {@code qualify} computes its condition in. */
  static final String QUALIFY_COLUMN = "__mds_qualify";

  /** {@code sql} with each construct above rewritten; the same text when none. */
  static String rewrite(String sql) {
    return rewriteInline(qualify(sql));
  }

  private static String rewriteInline(String sql) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < sql.length()) {
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      Rewrite found = null;
      if ((c == 'i' || c == 'I') && startsWord(sql, i, "interval")) {
        found = interval(sql, i);
      } else if (c == ',') {
        int next = skipSpaceAndComments(sql, i + 1);
        if (next < sql.length() && startsWord(sql, next, "from")) {
          found = new Rewrite(i, i + 1, " ");
        }
      } else if (c == '*') {
        found = star(sql, i);
      } else if ((c == 'e' || c == 'E') && startsWord(sql, i, "extract")) {
        found = extract(sql, i);
      } else if ((c == 'g' || c == 'G') && startsWord(sql, i, "generate_series")) {
        found = generateSeries(sql, i);
      } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '/') {
        found = new Rewrite(i, i + 2, " div ");
      } else if (c == '[') {
        found = slice(sql, i);
      }
      if (found == null) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(sql.length() + 32);
      }
      out.append(sql, copied, found.start()).append(found.text());
      copied = found.end();
      i = found.end();
    }
    return out == null ? sql : out.append(sql, copied, sql.length()).toString();
  }

  /** Text from {@code start} to {@code end} replaced by {@code text}. */
  private record Rewrite(int start, int end, String text) { }

  private static Rewrite interval(String sql, int i) {
    int open = skipSpace(sql, i + "interval".length());
    if (open >= sql.length() || sql.charAt(open) != '(') {
      return null;
    }
    int close = matching(sql, open);
    if (close < 0) {
      return null;
    }
    int unitStart = skipSpace(sql, close + 1);
    int unitEnd = unitStart;
    while (unitEnd < sql.length() && Character.isLetter(sql.charAt(unitEnd))) {
      unitEnd++;
    }
    String unit = sql.substring(unitStart, unitEnd);
    if (unitEnd == unitStart || !UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
      return null;
    }
    // The quantity itself may hold another such interval.
    String quantity = rewriteInline(sql.substring(open + 1, close));
    return new Rewrite(i, unitEnd, "((" + quantity + ") * interval 1 " + unit + ")");
  }

  /** Each {@code qualify} written as a select over its select, innermost last. */
  private static String qualify(String sql) {
    if (!contains(sql, "qualify")) {
      return sql;
    }
    String text = sql;
    for (int rounds = 0; rounds < 100; rounds++) {
      int[] depth = depths(text);
      int at = -1;
      for (int i = 0; i < text.length() && at < 0; i++) {
        if (depth[i] >= 0 && (text.charAt(i) == 'q' || text.charAt(i) == 'Q')
            && startsWord(text, i, "qualify")) {
          at = i;
        }
      }
      if (at < 0) {
        return text;
      }
      String rewritten = qualifyAt(text, depth, at);
      if (rewritten == null) {
        return text;
      }
      text = rewritten;
    }
    return text;
  }

  private static String qualifyAt(String sql, int[] depth, int at) {
    int level = depth[at];
    int select = -1;
    for (int i = at - 1; i >= 0; i--) {
      if (depth[i] >= 0 && depth[i] < level) {
        break;
      }
      if (depth[i] == level && startsWord(sql, i, "select")) {
        select = i;
        break;
      }
    }
    if (select < 0) {
      return null;
    }
    int listStart = skipSpace(sql, select + "select".length());
    boolean distinct = startsWord(sql, listStart, "distinct");
    if (distinct) {
      listStart = skipSpace(sql, listStart + "distinct".length());
    }
    int from = -1;
    for (int i = listStart; i < at; i++) {
      if (depth[i] == level && startsWord(sql, i, "from")) {
        from = i;
        break;
      }
    }
    if (from < 0) {
      return null;
    }
    int conditionStart = at + "qualify".length();
    int conditionEnd = sql.length();
    for (int i = conditionStart; i < sql.length(); i++) {
      // The condition ends where its select does: a parenthesis closing the select, or the
      // next clause at the select's level.
      if (depth[i] >= 0 && depth[i] < level || depth[i] == level && (sql.charAt(i) == ';'
          || startsWord(sql, i, "order") || startsWord(sql, i, "limit")
          || startsWord(sql, i, "window") || startsWord(sql, i, "union")
          || startsWord(sql, i, "except") || startsWord(sql, i, "intersect"))) {
        conditionEnd = i;
        break;
      }
    }
    String list = sql.substring(listStart, from).strip();
    if (list.endsWith(",")) {
      list = list.substring(0, list.length() - 1);
    }
    String condition = sql.substring(conditionStart, conditionEnd).strip();
    return sql.substring(0, select) + "select " + (distinct ? "distinct " : "") + STAR_EXCLUDE
        + "('', '" + QUALIFY_COLUMN + "') from (select " + list + ", (" + condition + ") as "
        + QUALIFY_COLUMN + " " + sql.substring(from, at) + ") as __mds_qualified where "
        + QUALIFY_COLUMN + " " + sql.substring(conditionEnd);
  }

  /** Whether {@code sql} has {@code word} in any case (cheaper than lower-casing it). */
  private static boolean contains(String sql, String word) {
    for (int i = sql.length() - word.length(); i >= 0; i--) {
      if (Character.toLowerCase(sql.charAt(i)) == word.charAt(0)
          && sql.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** Each character's parenthesis depth; -1 inside literals, quoted names and comments. */
  private static int[] depths(String sql) {
    int[] depth = new int[sql.length()];
    int level = 0;
    int i = 0;
    while (i < sql.length()) {
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        java.util.Arrays.fill(depth, i, skipped, -1);
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '(') {
        depth[i] = level;
        level++;
      } else if (c == ')') {
        level = Math.max(0, level - 1);
        depth[i] = level;
      } else {
        depth[i] = level;
      }
      i++;
    }
    return depth;
  }

  /**
   * {@code extract('part' from x)}: the part unquoted, as Spark's grammar reads it. Which value
   * a part gives (DuckDB's, where Spark's differs) is {@link DuckDbFunctions#datePart}'s, for
   * quoted and unquoted parts alike.
   */
  private static Rewrite extract(String sql, int i) {
    int open = skipSpace(sql, i + "extract".length());
    if (open >= sql.length() || sql.charAt(open) != '(') {
      return null;
    }
    int quote = skipSpace(sql, open + 1);
    if (quote >= sql.length() || sql.charAt(quote) != '\'') {
      return null;
    }
    int endQuote = sql.indexOf('\'', quote + 1);
    int close = matching(sql, open);
    if (endQuote < 0 || close < 0) {
      return null;
    }
    String part = sql.substring(quote + 1, endQuote).strip();
    int from = skipSpace(sql, endQuote + 1);
    if (!part.matches("[A-Za-z_]+") || !startsWord(sql, from, "from")) {
      return null;
    }
    return new Rewrite(i, close + 1, "extract(" + part + " from "
        + rewriteInline(sql.substring(from + "from".length(), close)) + ")");
  }

  /**
   * {@code [lo:hi]} (a slice; either bound may be missing): {@code [SLICE_BOUNDS(lo, hi)]},
   * which {@link DuckDbSyntax}'s parser makes DuckDB's slice of the subscripted value.
   */
  private static Rewrite slice(String sql, int open) {
    int depth = 0;
    int colon = -1;
    int i = open + 1;
    while (i < sql.length()) {
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == '}') {
        depth--;
      } else if (c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ':' && depth == 0) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
          i += 2;
          continue;
        }
        if (colon >= 0) {
          return null;
        }
        colon = i;
      }
      i++;
    }
    if (i >= sql.length() || colon < 0) {
      return null;
    }
    String lo = sql.substring(open + 1, colon).strip();
    String hi = sql.substring(colon + 1, i).strip();
    return new Rewrite(open, i + 1, "[" + DuckDbFunctions.SLICE_BOUNDS + "("
        + (lo.isEmpty() ? "null" : rewriteInline(lo)) + ", "
        + (hi.isEmpty() ? "null" : rewriteInline(hi)) + ")]");
  }

  /** {@code generate_series(...)} where a table goes (after {@code from} or {@code join}). */
  private static Rewrite generateSeries(String sql, int i) {
    int before = i - 1;
    while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
      before--;
    }
    int wordStart = before;
    while (wordStart >= 0 && Character.isLetter(sql.charAt(wordStart))) {
      wordStart--;
    }
    String previous = sql.substring(wordStart + 1, before + 1).toLowerCase(Locale.ROOT);
    if (!previous.equals("from") && !previous.equals("join")) {
      return null;
    }
    int open = skipSpace(sql, i + "generate_series".length());
    if (open >= sql.length() || sql.charAt(open) != '(') {
      return null;
    }
    int close = matching(sql, open);
    if (close < 0) {
      return null;
    }
    java.util.List<String> args = splitTopLevel(sql.substring(open + 1, close));
    String sequence = args.size() == 1 ? "0, " + rewriteInline(args.get(0))
        : rewriteInline(sql.substring(open + 1, close));
    return new Rewrite(i, close + 1,
        "(select explode(sequence(" + sequence + ")) as generate_series)");
  }

  /** {@code [t.]* exclude (...)} starting at the star. */
  private static Rewrite star(String sql, int i) {
    int word = skipSpace(sql, i + 1);
    boolean replace = startsWord(sql, word, "replace");
    if (!replace && !startsWord(sql, word, "exclude")) {
      return null;
    }
    int open = skipSpace(sql, word + "exclude".length());
    if (open >= sql.length() || sql.charAt(open) != '(') {
      return null;
    }
    int close = matching(sql, open);
    if (close < 0) {
      return null;
    }
    // A qualifier: the name (quoted or not) and dot before the star.
    int start = i;
    String qualifier = "";
    if (i > 0 && sql.charAt(i - 1) == '.') {
      start = i - 1;
      while (start > 0 && (isNamePart(sql.charAt(start - 1)) || sql.charAt(start - 1) == '"'
          || sql.charAt(start - 1) == '`')) {
        start--;
      }
      qualifier = sql.substring(start, i - 1).replace("\"", "").replace("`", "");
    }
    StringBuilder call = new StringBuilder(replace ? STAR_REPLACE : STAR_EXCLUDE).append('(')
        .append(literal(qualifier));
    for (String item : splitTopLevel(sql.substring(open + 1, close))) {
      if (!replace) {
        call.append(", ").append(literal(unquoted(item)));
        continue;
      }
      java.util.regex.Matcher named = REPLACEMENT.matcher(item);
      if (!named.matches()) {
        return null;
      }
      call.append(", ").append(literal(unquoted(named.group(2)))).append(", ")
          .append(rewriteInline(named.group(1)));
    }
    return new Rewrite(start, close + 1, call.append(')').toString());
  }

  /** One item of a {@code * replace (...)}: the expression, then the name after its last "as". */
  private static final java.util.regex.Pattern REPLACEMENT = java.util.regex.Pattern.compile(
      "(?is)\\s*(.+)\\s+as\\s+(\"[^\"]+\"|`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)\\s*");

  private static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A column name as written in the list, without its quotes. */
  private static String unquoted(String name) {
    String n = name.strip();
    if (n.length() >= 2 && (n.charAt(0) == '"' || n.charAt(0) == '`')
        && n.charAt(n.length() - 1) == n.charAt(0)) {
      return n.substring(1, n.length() - 1);
    }
    return n;
  }

  /** The items of a comma-separated list, split only at its own commas. */
  private static java.util.List<String> splitTopLevel(String list) {
    return SqlText.splitTopLevel(list, true);
  }

  private static int skipSpaceAndComments(String sql, int i) {
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
        i = skipQuotedOrComment(sql, i);
      } else {
        return i;
      }
    }
    return i;
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
    return SqlText.closingParenthesis(sql, open, true);
  }

  /** Past the literal, quoted name or comment starting at {@code i}; {@code i} when none. */
  private static int skipQuotedOrComment(String sql, int i) {
    return SqlText.skipQuotedOrComment(sql, i, true);
  }
}
