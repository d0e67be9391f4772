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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Python string methods dbt macros call (most of str's: split/rsplit, strip, find, format, is*, ...): {@code 'x'.upper()}, {@code .strip()}, {@code .split(',')},
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
      case "rsplit" -> rsplit(text, optional(args, 0), args.size() > 1 ? number(args.get(1)) : -1);
      case "splitlines" -> splitLines(text);
      case "format" -> StrFormat.format(text, args);
      case "find" -> (long) find(text, args, false);
      case "rfind" -> (long) find(text, args, true);
      case "index", "rindex" -> {
        int at = find(text, args, method.equals("rindex"));
        if (at < 0) {
          throw new IllegalArgumentException("substring not found");
        }
        yield (long) at;
      }
      case "count" -> count(text, args.get(0).toString());
      case "isdigit", "isnumeric", "isdecimal" -> !text.isEmpty()
          && text.chars().allMatch(Character::isDigit);
      case "isalpha" -> !text.isEmpty() && text.chars().allMatch(Character::isLetter);
      case "isalnum" -> !text.isEmpty() && text.chars().allMatch(Character::isLetterOrDigit);
      case "isspace" -> !text.isEmpty() && text.chars().allMatch(Character::isWhitespace);
      case "islower" -> hasOnlyCase(text, false);
      case "isupper" -> hasOnlyCase(text, true);
      case "zfill" -> zfill(text, (int) number(args.get(0)));
      case "ljust" -> PrintfFormat.pad(text, (int) number(args.get(0)), true, fillChar(args));
      case "rjust" -> PrintfFormat.pad(text, (int) number(args.get(0)), false, fillChar(args));
      case "center" -> StrFormat.apply(text, fillChar(args) + "^" + number(args.get(0)));
      case "partition" -> partition(text, args.get(0).toString(), false);
      case "rpartition" -> partition(text, args.get(0).toString(), true);
      case "removeprefix" -> text.startsWith(args.get(0).toString())
          ? text.substring(args.get(0).toString().length()) : text;
      case "removesuffix" -> text.endsWith(args.get(0).toString()) && !args.get(0).toString().isEmpty()
          ? text.substring(0, text.length() - args.get(0).toString().length()) : text;
      case "casefold" -> text.toLowerCase(Locale.ROOT);
      case "swapcase" -> swapCase(text);
      case "replace" -> TextFilters.replaceFirst(text, args.get(0).toString(),
          args.get(1).toString(), args.size() > 2 ? number(args.get(2)) : Long.MAX_VALUE);
      case "join" -> Sequence.of(args.get(0)).stream().map(String::valueOf)
          .collect(Collectors.joining(text));
      case "capitalize" -> capitalize(text);
      case "title" -> title(text);
      default -> null;
    };
  }

  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u000b\f\u001c-\u001e\u0085\u2028\u2029]");

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

  /** Python's rsplit: like split, but maxsplit counts from the right. */
  private static List<String> rsplit(String text, String separator, long maxSplit) {
    if (maxSplit < 0) {
      return split(text, separator, maxSplit);
    }
    List<String> parts = new ArrayList<>();
    if (separator == null) {
      // The part left over keeps its leading whitespace, as in Python.
      String rest = text.stripTrailing();
      while (!rest.isBlank()) {
        int at = lastIndexOfWhitespace(rest);
        if (at < 0 || parts.size() >= maxSplit) {
          parts.add(0, rest);
          break;
        }
        parts.add(0, rest.substring(at + 1));
        rest = rest.substring(0, at).stripTrailing();
      }
      return parts;
    }
    if (separator.isEmpty()) {
      throw new IllegalArgumentException("empty separator");
    }
    int end = text.length();
    int at;
    while (parts.size() < maxSplit
        && (at = text.lastIndexOf(separator, end - separator.length())) >= 0) {
      parts.add(0, text.substring(at + separator.length(), end));
      end = at;
    }
    parts.add(0, text.substring(0, end));
    return parts;
  }

  private static int lastIndexOfWhitespace(String text) {
    for (int i = text.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Python's splitlines: any line break ends a line; a last empty line is not one. */
  private static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(LINE_BREAK.split(text, -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** find/index with optional start and end positions (negative counts from the end). */
  private static int find(String text, List<Object> args, boolean last) {
    String wanted = args.get(0).toString();
    int start = args.size() > 1 && args.get(1) != null ? position(text, number(args.get(1))) : 0;
    int end = args.size() > 2 && args.get(2) != null ? position(text, number(args.get(2)))
        : text.length();
    if (start > end) {
      return -1;
    }
    String window = text.substring(start, end);
    int at = last ? window.lastIndexOf(wanted) : window.indexOf(wanted);
    return at < 0 ? -1 : at + start;
  }

  private static int position(String text, long index) {
    long position = index < 0 ? text.length() + index : index;
    return (int) Math.max(0, Math.min(text.length(), position));
  }

  private static long count(String text, String wanted) {
    if (wanted.isEmpty()) {
      return text.length() + 1L;
    }
    long count = 0;
    for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length())) {
      count++;
    }
    return count;
  }

  /** Python's islower/isupper: at least one cased character, and all of them in that case. */
  static boolean hasOnlyCase(String text, boolean upper) {
    boolean cased = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (upper ? Character.isLowerCase(c) : Character.isUpperCase(c)) {
        return false;
      }
      cased |= Character.isLowerCase(c) || Character.isUpperCase(c);
    }
    return cased;
  }

  /** Python's zfill: zeros after a leading sign, up to width. */
  private static String zfill(String text, int width) {
    if (text.length() >= width) {
      return text;
    }
    boolean signed = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+');
    String zeros = "0".repeat(width - text.length());
    return signed ? text.charAt(0) + zeros + text.substring(1) : zeros + text;
  }

  private static char fillChar(List<Object> args) {
    if (args.size() < 2) {
      return ' ';
    }
    String fill = args.get(1).toString();
    if (fill.length() != 1) {
      throw new IllegalArgumentException("the fill character must be exactly one character long");
    }
    return fill.charAt(0);
  }

  private static List<String> partition(String text, String separator, boolean last) {
    if (separator.isEmpty()) {
      throw new IllegalArgumentException("empty separator");
    }
    int at = last ? text.lastIndexOf(separator) : text.indexOf(separator);
    if (at < 0) {
      return last ? new ArrayList<>(List.of("", "", text)) : new ArrayList<>(List.of(text, "", ""));
    }
    return new ArrayList<>(List.of(text.substring(0, at), separator,
        text.substring(at + separator.length())));
  }

  private static String swapCase(String text) {
    StringBuilder swapped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return swapped.toString();
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
