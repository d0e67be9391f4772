package dev.mds.docs;

import java.util.Locale;
import java.util.Set;

/**
 * Turns SQL (raw, with Jinja, or compiled) into escaped HTML with spans for keywords, strings,
 * numbers, comments and template tags. A scanner, not a parser: it only has to colour text, and
 * anything it does not recognise passes through escaped.
 */
final class SqlHighlight {

  private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "group", "by",
      "order", "having", "limit", "offset", "join", "left", "right", "inner", "outer", "full",
      "cross", "on", "using", "as", "and", "or", "not", "in", "is", "null", "case", "when", "then",
      "else", "end", "with", "union", "all", "distinct", "insert", "into", "values", "update",
      "set", "delete", "create", "replace", "table", "view", "if", "exists", "cast", "like",
      "ilike", "between", "asc", "desc", "over", "partition", "window", "qualify", "true", "false",
      "except", "intersect", "lateral", "recursive", "merge", "matched", "interval", "date",
      "timestamp", "filter", "within", "rows", "range", "preceding", "following", "current",
      "row", "unbounded", "nulls", "first", "last", "begin", "commit", "transaction", "alter",
      "drop", "schema", "pivot", "unpivot", "struct", "list", "map", "array");

  private SqlHighlight() {
  }

  static String html(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + sql.length() / 2);
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      String css;
      if (c == '{' && i + 1 < n && "{%#".indexOf(sql.charAt(i + 1)) >= 0) {
        String close = switch (sql.charAt(i + 1)) {
          case '{' -> "}}";
          case '%' -> "%}";
          default -> "#}";
        };
        end = until(sql, i + 2, close);
        css = sql.charAt(i + 1) == '#' ? "c" : "t";
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        end = eol < 0 ? n : eol;
        css = "c";
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        end = until(sql, i + 2, "*/");
        css = "c";
      } else if (c == '\'') {
        end = quoted(sql, i, '\'');
        css = "s";
      } else if (c == '"') {
        end = quoted(sql, i, '"');
        css = "q";
      } else if (Character.isDigit(c)) {
        end = i;
        while (end < n && (Character.isDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
          end++;
        }
        css = "n";
      } else if (Character.isLetter(c) || c == '_') {
        end = i;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        css = KEYWORDS.contains(sql.substring(i, end).toLowerCase(Locale.ROOT)) ? "k" : null;
      } else {
        end = i + 1;
        css = null;
      }
      if (css == null) {
        escape(sql, i, end, out);
      } else {
        out.append("<span class=\"sql-").append(css).append("\">");
        escape(sql, i, end, out);
        out.append("</span>");
      }
      i = end;
    }
    return out.toString();
  }

  private static int until(String sql, int from, String close) {
    int at = sql.indexOf(close, from);
    return at < 0 ? sql.length() : at + close.length();
  }

  private static int quoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  static void escape(String text, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }
}
