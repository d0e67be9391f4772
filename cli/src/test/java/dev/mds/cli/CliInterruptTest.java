package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during {@code mds run} stops the running query and leaves the database intact. */
@Timeout(90)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "sends SIGINT with kill")
class CliInterruptTest {

  /** Far more rows than any machine counts in the test's time: only Ctrl-C ends it. */
  private static final String SLOW =
      "select count(*) as n from range(300000000000) t(i) where i % 7 = 3";

  @TempDir
  Path dir;

  @Test
  void ctrlCStopsTheRunQuicklyAndKeepsEarlierTablesIntact() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/early.sql", "{{ config(materialized='table') }}\nselect * from range(3) r(id)\n")
        .file("models/slow.sql", "{{ config(materialized='table') }}\nselect 42 as n\n");
    mds("run", "--project-dir", project.dir()).assertOk();
    project.file("models/slow.sql", "{{ config(materialized='table') }}\n" + SLOW + "\n");

    try (JavaProcess run = JavaProcess.start(dir, Mds.class, "run", "--project-dir",
        project.dir(), "--select", "slow")) {
      run.awaitLine("START table model \"main\".\"slow\"", 30);
      Thread.sleep(1500);
      assertTrue(run.process.isAlive(), "the slow model should still be running:\n" + run.output());

      long start = System.nanoTime();
      run.interrupt();
      boolean exited = run.process.waitFor(15, TimeUnit.SECONDS);

      double took = (System.nanoTime() - start) / 1e9;
      assertTrue(exited, "mds did not exit within 15s of SIGINT:\n" + run.output());
      assertTrue(took < 15, "took " + took + "s");
      // The query was cancelled (the node ended in error), not the process killed mid-write.
      assertTrue(run.output().contains("ERROR table model \"main\".\"slow\""), run.output());
      assertTrue(run.process.exitValue() != 0, "exit " + run.process.exitValue());
      // What finished is still reported: the summary and run_results.json.
      assertTrue(run.output().contains("Interrupted: the running statements were cancelled"),
          run.output());
      assertTrue(run.output().contains("Done. PASS=0 WARN=0 ERROR=1 SKIP=0 TOTAL=1"),
          run.output());
    }
    String results = Files.readString(project.path("target/run_results.json"));
    assertTrue(results.contains("\"unique_id\" : \"model.shop.slow\"")
        || results.contains("\"unique_id\":\"model.shop.slow\""), results);
    assertTrue(results.contains("\"status\" : \"error\"")
        || results.contains("\"status\":\"error\""), results);

    Path db = project.path("shop.duckdb");
    assertEquals(List.of("main.early:BASE TABLE", "main.slow:BASE TABLE"),
        DuckDbFile.relations(db));
    assertEquals(List.of("0", "1", "2"), DuckDbFile.rows(db, "select id from early order by id"));
    assertEquals(List.of("42"), DuckDbFile.rows(db, "select n from slow"));
  }
}
