package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the lineage graph marks on a node besides its type and last result: "skipped" when the last
 * run skipped it (an upstream node failed); "stale" when what is in the database no longer matches
 * the project: its SQL changed since it was last built (the compiled code in
 * {@code run_results.json} differs from the manifest's), or a source's freshness check warned or
 * failed; else "".
 */
final class GraphMarks {

  private final ProjectDocs docs;
  private final FreshnessView freshness;
  private final Map<String, String> builtCode = new HashMap<>();

  GraphMarks(ProjectDocs docs, FreshnessView freshness, JsonNode runResults) {
    this.docs = docs;
    this.freshness = freshness;
    for (JsonNode result : runResults.path("results")) {
      JsonNode code = result.path("compiled_code");
      if (code.isTextual()) {
        builtCode.put(result.path("unique_id").asText(), code.asText());
      }
    }
  }

  String of(String id) {
    Optional<RunView> run = docs.page(id).map(DocPage::lastRun);
    if (run.isPresent() && run.get().status().equalsIgnoreCase("skipped")) {
      return "skipped";
    }
    if (freshness != null) {
      Optional<FreshnessView.Row> row = freshness.row(id);
      if (row.isPresent() && (row.get().tone().equals("warn") || row.get().tone().equals("bad"))) {
        return "stale";
      }
    }
    JsonNode node = docs.nodes().get(id);
    String built = builtCode.get(id);
    JsonNode now = node.path("compiled_code");
    if (built != null && now.isTextual() && !now.asText().strip().equals(built.strip())) {
      return "stale";
    }
    return "";
  }
}
