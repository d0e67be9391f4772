package dev.mds.project;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What dbt makes of a rendered config value or test argument: it renders them with Jinja's native
 * types, so text that reads as a Python literal becomes that value ({@code False}, {@code 3},
 * {@code ['a', 'b']}); other text stays text. Lower-case {@code true}/{@code false} count as
 * booleans too, as YAML writes them.
 */
public final class NativeValue {

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  /** A value that is one {@code {{ expression }}} and nothing else. */
  private static final Pattern ONE_EXPRESSION =
      Pattern.compile("\\A\\s*\\{\\{-?(.*?)-?}}\\s*\\z", Pattern.DOTALL);

  private NativeValue() {
  }

  /**
   * The template that appends the value of {@code text} to the list {@code target}, when
   * {@code text} is one {@code {{ expression }}}: its value then keeps its type (a list stays a
   * list, as in Jinja's native rendering), where printing it would turn it into text.
   */
  public static java.util.Optional<String> appendTemplate(String text, String target) {
    java.util.regex.Matcher one = ONE_EXPRESSION.matcher(text);
    if (!one.matches()) {
      return java.util.Optional.empty();
    }
    String expression = one.group(1);
    if (expression.contains("{{") || expression.contains("}}") || expression.contains("{%")
        || expression.isBlank()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("{% do " + target + ".append(" + expression + ") %}");
  }

  /** {@code rendered}'s {@link #of native value} when it is text; other values as they are. */
  public static Object ofResult(Object rendered) {
    return rendered instanceof String text ? of(text) : rendered;
  }

  /** The value {@code rendered} stands for; the text itself when it is not a literal. */
  public static Object of(String rendered) {
    String text = rendered.strip();
    switch (text) {
      case "True", "true" -> {
        return Boolean.TRUE;
      }
      case "False", "false" -> {
        return Boolean.FALSE;
      }
      case "None", "none", "null" -> {
        return null;
      }
      default -> { }
    }
    if (NUMBER.matcher(text).matches() && !text.matches("[-+]?0\\d.*")) {
      if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
        try {
          long value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
          return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value
              : (Object) value;
        } catch (NumberFormatException tooLong) {
          return rendered;
        }
      }
      return Double.parseDouble(text);
    }
    if (text.startsWith("[") && text.endsWith("]") || text.startsWith("{") && text.endsWith("}")) {
      // A Python list or dict literal is a YAML flow collection (quotes, commas, brackets), and
      // YAML 1.1 reads True and False as booleans.
      try {
        Object loaded = new Yaml(new YamlReader.DatesAsText(new LoaderOptions()))
            .load(text);
        if (loaded != null) {
          return loaded;
        }
      } catch (YAMLException notALiteral) {
        return rendered;
      }
    }
    return rendered;
  }
}
