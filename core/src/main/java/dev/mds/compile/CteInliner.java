package dev.mds.compile;

import java.util.List;
import java.util.Locale;

/**
 * Puts ephemeral models in front of a query as CTEs. A query that opens with its own
 * {@code WITH} gets them added to that list; anything else gets a new {@code WITH}.
 */
final class CteInliner {

  private CteInliner() {
  }

  static String inline(List<String> definitions, String sql) {
    String ctes = String.join(",\n", definitions);
    String body = Compiler.trimStatement(sql);
    int start = afterLeadingComments(body);
    String rest = body.substring(start).toLowerCase(Locale.ROOT);
    if (rest.startsWith("with") && rest.length() > 4 && Character.isWhitespace(rest.charAt(4))
        && !rest.substring(4).stripLeading().startsWith("recursive")) {
      return body.substring(0, start) + "with " + ctes + ",\n" + body.substring(start + 4).stripLeading();
    }
    if (rest.startsWith("with")) {
      return "with " + ctes + "\nselect * from (\n" + body + "\n)";
    }
    return body.substring(0, start) + "with " + ctes + "\n" + body.substring(start);
  }

  /** The index of the first character that is neither white space nor inside a SQL comment. */
  private static int afterLeadingComments(String sql) {
    int i = 0;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }
}
