package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage graph's "stale" mark after a build: not for a model that stamps its rows with the
 * run's time and id (its compiled code differs in every command), but for one edited since.
 */
class CliDocsStaleMarksTest {

  @TempDir
  Path dir;

  /** The mark of each node in the site's graph data, by name. */
  private static String mark(TempProject project, String name) throws Exception {
    String script = project.read("target/docs/data/graph.js");
    JsonNode graph = new ObjectMapper().readTree(
        script.substring(script.indexOf('{'), script.lastIndexOf('}') + 1));
    for (JsonNode node : graph.path("nodes")) {
      if (node.path(1).asText().equals(name)) {
        return node.path(10).asText();
      }
    }
    throw new AssertionError("no node " + name + " in " + script);
  }

  @Test
  void aModelStampedWithTheRunIsNotStaleButAnEditedOneIs() throws Exception {
    TempProject project = TempProject.named(dir.resolve("shop"), "shop")
        .file("models/loaded.sql", "select 1 as id, '{{ run_started_at }}' as loaded_at,"
            + " '{{ invocation_id }}' as batch\n")
        .file("models/plain.sql", "select id from {{ ref('loaded') }}\n");
    mds("build", "--project-dir", project.dir()).assertOk();
    mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    assertEquals("", mark(project, "loaded"));
    assertEquals("", mark(project, "plain"));

    project.file("models/plain.sql", "select id, 1 as one from {{ ref('loaded') }}\n");
    mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    assertEquals("", mark(project, "loaded"));
    assertEquals("stale", mark(project, "plain"));
  }
}
