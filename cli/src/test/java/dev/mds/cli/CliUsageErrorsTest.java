package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistyped command line gets the error and one hint line, not the verb's whole help. */
class CliUsageErrorsTest {

  @TempDir
  Path dir;

  @Test
  void aBadOptionValueIsTheErrorAndOneHint() {
    CliRun run = mds("build", "--threads", "abc");
    assertEquals(2, run.exitCode(), run::describe);
    assertEquals(2, run.err().lines().count(), run::describe);
    assertTrue(run.err().contains("Invalid value for option '--threads': 'abc' is not an int")
        && run.err().contains("Run 'mds build --help' for its options."), run::describe);
  }

  @Test
  void aMistypedOptionSuggestsTheRightOne() {
    CliRun run = mds("run", "--threds", "2");
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("Possible solutions: --threads"), run::describe);
    assertTrue(run.err().lines().count() <= 3, run::describe);
  }

  @Test
  void aProjectDirThatIsAFileSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("dbt_project.yml"), "name: shop\n");
    CliRun run = mds("compile", "--project-dir", file.toString());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("is a file, not a project folder")
        && run.err().contains("(" + dir), run::describe);
  }
}
