package dev.mds.template.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Python regular expression compiled for java.util.regex. The syntaxes differ in a few places,
 * rewritten here: named groups {@code (?P<name>...)} and back-references {@code (?P=name)} (Java's
 * group names allow no underscore, so groups get Java names and keep their Python ones),
 * {@code \Z}, comments {@code (?#...)}, and a {@code {} that starts no repetition (a literal in
 * Python, an error in Java).
 *
 * @param groupNames Python group name to group number
 */
record PythonRegex(String source, long flags, Pattern pattern, Map<String, Integer> groupNames) {

  static final long IGNORECASE = 2;
  static final long LOCALE = 4;
  static final long MULTILINE = 8;
  static final long DOTALL = 16;
  static final long UNICODE = 32;
  static final long VERBOSE = 64;
  static final long ASCII = 256;

  static PythonRegex compile(String source, long flags) {
    Map<String, Integer> names = new LinkedHashMap<>();
    String java = translate(source, names);
    int javaFlags = 0;
    if ((flags & IGNORECASE) != 0) {
      javaFlags |= Pattern.CASE_INSENSITIVE;
    }
    if ((flags & MULTILINE) != 0) {
      javaFlags |= Pattern.MULTILINE;
    }
    if ((flags & DOTALL) != 0) {
      javaFlags |= Pattern.DOTALL;
    }
    if ((flags & VERBOSE) != 0) {
      javaFlags |= Pattern.COMMENTS;
    }
    if ((flags & ASCII) == 0) {
      // Python 3 matches \w, \d and case across all of Unicode unless re.ASCII.
      javaFlags |= Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    }
    try {
      return new PythonRegex(source, flags, Pattern.compile(java, javaFlags), Map.copyOf(names));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad regular expression '" + source + "': "
          + e.getDescription());
    }
  }

  private static String translate(String source, Map<String, Integer> names) {
    StringBuilder out = new StringBuilder();
    int group = 0;
    boolean inClass = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\' && i + 1 < source.length()) {
        char next = source.charAt(i + 1);
        out.append(next == 'Z' && !inClass ? "\\z" : "\\" + next);
        i++;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        } else if (c == '[') {
          // Java reads [ inside a class as a nested class; Python as a literal.
          out.append('\\');
        }
        out.append(c);
        continue;
      }
      switch (c) {
        case '[' -> {
          inClass = true;
          out.append(c);
          // A ] right after [ or [^ is a literal in Python.
          int at = i + 1 < source.length() && source.charAt(i + 1) == '^' ? i + 2 : i + 1;
          if (at < source.length() && source.charAt(at) == ']') {
            out.append(source, i + 1, at).append("\\]");
            i = at;
          }
        }
        case '(' -> {
          if (source.startsWith("(?P<", i)) {
            int end = source.indexOf('>', i);
            group++;
            names.put(source.substring(i + 4, end), group);
            out.append("(?<g").append(group).append('>');
            i = end;
          } else if (source.startsWith("(?P=", i)) {
            int end = source.indexOf(')', i);
            Integer number = names.get(source.substring(i + 4, end));
            if (number == null) {
              throw new IllegalArgumentException("bad regular expression '" + source
                  + "': unknown group name '" + source.substring(i + 4, end) + "'");
            }
            out.append("\\k<g").append(number).append('>');
            i = end;
          } else if (source.startsWith("(?#", i)) {
            i = source.indexOf(')', i);
            if (i < 0) {
              throw new IllegalArgumentException("bad regular expression '" + source
                  + "': missing ), unterminated comment");
            }
          } else {
            if (!source.startsWith("(?", i) || source.startsWith("(?<", i)
                && !source.startsWith("(?<=", i) && !source.startsWith("(?<!", i)) {
              group++;
            }
            out.append(c);
          }
        }
        case '{' -> out.append(isRepetition(source, i) ? "{" : "\\{");
        case '}' -> out.append(closesRepetition(source, i) ? "}" : "\\}");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code {n}}, {@code {n,}}, {@code {n,m}} or {@code {,m}} starts at {@code i}. */
  private static boolean isRepetition(String source, int i) {
    int end = source.indexOf('}', i);
    return end > i + 1 && source.substring(i + 1, end).matches("\\d*,?\\d*")
        && !source.substring(i + 1, end).equals(",");
  }

  private static boolean closesRepetition(String source, int i) {
    int open = source.lastIndexOf('{', i);
    return open >= 0 && (open == 0 || source.charAt(open - 1) != '\\')
        && isRepetition(source, open) && source.indexOf('}', open) == i;
  }

  /** Python's {@code re.escape} (3.7 on): the characters special in a pattern, escaped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Expands a Python replacement template for one match: {@code \1}, {@code \g<1>},
   * {@code \g<name>}, and the escapes {@code \n}, {@code \t}, {@code \\}.
   */
  String expand(String template, java.util.regex.MatchResult match) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '\\' || i + 1 == template.length()) {
        out.append(c);
        continue;
      }
      char next = template.charAt(++i);
      if (Character.isDigit(next)) {
        int end = i + 1;
        if (end < template.length() && Character.isDigit(template.charAt(end))) {
          end++;
        }
        out.append(groupText(match, Integer.parseInt(template.substring(i, end))));
        i = end - 1;
      } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
        int end = template.indexOf('>', i);
        String name = template.substring(i + 2, end);
        out.append(groupText(match, name.matches("\\d+") ? Integer.parseInt(name)
            : group(name)));
        i = end;
      } else {
        out.append(switch (next) {
          case 'n' -> "\n";
          case 't' -> "\t";
          case 'r' -> "\r";
          case '\\' -> "\\";
          default -> "\\" + next;
        });
      }
    }
    return out.toString();
  }

  private static String groupText(java.util.regex.MatchResult match, int group) {
    if (group > match.groupCount()) {
      throw new IllegalArgumentException("invalid group reference " + group);
    }
    String text = match.group(group);
    return text == null ? "" : text;
  }

  /** The number of the group a Python name or number names. */
  int group(Object name) {
    if (name instanceof Number number) {
      return number.intValue();
    }
    Integer number = groupNames.get(String.valueOf(name));
    if (number == null) {
      throw new IndexOutOfBoundsException("no such group '" + name + "'");
    }
    return number;
  }

  /** Python's split: captured groups are kept, and so are empty strings at either end. */
  List<Object> split(String text, long maxsplit) {
    List<Object> parts = new ArrayList<>();
    java.util.regex.Matcher matcher = pattern.matcher(text);
    int last = 0;
    long splits = 0;
    while ((maxsplit <= 0 || splits < maxsplit) && matcher.find()) {
      parts.add(text.substring(last, matcher.start()));
      for (int g = 1; g <= matcher.groupCount(); g++) {
        parts.add(matcher.group(g));
      }
      last = matcher.end();
      splits++;
    }
    parts.add(text.substring(last));
    return parts;
  }
}
