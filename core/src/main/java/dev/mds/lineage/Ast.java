package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading fields of DuckDB's JSON syntax tree, where empty and null fields are left out. */
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

  static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }
}
