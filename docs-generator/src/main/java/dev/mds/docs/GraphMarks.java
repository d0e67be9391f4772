package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the lineage graph marks on a node besides its type and last result: "skipped" when the last
 * run skipped it (an upstream node failed); "stale" when what is in the database no longer matches
 * the project: its SQL changed since it was last built (the compiled code in
 * {@code run_results.json} differs from the manifest's), or a source's freshness check warned or
 * failed; else "". Ids and times a render takes from its invocation ({@code invocation_id},
 * {@code run_started_at}: a UUID, a date with a time of day) differ between any two commands, so
 * they are left out of the comparison: a model stamping its rows with the run's time is not
 * stale after every build.
 */
final class GraphMarks {

  /** A UUID, or a timestamp with a time of day (as {@code run_started_at} renders). */
  private static final Pattern PER_RUN = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
          + "|\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
          + "(?:\\s?(?:[+-]\\d{2}(?::?\\d{2})?|Z|UTC))?");

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
    if (built != null && now.isTextual() && changed(built, now.asText())) {
      return "stale";
    }
    return "";
  }

  /** Whether the code built differs from the code now, but for the values of the invocation. */
  static boolean changed(String built, String now) {
    String before = built.strip();
    String after = now.strip();
    return !before.equals(after) && !PER_RUN.matcher(before).replaceAll("\u0000")
        .equals(PER_RUN.matcher(after).replaceAll("\u0000"));
  }
}
