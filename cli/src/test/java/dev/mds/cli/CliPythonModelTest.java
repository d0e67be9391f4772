package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python models ({@code .py} files in the model paths) are nodes of the graph; they run only where
 * python3 can import duckdb, and are an error naming the file elsewhere.
 */
class CliPythonModelTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n2,20\n3,30\n")
        .file("models/sources.yml", """
            sources:
              - name: crm
                tables: [{name: customers}]
            """)
        .file("models/stg_orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/big_orders.py", """
            import duckdb


            def model(dbt, session):
                dbt.config(materialized="table", tags=["py"])
                orders = dbt.ref("stg_orders")
                customers = dbt.source('crm', 'customers')
                return orders.filter("amount >= 20")
            """)
        .file("models/report.sql", "select count(*) as n from {{ ref('big_orders') }}\n");
  }

  private static boolean pythonWithDuckDb() {
    try {
      Process process = new ProcessBuilder("python3", "-c", "import duckdb")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (Exception noPython) {
      return false;
    }
  }

  @Test
  void aPythonModelIsANodeWithItsDbtRefsAndSourcesAsParents() throws Exception {
    TempProject project = project();

    CliRun ls = mds("ls", "--project-dir", project.dir(), "-s", "+report").assertOk();

    assertEquals(List.of("shop.big_orders", "shop.raw_orders", "shop.report", "shop.stg_orders",
        "source:shop.crm.customers"), ls.out().strip().lines().sorted().toList(), ls::describe);
    assertEquals(List.of("shop.big_orders"), mds("ls", "--project-dir", project.dir(), "-s",
        "tag:py").assertOk().out().strip().lines().toList());
    CliRun compile = mds("compile", "--project-dir", project.dir()).assertOk();
    assertEquals("", compile.err(), compile::describe);
    assertTrue(compile.out().contains("3 models"), compile::describe);
    JsonNode node = new ObjectMapper().readTree(project.path("target/manifest.json").toFile())
        .path("nodes").path("model.shop.big_orders");
    assertEquals("python", node.path("language").asText(), node::toString);
    assertEquals("table", node.path("config").path("materialized").asText(), node::toString);
    List<String> parents = new java.util.ArrayList<>();
    node.path("depends_on").path("nodes").forEach(p -> parents.add(p.asText()));
    assertEquals(List.of("model.shop.stg_orders", "source.shop.crm.customers"), parents);
    assertTrue(project.read("target/compiled/shop/models/big_orders.py")
        .contains("def model(dbt, session):"));
  }

  @Test
  void showingAPythonModelSaysHowToSeeItsRows() {
    TempProject project = project();

    mds("show", "--project-dir", project.dir(), "-s", "big_orders")
        .assertProjectError("models/big_orders.py", "mds run");
  }

  @Test
  void aRefToAMissingModelInPythonNamesTheFileAndLine() {
    TempProject project = project().file("models/bad.py", """
        def model(dbt, session):
            return dbt.ref("nowhere")
        """);

    mds("compile", "--project-dir", project.dir())
        .assertProjectError("models/bad.py:2", "ref('nowhere')");
  }

  @Test
  void withoutDuckDbInPythonBuildingOneIsAnErrorAndItsChildrenAreSkipped() {
    Assumptions.assumeFalse(pythonWithDuckDb(), "python3 can import duckdb here");
    TempProject project = project().file("models/sources.yml", "version: 2\n")
        .file("models/big_orders.py", """
            def model(dbt, session):
                return dbt.ref("stg_orders")
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains(
        "models/big_orders.py: python models need python3 with the duckdb package; not found"),
        run::describe);
    assertTrue(run.out().contains("SKIP=1"), run::describe);
    assertTrue(run.out().contains("PASS=2"), run::describe);
    assertFalse(run.err().contains("Exception"), run::describe);
  }

  @Test
  void withDuckDbInPythonTheModelRunsOnItsParentsRows() {
    Assumptions.assumeTrue(pythonWithDuckDb(), "python3 cannot import duckdb here");
    TempProject project = project().file("models/sources.yml", "version: 2\n")
        .file("models/big_orders.py", """
            def model(dbt, session):
                dbt.config(materialized="table")
                return dbt.ref("stg_orders").filter("amount >= 20")
            """);

    mds("build", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("2"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select n from main.report"));
  }

  @Test
  void aFailingPythonModelIsOneLineAtItsLineAndItsChildrenAreSkipped() {
    Assumptions.assumeTrue(pythonWithDuckDb(), "python3 cannot import duckdb here");
    TempProject project = project().file("models/sources.yml", "version: 2\n")
        .file("models/big_orders.py", """
            def model(dbt, session):
                orders = dbt.ref("stg_orders")
                return orders if 1 / 0 else orders
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("models/big_orders.py:3: python model failed: "
        + "ZeroDivisionError: division by zero"), run::describe);
    assertTrue(run.out().contains("SKIP=1"), run::describe);
  }

  @Test
  void withPython3InvalidPythonAndNonLiteralRefsAreParseErrorsAtTheirLines() {
    Assumptions.assumeTrue(python3(), "no python3 here");
    TempProject project = project()
        .file("models/broken.py", "def model(dbt, session):\n    return dbt.ref(\n")
        .file("models/dynamic.py", """
            def model(dbt, session):
                name = "stg_orders"
                return dbt.ref(name)
            """);

    CliRun run = mds("compile", "--project-dir", project.dir());

    assertEquals(2, run.exitCode(), run::describe);
    List<String> lines = run.err().strip().lines().toList();
    assertEquals(2, lines.size(), run::describe);
    assertTrue(lines.get(0).startsWith("Error: models/broken.py:2: invalid Python: "),
        run::describe);
    assertTrue(lines.get(1).startsWith("Error: models/dynamic.py:3: dbt.ref() takes one or two"
        + " string literals"), run::describe);
  }

  private static boolean python3() {
    try {
      Process process = new ProcessBuilder("python3", "--version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (Exception noPython) {
      return false;
    }
  }
}
