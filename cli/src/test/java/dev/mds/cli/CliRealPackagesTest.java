package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real dbt_utils (1.3), dbt_date and dbt_expectations (0.10), installed with {@code mds deps}
 * from copies made at test time, run unchanged. Runs only where {@code MDS_REAL_PACKAGES} names
 * a folder holding the three packages as {@code dbt_utils/}, {@code dbt_date/} and
 * {@code dbt_expectations/} (the repository holds none of their code); the package-shaped
 * fixtures of {@link CliPackageShapesTest} cover the same constructs everywhere.
 */
@EnabledIfEnvironmentVariable(named = "MDS_REAL_PACKAGES", matches = ".+")
class CliRealPackagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void theRealPackagesBuildAndTestAsWithDbt() throws Exception {
    Path real = Path.of(System.getenv("MDS_REAL_PACKAGES"));
    for (String pkg : List.of("dbt_utils", "dbt_date", "dbt_expectations")) {
      TempProject.copy(real.resolve(pkg), dir.resolve("vendor").resolve(pkg));
    }
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            vars:
              'dbt_date:time_zone': 'America/New_York'
            """)
        .file("packages.yml", """
            packages:
              - local: vendor/dbt_utils
              - local: vendor/dbt_date
              - local: vendor/dbt_expectations
            """)
        .file("seeds/orders.csv", """
            order_id,customer_id,status,amount,ordered_at
            1,10,placed,10.5,2024-01-01 10:00:00
            2,10,shipped,20,2024-01-02 11:00:00
            3,20,placed,5,2024-01-03 12:00:00
            4,30,returned,,2024-01-04 13:00:00
            5,20,shipped,100,2024-01-05 14:00:00
            """)
        .file("seeds/customers.csv", "customer_id,name\n10,Ann\n20,Bob\n30,Cid\n40,Dee\n")
        .file("models/keyed.sql", """
            select {{ dbt_utils.generate_surrogate_key(['order_id', 'customer_id']) }} as k, *
            from {{ ref('orders') }}
            """)
        .file("models/pivoted.sql", """
            select customer_id,
              {{ dbt_utils.pivot('status', dbt_utils.get_column_values(ref('orders'), 'status',
                  order_by='status'), agg='sum', then_value='amount', else_value=0) }}
            from {{ ref('orders') }} group by customer_id
            """)
        .file("models/facts.sql", """
            {% set d = dbt_utils.get_query_results_as_dict("select status, count(*) as n from "
                ~ ref('orders') ~ " group by 1 order by 1") %}
            select {{ dbt_utils.get_single_value("select count(*) from " ~ ref('orders')) }} as n,
              '{{ d['status'] | join(',') }}' as statuses,
              '{{ dbt_utils.star(from=ref('customers'), except=['name']) | trim }}' as star,
              {{ dbt_date.day_name("cast('2024-01-03' as date)", short=false) }} as day_name
            """)
        .file("models/unioned.sql", """
            {{ dbt_utils.union_relations(relations=[ref('orders'), ref('customers')],
                exclude=['ordered_at'], source_column_name=none) }}
            """)
        .file("models/dates.sql", "{{ dbt_date.get_date_dimension('2024-01-01', '2024-01-10') }}\n")
        .file("models/schema.yml", """
            version: 2
            seeds:
              - name: orders
                tests:
                  - dbt_utils.unique_combination_of_columns:
                      combination_of_columns: [customer_id]
                  - dbt_utils.equal_rowcount:
                      compare_model: ref('customers')
                  - dbt_utils.fewer_rows_than:
                      compare_model: ref('dates')
                  - dbt_utils.expression_is_true:
                      expression: "amount < 50"
                  - dbt_expectations.expect_compound_columns_to_be_unique:
                      column_list: [order_id, customer_id]
                  - dbt_expectations.expect_multicolumn_sum_to_equal:
                      column_list: [order_id, customer_id]
                      sum_total: 100
                columns:
                  - name: amount
                    tests:
                      - dbt_utils.accepted_range:
                          min_value: 0
                          max_value: 50
                      - dbt_utils.not_null_proportion:
                          at_least: 0.9
                      - dbt_expectations.expect_column_mean_to_be_between:
                          min_value: 30
                          max_value: 40
                  - name: status
                    tests:
                      - dbt_expectations.expect_column_values_to_be_in_set:
                          value_set: [placed, shipped]
                      - dbt_expectations.expect_column_values_to_match_regex:
                          regex: "^p"
                  - name: customer_id
                    tests:
                      - dbt_expectations.expect_column_values_to_be_increasing:
                          sort_column: ordered_at
            """);
    mds("deps", "--project-dir", project.dir()).assertOk();
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("run", "--project-dir", project.dir()).assertOk();
    Path db = project.path("shop.duckdb");
    assertEquals(List.of("true"), DuckDbFile.rows(db,
        "select k = md5('3-20') from main.keyed where order_id = 3"));
    assertEquals(List.of("10|10.5|0.0|20.0", "20|5.0|0.0|100.0", "30|0.0|null|0.0"),
        DuckDbFile.rows(db, "select * from main.pivoted order by 1"));
    assertEquals(List.of("5|placed,returned,shipped|\"customer_id\"|Wednesday"),
        DuckDbFile.rows(db, "select * from main.facts"));
    assertEquals(List.of("9"), DuckDbFile.rows(db, "select count(*) from main.dates"));
    // Columns in the order first seen, relation by relation (a Python dict's order).
    assertEquals(List.of("order_id,customer_id,status,amount,name"), DuckDbFile.rows(db,
        "select string_agg(column_name, ',' order by ordinal_position)"
            + " from information_schema.columns where table_name = 'unioned'"));

    CliRun run = mds("test", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> byTest = new TreeMap<>();
    JsonNode root = JSON.readTree(project.path("target/run_results.json").toFile());
    for (JsonNode result : root.get("results")) {
      String id = result.get("unique_id").asText();
      byTest.put(id.substring(id.lastIndexOf('.') + 1), result.get("status").asText()
          + (result.get("failures").isNull() ? "" : " " + result.get("failures").asLong()));
    }
    // Counted by hand from the packages' SQL, as dbt computes them.
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("dbt_utils_unique_combination_of_columns_orders_customer_id", "fail 2"),
        Map.entry("dbt_utils_equal_rowcount_orders_ref_customers_", "fail 1"),
        // 5 orders, 9 dates: fewer, so the test's own fail_calc sums a zero delta.
        Map.entry("dbt_utils_fewer_rows_than_orders_ref_dates_", "pass 0"),
        Map.entry("dbt_utils_expression_is_true_orders_amount_50", "fail 1"),
        Map.entry("dbt_utils_accepted_range_orders_amount__50__0", "fail 1"),
        Map.entry("dbt_utils_not_null_proportion_orders_0_9__amount", "fail 1")));
    expected.forEach((name, outcome) -> assertEquals(outcome, byTest.get(name), byTest::toString));
    List<String> dbtExpectations = byTest.entrySet().stream()
        .filter(e -> e.getKey().startsWith("dbt_expectations_"))
        .map(Map.Entry::getValue).sorted().toList();
    // compound unique passes; the sum (105), the set (returned), the regex (3 not starting
    // with p) and increasing (10 to 10, 30 to 20) fail; the mean is 33.875.
    assertEquals(List.of("fail 1", "fail 1", "fail 2", "fail 3", "pass 0", "pass 0"),
        dbtExpectations, byTest::toString);
  }
}
