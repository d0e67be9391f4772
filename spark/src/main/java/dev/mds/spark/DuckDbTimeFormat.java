package dev.mds.spark;

import java.util.Map;
import java.util.Optional;

/**
 * A DuckDB {@code strftime}/{@code strptime} format ({@code '%Y-%m-%d'}, C's specifiers) as the
 * Spark datetime pattern {@code date_format}/{@code to_timestamp} take ({@code 'yyyy-MM-dd'}).
 * Formats with a specifier Spark has no letter for (week numbers, weekday numbers, locale
 * formats, time zones) have no translation: the call then stays DuckDB's, and Spark's error
 * names it.
 */
final class DuckDbTimeFormat {

  /** Specifiers with the same letters when formatting and parsing. */
  private static final Map<Character, String> TEXT = Map.of(
      'a', "EEE", 'A', "EEEE", 'b', "MMM", 'h', "MMM", 'B', "MMMM", 'p', "a", 'y', "yy",
      'Y', "yyyy", 'f', "SSSSSS", 'g', "SSS");

  /** Numeric specifiers: zero-padded when formatting, the unpadded letter ({@code %-d}). */
  private static final Map<Character, String> NUMBERS = Map.of(
      'd', "dd", 'm', "MM", 'H', "HH", 'I', "hh", 'M', "mm", 'S', "ss", 'j', "DDD");

  private DuckDbTimeFormat() {
  }

  /**
   * @param parsing for {@code strptime}: DuckDB reads {@code %d} as one or two digits, so the
   *     single letter is used unless another specifier is next to it without a separator, and
   *     Spark cannot parse weekday names
   */
  static Optional<String> toSpark(String format, boolean parsing) {
    StringBuilder pattern = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    boolean afterSpecifier = false;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        literal.append(c);
        afterSpecifier = false;
        continue;
      }
      if (i + 1 >= format.length()) {
        return Optional.empty();
      }
      char spec = format.charAt(++i);
      if (spec == '%') {
        literal.append('%');
        afterSpecifier = false;
        continue;
      }
      boolean unpadded = spec == '-';
      if (unpadded) {
        if (i + 1 >= format.length()) {
          return Optional.empty();
        }
        spec = format.charAt(++i);
      }
      String letters;
      if (NUMBERS.containsKey(spec)) {
        letters = NUMBERS.get(spec);
        // Spark reads a number next to another without a separator only at a fixed width.
        boolean adjacent = afterSpecifier
            || (i + 1 < format.length() && format.charAt(i + 1) == '%');
        if (unpadded || (parsing && !adjacent)) {
          letters = letters.substring(0, 1);
        }
      } else if (!unpadded && TEXT.containsKey(spec)) {
        letters = TEXT.get(spec);
        if (parsing && letters.startsWith("E")) {
          return Optional.empty();
        }
      } else {
        return Optional.empty();
      }
      pattern.append(quoted(literal)).append(letters);
      literal.setLength(0);
      afterSpecifier = true;
    }
    return Optional.of(pattern.append(quoted(literal)).toString());
  }

  /** Text in a Spark pattern: letters and Spark's reserved characters inside quotes. */
  private static String quoted(StringBuilder text) {
    StringBuilder out = new StringBuilder();
    StringBuilder quoted = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) || "[]{}#'".indexOf(c) >= 0) {
        quoted.append(c == '\'' ? "''" : String.valueOf(c));
        continue;
      }
      if (quoted.length() > 0) {
        out.append('\'').append(quoted).append('\'');
        quoted.setLength(0);
      }
      out.append(c);
    }
    if (quoted.length() > 0) {
      out.append('\'').append(quoted).append('\'');
    }
    return out.toString();
  }
}
