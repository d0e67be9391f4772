package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.utils.StringUtils;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja's text and number formatting filters: {@code replace}, {@code indent}, {@code round},
 * {@code trim}, {@code truncate}, {@code format}, ...
 */
final class TextFilters {

  private TextFilters() {
  }

  static Map<String, Filter> all() {
    Map<String, Filter> filters = new HashMap<>();
    filters.put("replace", JinjaFilter.varargs("replace", TextFilters::replace));
    filters.put("indent", JinjaFilter.of("indent", TextFilters::indent, "width", "first", "blank"));
    filters.put("round", JinjaFilter.of("round", TextFilters::round, "precision", "method"));
    filters.put("trim", JinjaFilter.of("trim", (input, args, self, context, line) ->
        input == null ? null : StringMethods.strip(text(input),
            args.get("chars") == null ? null : text(args.get("chars")), true, true), "chars"));
    // Pebble's capitalize and title only raise letters; Python's also lower the rest.
    filters.put("capitalize", JinjaFilter.of("capitalize", (input, args, self, context, line) ->
        input == null ? null : StringMethods.capitalize(text(input))));
    filters.put("title", JinjaFilter.of("title", (input, args, self, context, line) ->
        input == null ? null : StringMethods.title(text(input))));
    filters.put("wordcount", JinjaFilter.of("wordcount", (input, args, self, context, line) ->
        wordCount(input == null ? "" : text(input))));
    filters.put("truncate", JinjaFilter.of("truncate", TextFilters::truncate,
        "length", "killwords", "end", "leeway"));
    filters.put("format", JinjaFilter.varargs("format", TextFilters::format));
    // SQL has no auto-escaping; e is Jinja's short name for the (HTML) escape filter.
    filters.put("e", JinjaFilter.varargs("e", (input, args, self, context, line) ->
        RegistryInvocation.filter("escape", input, RegistryInvocation.positional(args, 0), self,
            context, line)));
    return filters;
  }

  private static String text(Object value) {
    return StringUtils.toString(value);
  }

  /** Jinja counts runs of word characters (letters, digits, underscore). */
  private static long wordCount(String text) {
    long words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean wordChar = Character.isLetterOrDigit(c) || c == '_';
      if (wordChar && !inWord) {
        words++;
      }
      inWord = wordChar;
    }
    return words;
  }

  /**
   * Jinja's {@code truncate(length=255, killwords=false, end='...', leeway=5)}: text up to
   * length + leeway stays whole; longer text is cut to length including the end marker, at a word
   * boundary unless killwords.
   */
  private static Object truncate(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (input == null) {
      return null;
    }
    String text = text(input);
    int length = args.get("length") instanceof Number n ? n.intValue() : 255;
    String end = args.get("end") == null ? "..." : text(args.get("end"));
    int leeway = args.get("leeway") instanceof Number n ? n.intValue() : 5;
    if (length < end.length()) {
      throw new IllegalArgumentException("length must be at least the end marker's length");
    }
    if (leeway < 0) {
      throw new IllegalArgumentException("leeway must not be negative");
    }
    if (text.length() <= length + leeway) {
      return text;
    }
    String kept = text.substring(0, length - end.length());
    if (!Truthiness.of(args.get("killwords"))) {
      int space = kept.lastIndexOf(' ');
      kept = space < 0 ? kept : kept.substring(0, space);
    }
    return kept + end;
  }

  /** Jinja's {@code format}: printf-style with positional arguments, or named ones for %(name)s. */
  private static Object format(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (input == null) {
      return null;
    }
    List<Object> positional = RegistryInvocation.positional(args, 0);
    if (positional.size() < args.size()) {
      if (!positional.isEmpty()) {
        throw new IllegalArgumentException("cannot mix positional and named arguments");
      }
      return PrintfFormat.format(text(input), List.of(), args);
    }
    return PrintfFormat.format(text(input), positional, null);
  }

  /** Jinja's {@code replace(old, new[, count])}; Pebble's {@code replace({'old': 'new'})} still works. */
  private static Object replace(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (input == null) {
      return null;
    }
    String text = input.toString();
    Object pairs = args.containsKey("replace_pairs") ? args.get("replace_pairs") : args.get("0");
    if (pairs instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        text = text.replace(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
      }
      return text;
    }
    Object old = args.containsKey("old") ? args.get("old") : args.get("0");
    Object replacement = args.containsKey("new") ? args.get("new") : args.get("1");
    Object count = args.containsKey("count") ? args.get("count") : args.get("2");
    if (old == null || replacement == null) {
      throw new IllegalArgumentException("needs the text to find and its replacement,"
          + " as in replace('a', 'b')");
    }
    return replaceFirst(text, old.toString(), replacement.toString(),
        count instanceof Number n ? n.longValue() : Long.MAX_VALUE);
  }

  static String replaceFirst(String text, String old, String replacement, long count) {
    if (old.isEmpty() || count >= Long.MAX_VALUE) {
      return text.replace(old, replacement);
    }
    StringBuilder result = new StringBuilder();
    int from = 0;
    for (long done = 0; done < count; done++) {
      int at = text.indexOf(old, from);
      if (at < 0) {
        break;
      }
      result.append(text, from, at).append(replacement);
      from = at + old.length();
    }
    return result.append(text.substring(from)).toString();
  }

  /** Jinja's {@code indent(width=4, first=false, blank=false)}; width may also be a string. */
  private static Object indent(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    Object width = args.get("width");
    String prefix = width == null ? "    "
        : width instanceof Number n ? " ".repeat(n.intValue()) : width.toString();
    boolean first = Truthiness.of(args.get("first"));
    boolean blank = Truthiness.of(args.get("blank"));
    String[] lines = String.valueOf(input == null ? "" : input).split("\n", -1);
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        result.append('\n');
      }
      boolean indentThis = (i > 0 || first) && (blank || !lines[i].isBlank());
      result.append(indentThis ? prefix : "").append(lines[i]);
    }
    return result.toString();
  }

  /** Jinja's {@code round(precision=0, method='common'|'ceil'|'floor')}, which returns a float. */
  private static Object round(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (!(input instanceof Number number)) {
      throw new IllegalArgumentException("can only round numbers, got " + Sequence.describe(input));
    }
    int precision = args.get("precision") instanceof Number n ? n.intValue() : 0;
    String method = args.get("method") == null ? "common" : args.get("method").toString();
    RoundingMode mode = switch (method) {
      case "common" -> RoundingMode.HALF_UP;
      case "ceil" -> RoundingMode.CEILING;
      case "floor" -> RoundingMode.FLOOR;
      default -> throw new IllegalArgumentException("method must be common, ceil or floor");
    };
    return new BigDecimal(number.toString()).setScale(precision, mode).doubleValue();
  }
}
