package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What the lineage graph marks on a node besides its type and last result: "skipped" when the last
 * run skipped it (an upstream node failed), "stale" when its data is older than what it is built
 * from (a parent was rebuilt after it, or a source's freshness check warned or failed), else "".
 */
final class GraphMarks {

  private final ProjectDocs docs;
  private final FreshnessView freshness;

  GraphMarks(ProjectDocs docs, FreshnessView freshness) {
    this.docs = docs;
    this.freshness = freshness;
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
    Optional<Instant> built = run.flatMap(GraphMarks::completed);
    if (built.isEmpty()) {
      return "";
    }
    JsonNode node = docs.nodes().get(id);
    for (JsonNode parent : node.path("depends_on").path("nodes")) {
      Optional<Instant> parentBuilt = docs.page(parent.asText()).map(DocPage::lastRun)
          .flatMap(GraphMarks::completed);
      if (parentBuilt.isPresent() && parentBuilt.get().isAfter(built.get())) {
        return "stale";
      }
    }
    return "";
  }

  private static Optional<Instant> completed(RunView run) {
    if (run == null || run.completedAt() == null || run.completedAt().isEmpty()
        || run.status().equalsIgnoreCase("skipped")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(run.completedAt()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
