package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in a project: each exits 2 with one line naming the file, and no stack trace. */
class CliProjectErrorsTest {

  @TempDir
  Path dir;

  private CliRun compile(TempProject project, String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "compile";
    args[1] = "--project-dir";
    args[2] = project.dir();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return mds(args);
  }

  @Test
  void cycleErrorPrintsThePath() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/a.sql", "select * from {{ ref('b') }}")
        .file("models/b.sql", "select * from {{ ref('a') }}");

    compile(project).assertProjectError("a -> b -> a", "models/a.sql", "models/b.sql");
  }

  @Test
  void unknownRefNamesFileAndLineAndSuggestsTheClosestName() {
    TempProject project = TempProject.shop(dir).file("models/marts/report.sql",
        "select *\nfrom {{ ref('customer') }}\n");

    compile(project).assertProjectError("models/marts/report.sql:2", "ref('customer')",
        "did you mean 'customers'?");
  }

  @Test
  void aFolderNamedLikeAModelIsReportedByName() {
    // Folders are walked without asking what each *.sql entry is, so this folder is read as one.
    TempProject project = TempProject.shop(dir).file("models/odd.sql/inner.sql", "select 1");

    compile(project).assertProjectError("models/odd.sql", "cannot read file");
  }

  @Test
  void badYamlNamesFileAndLine() {
    TempProject project = TempProject.shop(dir).file("models/marts/schema.yml", """
        version: 2
        models:
          - name: customers
            description: Customers
              with a bad indent: here
        """);

    compile(project).assertProjectError("models/marts/schema.yml:5", "invalid YAML");
  }

  @Test
  void badYamlInTheProjectFileNamesFileAndLine() {
    TempProject project = TempProject.in(dir).file("mds_project.yml", "name: shop\nmodels: [\n");

    compile(project).assertProjectError("mds_project.yml:", "invalid YAML");
  }

  @Test
  void templateSyntaxErrorNamesFileAndLine() {
    TempProject project = TempProject.shop(dir).file("models/marts/report.sql", """
        select
          id,
          {{ ref('customers' }}
        from x
        """);

    compile(project).assertProjectError("models/marts/report.sql:3", "template error");
  }

  @Test
  void templateErrorInAMacroFileNamesThatFile() {
    TempProject project = TempProject.shop(dir).file("macros/broken.sql",
        "\n{% macro broken( %}{% endmacro %}\n");

    compile(project).assertProjectError("macros/broken.sql:2");
  }

  @Test
  void unknownVarNamesFileLineAndVar() {
    TempProject project = TempProject.shop(dir).file("models/marts/report.sql",
        "select *\nfrom {{ ref('customers') }}\nwhere day >= '{{ var('start_date') }}'\n");

    compile(project).assertProjectError("models/marts/report.sql:3", "start_date");
  }

  @Test
  void varsOptionDefinesAMissingVar() {
    TempProject project = TempProject.shop(dir).file("models/marts/report.sql",
        "select * from {{ ref('customers') }} where day >= '{{ var('start_date') }}'\n");

    compile(project, "--vars", "{start_date: 2024-01-01}").assertOk();

    assertTrue(project.read("target/compiled/shop/models/marts/report.sql")
        .contains("where day >= '2024-01-01'"));
  }

  @Test
  void duplicateModelNamesNameBothFiles() {
    TempProject project = TempProject.shop(dir)
        .file("models/finance/orders.sql", "select 1")
        .file("models/sales/orders.sql", "select 2");

    compile(project).assertProjectError("models/finance/orders.sql", "models/sales/orders.sql",
        "'orders'");
  }

  @Test
  void duplicateMacroNamesNameBothFiles() {
    TempProject project = TempProject.shop(dir).file("macros/more_money.sql", """
        {% macro cents_to_units(column) %}{{ column }} / 100{% endmacro %}
        """);

    compile(project).assertProjectError("macros/money.sql", "macros/more_money.sql",
        "'cents_to_units'");
  }

  @Test
  void refToADisabledModelSaysItIsDisabled() {
    TempProject project = TempProject.shop(dir)
        .file("models/marts/old_report.sql", "{{ config(enabled=false) }}\nselect 1\n")
        .file("models/marts/report.sql", "select * from {{ ref('old_report') }}\n");

    compile(project).assertProjectError("models/marts/report.sql:1", "'old_report'", "disabled");
  }

  @Test
  void unknownSourceNamesFileAndLine() {
    TempProject project = TempProject.shop(dir).file("models/staging/stg_x.sql",
        "\n\nselect * from {{ source('crm', 'contacts') }}\n");

    compile(project).assertProjectError("models/staging/stg_x.sql:3", "source('crm', 'contacts')");
  }

  @Test
  void unknownDocInADescriptionNamesTheYamlFile() {
    TempProject project = TempProject.shop(dir).file("models/marts/props.yml", """
        models:
          - name: customers
            description: "{{ doc('customer_docs') }}"
        """);

    compile(project).assertProjectError("models/marts/props.yml: ", "customer_docs");
  }

  @Test
  void missingProjectFileSaysHowToCreateOne() throws Exception {
    Files.createDirectories(dir.resolve("empty"));

    mds("compile", "--project-dir", dir.resolve("empty").toString())
        .assertProjectError("mds_project.yml", "dbt_project.yml", "mds init");
  }

  @Test
  void unknownTargetIsAProjectError() {
    TempProject project = TempProject.shop(dir);

    compile(project, "--target", "prod").assertProjectError("'prod'");
  }

  @Test
  void unknownSelectorMethodIsAProjectError() {
    TempProject project = TempProject.shop(dir);

    compile(project, "-s", "colour:red").assertProjectError("unknown method 'colour'");
  }

  @Test
  void debugPrintsTheStackTraceAsWell() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/a.sql", "select * from {{ ref('b') }}")
        .file("models/b.sql", "select * from {{ ref('a') }}");

    CliRun run = compile(project, "--debug");

    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("\tat "), run::describe);
    assertTrue(run.err().contains("Error: models/a.sql: dependency cycle: a -> b -> a"),
        run::describe);
  }

  @Test
  void aFailedCompileWritesNoManifest() {
    TempProject project = TempProject.shop(dir).file("models/marts/report.sql",
        "select * from {{ ref('nope') }}");

    compile(project).assertProjectError("nope");

    assertFalse(Files.exists(project.path("target/manifest.json")));
  }

  @Test
  void everyBrokenModelIsReportedInFileOrderOnEveryRun() {
    TempProject project = TempProject.shop(dir)
        .file("models/marts/zebra.sql", "select 1\nfrom {{ ref('nowhere') }}\n")
        .file("models/marts/aardvark.sql", "select\n  {{ var('missing_var') }}\n")
        .file("models/staging/stg_broken.sql", "select {{ ref('stg_orders' }}\n");

    for (int run = 0; run < 2; run++) {
      CliRun result = compile(project);

      assertEquals(2, result.exitCode(), result::describe);
      assertFalse(result.err().contains("\tat "), result::describe);
      assertFalse(result.err().contains("Exception"), result::describe);
      assertEquals(java.util.List.of(
          "Error: models/marts/aardvark.sql:2: ",
          "Error: models/marts/zebra.sql:2: ",
          "Error: models/staging/stg_broken.sql:1: "),
          result.err().strip().lines().map(line -> line.substring(0, line.indexOf(": ",
              line.indexOf(": ") + 2) + 2)).toList(), result::describe);
      assertTrue(result.err().contains("missing_var"), result::describe);
      assertTrue(result.err().contains("ref('nowhere')"), result::describe);
      assertTrue(result.err().contains("template error"), result::describe);
    }
  }

  @Test
  void aBrokenModelDoesNotAlsoFailTheModelsThatReferToIt() {
    TempProject project = TempProject.shop(dir)
        .file("models/marts/broken.sql", "select {{ nope( }}\n")
        .file("models/marts/uses_broken.sql", "select * from {{ ref('broken') }}\n");

    compile(project).assertProjectError("models/marts/broken.sql:1", "template error");
  }

  @Test
  void errorsInSchemaYamlAndModelsAreReportedTogether() {
    TempProject project = TempProject.shop(dir)
        .file("models/marts/props.yml", "models: {not: a list}\n")
        .file("models/marts/report.sql", "select {{ var('nope') }}\n");

    CliRun run = compile(project);

    assertEquals(2, run.exitCode(), run::describe);
    java.util.List<String> lines = run.err().strip().lines().toList();
    assertEquals(2, lines.size(), run::describe);
    assertTrue(lines.get(0).startsWith("Error: models/marts/props.yml: 'models:'"), run::describe);
    assertTrue(lines.get(1).startsWith("Error: models/marts/report.sql:1: "), run::describe);
  }

  @Test
  void aSourceWithABrokenDescriptionIsReportedOnceAndModelsReadingItAreNotBlamed() {
    TempProject project = TempProject.shop(dir)
        .file("models/staging/sources.yml", """
            sources:
              - name: crm
                tables:
                  - name: customers
                    description: "{{ doc('nowhere') }}"
            models:
              - name: stg_orders
                description: Orders in {{ var('currency') }}.
            """)
        .file("models/marts/report.sql", "select {{ var('nope') }}\n");

    CliRun run = compile(project);

    assertEquals(2, run.exitCode(), run::describe);
    java.util.List<String> lines = run.err().strip().lines().toList();
    assertEquals(2, lines.size(), run::describe);
    assertTrue(lines.get(0).startsWith("Error: models/marts/report.sql:1: "), run::describe);
    assertTrue(lines.get(1).startsWith("Error: models/staging/sources.yml"), run::describe);
    assertTrue(lines.get(1).contains("nowhere"), run::describe);
  }
}
