package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mds's built-in dbt_utils, dbt_expectations and dbt_date are overridden as the real packages are:
 * their public macros and tests dispatch in the package's namespace, so a project's (or a shim
 * package's) {@code default__x} replaces one. dbt searches the root project first for a package
 * namespace unless the project's {@code dispatch:} search order says otherwise.
 */
class CliBuiltinPackageOverrideTest {

  private static final String PACKAGES = """
      packages:
        - package: dbt-labs/dbt_utils
          version: [">=1.0.0", "<2.0.0"]
        - package: calogica/dbt_expectations
          version: [">=0.10.0", "<0.11.0"]
        - package: godatadriven/dbt_date
          version: [">=0.10.0", "<0.11.0"]
      """;

  /** Wraps the built-in implementation, which stays callable by its default__ name. */
  private static final String KEY_OVERRIDE = """
      {% macro default__generate_surrogate_key(field_list) -%}
        upper({{ dbt_utils.default__generate_surrogate_key(field_list) }})
      {%- endmacro %}
      """;

  @TempDir
  Path dir;

  private TempProject project(String projectFile) {
    return TempProject.in(dir)
        .file("dbt_project.yml", projectFile)
        .file("packages.yml", PACKAGES)
        .file("models/keyed.sql", """
            select {{ dbt_utils.generate_surrogate_key(['a', 'b']) }} as k
            from (values (1, 'x')) t(a, b)
            """);
  }

  private static String key(TempProject project) {
    return DuckDbFile.rows(project.path("shop.duckdb"),
        "select case k when md5('1-x') then 'builtin' when upper(md5('1-x')) then 'override'"
            + " else k end from main.keyed").get(0);
  }

  @Test
  void theProjectsImplementationReplacesTheBuiltInThroughTheDispatchSearchOrder() {
    TempProject project = project("""
        name: shop
        dispatch:
          - macro_namespace: dbt_utils
            search_order: ['shop', 'dbt_utils']
        """).file("macros/keys.sql", KEY_OVERRIDE);
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals("override", key(project));
  }

  @Test
  void withoutDispatchConfigTheProjectIsSearchedFirstAsInDbt() {
    // dbt's dispatch searches [root project, namespace] for an installed package's namespace when
    // the project configures no search order; mds's built-in stands for the installed package.
    TempProject project = project("name: shop\n").file("macros/keys.sql", KEY_OVERRIDE);
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals("override", key(project));
  }

  @Test
  void aSearchOrderWithoutTheProjectKeepsTheBuiltIn() {
    TempProject project = project("""
        name: shop
        dispatch:
          - macro_namespace: dbt_utils
            search_order: ['dbt_utils']
        """).file("macros/keys.sql", KEY_OVERRIDE);
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals("builtin", key(project));
  }

  @Test
  void aShimPackageInTheSearchOrderReplacesOneMacro() {
    TempProject project = project("""
        name: shop
        dispatch:
          - macro_namespace: dbt_utils
            search_order: ['shim', 'dbt_utils']
        """)
        .file("dbt_packages/shim/dbt_project.yml", "name: shim\nversion: '1.0.0'\n")
        .file("dbt_packages/shim/macros/keys.sql", KEY_OVERRIDE)
        .file("models/starred.sql", """
            select {{ dbt_utils.star(ref('keyed')) }}, {{ dbt_utils.safe_divide('6', '3') }} as half
            from {{ ref('keyed') }}
            """);
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals("override", key(project));
    // The macros the shim leaves alone are still the built-in ones.
    assertEquals(List.of("k|2.0"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select string_agg(column_name, ',') || '|' || (select half from main.starred)"
            + " from information_schema.columns where table_name = 'starred' and column_name = 'k'"));
  }

  @Test
  void theProjectReplacesBuiltInTestImplementations() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            dispatch:
              - macro_namespace: dbt_expectations
                search_order: ['shop', 'dbt_expectations']
            """)
        .file("packages.yml", PACKAGES)
        .file("seeds/orders.csv", "order_no,amount\n1,10\n2,500\n3,-1\n4,20\n")
        .file("macros/tests.sql", """
            {#- Counts the amounts above the value instead of comparing the row count. -#}
            {% macro default__test_expect_table_row_count_to_equal(model, value, group_by, row_condition) -%}
              select * from {{ model }} where amount > {{ value }}
            {%- endmacro %}
            {#- The rows whose amount is negative, whatever the columns. -#}
            {% macro default__test_unique_combination_of_columns(model, combination_of_columns, quote_columns=false) -%}
              select * from {{ model }} where amount < 0
            {%- endmacro %}
            {#- Every row, so the failing count is the row count. -#}
            {% macro default__test_not_constant(model, column_name, group_by_columns) -%}
              select * from {{ model }}
            {%- endmacro %}
            """)
        .file("models/schema.yml", """
            version: 2
            seeds:
              - name: orders
                tests:
                  - dbt_expectations.expect_table_row_count_to_equal:
                      value: 4
                  - dbt_utils.unique_combination_of_columns:
                      combination_of_columns: [order_no]
                columns:
                  - name: amount
                    tests:
                      - dbt_utils.not_constant
                      - dbt_expectations.expect_column_values_to_not_be_null
            """);
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    // Built in, each would pass: four rows, unique order numbers, varying amounts.
    assertTrue(run.out().contains("FAIL 3 dbt_expectations_expect_table_row_count_to_equal"),
        run::describe);
    assertTrue(run.out().contains("FAIL 1 dbt_utils_unique_combination_of_columns"),
        run::describe);
    assertTrue(run.out().contains("FAIL 4 dbt_utils_not_constant"), run::describe);
    // A test the project does not override still runs the built-in.
    assertTrue(run.out().contains("PASS=2"), run::describe);
  }

  @Test
  void dbtUtilsTestsOfMdsOwnAreOverriddenWithoutPackagesYml() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("seeds/orders.csv", "order_no,amount\n1,10\n1,500\n3,600\n")
        .file("macros/tests.sql", """
            {% macro default__test_expression_is_true(model, expression, column_name=none) -%}
              select * from {{ model }} where amount > 100
            {%- endmacro %}
            """)
        .file("models/schema.yml", """
            version: 2
            seeds:
              - name: orders
                tests:
                  - dbt_utils.expression_is_true:
                      expression: "amount > 0"
                  - dbt_utils.unique_combination_of_columns:
                      combination_of_columns: [order_no]
            """);
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    // The override finds the two amounts above 100 (built in, every amount is positive), ...
    assertTrue(run.out().contains("FAIL 2 dbt_utils_expression_is_true"), run::describe);
    // ... and the test it leaves alone is mds's own: order_no 1 twice.
    assertTrue(run.out().contains("FAIL 1 dbt_utils_unique_combination_of_columns"),
        run::describe);
  }

  @Test
  void aProjectsDefaultImplementationComesBeforeTheBuiltInsDuckdbOne() {
    // dbt searches package by package, duckdb__ then default__ in each: the project's default__
    // wins over the package's duckdb__ implementation.
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("packages.yml", PACKAGES)
        .file("macros/dates.sql", """
            {% macro default__day_name(date, short, language) -%}
              'day ' || dayofweek({{ date }})
            {%- endmacro %}
            """)
        .file("models/days.sql", """
            select {{ dbt_date.day_name("date '2024-03-04'") }} as mine,
                   {{ dbt_date.month_name("date '2024-03-04'", short=false) }} as builtin
            """);
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("day 1|March"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select mine || '|' || builtin from main.days"));
  }
}
