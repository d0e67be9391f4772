package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code mds docs generate} on a fresh clone with nothing changed keeps the site the first
 * one wrote, though the first had no earlier manifest to answer {@code state:} against and the
 * second has; a model changed in between is written again (it is {@code state:modified}).
 */
class CliDocsSecondRunTest {

  @TempDir
  Path dir;

  @Test
  void theSecondRunWithNothingChangedKeepsTheFirstRunsSite() throws Exception {
    TempProject project = TempProject.named(dir.resolve("shop"), "shop")
        .file("seeds/members.csv", "market,member_no\nNO,1\nSE,1\n")
        .file("models/members_by_market.sql",
            "select market, count(*) as members from {{ ref('members') }} group by market\n");

    CliRun first = mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    assertTrue(first.out().contains("Wrote "), first::describe);

    CliRun second = mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    assertTrue(second.out().contains("is up to date"), second::describe);
    assertFalse(second.out().contains("Wrote "), second::describe);

    project.file("models/members_by_market.sql",
        "select market, count(*) as member_count from {{ ref('members') }} group by market\n");
    CliRun third = mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    assertTrue(third.out().contains("Wrote "), third::describe);
    assertTrue(project.read("target/docs/data/graph.js").contains("modified"),
        "the changed model is state:modified in the site's data");
  }

  @Test
  void aStateFolderWithoutAManifestIsOneLineAndTheLastManifestStays() throws Exception {
    TempProject project = TempProject.named(dir.resolve("shop"), "shop")
        .file("seeds/members.csv", "market,member_no\nNO,1\nSE,1\n")
        .file("models/members_by_market.sql",
            "select market, count(*) as members from {{ ref('members') }} group by market\n");
    mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    String manifest = project.read("target/manifest.json");
    project.file("models/members_by_market.sql",
        "select market, count(*) as member_count from {{ ref('members') }} group by market\n");

    // The comparison runs beside the lineage; its error still stops the run before the
    // manifest is written over.
    Path empty = java.nio.file.Files.createDirectories(dir.resolve("production"));
    mds("docs", "generate", "--project-dir", project.dir(), "--state", empty.toString())
        .assertProjectError("No manifest.json in", "--state");
    assertEquals(manifest, project.read("target/manifest.json"));
  }
}
