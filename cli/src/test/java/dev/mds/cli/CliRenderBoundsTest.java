package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates that never end stop with one line naming the file, exit 2, and no stack trace: a
 * macro that calls itself, and a loop whose output grows without bound; Python's range costs no
 * memory however long it is.
 */
class CliRenderBoundsTest {

  @TempDir
  Path dir;

  @Test
  void aMacroThatCallsItselfWithoutEndIsOneLineNamingTheModel() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("macros/forever.sql", "{% macro forever(n) %}{{ forever(n + 1) }}{% endmacro %}\n")
        .file("models/ok.sql", "select 1 as x\n")
        .file("models/loops.sql", "select {{ forever(0) }} as x\n");
    CliRun run = mds("compile", "--project-dir", project.dir());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("models/loops.sql")
        && run.err().contains("a macro calls itself"), run::describe);
    assertFalse(run.err().contains("\tat ") || run.err().contains("StackOverflowError"),
        run::describe);
    assertTrue(run.err().lines().count() <= 2, run::describe);
  }

  @Test
  void aLoopWhoseOutputGrowsWithoutBoundStopsNamingTheModel() {
    String thousand = "x".repeat(1000);
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("models/huge.sql", "{% for i in range(400000) %}" + thousand + "{% endfor %}\n")
        .file("models/counted.sql",
            "select {{ range(200000000) | length }} as n, {{ range(10, 0, -3) | list }} as l\n");
    CliRun run = mds("compile", "--project-dir", project.dir(), "-s", "huge");
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("models/huge.sql")
        && run.err().contains("renders more than 200 million characters"), run::describe);
    assertFalse(run.err().contains("\tat "), run::describe);

    TempProject other = TempProject.in(dir.resolve("other"))
        .file("dbt_project.yml", "name: shop\n")
        .file("models/counted.sql",
            "select {{ range(200000000) | length }} as n, {{ range(10, 0, -3) | list }} as l\n");
    mds("run", "--project-dir", other.dir()).assertOk();
    assertEquals(List.of("200000000|[10, 7, 4, 1]"), DuckDbFile.rows(other.path("shop.duckdb"),
        "select n, l from main.counted"));
  }
}
