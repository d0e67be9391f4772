package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each node, the exposures it feeds, directly or through other nodes: so a model's page says
 * which dashboards break if it changes.
 */
final class ExposureFeeds {

  /** One exposure downstream of a node, with what a reader needs to contact its owner. */
  record Feed(NodeLink link, String type, String maturity, String owner, String url,
      boolean direct) {
  }

  private final Map<String, List<Feed>> byNode;

  private ExposureFeeds(Map<String, List<Feed>> byNode) {
    this.byNode = byNode;
  }

  static ExposureFeeds of(ProjectDocs docs) {
    Map<String, List<Feed>> byNode = new HashMap<>();
    for (JsonNode node : docs.nodes().values()) {
      if (!ProjectDocs.type(node).equals("exposure")) {
        continue;
      }
      String id = ProjectDocs.id(node);
      Set<String> direct = new HashSet<>(docs.parents(id));
      Set<String> seen = new HashSet<>();
      Deque<String> queue = new ArrayDeque<>(docs.parents(id));
      while (!queue.isEmpty()) {
        String ancestor = queue.pop();
        if (!seen.add(ancestor)) {
          continue;
        }
        byNode.computeIfAbsent(ancestor, k -> new ArrayList<>()).add(new Feed(docs.link(id),
            node.path("type").asText(), node.path("maturity").asText(""),
            ExposureFacts.owner(node).orElse(""), ExposureFacts.url(node),
            direct.contains(ancestor)));
        queue.addAll(docs.parents(ancestor));
      }
    }
    byNode.values().forEach(feeds -> feeds.sort(Comparator.comparing(f -> f.link().name())));
    return new ExposureFeeds(byNode);
  }

  /** The exposures downstream of {@code uniqueId}, by name; empty when it feeds none. */
  List<Feed> of(String uniqueId) {
    return byNode.getOrDefault(uniqueId, List.of());
  }
}
