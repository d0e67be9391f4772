package dev.mds.docs;

import java.util.regex.Pattern;

/**
 * One labelled fact on a page ("Materialization: table"); {@code href} is set when it links.
 *
 * @param valueHtml the value escaped, with a line-break opportunity after each {@code /},
 *     {@code .} and {@code _} of a value without spaces (a path, a relation), so a narrow card
 *     wraps {@code models/marts/} before {@code fct_orders.sql}, not in the middle of a word
 */
record Fact(String label, String value, String href, String valueHtml) {

  private static final Pattern BREAK_AFTER = Pattern.compile("(?<=[/._])(?=.)");

  Fact(String label, String value, String href) {
    this(label, value, href, breakable(value));
  }

  static Fact of(String label, String value) {
    return new Fact(label, value, null);
  }

  private static String breakable(String value) {
    String escaped = SiteTemplates.escapeHtml(value == null ? "" : value);
    if (escaped.length() < 24 || escaped.indexOf(' ') >= 0) {
      return escaped;
    }
    return BREAK_AFTER.matcher(escaped).replaceAll("<wbr>");
  }
}
