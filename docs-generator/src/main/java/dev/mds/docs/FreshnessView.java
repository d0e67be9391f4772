package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Source freshness as the site shows it: each source's rule (from the manifest) and its last
 * check (from {@code sources.json}, written by {@code mds source freshness}), so a reader sees
 * whether today's data is in.
 *
 * @param checkedAt when the last check ran, as shown; empty when there is no sources.json
 */
record FreshnessView(List<Row> rows, String checkedAt, int passed, int warned, int failed) {

  /**
   * One source table.
   *
   * @param status the check's status ("pass", "warn", "error", "runtime error"), or "not checked"
   * @param tone good, warn, bad or muted (for the pill)
   * @param maxLoadedAt the newest load time as shown; empty when not checked
   * @param age how old the newest row was when checked ("2h 05m"); empty when not checked
   * @param rule "warn after 12 hours · error after 1 day"; empty when the source has none
   */
  record Row(NodeLink link, String status, String tone, String maxLoadedAt, String age,
      String rule, String loadedAtField, String error) {
  }

  /** Sources with a rule or a result, by name. */
  static FreshnessView of(ProjectDocs docs, JsonNode sourcesJson) {
    Map<String, JsonNode> results = new HashMap<>();
    sourcesJson.path("results").forEach(r -> results.put(r.path("unique_id").asText(), r));
    List<Row> rows = new ArrayList<>();
    int passed = 0;
    int warned = 0;
    int failed = 0;
    for (JsonNode node : docs.nodes().values()) {
      if (!ProjectDocs.type(node).equals("source")) {
        continue;
      }
      String id = ProjectDocs.id(node);
      String rule = rule(node.path("freshness"));
      JsonNode result = results.get(id);
      if (rule.isEmpty() && result == null) {
        continue;
      }
      String loadedAt = node.path("loaded_at_field").asText("");
      if (result == null) {
        rows.add(new Row(docs.link(id), "not checked", "muted", "", "", rule, loadedAt, ""));
        continue;
      }
      String status = result.path("status").asText("");
      String tone = switch (status) {
        case "pass" -> "good";
        case "warn" -> "warn";
        default -> "bad";
      };
      passed += status.equals("pass") ? 1 : 0;
      warned += status.equals("warn") ? 1 : 0;
      failed += tone.equals("bad") ? 1 : 0;
      String max = result.path("max_loaded_at").asText("");
      rows.add(new Row(docs.link(id), status, tone, max.isEmpty() ? "" : RunHistory.shown(max),
          result.has("max_loaded_at_time_ago_in_s")
              ? age(result.path("max_loaded_at_time_ago_in_s").asDouble()) : "",
          rule.isEmpty() ? rule(result.path("criteria")) : rule, loadedAt,
          result.path("error").asText("")));
    }
    rows.sort(Comparator.comparing((Row r) -> r.link().name()));
    String generated = sourcesJson.path("metadata").path("generated_at").asText("");
    return new FreshnessView(List.copyOf(rows),
        generated.isEmpty() ? "" : RunHistory.shown(generated), passed, warned, failed);
  }

  Optional<Row> row(String uniqueId) {
    return rows.stream().filter(r -> r.link().id().equals(uniqueId)).findFirst();
  }

  /** "warn after 12 hours · error after 1 day · where x > 1", or empty with no threshold. */
  static String rule(JsonNode freshness) {
    List<String> parts = new ArrayList<>();
    for (String key : List.of("warn_after", "error_after")) {
      JsonNode threshold = freshness.path(key);
      if (threshold.path("count").isNumber() && threshold.path("period").isTextual()) {
        long count = threshold.path("count").asLong();
        String period = threshold.path("period").asText();
        parts.add(key.replace("_", " ") + " " + count + " " + period + (count == 1 ? "" : "s"));
      }
    }
    if (parts.isEmpty()) {
      return "";
    }
    String filter = freshness.path("filter").asText("");
    if (!filter.isBlank()) {
      parts.add("where " + filter);
    }
    return String.join(" · ", parts);
  }

  /** An age the way people say it: 3d 4h, 2h 05m, 12m 30s. */
  static String age(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s >= 86_400) {
      return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
    }
    if (s >= 3600) {
      return (s / 3600) + "h " + String.format(Locale.ROOT, "%02dm", s % 3600 / 60);
    }
    if (s >= 60) {
      return (s / 60) + "m " + String.format(Locale.ROOT, "%02ds", s % 60);
    }
    return s + "s";
  }
}
