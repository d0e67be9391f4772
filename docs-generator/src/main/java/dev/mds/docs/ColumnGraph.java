package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column lineage as the browser traces it ({@code data/columns.js}), keyed to the nodes of
 * {@code data/graph.js}. Only parents are stored; the browser derives children when a trace
 * first asks, so the file stays one small array per column:
 *
 * <pre>
 * {"c": [[node index, "column", complete 1|0, "derivation"], ...],
 *  "s": [[parent column index, ...], ...],
 *  "u": {"node index": "why its lineage is incomplete"}}
 * </pre>
 *
 * <p>The derivation is how a model's column is computed (passthrough, rename, transformed,
 * aggregate, constant or unknown; see the manifest's {@code column_lineage}); it is empty for
 * seed and source columns, which appear only where a model reads them.
 */
final class ColumnGraph {

  private final Map<String, Integer> index = new HashMap<>();
  private final List<Object[]> columns = new ArrayList<>();
  private final List<List<Integer>> sources = new ArrayList<>();

  private ColumnGraph() {
  }

  static Map<String, Object> json(ProjectDocs docs, LaidOutGraph layout) {
    Map<String, Integer> nodeIndex = new HashMap<>();
    for (LaidOutGraph.Placed placed : layout.nodes()) {
      nodeIndex.put(placed.id(), nodeIndex.size());
    }
    ColumnGraph graph = new ColumnGraph();
    Map<String, String> unknown = new LinkedHashMap<>();
    for (LaidOutGraph.Placed placed : layout.nodes()) {
      int node = nodeIndex.get(placed.id());
      JsonNode manifestNode = docs.nodes().get(placed.id());
      for (Map.Entry<String, JsonNode> entry : manifestNode.path("column_lineage").properties()) {
        int column = graph.column(node, entry.getKey());
        // The node's own spelling wins over the one its children used.
        graph.columns.get(column)[1] = entry.getKey();
        graph.columns.get(column)[2] = entry.getValue().path("complete").asBoolean(false) ? 1 : 0;
        graph.columns.get(column)[3] = entry.getValue().path("kind").asText("");
        for (JsonNode source : entry.getValue().path("sources")) {
          Integer parent = nodeIndex.get(source.path("node").asText());
          if (parent != null) {
            graph.sources.get(column).add(graph.column(parent, source.path("column").asText()));
          }
        }
      }
      if (!manifestNode.path("lineage_complete").asBoolean(true)) {
        unknown.put(String.valueOf(node),
            String.join("; ", ProjectDocs.strings(manifestNode.path("lineage_unknown"))));
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("c", graph.columns);
    json.put("s", graph.sources);
    json.put("u", unknown);
    return json;
  }

  /** The column's index, added (complete, no parents) on first sight. */
  private int column(int node, String name) {
    return index.computeIfAbsent(node + " " + name.toLowerCase(Locale.ROOT), key -> {
      columns.add(new Object[] {node, name, 1, ""});
      sources.add(new ArrayList<>());
      return columns.size() - 1;
    });
  }
}
