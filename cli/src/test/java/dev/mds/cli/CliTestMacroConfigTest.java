package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config()} inside a generic test's macro and inside a singular test sets the test's
 * config, as in dbt: fail_calc, severity, warn_if, error_if, where, limit and store_failures; a
 * test's own YAML config wins over its macro's, which wins over dbt_project.yml's.
 */
class CliTestMacroConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** Each data test's {@code status failures} in target/run_results.json, by test name. */
  private static Map<String, String> testResults(TempProject project) throws Exception {
    JsonNode root = JSON.readTree(project.path("target/run_results.json").toFile());
    Map<String, String> results = new TreeMap<>();
    for (JsonNode result : root.get("results")) {
      String id = result.get("unique_id").asText();
      if (id.startsWith("test.")) {
        results.put(id.substring(id.lastIndexOf('.') + 1), result.get("status").asText()
            + (result.get("failures").isNull() ? "" : " " + result.get("failures").asLong()));
      }
    }
    return results;
  }

  @Test
  void configInATestMacroOrSingularTestSetsTheTestsConfig() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("mds_project.yml", """
            name: shop
            tests:
              shop:
                +severity: error
            """)
        // n is 1..10.
        .file("models/nums.sql", "select range + 1 as n from range(10)\n")
        .file("macros/tests.sql", """
            {% test summed_above(model, column_name, bound) %}
              {#- Counts the failing values' sum, warns only, and looks at n < 9 only. -#}
              {{ config(fail_calc='sum(' ~ column_name ~ ')', severity='warn', where='n < 9') }}
              select * from {{ model }} where {{ column_name }} > {{ bound }}
            {% endtest %}

            {% test above_with_thresholds(model, column_name, bound) %}
              {{ config(warn_if='>= 2', error_if='> 2', limit=3, store_failures=true) }}
              select * from {{ model }} where {{ column_name }} > {{ bound }}
            {% endtest %}

            {% test above_through_a_macro(model, column_name, bound) %}
              {{ return(shop_above(model, column_name, bound)) }}
            {% endtest %}

            {% macro shop_above(model, column_name, bound) %}
              {#- dbt_utils sets its fail_calc this way: in the macro its test dispatches to. -#}
              {{ config(fail_calc='max(' ~ column_name ~ ')') }}
              {%- if not execute -%}{{ return('') }}{%- endif %}
              select * from {{ model }} where {{ column_name }} > {{ bound }}
            {% endmacro %}
            """)
        .file("models/schema.yml", """
            models:
              - name: nums
                columns:
                  - name: n
                    tests:
                      - summed_above: {name: sum_warns, bound: 5}
                      - summed_above:
                          name: sum_yaml_severity_wins
                          bound: 5
                          config: {severity: error}
                      - above_with_thresholds: {name: limited_warns, bound: 8}
                      - above_with_thresholds: {name: limited_errors, bound: 5}
                      - above_through_a_macro: {name: max_of_failing, bound: 7}
            """)
        .file("tests/singular_sum.sql", """
            {{ config(fail_calc='sum(n)', severity='warn') }}
            select * from {{ ref('nums') }} where n > 8
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(Map.of(
        // 6 + 7 + 8 (where n < 9), a warning: the macro's severity over the project's.
        "sum_warns", "warn 21",
        "sum_yaml_severity_wins", "fail 21",
        // Two rows: warn_if >= 2 holds, error_if > 2 does not.
        "limited_warns", "warn 2",
        // Five rows, counted up to the limit of 3: an error.
        "limited_errors", "fail 3",
        "max_of_failing", "fail 10",
        "singular_sum", "warn 19"), testResults(project));
    assertEquals(List.of("6", "7", "8"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select n from \"main_audit\".\"limited_errors\" order by 1"));
    assertTrue(run.out().contains("Got 21 results, configured to warn if != 0"), run::describe);
  }

  @Test
  void builtInDbtUtilsRowCountTestsCountTheRowDifferenceAsTheirFailCalcSays() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n")
        // Seven rows; three of group a.
        .file("models/orders.sql", "select range as id, case when range < 3 then 'a' else 'b'"
            + " end as grp from range(7)\n")
        // Four rows, one of group a.
        .file("models/refunds.sql", "select range as id, case when range < 1 then 'a' else 'b'"
            + " end as grp from range(4)\n")
        .file("models/schema.yml", """
            models:
              - name: orders
                tests:
                  - dbt_utils.equal_rowcount:
                      name: rowcount_differs
                      compare_model: ref('refunds')
                  - dbt_utils.equal_rowcount:
                      name: rowcount_differs_by_group
                      compare_model: ref('refunds')
                      group_by_columns: [grp]
                  - dbt_utils.fewer_rows_than:
                      name: more_rows_than_refunds
                      compare_model: ref('refunds')
              - name: refunds
                tests:
                  - dbt_utils.fewer_rows_than:
                      name: fewer_rows_than_orders
                      compare_model: ref('orders')
                  - dbt_utils.fewer_rows_than:
                      name: as_many_rows_as_itself
                      compare_model: ref('refunds')
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(Map.of(
        // |7 - 4| = 3, where counting rows would give 1.
        "rowcount_differs", "fail 3",
        // a: |3 - 1| = 2, b: |4 - 3| = 1.
        "rowcount_differs_by_group", "fail 3",
        "more_rows_than_refunds", "fail 3",
        "fewer_rows_than_orders", "pass 0",
        // As many rows counts 1, as dbt_utils' does.
        "as_many_rows_as_itself", "fail 1"), testResults(project));
    assertTrue(run.err().contains("using mds's built-in dbt_utils")
        || run.out().contains("using mds's built-in dbt_utils"), run::describe);
  }
}
