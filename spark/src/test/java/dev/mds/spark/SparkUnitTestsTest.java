package dev.mds.spark;

import static dev.mds.spark.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unit tests on a Spark target run on Spark (the shared session), not in DuckDB: given rows
 * become temporary views, the model's Spark SQL runs on them, and a failure prints the same diff
 * as on DuckDB. Nothing is built: unit tests alone only open the engine.
 */
class SparkUnitTestsTest {

  @TempDir
  static Path dir;

  private static Path project;

  @BeforeAll
  static void writeProject() throws IOException {
    SharedSpark.session();
    project = dir.resolve("shop");
    for (Map.Entry<String, String> file : files().entrySet()) {
      Path path = project.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
  }

  @Test
  void passingUnitTestsRunOnSparkWithDictCsvAndSqlFixtures() {
    CliRun run = mds("test", "--project-dir", project.toString(), "--target", "spark", "-s",
        "test_type:unit", "--exclude", "unit_test:totals_are_wrong");
    assertEquals(0, run.code(), run::describe);
    assertTrue(run.out().contains("PASS=4 WARN=0 ERROR=0 SKIP=0 TOTAL=4"), run::describe);
    // Nothing was built or created in the target schema.
    assertFalse(SharedSpark.session().catalog().databaseExists("unit_shop"), run::describe);
    // The given rows' temporary views are gone.
    assertTrue(SharedSpark.session().sql("show views").collectAsList().stream()
        .noneMatch(r -> r.toString().contains("mds_unit_")), run::describe);
  }

  @Test
  void sparkOnlySqlIsTestedOnSparkAndFailsOnDuckDb() {
    CliRun spark = mds("test", "--project-dir", project.toString(), "--target", "spark", "-s",
        "unit_test:labels_use_spark_functions");
    assertEquals(0, spark.code(), spark::describe);
    CliRun duck = mds("test", "--project-dir", project.toString(), "--target", "duck", "-s",
        "unit_test:labels_use_spark_functions");
    assertEquals(1, duck.code(), duck::describe);
    assertTrue(duck.out().contains("model order_labels fails on the given rows"),
        duck::describe);
  }

  @Test
  void aFailingUnitTestPrintsTheSameDiffOnBothEngines() {
    CliRun spark = mds("test", "--project-dir", project.toString(), "--target", "spark", "-s",
        "unit_test:totals_are_wrong");
    assertEquals(1, spark.code(), spark::describe);
    CliRun duck = mds("test", "--project-dir", project.toString(), "--target", "duck", "-s",
        "unit_test:totals_are_wrong");
    assertEquals(1, duck.code(), duck::describe);
    String message = "unit test totals_are_wrong on model customer_totals failed: 1 expected row"
        + " missing, 1 unexpected row (compared on customer_id, total); the values differ in"
        + " total";
    assertTrue(spark.out().contains(message), spark::describe);
    assertTrue(spark.out().matches("(?s).*- expected +\\| 1 +\\| 99\\.00.*"), spark::describe);
    assertTrue(spark.out().matches("(?s).*\\+ actual +\\| 1 +\\| 15\\.50.*"), spark::describe);
    assertEquals(failure(duck.out()), failure(spark.out()));
  }

  /** The failure's lines, from the message through the diff table, without the clock. */
  private static String failure(String out) {
    Matcher m = Pattern.compile("(?s)(unit test totals_are_wrong on model.*?\\+ actual[^\\n]*)")
        .matcher(out);
    assertTrue(m.find(), out);
    return m.group(1).replaceAll("(?m)^\\d{2}:\\d{2}:\\d{2}", "");
  }

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dbt_project.yml", """
        name: shop
        profile: shop
        models:
          shop:
            +materialized: table
        """);
    files.put("profiles.yml", """
        shop:
          target: spark
          outputs:
            spark: {type: spark, method: session, master: "local[2]", schema: unit_shop, threads: 2}
            duck: {type: duckdb, path: shop.duckdb, threads: 1}
        """);
    files.put("seeds/customers.csv", "id,name\n1,Ann\n2,Bob\n");
    files.put("models/sources.yml", """
        sources:
          - name: raw
            tables:
              - name: orders
                columns:
                  - {name: order_id, data_type: bigint}
                  - {name: customer_id, data_type: bigint}
                  - {name: amount, data_type: "decimal(10,2)"}
                  - {name: ordered_at, data_type: timestamp}
                  - {name: shipped_at, data_type: timestamp}
        """);
    files.put("models/customer_totals.sql", """
        select c.id as customer_id, c.name, count(o.order_id) as orders,
               cast(coalesce(sum(o.amount), 0) as decimal(18,2)) as total
        from {{ ref('customers') }} as c
        left join {{ source('raw', 'orders') }} as o on o.customer_id = c.id
        group by c.id, c.name
        """);
    // nvl2 and date_format with Spark's pattern letters: Spark SQL, not DuckDB's.
    files.put("models/order_labels.sql", """
        select order_id, nvl2(shipped_at, 'shipped', 'open') as status,
               date_format(ordered_at, 'yyyy-MM') as order_month
        from {{ source('raw', 'orders') }}
        """);
    files.put("models/new_orders.sql", """
        {{ config(materialized='incremental', unique_key='order_id') }}
        select order_id, amount from {{ source('raw', 'orders') }}
        {% if is_incremental() %}
        where order_id > (select max(order_id) from {{ this }})
        {% endif %}
        """);
    files.put("models/unit_tests.yml", """
        unit_tests:
          - name: totals_add_up
            model: customer_totals
            given:
              - input: ref('customers')
                rows:
                  - {id: 1, name: Ann}
                  - {id: 2, name: Bob}
              - input: source('raw', 'orders')
                format: csv
                rows: |
                  order_id,customer_id,amount
                  10,1,10.25
                  11,1,5.25
            expect:
              format: csv
              rows: |
                customer_id,name,orders,total
                1,Ann,2,15.50
                2,Bob,0,0
          - name: totals_are_wrong
            model: customer_totals
            given:
              - input: ref('customers')
                rows:
                  - {id: 1, name: Ann}
              - input: source('raw', 'orders')
                rows:
                  - {order_id: 10, customer_id: 1, amount: 10.25}
                  - {order_id: 11, customer_id: 1, amount: 5.25}
            expect:
              rows:
                - {customer_id: 1, total: 99.00}
          - name: labels_use_spark_functions
            model: order_labels
            given:
              - input: source('raw', 'orders')
                format: sql
                rows: |
                  select cast(1 as bigint) as order_id, cast(null as bigint) as customer_id,
                         cast(3 as decimal(10,2)) as amount,
                         cast('2024-03-05 10:00:00' as timestamp) as ordered_at,
                         cast(null as timestamp) as shipped_at
                  union all
                  select 2, null, 4, cast('2024-04-01 08:00:00' as timestamp),
                         cast('2024-04-02 09:00:00' as timestamp)
            expect:
              rows:
                - {order_id: 1, status: open, order_month: "2024-03"}
                - {order_id: 2, status: shipped, order_month: "2024-04"}
          - name: only_new_orders
            model: new_orders
            overrides:
              macros:
                is_incremental: true
            given:
              - input: source('raw', 'orders')
                rows:
                  - {order_id: 1, amount: 1}
                  - {order_id: 5, amount: 5}
                  - {order_id: 7, amount: 7.5}
              - input: this
                rows:
                  - {order_id: 4, amount: 4}
            expect:
              rows:
                - {order_id: 5, amount: 5}
                - {order_id: 7, amount: 7.5}
          - name: a_full_build_reads_every_order
            model: new_orders
            given:
              - input: source('raw', 'orders')
                rows:
                  - {order_id: 1, amount: 1}
            expect:
              rows:
                - {order_id: 1, amount: 1.00}
        """);
    return files;
  }

}
