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

  private NativeValue() {
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
