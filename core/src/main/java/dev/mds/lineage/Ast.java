package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading fields of DuckDB's JSON syntax tree, where empty and null fields are left out. DuckDB
 * 2.0 serialises some nodes differently from 1.x; the helpers below read both spellings.
 */
final class Ast {

  private Ast() {
  }

  static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }

  /** An expression's class ({@code COLUMN_REF}, {@code FUNCTION}, ...) or a node's type. */
  static String kind(JsonNode node) {
    return node.has("class") ? text(node, "class") : text(node, "type");
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** The byte offset into the SQL, or -1 when DuckDB did not record one. */
  static long location(JsonNode node) {
    JsonNode location = node.path("query_location");
    return location.canConvertToLong() && location.asLong() >= 0 ? location.asLong() : -1;
  }

  /**
   * A function's arguments: 1.x lists them as {@code children}, 2.0 as {@code arguments}, each an
   * {@code expression} with an optional {@code name}.
   */
  static List<JsonNode> arguments(JsonNode function) {
    List<JsonNode> arguments = new ArrayList<>();
    if (function.has("children")) {
      function.path("children").forEach(arguments::add);
    } else {
      function.path("arguments").forEach(a -> arguments.add(a.path("expression")));
    }
    return arguments;
  }

  /** The query a CTE names: 1.x {@code query.node}, 2.0 {@code query_node}. */
  static JsonNode cteQuery(JsonNode cte) {
    return cte.has("query_node") ? cte.path("query_node") : cte.path("query").path("node");
  }

  /**
   * A constant expression's value as text ({@code NULL} for null), or empty when {@code e} is
   * not a constant: 1.x writes {@code value: {is_null, value}}, 2.0 {@code literal: {kind, text}}.
   */
  static java.util.Optional<String> constant(JsonNode e) {
    if (!text(e, "class").equals("CONSTANT")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(e.has("literal") ? literal(e.path("literal")) : value(e.path("value")));
  }

  /** A whole-number constant ({@code GROUP BY 1}), or empty for anything else. */
  static java.util.Optional<Integer> integer(JsonNode e) {
    if (!text(e, "class").equals("CONSTANT")) {
      return java.util.Optional.empty();
    }
    if (e.has("literal")) {
      JsonNode literal = e.path("literal");
      return text(literal, "kind").equals("INTEGER") && text(literal, "text").matches("\\d{1,9}")
          ? java.util.Optional.of(Integer.valueOf(text(literal, "text")))
          : java.util.Optional.empty();
    }
    JsonNode value = e.path("value").path("value");
    return value.canConvertToInt() ? java.util.Optional.of(value.asInt())
        : java.util.Optional.empty();
  }

  /** A 1.x value ({@code {type, is_null, value}}) as text, {@code NULL} for null. */
  static String value(JsonNode value) {
    return value.path("is_null").asBoolean(false) ? "NULL" : value.path("value").asText();
  }

  private static String literal(JsonNode literal) {
    return literal.has("text") ? literal.path("text").asText() : "NULL";
  }

  static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }
}
