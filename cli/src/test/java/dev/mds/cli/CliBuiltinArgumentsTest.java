package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A built-in package macro or generic test called with an argument it does not support is a
 * one-line error naming the file, the macro and the argument (the package might do something
 * with it that the built-in would silently not); a project's or installed package's macro keeps
 * Jinja's way of passing extra keywords in {@code kwargs}.
 */
class CliBuiltinArgumentsTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir.resolve("shop"), "shop")
        .file("packages.yml", """
            packages:
              - package: dbt-labs/dbt_utils
                version: [">=1.0.0", "<2.0.0"]
              - package: calogica/dbt_expectations
                version: [">=0.10.0", "<0.11.0"]
            """)
        .file("seeds/people.csv", "id,name\n1,ann\n2,bob\n");
  }

  @Test
  void anUnsupportedKeywordToABuiltInMacroIsOneLineNamingFileMacroAndArgument() {
    TempProject project = project().file("models/people_star.sql",
        "select\n  {{ dbt_utils.star(from=ref('people'), bogus=1) }}\nfrom {{ ref('people') }}\n");

    String line = mds("build", "--project-dir", project.dir()).assertProjectError(
        "models/people_star.sql:2", "macro dbt_utils.star: argument 'bogus' is not supported",
        "mds's built-in dbt_utils supports from, ", "run mds deps to use the package itself");
    assertEquals(false, line.contains("kwargs"), line);
  }

  @Test
  void tooManyPositionalArgumentsToABuiltInMacroIsAnError() {
    TempProject project = project().file("models/keys.sql",
        "select {{ dbt_utils.generate_surrogate_key(['id'], 'extra') }} as k from {{ ref('people') }}\n");

    mds("build", "--project-dir", project.dir()).assertProjectError("models/keys.sql:1",
        "macro dbt_utils.generate_surrogate_key takes at most 1 positional argument, not 2");
  }

  @Test
  void anUnsupportedArgumentToABuiltInGenericTestIsOneLineNamingTheYamlFile() {
    TempProject project = project().file("seeds/schema.yml", """
        seeds:
          - name: people
            columns:
              - name: id
                tests:
                  - dbt_expectations.expect_column_values_to_be_between:
                      min_value: 0
                      max_vlaue: 10
        """);

    mds("build", "--project-dir", project.dir()).assertProjectError("seeds/schema.yml",
        "test dbt_expectations.expect_column_values_to_be_between: argument 'max_vlaue' is not"
            + " supported", "mds's built-in dbt_expectations supports column_name, min_value,");
  }

  @Test
  void projectAndInstalledPackageMacrosStillTakeExtraKeywordsAsKwargs() {
    TempProject project = project()
        .file("macros/labelled.sql",
            "{% macro labelled(x) %}{{ x }} || '{{ kwargs.get('suffix', '') }}'{% endmacro %}")
        .file("dbt_packages/my_pkg/dbt_project.yml", "name: my_pkg\n")
        .file("dbt_packages/my_pkg/macros/twice.sql",
            "{% macro twice(x) %}{{ x }} * 2 + {{ kwargs.get('plus', 0) }}{% endmacro %}")
        .file("models/labels.sql", "select {{ labelled(\"'a'\", suffix='!') }} as label,"
            + " {{ my_pkg.twice(3, plus=1) }} as n\n");

    mds("build", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("a!|7"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select label, n from main.labels"));
  }
}
