package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A DuckDB file held by another process: refuse clearly, or wait with --lock-timeout. */
@Timeout(60)
class CliDatabaseLockTest {

  @TempDir
  Path dir;

  @Test
  void runAgainstALockedFileExitsTwoNamingTheFileAndTheHoldersPid() throws Exception {
    TempProject project = TempProject.named(dir, "shop").file("models/a.sql", "select 1 as id\n");
    Path db = project.path("shop.duckdb");
    try (JavaProcess holder = JavaProcess.start(dir, LockHolder.class, db.toString())) {
      holder.awaitLine("locked", 30);

      long start = System.nanoTime();
      CliRun run = mds("run", "--project-dir", project.dir());

      run.assertProjectError(db.toString(), "process " + holder.pid(), "--lock-timeout");
      assertTrue((System.nanoTime() - start) / 1e9 < 3, "without --lock-timeout it must not wait");
    }
  }

  @Test
  void lockTimeoutWaitsForTheHolderToFinishThenRuns() throws Exception {
    TempProject project = TempProject.named(dir, "shop").file("models/a.sql", "select 1 as id\n");
    Path db = project.path("shop.duckdb");
    CliRun run;
    double waited;
    try (JavaProcess holder = JavaProcess.start(dir, LockHolder.class, db.toString())) {
      holder.awaitLine("locked", 30);
      Thread release = new Thread(() -> {
        try {
          Thread.sleep(1000);
          holder.process.destroy();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      release.start();

      long start = System.nanoTime();
      run = mds("run", "--project-dir", project.dir(), "--lock-timeout", "3");
      waited = (System.nanoTime() - start) / 1e9;
      release.join();
    }

    run.assertOk();
    assertTrue(waited >= 0.9, "ran after " + waited + "s, before the holder let go");
    assertEquals(List.of("main.a:VIEW", "main.held:BASE TABLE"), DuckDbFile.relations(db));
  }

  @Test
  void lockTimeoutThatRunsOutStillExitsTwo() throws Exception {
    TempProject project = TempProject.named(dir, "shop").file("models/a.sql", "select 1 as id\n");
    Path db = project.path("shop.duckdb");
    try (JavaProcess holder = JavaProcess.start(dir, LockHolder.class, db.toString())) {
      holder.awaitLine("locked", 30);

      long start = System.nanoTime();
      CliRun run = mds("run", "--project-dir", project.dir(), "--lock-timeout", "1");

      double waited = (System.nanoTime() - start) / 1e9;
      run.assertProjectError(db.toString(), "process " + holder.pid(),
          "waited 1 s (--lock-timeout) for it to finish");
      assertTrue(waited >= 0.9 && waited < 5, "waited " + waited + "s");
    }
  }
}
