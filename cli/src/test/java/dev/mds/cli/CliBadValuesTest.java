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
 * Wrong types and nonsense values in YAML and flags (issue 19 item 4): one line naming the file
 * and the key, exit 2, and nothing built.
 */
class CliBadValuesTest {

  @TempDir
  Path dir;

  private TempProject project(String schema) {
    return TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("models/orders.sql", "select 1 as order_no, 'placed' as status\n")
        .file("models/schema.yml", schema);
  }

  private CliRun build(String schema) {
    return mds("build", "--project-dir", project(schema).dir());
  }

  private void assertOneLine(CliRun run, String file, String... words) {
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains(file), run::describe);
    for (String word : words) {
      assertTrue(run.err().contains(word), run::describe);
    }
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run::describe);
    assertFalse(run.out().contains("OK created"), run::describe);
  }

  @Test
  void aNameThatIsNotTextNamesTheFile() {
    CliRun run = build("""
        version: 2
        models:
          - name: [a, b]
        """);
    assertOneLine(run, "models/schema.yml", "'name:'", "must be text");
  }

  @Test
  void aColumnNameThatIsNotTextNamesTheFile() {
    CliRun run = build("""
        version: 2
        models:
          - name: orders
            columns:
              - name: {a: 1}
        """);
    assertOneLine(run, "models/schema.yml", "'columns:'", "'name:'");
  }

  @Test
  void aDescriptionThatIsNotTextNamesTheFile() {
    CliRun run = build("""
        version: 2
        models:
          - name: orders
            description: {a: 1}
        """);
    assertOneLine(run, "models/schema.yml", "'description:'", "orders");
  }

  @Test
  void aConfigThatIsNotAMappingNamesTheFile() {
    CliRun run = build("""
        version: 2
        models:
          - name: orders
            config: [a, b]
        """);
    assertOneLine(run, "models/schema.yml", "'config:' must be a mapping", "orders");
  }

  @Test
  void aSeverityOtherThanWarnOrErrorNamesTheFile() {
    CliRun run = build("""
        version: 2
        models:
          - name: orders
            columns:
              - name: order_no
                data_tests:
                  - unique:
                      config:
                        severity: catastrophic
        """);
    assertOneLine(run, "models/schema.yml", "severity: catastrophic", "warn or error");
  }

  @Test
  void severityIsReadInAnyCaseAsDbtDoes() {
    CliRun run = build("""
        version: 2
        models:
          - name: orders
            columns:
              - name: order_no
                data_tests:
                  - unique:
                      severity: WARN
        """);
    assertEquals(0, run.exitCode(), run::describe);
  }

  @Test
  void anEnabledThatIsNotABooleanInTheProjectFileNamesIt() {
    TempProject project = project("version: 2\n")
        .file("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +enabled: maybe\n");
    CliRun run = mds("build", "--project-dir", project.dir());
    assertOneLine(run, "dbt_project.yml", "+enabled: maybe", "true or false");
  }

  @Test
  void anEnabledThatIsNotABooleanInAConfigCallNamesTheModel() {
    TempProject project = project("version: 2\n")
        .file("models/orders.sql", "{{ config(enabled='maybe') }}\nselect 1 as order_no\n");
    CliRun run = mds("build", "--project-dir", project.dir());
    assertOneLine(run, "models/orders.sql", "enabled: maybe", "true or false");
  }

  @Test
  void dbtsQuotedBooleansAreAccepted() {
    TempProject project = project("version: 2\n")
        .file("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +enabled: 'false'\n");
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(0, run.exitCode(), run::describe);
    assertFalse(run.out().contains("orders"), run::describe);
  }

  @Test
  void negativeThreadsInTheProfileNameTheFileAndKey() {
    TempProject project = project("version: 2\n").file("profiles.yml", """
        shop:
          target: dev
          outputs:
            dev:
              type: duckdb
              path: shop.duckdb
              threads: -3
        """);
    CliRun run = mds("build", "--project-dir", project.dir());
    assertOneLine(run, "profiles.yml", "threads must be at least 1");
    assertFalse(Files.exists(dir.resolve("shop.duckdb")), run::describe);
  }

  @Test
  void zeroThreadsOnTheCommandLineIsRefused() {
    CliRun run = mds("build", "--threads", "0", "--project-dir", project("version: 2\n").dir());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("--threads must be at least 1, got 0"), run::describe);
    assertFalse(run.out().contains("OK created"), run::describe);
  }

  @Test
  void aNegativeLockTimeoutIsRefused() {
    CliRun run = mds("build", "--lock-timeout", "-5", "--project-dir",
        project("version: 2\n").dir());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("--lock-timeout must be 0 or more"), run::describe);
    assertFalse(run.out().contains("OK created"), run::describe);
  }

  @Test
  void aNegativeShowLimitIsRefused() {
    TempProject project = project("version: 2\n");
    assertEquals(0, mds("build", "--project-dir", project.dir()).exitCode());
    CliRun run = mds("show", "--select", "orders", "--limit", "-1", "--project-dir",
        project.dir());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("--limit must be 0 or more rows, got -1"), run::describe);
    assertEquals(1, run.err().strip().lines().count(), run::describe);
  }

  @Test
  void anUnsupportedStrategyFailsTheFirstBuild() {
    TempProject project = project("version: 2\n").file("models/orders.sql",
        "{{ config(materialized='incremental', incremental_strategy='teleport',"
            + " unique_key='order_no') }}\nselect 1 as order_no\n");
    CliRun run = mds("build", "--project-dir", project.dir());
    assertOneLine(run, "models/orders.sql", "incremental_strategy 'teleport' is not supported");
  }

  @Test
  void aUniqueKeyThatIsNotColumnNamesFailsTheFirstBuild() {
    TempProject project = project("version: 2\n").file("models/orders.sql",
        "{{ config(materialized='incremental', unique_key=5) }}\nselect 1 as order_no\n");
    CliRun run = mds("build", "--project-dir", project.dir());
    assertOneLine(run, "models/orders.sql", "unique_key must name columns", "got 5");
  }

  @Test
  void aSupportedStrategyStillBuildsTwice() {
    TempProject project = project("version: 2\n").file("models/orders.sql",
        "{{ config(materialized='incremental', incremental_strategy='MERGE',"
            + " unique_key=['order_no']) }}\nselect 1 as order_no\n");
    assertEquals(0, mds("build", "--project-dir", project.dir()).exitCode());
    CliRun second = mds("build", "--project-dir", project.dir());
    assertEquals(0, second.exitCode(), second::describe);
  }

  @Test
  void aSchemaEntryForAModelThatDoesNotExistIsAWarning() {
    CliRun run = build("""
        version: 2
        models:
          - name: orders
          - name: ordres
            columns:
              - name: order_no
                data_tests: [unique]
        """);
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.err().contains("Warning: models/schema.yml: model 'ordres' is described but"
        + " there is no model of that name"), run::describe);
    assertFalse(run.err().contains("'orders'"), run::describe);
  }
}
