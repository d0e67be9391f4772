package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lineage graph of models, seeds and sources with its layout, as the browser draws it
 * ({@code data/graph.js}). Nodes and edges are arrays rather than objects: at 5,000 nodes and
 * 10,000 edges that halves the file the browser parses on every page with a graph.
 */
final class LineageData {

  private LineageData() {
  }

  /**
   * The graph's nodes in manifest order, the ones where data enters (sources and seeds), and the
   * parent-to-child links.
   */
  record Graph(List<String> ids, Set<String> entries, List<LineageLayout.Link> links) {
  }

  /**
   * The graph straight from the manifest, so its layout can start before the pages are built.
   */
  static Graph graph(JsonNode manifest) {
    List<String> ids = new ArrayList<>();
    Set<String> entries = new HashSet<>();
    Map<String, JsonNode> graphed = new LinkedHashMap<>();
    for (String section : List.of("nodes", "sources", "exposures")) {
      for (JsonNode node : manifest.path(section)) {
        String type = ProjectDocs.type(node);
        if (ProjectDocs.isGraphed(type)) {
          String id = ProjectDocs.id(node);
          graphed.put(id, node);
          ids.add(id);
          if (type.equals("seed") || type.equals("source")) {
            entries.add(id);
          }
        }
      }
    }
    List<LineageLayout.Link> links = new ArrayList<>();
    graphed.forEach((id, node) -> {
      for (JsonNode parent : node.path("depends_on").path("nodes")) {
        if (graphed.containsKey(parent.asText())) {
          links.add(new LineageLayout.Link(parent.asText(), id));
        }
      }
    });
    return new Graph(ids, entries, links);
  }

  /**
   * The script data: {@code nodes} as [id, name, type, page, x, y, layer, tone, ephemeral, path,
   * mark, tags, materialized, state, result, group] (path, tags, materialization, state against
   * an earlier manifest, last run status and group for the selector box, mark from
   * {@link GraphMarks}) and {@code edges} as [parent index, child index, [x, y, ...]].
   */
  static Map<String, Object> json(ProjectDocs docs, LaidOutGraph layout) {
    return json(docs, layout,
        new GraphMarks(docs, null, com.fasterxml.jackson.databind.node.MissingNode.getInstance()));
  }

  static Map<String, Object> json(ProjectDocs docs, LaidOutGraph layout, GraphMarks marks) {
    return json(docs, layout, marks, new Selectable(NodeStates.none(),
        com.fasterxml.jackson.databind.node.MissingNode.getInstance()));
  }

  /**
   * What the selector box's {@code state:} and {@code result:} read: each node's state against an
   * earlier manifest and its status in {@code run_results.json} (as dbt writes it: success,
   * error, skipped, pass, fail, warn).
   */
  record Selectable(NodeStates states, Map<String, String> results, boolean ran) {
    Selectable(NodeStates states, JsonNode runResults) {
      this(states, statuses(runResults), runResults.path("results").isArray());
    }

    private static Map<String, String> statuses(JsonNode runResults) {
      Map<String, String> statuses = new HashMap<>();
      for (JsonNode result : runResults.path("results")) {
        statuses.put(result.path("unique_id").asText(),
            result.path("status").asText("").toLowerCase(java.util.Locale.ROOT));
      }
      return statuses;
    }
  }

  static Map<String, Object> json(ProjectDocs docs, LaidOutGraph layout, GraphMarks marks,
      Selectable selectable) {
    Map<String, Integer> index = new HashMap<>();
    List<List<Object>> nodes = new ArrayList<>();
    for (LaidOutGraph.Placed placed : layout.nodes()) {
      NodeLink link = docs.link(placed.id());
      JsonNode node = docs.nodes().get(placed.id());
      String tone = docs.page(placed.id()).map(DocPage::lastRun).map(RunView::tone).orElse("");
      boolean ephemeral = node.path("config").path("materialized").asText().equals("ephemeral");
      index.put(placed.id(), nodes.size());
      nodes.add(List.of(link.id(), link.name(), link.type(), link.page(), Math.round(placed.x()),
          Math.round(placed.y()), placed.layer(), tone, ephemeral ? 1 : 0,
          node.path("original_file_path").asText(""), marks.of(placed.id()),
          ProjectDocs.strings(node.path("tags")),
          node.path("config").path("materialized").asText(""),
          selectable.states().byNode().getOrDefault(placed.id(), ""),
          selectable.results().getOrDefault(placed.id(), ""),
          node.path("group").asText(node.path("config").path("group").asText(""))));
    }
    List<List<Object>> edges = new ArrayList<>();
    for (LaidOutGraph.Route route : layout.edges()) {
      List<Long> points = new ArrayList<>(route.points().length);
      for (double p : route.points()) {
        points.add(Math.round(p));
      }
      edges.add(List.of(index.get(route.from()), index.get(route.to()), points));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("w", Math.ceil(layout.width()));
    json.put("h", Math.ceil(layout.height()));
    json.put("nw", LineageLayout.NODE_WIDTH);
    json.put("nh", LineageLayout.NODE_HEIGHT);
    json.put("nodes", nodes);
    json.put("edges", edges);
    // Where state: compares to ("" when nothing), and whether run_results.json exists for result:.
    json.put("state", selectable.states().against());
    json.put("ran", selectable.ran());
    return json;
  }
}
