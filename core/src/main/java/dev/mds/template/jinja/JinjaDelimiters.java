package dev.mds.template.jinja;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the two delimiter spellings Jinja accepts and Pebble's lexer does not, before a template
 * is lexed: a trim marker followed directly by code ({@code {%-set x = 1 %}}, {@code {{-x}}}; Pebble
 * wants whitespace after the '-') and the {@code +} markers ({@code {%+ if %}}, {@code +%}}) that
 * turn off lstrip_blocks/trim_blocks, which dbt never turns on, so they change nothing. Line
 * breaks are untouched, so line numbers stay right.
 */
public final class JinjaDelimiters {

  private static final Pattern TO_REWRITE = Pattern.compile("\\{%\\+|\\+%}|\\{[%{#]-(?=\\S)");

  private JinjaDelimiters() {
  }

  /** The template text in spellings Pebble reads; the same text when there is nothing to do. */
  public static String normalise(String template) {
    // Only these can start a match: finding them is far cheaper than the regex's search, which
    // tries its alternatives at every character (most models have none, but have '-' or '+').
    if (!template.contains("{%+") && !template.contains("+%}") && !template.contains("{%-")
        && !template.contains("{{-") && !template.contains("{#-")) {
      return template;
    }
    Matcher matcher = TO_REWRITE.matcher(template);
    if (!matcher.find()) {
      return template;
    }
    StringBuilder result = new StringBuilder(template.length() + 16);
    int end = 0;
    do {
      result.append(template, end, matcher.start());
      String found = matcher.group();
      result.append(switch (found) {
        case "{%+" -> "{%";
        case "+%}" -> "%}";
        default -> found + ' ';
      });
      end = matcher.end();
    } while (matcher.find());
    return result.append(template, end, template.length()).toString();
  }
}
