package dev.mds.template.jinja;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Python string methods dbt macros call: {@code 'x'.upper()}, {@code .strip()}, {@code .split(',')},
 * {@code ', '.join(list)}, ... Without this, Pebble would call Java's methods, where {@code split}
 * takes a regular expression and {@code upper} does not exist.
 */
final class StringMethods implements AttributeResolver {

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (arguments == null || !Equality.isText(instance)) {
      return null;
    }
    String text = instance.toString();
    List<Object> values = Arrays.asList(arguments);
    try {
      Object result = call(text, String.valueOf(attributeName), values);
      return result == null ? null : new ResolvedAttribute(result);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new PebbleException(e, "'" + attributeName + "()' on text: " + e.getMessage(),
          lineNumber, filename);
    }
  }

  /** The method's result, or null when Python has no such string method. */
  private static Object call(String text, String method, List<Object> args) {
    return switch (method) {
      case "upper" -> text.toUpperCase(Locale.ROOT);
      case "lower" -> text.toLowerCase(Locale.ROOT);
      case "strip" -> strip(text, optional(args, 0), true, true);
      case "lstrip" -> strip(text, optional(args, 0), true, false);
      case "rstrip" -> strip(text, optional(args, 0), false, true);
      case "startswith" -> anyAffix(args.get(0)).stream().anyMatch(text::startsWith);
      case "endswith" -> anyAffix(args.get(0)).stream().anyMatch(text::endsWith);
      case "split" -> split(text, optional(args, 0), args.size() > 1 ? number(args.get(1)) : -1);
      case "replace" -> TextFilters.replaceFirst(text, args.get(0).toString(),
          args.get(1).toString(), args.size() > 2 ? number(args.get(2)) : Long.MAX_VALUE);
      case "join" -> Sequence.of(args.get(0)).stream().map(String::valueOf)
          .collect(Collectors.joining(text));
      case "capitalize" -> capitalize(text);
      case "title" -> title(text);
      default -> null;
    };
  }

  private static String optional(List<Object> args, int index) {
    return args.size() > index && args.get(index) != null ? args.get(index).toString() : null;
  }

  private static long number(Object value) {
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("expected a number, got " + Sequence.describe(value));
    }
    return number.longValue();
  }

  /** startswith/endswith take one string or a list of alternatives. */
  private static List<String> anyAffix(Object argument) {
    if (Equality.isText(argument)) {
      return List.of(argument.toString());
    }
    return Sequence.of(argument).stream().map(String::valueOf).toList();
  }

  /** Python's strip: whitespace by default, otherwise any of the given characters. */
  static String strip(String text, String chars, boolean left, boolean right) {
    int start = 0;
    int end = text.length();
    while (left && start < end && isStripped(text.charAt(start), chars)) {
      start++;
    }
    while (right && end > start && isStripped(text.charAt(end - 1), chars)) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isStripped(char c, String chars) {
    return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
  }

  /** Python's split: runs of whitespace without a separator, else the literal separator. */
  private static List<String> split(String text, String separator, long maxSplit) {
    List<String> parts = new ArrayList<>();
    if (separator == null) {
      String rest = text.strip();
      while (!rest.isEmpty()) {
        int at = indexOfWhitespace(rest);
        if (at < 0 || (maxSplit >= 0 && parts.size() >= maxSplit)) {
          parts.add(rest);
          break;
        }
        parts.add(rest.substring(0, at));
        rest = rest.substring(at).stripLeading();
      }
      return parts;
    }
    if (separator.isEmpty()) {
      throw new IllegalArgumentException("empty separator");
    }
    int from = 0;
    int at;
    while ((at = text.indexOf(separator, from)) >= 0 && (maxSplit < 0 || parts.size() < maxSplit)) {
      parts.add(text.substring(from, at));
      from = at + separator.length();
    }
    parts.add(text.substring(from));
    return parts;
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  static String capitalize(String text) {
    return text.isEmpty() ? text
        : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
  }

  static String title(String text) {
    StringBuilder result = new StringBuilder(text.length());
    boolean startOfWord = true;
    for (char c : text.toCharArray()) {
      result.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
      startOfWord = !Character.isLetterOrDigit(c);
    }
    return result.toString();
  }
}
