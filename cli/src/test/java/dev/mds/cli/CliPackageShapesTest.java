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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages installed with {@code mds deps} that are built the way dbt_utils, dbt_date and
 * dbt_expectations are (the fixtures under {@code pkg_shapes/}, copied to a vendor folder at test
 * time): dispatch into a namespace with the project's {@code dispatch:} override, macros that
 * return lists and dicts, introspection behind {@code execute}, {@code *varargs} and
 * {@code **kwargs} passed on, relations checked as mappings, a generic test that sets its own
 * {@code fail_calc}, variables set only in a branch, query results read as agate tables with
 * Python dates, and a package depending on another.
 */
class CliPackageShapesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private TempProject project;

  @BeforeEach
  void installPackages() throws Exception {
    Path shapes = Path.of(getClass().getResource("/pkg_shapes").toURI());
    for (String pkg : List.of("keys_kit", "calendar_kit", "checks_kit")) {
      TempProject.copy(shapes.resolve(pkg), dir.resolve("vendor").resolve(pkg));
    }
    project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            dispatch:
              - macro_namespace: calendar_kit
                search_order: ['shop', 'calendar_kit']
            """)
        // checks_kit names calendar_kit as a hub package, as dbt_expectations names dbt_date;
        // the project lists every package itself.
        .file("packages.yml", """
            packages:
              - local: vendor/keys_kit
              - local: vendor/calendar_kit
              - local: vendor/checks_kit
            """)
        // The project's own implementation wins over calendar_kit's through the search order.
        .file("macros/weekday.sql", """
            {%- macro duckdb__weekday_label(date_expr, short) -%}
              upper({{ calendar_kit.default__weekday_label(date_expr, short) }})
            {%- endmacro -%}
            """)
        .file("seeds/orders.csv", """
            order_id,customer_id,amount,ordered_on
            1,1,10.5,2024-01-01
            2,1,20.0,2024-01-02
            3,2,5.0,2024-01-04
            4,3,,2024-01-05
            5,2,100.0,2024-01-05
            """)
        .file("seeds/customers.csv", "customer_id,name\n1,Ann\n2,Bob\n3,Cid\n")
        .file("models/days.sql", "{{ calendar_kit.days_between('2024-01-01', '2024-01-07') }}\n")
        .file("models/order_keys.sql", """
            select {{ keys_kit.fingerprint(['order_id', 'customer_id']) }} as order_key,
              {{ keys_kit.old_fingerprint(['order_id'], "'pepper'") }} as salted_key,
              {{ calendar_kit.weekday_label('ordered_on', short=true) }} as weekday,
              '{{ calendar_kit.first_of_month(2024, 2) }}' as month_start,
              order_id
            from {{ ref('orders') }}
            """)
        .file("models/order_facts.sql", """
            {% set kept = keys_kit.columns_of(ref('orders'), except=['AMOUNT']) %}
            {% set by = keys_kit.results_by_column(
                "select customer_id, max(ordered_on) as last_on from " ~ ref('orders')
                ~ " group by 1 order by 1") %}
            select '{{ kept | join(",") }}' as kept,
              {{ keys_kit.first_value("select count(*) from " ~ ref('orders'), default=-1) }}
                as n_orders,
              '{{ by['customer_id'] | join('|') }}' as customers,
              '{{ by['last_on'] | map('string') | join('|') }}' as last_days
            """)
        .file("models/schema.yml", """
            version: 2
            seeds:
              - name: orders
                tests:
                  - keys_kit.more_rows_than:
                      compare_model: ref('customers')
                  - keys_kit.more_rows_than:
                      compare_model: ref('days')
                  - keys_kit.more_rows_than:
                      name: more_rows_than_days_counted
                      compare_model: ref('days')
                      config:
                        fail_calc: "count(*)"
                  - checks_kit.expect_every_day:
                      date_col: ordered_on
                columns:
                  - name: amount
                    tests:
                      - keys_kit.share_not_null:
                          name: share_not_null_90
                          at_least: 0.9
                      - keys_kit.share_not_null:
                          name: share_not_null_50
                          at_least: 0.5
                      - checks_kit.expect_values_between:
                          name: between_0_and_50
                          min_value: 0
                          max_value: 50
                      - checks_kit.expect_values_between:
                          name: above_5
                          min_value: 5
                          strictly: true
                      - checks_kit.expect_values_between:
                          name: up_to_50_for_ann
                          max_value: 50
                          row_condition: "customer_id = 1"
                      - checks_kit.expect_mean_between:
                          name: mean_up_to_20
                          min_value: 0
                          max_value: 20
                      - checks_kit.expect_mean_between:
                          name: mean_up_to_20_by_customer
                          min_value: 0
                          max_value: 20
                          group_by: [customer_id]
                      - checks_kit.expect_column_type:
                          name: amount_is_double
                          column_type: DOUBLE
                      - checks_kit.expect_column_type:
                          name: amount_is_text
                          column_type: varchar
            """);
    mds("deps", "--project-dir", project.dir()).assertOk();
  }

  @Test
  void theirMacrosRenderAsDbtRendersThem() {
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("run", "--project-dir", project.dir()).assertOk();
    Path db = project.path("shop.duckdb");
    // md5 of the fields joined by '|', nulls as '~'; *varargs passed the salt on.
    assertEquals(List.of("true|true|THU|2024-02-01"), DuckDbFile.rows(db,
        "select order_key = md5('3|2'), salted_key = md5('3|pepper'), weekday, month_start"
            + " from main.order_keys where order_id = 3"));
    // Query results are agate tables: columns by name, dates printed as Python prints them.
    assertEquals(List.of("order_id,customer_id,ordered_on|5|1|2|3|2024-01-02|2024-01-05|2024-01-05"),
        DuckDbFile.rows(db, "select * from main.order_facts"));
    assertEquals(List.of("7"), DuckDbFile.rows(db, "select count(*) from main.days"));
  }

  @Test
  void theirGenericTestsFailWithTheCountsDbtReports() throws Exception {
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("run", "--project-dir", project.dir()).assertOk();
    CliRun run = mds("test", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> results = results();
    // 5 orders against 3 customers: more rows, passes.
    assertEquals("pass 0", results.get("keys_kit_more_rows_than_orders_ref_customers_"), results::toString);
    // 5 orders against 7 days: the test's own fail_calc counts the shortfall (7 - 5 + 1) from
    // its one row; the YAML config's fail_calc wins over the definition's.
    assertEquals("fail 3", results.get("keys_kit_more_rows_than_orders_ref_days_"), results::toString);
    assertEquals("fail 1", results.get("more_rows_than_days_counted"), results::toString);
    // 2024-01-03 has no order.
    assertEquals("fail 1", results.get("checks_kit_expect_every_day_orders_ordered_on"), results::toString);
    // 4 of 5 amounts are set: 0.8.
    assertEquals("fail 1", results.get("share_not_null_90"), results::toString);
    assertEquals("pass 0", results.get("share_not_null_50"), results::toString);
    // 100 is above 50 (the null amount is not counted); 5 is not strictly above 5.
    assertEquals("fail 1", results.get("between_0_and_50"), results::toString);
    assertEquals("fail 1", results.get("above_5"), results::toString);
    assertEquals("pass 0", results.get("up_to_50_for_ann"), results::toString);
    // The mean is 33.875; by customer only Bob's (52.5) is out.
    assertEquals("fail 1", results.get("mean_up_to_20"), results::toString);
    assertEquals("fail 1", results.get("mean_up_to_20_by_customer"), results::toString);
    assertEquals("pass 0", results.get("amount_is_double"), results::toString);
    assertEquals("fail 1", results.get("amount_is_text"), results::toString);
    assertEquals(13, results.size(), results::toString);
  }

  @Test
  void aRelationCheckNamesTheEphemeralModelItCannotRead() {
    project.file("models/recent_orders.sql",
            "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('orders') }}\n")
        .file("models/recent_columns.sql",
            "select '{{ keys_kit.columns_of(ref('recent_orders')) | join(',') }}' as c\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    CliRun run = mds("run", "--project-dir", project.dir(), "--select", "recent_columns");
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("columns_of cannot read the ephemeral model recent_orders"),
        run::describe);
  }

  /** Each test's status and failing count from run_results.json, by test name. */
  private Map<String, String> results() throws Exception {
    Map<String, String> results = new TreeMap<>();
    JsonNode root = JSON.readTree(project.path("target/run_results.json").toFile());
    for (JsonNode result : root.get("results")) {
      String id = result.get("unique_id").asText();
      results.put(id.substring(id.lastIndexOf('.') + 1), result.get("status").asText()
          + (result.get("failures").isNull() ? "" : " " + result.get("failures").asLong()));
    }
    return results;
  }
}
