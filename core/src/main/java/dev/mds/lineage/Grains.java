package dev.mds.lineage;

import dev.mds.graph.DataTest;
import dev.mds.graph.Manifest;
import dev.mds.graph.Node;
import dev.mds.project.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared grain of each node: the columns that together identify a row. Read from
 * {@code config: {grain: [market, member_no]}}, or else from a composite {@code unique} test
 * ({@code unique: {columns: [...]}} or {@code unique_combination_of_columns}).
 */
final class Grains {

  private final Map<String, List<String>> byNode = new HashMap<>();

  Grains(Manifest manifest) {
    for (Node node : manifest.nodes().values()) {
      List<String> declared = node.config().grain();
      if (!declared.isEmpty()) {
        byNode.put(node.uniqueId(), declared);
      }
    }
    for (DataTest test : manifest.nodesOf(DataTest.class)) {
      if (test.attachedTo().isEmpty()) {
        continue;
      }
      Object key = switch (test.testName()) {
        case "unique" -> test.arguments().get("columns");
        case "unique_combination_of_columns" -> test.arguments().get("combination_of_columns");
        default -> null;
      };
      List<String> columns = columns(key);
      if (columns.size() > 1) {
        byNode.putIfAbsent(test.attachedTo().get(), columns);
      }
    }
  }

  /** The node's grain, or empty when none is declared. */
  List<String> of(String uniqueId) {
    return byNode.getOrDefault(uniqueId, List.of());
  }

  /** A list, or a comma-separated string, of column names. */
  static List<String> columns(Object raw) {
    List<String> columns = new ArrayList<>();
    for (String item : YamlValues.strings(raw)) {
      for (String part : item.split(",")) {
        if (!part.isBlank()) {
          columns.add(part.strip());
        }
      }
    }
    return columns;
  }
}
