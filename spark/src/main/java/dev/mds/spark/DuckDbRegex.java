package dev.mds.spark;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * DuckDB's regular expressions (RE2 syntax, options as a string such as {@code 'gi'}) written as
 * the Java patterns and replacements Spark's regex functions take, so that they match the same
 * text. RE2 and Java differ where a dbt project would notice: POSIX classes
 * ({@code [[:alpha:]]}, which Java reads as a union of single characters), {@code $} (Java also
 * matches before a final newline), {@code .} and {@code ^} treat only {@code \n} as a line end in
 * RE2 (Java also {@code \r} and Unicode line ends), {@code \v}, a {@code [} or {@code &&} inside a
 * class (literals in RE2, nesting and intersection in Java), {@code (?P<name>...)}, and the
 * replacement ({@code \1} and {@code \\} in RE2, where {@code $} is a plain character; {@code $1}
 * and {@code \} escapes in Java).
 */
final class DuckDbRegex {

  /** RE2's POSIX class names as Java's {@code \p{...}} classes (ASCII, as RE2's are). */
  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"),
      Map.entry("ascii", "\\p{ASCII}"), Map.entry("blank", "\\p{Blank}"),
      Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
      Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"),
      Map.entry("print", "\\p{Print}"), Map.entry("punct", "\\p{Punct}"),
      Map.entry("space", "\\p{Space}"), Map.entry("upper", "\\p{Upper}"),
      Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

  private DuckDbRegex() {
  }

  /** DuckDB's options string, read: case-insensitive, dot matches newline, literal, global. */
  record Options(boolean caseInsensitive, boolean dotAll, boolean literal, boolean global) {
    static Options of(String options) {
      boolean i = false;
      boolean s = false;
      boolean l = false;
      boolean g = false;
      for (char c : options.toCharArray()) {
        switch (c) {
          case 'c' -> i = false;
          case 'i' -> i = true;
          case 'l' -> l = true;
          case 'm', 'n', 'p' -> s = false;
          case 's' -> s = true;
          case 'g' -> g = true;
          default -> throw new IllegalArgumentException("regular expression option '" + c
              + "' is not one of DuckDB's (c, i, l, m, n, p, s, g)");
        }
      }
      return new Options(i, s, l, g);
    }
  }

  /** The flags a translated pattern starts with: RE2's line ends, and the options. */
  static String flags(Options options) {
    return "(?d" + (options.caseInsensitive() ? "iu" : "") + (options.dotAll() ? "s" : "") + ")";
  }

  /**
   * DuckDB's pattern {@code re2} as a Java pattern with the same matches, without the
   * {@link #flags}; checked to compile.
   */
  static String pattern(String re2, Options options) {
    String body = options.literal() ? Pattern.quote(re2) : body(re2);
    try {
      Pattern.compile(flags(options) + body);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("the regular expression '" + re2
          + "' cannot be read the same on Spark (" + e.getDescription() + ")");
    }
    return body;
  }

  /** The pattern's own text translated, without flags. */
  static String body(String re2) {
    boolean multiline = re2.matches("(?s).*\\(\\?[a-zA-Z]*m[a-zA-Z]*[:)].*");
    StringBuilder out = new StringBuilder();
    boolean inClass = false;
    int n = re2.length();
    for (int i = 0; i < n; i++) {
      char c = re2.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char next = re2.charAt(i + 1);
        if (next == 'Q') {
          int end = re2.indexOf("\\E", i + 2);
          int stop = end < 0 ? n : end + 2;
          out.append(re2, i, stop);
          i = stop - 1;
          continue;
        }
        out.append(next == 'v' ? "\\x0B" : re2.substring(i, i + 2));
        i++;
        continue;
      }
      if (inClass) {
        if (c == '[' && re2.startsWith("[:", i)) {
          int end = re2.indexOf(":]", i + 2);
          String name = end < 0 ? null : re2.substring(i + 2, end);
          boolean negated = name != null && name.startsWith("^");
          String java = name == null ? null
              : POSIX.get((negated ? name.substring(1) : name).toLowerCase(Locale.ROOT));
          if (java != null) {
            out.append(negated ? java.replace("\\p", "\\P").replace("\\w", "\\W") : java);
            i = end + 1;
            continue;
          }
          out.append("\\[");
        } else if (c == '[') {
          out.append("\\[");
        } else if (c == '&' && i + 1 < n && re2.charAt(i + 1) == '&') {
          out.append("&\\&");
          i++;
        } else if (c == ']' && !classStart(re2, i)) {
          out.append(c);
          inClass = false;
        } else {
          out.append(c);
        }
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
      } else if (c == '$' && !multiline) {
        out.append("\\z");
      } else if (c == '(' && re2.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A {@code ]} right after {@code [} or {@code [^} is a literal member of the class. */
  private static boolean classStart(String re2, int at) {
    return re2.charAt(at - 1) == '[' || re2.charAt(at - 1) == '^' && at >= 2
        && re2.charAt(at - 2) == '[' && !(at >= 3 && re2.charAt(at - 3) == '\\');
  }

  /** The number of capturing groups of a Java pattern. */
  static int groups(String javaPattern) {
    return Pattern.compile(javaPattern).matcher("").groupCount();
  }

  /**
   * RE2's replacement {@code rewrite} ({@code \0} to {@code \9} are groups, {@code \\} a
   * backslash, anything else as written) as a Java replacement; with {@code firstOnly} for the
   * pattern {@link #firstMatch} wraps the user's in (the whole match is group 2, the user's
   * groups follow). Null where RE2 finds the replacement invalid (a backslash before anything
   * else, a group the pattern lacks), for which DuckDB leaves the text as it was.
   */
  static String replacement(String rewrite, int groups, boolean firstOnly) {
    StringBuilder out = new StringBuilder(firstOnly ? "$1" : "");
    int total = groups + (firstOnly ? 2 : 0);
    int n = rewrite.length();
    for (int i = 0; i < n; i++) {
      char c = rewrite.charAt(i);
      if (c == '$') {
        out.append("\\$");
      } else if (c != '\\') {
        out.append(c);
      } else if (i + 1 < n && rewrite.charAt(i + 1) == '\\') {
        out.append("\\\\");
        i++;
      } else if (i + 1 < n && Character.isDigit(rewrite.charAt(i + 1))) {
        int group = rewrite.charAt(i + 1) - '0';
        if (group > groups) {
          return null;
        }
        int java = firstOnly ? group + 2 : group;
        out.append('$').append(java);
        if (i + 2 < n && Character.isDigit(rewrite.charAt(i + 2))
            && java * 10 + (rewrite.charAt(i + 2) - '0') <= total) {
          throw new IllegalArgumentException("the replacement '" + rewrite + "' has a digit"
              + " after \\" + group + ", which Spark's replacement would read as part of the"
              + " group number");
        }
        i++;
      } else {
        return null;
      }
    }
    return out.toString();
  }

  /**
   * A Java pattern whose first match covers the text up to and including {@code javaPattern}'s
   * first match (group 1 the text before it, group 2 the match): replacing it replaces only
   * that first match, as DuckDB's {@code regexp_replace} without {@code 'g'} does.
   */
  static String firstMatch(String flags, String body) {
    return flags + "\\A((?s:.*?))(" + body + ")";
  }
}
