package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unit tests ({@code unit_tests:} in schema YAML): fixtures in each format, overrides, an
 * incremental model's {@code this}, the diff of a failing one, and build holding back a model
 * whose unit test fails. They run in memory: the target database is never created.
 */
class CliUnitTestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /**
   * Orders from a seed through a staging view (no declared types: its shape comes from the
   * seed's CSV), customers from a source with declared types, a revenue table that drops returns
   * and small orders (a var), a report on it, and an incremental events model.
   */
  private TempProject shop(String unitTests) {
    return TempProject.named(dir, "shop")
        .file("mds_project.yml", "name: shop\nvars:\n  min_amount: 0\n")
        .file("seeds/raw_orders.csv", """
            id,customer_id,amount,status
            1,1,10,paid
            2,1,5,returned
            3,2,20,paid
            """)
        .file("seeds/raw_customers.csv", "id,name\n1,Ann\n2,Bob\n")
        .file("models/stg_orders.sql",
            "select id, customer_id, amount, status, 'web' as channel from {{ ref('raw_orders') }}\n")
        .file("models/customers.sql", "select * from {{ source('crm', 'customers') }}\n")
        .file("models/revenue.sql", """
            {{ config(materialized='table') }}
            select c.name, sum(o.amount) as revenue, count(*) as orders
            from {{ ref('stg_orders') }} o join {{ ref('customers') }} c on o.customer_id = c.id
            where o.status != 'returned' and o.amount > {{ var('min_amount') }}
              and coalesce(o.channel, 'web') = '{{ env_var('SHOP_CHANNEL', 'web') }}'
            group by c.name
            """)
        .file("models/order_days.sql", """
            {{ config(materialized='ephemeral') }}
            select id, {{ dbt.date_trunc('day', 'ordered_at') }} as order_day
            from {{ source('crm', 'orders') }}
            """)
        .file("models/report.sql", "select * from {{ ref('revenue') }}\n")
        .file("models/events.sql", """
            {{ config(materialized='incremental', unique_key='id') }}
            select id, amount from {{ ref('stg_orders') }} o
            {% if is_incremental() %}
            where o.id > (select max(id) from {{ this }})
            {% endif %}
            """)
        .file("tests/fixtures/two_paid_orders.csv", """
            id,customer_id,amount,status
            1,1,10,paid
            2,1,7,paid
            """)
        .file("tests/fixtures/ann.sql", "select 1 as id, 'Ann' as name\n")
        .file("models/schema.yml", """
            sources:
              - name: crm
                schema: main
                tables:
                  - name: customers
                    identifier: raw_customers
                    columns:
                      - name: id
                        data_type: integer
                      - name: name
                        data_type: varchar
                  - name: orders
            models:
              - name: customers
                columns:
                  - name: id
                    tests: [not_null]
            unit_tests:
            """ + unitTests);
  }

  private static final String PASSING = """
        - name: revenue_skips_returns
          description: A returned order is no revenue.
          model: revenue
          config: {tags: [money], meta: {owner: finance}}
          given:
            - input: ref('stg_orders')
              rows:
                - {id: 1, customer_id: 1, amount: 10, status: paid}
                - {id: 2, customer_id: 1, amount: 5, status: returned}
            - input: ref('customers')
              format: csv
              rows: |
                id,name
                1,Ann
          expect:
            rows:
              - {name: Ann, revenue: 10}
        - name: revenue_from_files
          model: revenue
          given:
            - input: ref('stg_orders')
              format: csv
              fixture: two_paid_orders
            - input: ref('customers')
              format: sql
              fixture: ann
          expect:
            format: csv
            rows: |
              name,revenue,orders
              Ann,17,2
        - name: revenue_inline_sql
          model: revenue
          given:
            - input: ref('stg_orders')
              format: sql
              rows: |
                select 1 as id, 1 as customer_id, 3.5 as amount, 'paid' as status, 'web' as channel
            - input: ref('customers')
              rows: [{id: 1, name: Ann}]
          expect:
            rows: [{name: Ann, revenue: 3.5}]
        - name: revenue_with_overrides
          model: revenue
          overrides:
            vars: {min_amount: 8}
            env_vars: {SHOP_CHANNEL: shop}
          given:
            - input: ref('stg_orders')
              rows:
                - {id: 1, customer_id: 1, amount: 10, status: paid, channel: shop}
                - {id: 2, customer_id: 1, amount: 7, status: paid, channel: shop}
                - {id: 3, customer_id: 1, amount: 30, status: paid, channel: web}
            - input: ref('customers')
              rows: [{id: 1, name: Ann}]
          expect:
            rows: [{name: Ann, revenue: 10, orders: 1}]
        - name: events_incremental
          model: events
          overrides:
            macros: {is_incremental: true}
          given:
            - input: ref('stg_orders')
              rows: [{id: 1, amount: 1}, {id: 2, amount: 2}, {id: 3, amount: 3}]
            - input: this
              rows: [{id: 1, amount: 1}]
          expect:
            rows: [{id: 2}, {id: 3}]
        - name: events_first_run
          model: events
          given:
            - input: ref('stg_orders')
              rows: [{id: 1}, {id: 2}]
          expect:
            rows: [{id: 1}, {id: 2}]
        - name: customers_from_source
          model: customers
          given:
            - input: source('crm', 'customers')
              rows: [{id: 1}]
          expect:
            rows: [{id: 1, name: null}]
        - name: timestamps_given_as_text
          model: order_days
          given:
            - input: source('crm', 'orders')
              rows:
                - {id: 1, ordered_at: "2016-09-01T10:30:00"}
                - {id: 2, ordered_at: "2079-10-27 23:59:59.9999"}
          expect:
            rows:
              - {id: 1, order_day: "2016-09-01"}
              - {id: 2, order_day: "2079-10-27"}
        - name: disabled_one
          model: events
          config: {enabled: false}
          given: []
          expect:
            rows: [{id: 99}]
      """;

  private static final String FAILING = """
        - name: revenue_counts_returns
          model: revenue
          given:
            - input: ref('stg_orders')
              rows:
                - {id: 1, customer_id: 1, amount: 10, status: paid}
                - {id: 2, customer_id: 2, amount: 4, status: paid}
            - input: ref('customers')
              rows: [{id: 1, name: Ann}, {id: 2, name: Bob}]
          expect:
            rows:
              - {name: Ann, revenue: 15}
              - {name: Bob, revenue: 4}
              - {name: Cy, revenue: 1}
      """;

  @Test
  void everyFixtureFormatAndOverridePassesOnAFreshCloneWithoutCreatingTheDatabase()
      throws Exception {
    TempProject project = shop(PASSING);
    CliRun run = mds("test", "--project-dir", project.dir(), "-s", "test_type:unit")
        .assertOk();
    assertTrue(run.out().contains("Done. PASS=8 WARN=0 ERROR=0 SKIP=0 TOTAL=8"),
        run::describe);
    assertTrue(run.out().contains("Finished running 8 unit tests"), run::describe);
    assertFalse(Files.exists(project.path("shop.duckdb")), "a unit test created the database");
    JsonNode results = JSON.readTree(project.read("target/run_results.json")).get("results");
    assertEquals(8, results.size());
    assertTrue(results.toString().contains("unit_test.shop.revenue.revenue_with_overrides"));

    JsonNode manifest = JSON.readTree(project.read("target/manifest.json"));
    JsonNode unit = manifest.get("unit_tests").get("unit_test.shop.revenue.revenue_skips_returns");
    assertEquals("revenue", unit.get("model").asText());
    assertEquals("A returned order is no revenue.", unit.get("description").asText());
    assertEquals("finance", unit.get("config").get("meta").get("owner").asText());
    assertFalse(manifest.get("unit_tests").has("unit_test.shop.events.disabled_one"));
    assertFalse(manifest.get("nodes").has("unit_test.shop.revenue.revenue_skips_returns"));
    // A fixture file is no singular test.
    assertFalse(manifest.get("nodes").toString().contains("two_paid_orders"));
  }

  @Test
  void selectorsPickUnitTestsApartFromDataTests() {
    TempProject project = shop(PASSING);
    CliRun byName = mds("test", "--project-dir", project.dir(), "-s",
        "unit_test:events_incremental").assertOk();
    assertTrue(byName.out().contains("TOTAL=1"), byName::describe);
    assertTrue(byName.out().contains("unit_test events::events_incremental"), byName::describe);
    CliRun byTag = mds("test", "--project-dir", project.dir(), "-s", "tag:money").assertOk();
    assertTrue(byTag.out().contains("revenue_skips_returns") && byTag.out().contains("TOTAL=1"),
        byTag::describe);
    CliRun model = mds("test", "--project-dir", project.dir(), "-s", "events").assertOk();
    assertTrue(model.out().contains("TOTAL=2"), model::describe);
    assertFalse(Files.exists(project.path("shop.duckdb")));
    CliRun data = mds("ls", "--project-dir", project.dir(), "-s", "test_type:data").assertOk();
    assertTrue(data.out().contains("not_null"), data::describe);
    assertFalse(data.out().contains("unit_test"), data::describe);
    CliRun unit = mds("ls", "--project-dir", project.dir(), "-s", "test_type:unit").assertOk();
    assertTrue(unit.out().contains("revenue_skips_returns"), unit::describe);
    assertFalse(unit.out().contains("not_null"), unit::describe);
  }

  @Test
  void aFailingUnitTestShowsWhichRowsAreMissingAndWhichAreExtra() throws Exception {
    TempProject project = shop(FAILING);
    CliRun run = mds("test", "--project-dir", project.dir(), "-s", "test_type:unit",
        "--junit-xml", project.path("junit.xml").toString());
    assertEquals(1, run.exitCode(), run::describe);
    String out = run.out();
    assertTrue(out.contains("unit test revenue_counts_returns on model revenue failed: 2 expected"
        + " rows missing, 1 unexpected row (compared on name, revenue)"), run::describe);
    assertTrue(out.matches("(?s).*- expected \\| Ann +\\| 15.*"), run::describe);
    assertTrue(out.matches("(?s).*- expected \\| Cy +\\| 1.*"), run::describe);
    assertTrue(out.matches("(?s).*\\+ actual +\\| Ann +\\| 10.*"), run::describe);
    // Bob's row is right: it is in neither list.
    assertFalse(out.contains("| Bob"), run::describe);
    assertTrue(project.read("target/summary.md").contains("| - expected | Cy | 1 |"));
    assertTrue(project.read("junit.xml").contains("revenue_counts_returns"));
    JsonNode result = JSON.readTree(project.read("target/run_results.json")).get("results")
        .get(0);
    assertEquals("fail", result.get("status").asText());
    assertEquals("unit_test.shop.revenue.revenue_counts_returns",
        result.get("unique_id").asText());
    assertFalse(Files.exists(project.path("shop.duckdb")));
  }

  @Test
  void buildLeavesAModelWhoseUnitTestFailsAsItWasAndSkipsWhatIsDownstream() {
    TempProject project = shop(PASSING);
    // The source table is a seed's: load it first.
    mds("seed", "--project-dir", project.dir()).assertOk();
    CliRun first = mds("build", "--project-dir", project.dir()).assertOk();
    // A model's unit tests run before it is built.
    int testDone = first.out().indexOf("PASS unit_test revenue::revenue_skips_returns");
    int revenueStart = first.out().indexOf("START table model \"main\".\"revenue\"");
    assertTrue(testDone > 0 && testDone < revenueStart, first::describe);
    assertEquals(List.of("Ann|10|1", "Bob|20|1"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select * from revenue order by 1"));

    project.file("seeds/raw_orders.csv", "id,customer_id,amount,status\n1,1,99,paid\n");
    project.file("models/schema.yml", project.read("models/schema.yml") + FAILING);
    CliRun second = mds("build", "--project-dir", project.dir());
    assertEquals(1, second.exitCode(), second::describe);
    assertTrue(second.out().contains("FAIL 3 unit_test revenue::revenue_counts_returns"),
        second::describe);
    assertTrue(second.out().contains("SKIP table model \"main\".\"revenue\""), second::describe);
    assertTrue(second.out().contains("SKIP view model \"main\".\"report\""), second::describe);
    // Yesterday's table stays; the models the failing test is not about are built.
    assertEquals(List.of("Ann|10|1", "Bob|20|1"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select * from revenue order by 1"));
    assertEquals(List.of("1"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select count(*) from stg_orders"));

    CliRun run = mds("run", "--project-dir", project.dir()).assertOk();
    assertFalse(run.out().contains("unit_test"), run::describe);
  }

  @Test
  void aUnitTestOnAnUnknownModelIsAProjectError() {
    TempProject project = shop("""
          - name: nowhere
            model: no_such_model
            given: []
            expect: {rows: []}
        """);
    mds("test", "--project-dir", project.dir()).assertProjectError("models/schema.yml",
        "unit test 'nowhere'", "no_such_model");
  }

  /**
   * jaffle-shop's shape: a source that declares no columns, read through a staging model. In a run
   * with the database open its columns come from the table there, as dbt reads them; the test
   * still runs on the fixture rows only.
   */
  @Test
  void anInputNothingElseDescribesTakesItsColumnsFromTheTargetDatabase() throws Exception {
    TempProject project = TempProject.named(dir, "ecom")
        .file("models/sources.yml", """
            version: 2
            sources:
              - name: raw
                tables:
                  - name: orders
            """)
        .file("models/stg_orders.sql", "select * from {{ source('raw', 'orders') }}\n")
        .file("models/big_orders.sql", """
            select id, amount, status = 'paid' as is_paid
            from {{ ref('stg_orders') }} where amount > 10
            """)
        .file("models/unit.yml", """
            unit_tests:
              - name: big_orders_only
                model: big_orders
                given:
                  - input: ref('stg_orders')
                    rows:
                      - {id: 1, amount: 5}
                      - {id: 2, amount: 50}
                expect:
                  rows:
                    - {id: 2, amount: 50, is_paid: null}
            """);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
        "jdbc:duckdb:" + project.path("ecom.duckdb"));
        java.sql.Statement st = c.createStatement()) {
      st.execute("create schema raw");
      st.execute("create table raw.orders (id integer, amount decimal(10, 2), status varchar)");
      st.execute("insert into raw.orders values (7, 70, 'paid')");
    }
    CliRun build = mds("build", "--project-dir", project.dir()).assertOk();
    assertTrue(build.out().contains("PASS unit_test big_orders::big_orders_only"),
        build::describe);
    assertEquals(List.of("7|70.00|true"),
        DuckDbFile.rows(project.path("ecom.duckdb"), "select * from big_orders"));
    // Alone, the test reads the file's catalog read-only, and only that.
    CliRun alone = mds("test", "--project-dir", project.dir(), "-s", "test_type:unit")
        .assertOk();
    assertTrue(alone.out().contains("PASS unit_test big_orders::big_orders_only"),
        alone::describe);
  }
}
