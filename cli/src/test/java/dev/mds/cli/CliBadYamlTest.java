package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML that cannot mean anything is one line naming the file, exit 2, before anything is built
 * (issue 19's wrong types): not a SQL error later, not a model blamed for the project file.
 */
class CliBadYamlTest {

  @TempDir
  Path dir;

  private CliRun build(String projectFile, String schema) {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", projectFile)
        .file("models/orders.sql", "select 1 as order_no, 'placed' as status\n")
        .file("models/schema.yml", schema);
    return mds("build", "--project-dir", project.dir());
  }

  private static void assertOneLine(CliRun run, String file, String message) {
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains(file) && run.err().contains(message), run::describe);
    assertFalse(run.err().contains("\tat ") || run.err().contains("Binder Error")
        || run.err().contains("Parser Error"), run::describe);
  }

  @Test
  void varsThatAreNotAMappingNameTheProjectFile() {
    CliRun run = build("name: shop\nvars: [1, 2]\n", "version: 2\n");
    assertOneLine(run, "dbt_project.yml", "'vars:' must be a mapping");
    assertFalse(Files.exists(dir.resolve("shop.duckdb")) && run.out().contains("OK"),
        run::describe);
  }

  @Test
  void acceptedValuesWithoutValuesIsAYamlError() {
    CliRun run = build("name: shop\n", """
        version: 2
        models:
          - name: orders
            columns:
              - name: status
                data_tests:
                  - accepted_values:
                      values: []
        """);
    assertOneLine(run, "models/schema.yml", "accepted_values needs a non-empty list of 'values:'");
  }

  @Test
  void aTestWhoseArgumentsAreNotAMappingIsAYamlError() {
    CliRun run = build("name: shop\n", """
        version: 2
        models:
          - name: orders
            columns:
              - name: order_no
                data_tests:
                  - unique: 5
        """);
    assertOneLine(run, "models/schema.yml", "test 'unique' takes a mapping of arguments");
  }

  @Test
  void aGrainThatIsNotColumnsIsAYamlError() {
    CliRun run = build("name: shop\n", """
        version: 2
        models:
          - name: orders
            config:
              grain: 5
        """);
    assertOneLine(run, "models/schema.yml", "grain must name its key columns");
  }

  @Test
  void relationshipsWithoutAFieldIsAYamlError() {
    CliRun run = build("name: shop\n", """
        version: 2
        models:
          - name: orders
            columns:
              - name: order_no
                data_tests:
                  - relationships:
                      to: ref('orders')
        """);
    assertOneLine(run, "models/schema.yml", "relationships needs 'field:'");
  }

  @Test
  void anUnclosedExpressionSaysSoInsteadOfAnUnexpectedCharacter() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("models/orders.sql", "select {{ ref('x') \n");
    CliRun run = mds("compile", "--project-dir", project.dir());
    assertOneLine(run, "models/orders.sql", "is not closed before the end of the file");
    assertFalse(run.err().contains("Unexpected character"), run::describe);
  }

  @Test
  void aModelPathThatDoesNotExistIsAWarningNamingIt() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\nmodel-paths: ['modelz']\ntest-paths: ['tests']\n")
        .file("models/orders.sql", "select 1 as order_no\n");
    CliRun run = mds("compile", "--project-dir", project.dir());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.err().contains("Warning: dbt_project.yml: model-paths names 'modelz', which"
        + " does not exist"), run::describe);
    // A missing tests/ folder is normal (git keeps no empty folders): no warning.
    assertFalse(run.err().contains("test-paths"), run::describe);
  }

  @Test
  void anEmptyProfilePathSaysItIsEmpty() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
            + "      path: \"\"\n")
        .file("models/orders.sql", "select 1 as order_no\n");
    CliRun run = mds("run", "--project-dir", project.dir());
    assertOneLine(run, "profiles.yml", "shop.outputs.dev.path is empty");
    assertFalse(run.err().contains("Is a directory"), run::describe);
  }
}
