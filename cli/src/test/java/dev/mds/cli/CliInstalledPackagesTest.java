package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package installed under dbt_packages/ is part of the project, as in dbt: its macros under its
 * namespace (with dispatch and keyword arguments), and its generic tests by their package name.
 */
class CliInstalledPackagesTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            dispatch:
              - macro_namespace: helpers
                search_order: ['shop', 'helpers']
            """)
        .file("dbt_packages/helpers/dbt_project.yml", "name: helpers\nversion: '1.0.0'\n")
        .file("dbt_packages/helpers/macros/keys.sql", """
            {% macro surrogate(fields) -%}
              {{ return(adapter.dispatch('surrogate', 'helpers')(fields)) }}
            {%- endmacro %}
            {% macro default__surrogate(fields) -%}
              md5({% for f in fields %}coalesce(cast({{ f }} as varchar), '_'){{ " || '-' || " if not loop.last }}{% endfor %})
            {%- endmacro %}
            {% macro shout(text, times=1) -%}
              '{{ (text | upper) * times }}'
            {%- endmacro %}
            """)
        .file("dbt_packages/helpers/macros/tests/positive.sql", """
            {% test positive(model, column_name, allow_zero=false) %}
              select * from {{ model }}
              where {{ column_name }} {{ '<' if allow_zero else '<=' }} 0
            {% endtest %}
            """)
        .file("seeds/orders.csv", "market,order_no,amount\nUK,1,10\nDE,1,0\nUK,2,-5\n")
        .file("models/keyed.sql", """
            select {{ helpers.surrogate(['market', 'order_no'],) }} as order_key,
              {{ helpers.shout(text='hi', times=2) }} as greeting, amount
            from {{ ref('orders') }}
            """)
        .file("models/schema.yml", """
            version: 2
            models:
              - name: keyed
                columns:
                  - name: amount
                    tests:
                      - helpers.positive:
                          allow_zero: true
            """);
  }

  @Test
  void anInstalledPackagesMacrosAndTestsArePartOfTheProject() {
    TempProject project = project();
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    // The package's test found the one negative amount (zero is allowed).
    assertTrue(run.out().contains("FAIL 1 helpers_positive_keyed"), run::describe);
    assertEquals(List.of("HIHI|3"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select distinct greeting, count(*) over () from main.keyed"));
    assertEquals(List.of("true"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select order_key = md5('UK-1') from main.keyed where amount = 10"));
  }

  @Test
  void theProjectOverridesAPackageMacroThroughItsDispatchSearchOrder() {
    TempProject project = project().file("macros/keys.sql",
        "{% macro default__surrogate(fields) %}'mine'{% endmacro %}\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("mine"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select distinct order_key from main.keyed"));
  }

  @Test
  void aDeclaredPackageThatIsNotInstalledIsServedByMdsBuiltInVersionWithOneNote() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("packages.yml", "packages:\n  - package: calogica/dbt_expectations\n"
            + "    version: [\">=0.10.0\", \"<0.11.0\"]\n")
        .file("seeds/orders.csv", "order_no,amount\n1,10\n2,500\n3,-1\n4,20\n")
        .file("models/schema.yml", """
            version: 2
            seeds:
              - name: orders
                columns:
                  - name: amount
                    tests:
                      - dbt_expectations.expect_column_values_to_be_between:
                          min_value: 0
                          max_value: 100
                      - dbt_expectations.expect_column_values_to_not_be_null
            """);
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    // Two amounts lie outside [0, 100]; none is null.
    assertTrue(run.out().contains("FAIL 2 dbt_expectations_expect_column_"),
        run::describe);
    assertTrue(run.out().contains("PASS=2"), run::describe);
    String note = "using mds's built-in dbt_expectations; run mds deps to use the package itself";
    assertEquals(1, run.out().lines().filter(l -> l.contains(note)).count(), run::describe);
  }

  @Test
  void theBuiltInNoteAppearsOnceInEveryRunAlsoWhenRendersComeFromThePartialParseCache() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n")
        .file("models/keys.sql", "select {{ dbt_utils.generate_surrogate_key(['a', 'b']) }} as k"
            + " from (select 1 as a, 2 as b)\n");
    String note = "using mds's built-in dbt_utils; run mds deps to use the package itself";
    for (int run = 1; run <= 2; run++) {
      CliRun compile = mds("compile", "--project-dir", project.dir());
      assertEquals(0, compile.exitCode(), compile::describe);
      assertEquals(1, compile.out().lines().filter(l -> l.contains(note)).count(),
          "run " + run + ": " + compile.describe());
    }
  }

  @Test
  void aMacroOfAPackageThatCannotServeItSaysWhyAndWhatToDo() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("packages.yml", """
            packages:
              - package: dbt-labs/dbt_utils
                version: 1.3.0
              - git: "https://github.com/example/datavault4dbt.git"
            """)
        .file("models/hub.sql", "{{ datavault4dbt.hub(src_pk='k') }}\n")
        .file("models/keys.sql", "select {{ dbt_utils.no_such_macro() }} as k\n")
        .file("models/other.sql", "select {{ elementary.anything() }} as k\n");
    CliRun run = mds("compile", "--project-dir", project.dir());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("models/hub.sql:1: 'datavault4dbt.hub' cannot be called:"
        + " package 'datavault4dbt' is in packages.yml but not installed (run mds deps;"
        + " mds has no built-in version of it)"), run::describe);
    assertTrue(run.err().contains("'dbt_utils.no_such_macro' cannot be called: mds's built-in"
        + " dbt_utils has no macro named 'no_such_macro'"), run::describe);
    assertTrue(run.err().contains("package 'elementary' is not installed in this project (add it"
        + " to packages.yml and run mds deps)"), run::describe);
  }
}
