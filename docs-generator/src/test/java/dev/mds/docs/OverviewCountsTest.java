package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview's cards count every outcome of the last run: a snapshot that errored, a seed
 * skipped, tests that passed, were skipped because what they test was not built, or never ran.
 */
class OverviewCountsTest {

  static final String MANIFEST = """
      {
        "metadata": {"project_name": "shop"},
        "nodes": {
          "seed.shop.raw": {"unique_id": "seed.shop.raw", "resource_type": "seed", "name": "raw",
            "columns": {}, "depends_on": {"nodes": []}},
          "seed.shop.late": {"unique_id": "seed.shop.late", "resource_type": "seed",
            "name": "late", "columns": {}, "depends_on": {"nodes": []}},
          "model.shop.orders": {"unique_id": "model.shop.orders", "resource_type": "model",
            "name": "orders", "columns": {}, "depends_on": {"nodes": ["seed.shop.raw"]}},
          "snapshot.shop.history": {"unique_id": "snapshot.shop.history",
            "resource_type": "snapshot", "name": "history", "columns": {},
            "depends_on": {"nodes": ["model.shop.orders"]}},
          "test.shop.t_pass": {"unique_id": "test.shop.t_pass", "resource_type": "test",
            "name": "t_pass", "depends_on": {"nodes": ["model.shop.orders"]}},
          "test.shop.t_skip1": {"unique_id": "test.shop.t_skip1", "resource_type": "test",
            "name": "t_skip1", "depends_on": {"nodes": ["snapshot.shop.history"]}},
          "test.shop.t_skip2": {"unique_id": "test.shop.t_skip2", "resource_type": "test",
            "name": "t_skip2", "depends_on": {"nodes": ["snapshot.shop.history"]}},
          "test.shop.t_new": {"unique_id": "test.shop.t_new", "resource_type": "test",
            "name": "t_new", "depends_on": {"nodes": ["model.shop.orders"]}}
        },
        "sources": {}
      }
      """;

  static final String RUN_RESULTS = """
      {"metadata": {"generated_at": "2026-11-20T10:00:05Z"}, "results": [
        %s, %s, %s, %s, %s, %s, %s
      ]}
      """.formatted(result("seed.shop.raw", "success", "INSERT 2"),
      result("seed.shop.late", "skipped", "skipped"),
      result("model.shop.orders", "success", "OK"),
      result("snapshot.shop.history", "error", "its query returns more than one row per key"),
      result("test.shop.t_pass", "pass", "PASS"),
      result("test.shop.t_skip1", "skipped", "skipped"),
      result("test.shop.t_skip2", "skipped", "skipped"));

  private static String result(String id, String status, String message) {
    return """
        {"unique_id": "%s", "status": "%s", "execution_time": 0.01, "message": "%s",
         "timing": [{"name": "execute", "started_at": "2026-11-20T10:00:00Z",
                     "completed_at": "2026-11-20T10:00:01Z"}]}""".formatted(id, status, message);
  }

  @TempDir
  Path dir;

  @Test
  void everyBuiltTypeAndTheTestsCountTheirErrorsAndSkips() throws IOException {
    Path target = dir.resolve("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), MANIFEST);
    Files.writeString(target.resolve("run_results.json"), RUN_RESULTS);
    DocsSite.generate(target, null, target.resolve("docs"));
    String html = Files.readString(target.resolve("docs/index.html"));

    assertTrue(html.contains("<span class=\"stat-label\">Snapshots</span><span class=\"stat-detail"
        + " tone-text-bad\">0 built · 1 errored</span>"), html);
    assertTrue(html.contains("<span class=\"stat-label\">Seeds</span><span class=\"stat-detail"
        + " tone-text-warn\">1 built · 1 skipped</span>"), html);
    assertTrue(html.contains("<span class=\"stat-label\">Data tests</span><span class=\"stat-detail"
        + " tone-text-warn\">1 passed · 2 skipped · 1 not run</span>"), html);
    // The two tests skipped for the snapshot are one row, counted as two.
    String skipped = html.substring(html.indexOf("id=\"skipped\""));
    assertTrue(skipped.contains("Skipped in the last run <span class=\"count\">3</span>"),
        skipped);
    assertTrue(skipped.contains("<summary>2 data tests</summary>"), skipped);
    assertTrue(skipped.indexOf("late") < skipped.indexOf("2 data tests"), "nodes, then tests");
  }
}
