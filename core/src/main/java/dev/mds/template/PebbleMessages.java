package dev.mds.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pebble's error messages in the words of a dbt user: no Java class names, no token type names.
 * Messages it does not know pass through unchanged.
 */
final class PebbleMessages {

  private static final Pattern ATTRIBUTE = Pattern.compile(
      "Attribute \\[(.+?)] of \\[(.+?)] does not exist or can not be accessed and strict variables"
      + " is set to true\\.?");
  private static final Pattern ROOT = Pattern.compile(
      "Root attribute \\[(.+?)] does not exist or can not be accessed and strict variables is set"
      + " to true\\.?");
  private static final Pattern UNEXPECTED_TOKEN = Pattern.compile(
      "Unexpected token(?: \"?(\\w+)\"?)? of value \"(.*?)\"(?: and type (\\w+))?"
      + "(?:, expected token (?:of type (\\w+))?(?: with value \"(.*?)\")?)?\\.?",
      Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("Unexpected tag name (?:\\[(.+?)]|\"(.+?)\")\\.?");

  private PebbleMessages() {
  }

  static String of(String pebble) {
    if (String.valueOf(pebble).equals("Unexpected character [\0]")) {
      // Pebble's lexer ran into the end of the text inside {{ ... }} or {% ... %}.
      return "a '{{' or '{%' is not closed before the end of the file (add '}}' or '%}')";
    }
    String message = String.valueOf(pebble).strip();
    Matcher m = ATTRIBUTE.matcher(message);
    if (m.matches()) {
      return "'" + m.group(1) + "' is undefined on " + describe(m.group(2));
    }
    m = ROOT.matcher(message);
    if (m.matches()) {
      return "'" + m.group(1) + "' is undefined";
    }
    m = TAG.matcher(message);
    if (m.matches()) {
      return "unknown tag {% " + (m.group(1) != null ? m.group(1) : m.group(2)) + " %}";
    }
    m = UNEXPECTED_TOKEN.matcher(message);
    if (m.matches()) {
      String value = m.group(2);
      String expected = m.group(5) != null ? "'" + m.group(5) + "'"
          : m.group(4) != null ? tokenName(m.group(4)) : null;
      String type = m.group(1) != null ? m.group(1) : String.valueOf(m.group(3));
      return "syntax error: unexpected " + (value.isBlank() ? tokenName(type) : "'"
          + value + "'") + (expected == null ? "" : ", expected " + expected);
    }
    return message;
  }

  private static String tokenName(String type) {
    return switch (type) {
      case "EXECUTE_END" -> "the end of the tag '%}'";
      case "PRINT_END" -> "the end of the expression '}}'";
      case "NAME" -> "a name";
      case "STRING" -> "a string";
      case "PUNCTUATION" -> "punctuation";
      case "EOF" -> "the end of the template";
      default -> type.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  /** A Java class as the kind of value a template author knows. */
  private static String describe(String javaClass) {
    String simple = javaClass.substring(javaClass.lastIndexOf('.') + 1);
    if (simple.endsWith("Map") || simple.equals("NodeView")) {
      return "a dict";
    }
    if (simple.endsWith("List") || simple.equals("QueryTable")) {
      return "a list";
    }
    return switch (simple) {
      case "String", "SafeString" -> "a string";
      case "Long", "Integer", "Double", "BigDecimal", "Float" -> "a number";
      case "Boolean" -> "a boolean";
      case "Relation", "TemplateRelation", "ThisRelation", "QualifiedRelation" -> "a relation";
      default -> "a value of type " + simple;
    };
  }
}
