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
 * Model contracts ({@code contract: {enforced: true}}) end to end: the query's shape is compared
 * with the contract before anything is published, tables get the declared types and constraints,
 * and a failure keeps yesterday's relation.
 */
class CliContractTest {

  @TempDir
  Path dir;

  private static final String SCHEMA = """
      models:
        - name: customers
          config:
            contract: {enforced: true}
          columns:
            - name: customer_id
              data_type: int
              constraints:
                - type: not_null
                - type: primary_key
            - name: name
              data_type: text
              constraints:
                - type: check
                  expression: "length(name) > 0"
            - name: balance
              data_type: numeric(10,2)
        - name: orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: integer
              constraints: [{type: unique}]
            - name: customer_id
              data_type: int4
              constraints:
                - type: foreign_key
                  to: ref('customers')
                  to_columns: [customer_id]
      """;

  private static final String CUSTOMERS = """
      {{ config(materialized='table') }}
      select customer_id::integer as customer_id, name, balance::decimal(18,3) as balance
      from {{ ref('raw_customers') }}
      """;

  private TempProject project() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_customers.csv", "customer_id,name,balance\n1,Ann,10.5\n2,Bob,20.25\n")
        .file("models/customers.sql", CUSTOMERS)
        .file("models/orders.sql", """
            {{ config(materialized='table') }}
            select 10 as order_id, 1 as customer_id union all select 11, 2
            """)
        .file("models/schema.yml", SCHEMA);
  }

  private static CliRun build(TempProject project) {
    return mds("build", "--project-dir", project.dir());
  }

  private static List<String> rows(TempProject project, String sql) {
    return DuckDbFile.rows(project.path("shop.duckdb"), sql);
  }

  @Test
  void validContractBuildsTheTableWithTheDeclaredTypesAndOrder() throws Exception {
    TempProject project = project();
    // The query's columns in another order than the contract's: the table takes the contract's.
    project.file("models/customers.sql", """
        {{ config(materialized='table') }}
        select name, balance::decimal(18,3) as balance, customer_id::integer as customer_id
        from {{ ref('raw_customers') }}
        """);
    CliRun run = build(project).assertOk();
    assertEquals(List.of("customer_id|INTEGER", "name|VARCHAR", "balance|DECIMAL(10,2)"),
        rows(project, "select column_name, column_type from (describe customers)"));
    assertEquals(List.of("1|Ann|10.50", "2|Bob|20.25"),
        rows(project, "select * from customers order by 1"));
    // DuckDB holds the constraints the contract declares.
    assertEquals(List.of("CHECK", "NOT NULL", "PRIMARY KEY", "UNIQUE"), rows(project,
        "select distinct constraint_type from duckdb_constraints() where table_name in"
            + " ('customers', 'orders') order by 1"));
    assertTrue(run.out().contains("checks contracts' foreign keys with a query"), run::describe);

    JsonNode manifest = new ObjectMapper().readTree(
        Files.readString(project.path("target/manifest.json")));
    JsonNode customers = manifest.at("/nodes/model.shop.customers");
    assertTrue(customers.at("/contract/enforced").asBoolean(), customers::toString);
    assertTrue(customers.at("/contract/alias_types").asBoolean(), customers::toString);
    assertEquals("primary_key",
        customers.at("/columns/customer_id/constraints/1/type").asText(), customers::toString);
    assertEquals("length(name) > 0",
        customers.at("/columns/name/constraints/0/expression").asText(), customers::toString);
    JsonNode orders = manifest.at("/nodes/model.shop.orders");
    assertEquals("ref('customers')", orders.at("/columns/customer_id/constraints/0/to").asText());
    // The foreign key's parent is built first, as in dbt.
    assertTrue(orders.at("/depends_on/nodes").toString().contains("model.shop.customers"),
        orders::toString);
  }

  @Test
  void extraMissingAndRetypedColumnsFailBeforePublishListingEachAndKeepYesterdaysTable() {
    TempProject project = project();
    build(project).assertOk();
    project.file("models/customers.sql", """
        {{ config(materialized='table') }}
        select customer_id::varchar as customer_id, name, 'x' as nickname
        from {{ ref('raw_customers') }}
        """);
    CliRun run = mds("run", "-s", "customers", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    String out = run.out();
    assertTrue(out.contains("models/customers.sql: the enforced contract of model customers is"
        + " not met (1 missing from the query, 1 not in the contract, 1 of another type)"),
        run::describe);
    assertTrue(out.contains("| column_name | definition_type | contract_type | mismatch_reason"
        + "       |"), run::describe);
    assertTrue(out.matches("(?s).*\\| customer_id +\\| VARCHAR +\\| INTEGER +\\| data type"
        + " mismatch +\\|.*"), run::describe);
    assertTrue(out.matches("(?s).*\\| balance +\\| +\\| DECIMAL\\(10,2\\) +\\| missing in"
        + " definition +\\|.*"), run::describe);
    assertTrue(out.matches("(?s).*\\| nickname +\\| VARCHAR +\\| +\\| missing in contract +\\|.*"),
        run::describe);
    // Nothing ran against the table: yesterday's rows and shape are there.
    assertEquals(List.of("1|Ann|10.50", "2|Bob|20.25"),
        rows(project, "select * from customers order by 1"));
    assertFalse(project.read("target/run/shop/models/customers.sql").contains("create"),
        run::describe);
  }

  @Test
  void sizesAndAliasesAreNotMismatchesButAliasTypesFalseComparesAsWritten() {
    TempProject project = project();
    build(project).assertOk();
    project.file("models/schema.yml", SCHEMA.replace("data_type: text", "data_type: string")
        .replace("data_type: numeric(10,2)", "data_type: decimal"));
    build(project).assertOk();
    project.file("models/schema.yml", SCHEMA.replace("contract: {enforced: true}",
        "contract: {enforced: true, alias_types: false}"));
    CliRun run = mds("run", "-s", "customers", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().matches("(?s).*\\| customer_id +\\| INTEGER +\\| int +\\|.*"),
        run::describe);
  }

  @Test
  void notNullAndPrimaryKeyViolationsFailWithTheOldTableIntact() {
    TempProject project = project();
    build(project).assertOk();
    project.file("models/customers.sql", CUSTOMERS.replace("select customer_id::integer",
        "select case when customer_id = 2 then null else customer_id end::integer"));
    CliRun run = mds("run", "-s", "customers", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("the new rows of model customers break a constraint of its"
        + " contract (NOT NULL constraint failed"), run::describe);
    assertEquals(List.of("1|Ann|10.50", "2|Bob|20.25"),
        rows(project, "select * from customers order by 1"));

    project.file("models/customers.sql", CUSTOMERS.replace("select customer_id::integer",
        "select 1::integer"));
    run = mds("run", "-s", "customers", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("break a constraint of its contract"), run::describe);
    assertTrue(run.out().toLowerCase().contains("primary key"), run::describe);
    assertEquals(List.of("1|Ann|10.50", "2|Bob|20.25"),
        rows(project, "select * from customers order by 1"));
  }

  @Test
  void aForeignKeyWithoutItsParentRowFailsBeforePublishing() {
    TempProject project = project();
    build(project).assertOk();
    project.file("models/orders.sql", """
        {{ config(materialized='table') }}
        select 10 as order_id, 1 as customer_id union all select 12, 3
        """);
    CliRun run = mds("run", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("models/orders.sql: foreign key of model orders fails: 1 row"
        + " has customer_id not found in \"main\".\"customers\" (customer_id)"), run::describe);
    assertEquals(1, run.out().split("checks contracts' foreign keys", -1).length - 1,
        run::describe);
    assertEquals(List.of("10|1", "11|2"), rows(project, "select * from orders order by 1"));
  }

  @Test
  void aViewsContractChecksColumnsAndTypesButNotConstraints() {
    TempProject project = project();
    project.file("models/customers.sql", CUSTOMERS.replace("'table'", "'view'"));
    mds("seed", "--project-dir", project.dir()).assertOk();
    CliRun run = mds("run", "-s", "customers", "--project-dir", project.dir()).assertOk();
    assertTrue(run.out().contains("constraints of view models are not enforced"), run::describe);
    assertEquals(List.of("VIEW"), rows(project,
        "select table_type from information_schema.tables where table_name = 'customers'"));

    project.file("models/customers.sql", """
        {{ config(materialized='view') }}
        select customer_id, name from {{ ref('raw_customers') }}
        """);
    run = mds("run", "-s", "customers", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("missing in definition"), run::describe);
    assertTrue(run.out().matches("(?s).*\\| customer_id +\\| BIGINT +\\| INTEGER +\\|.*"),
        run::describe);
    // The view still has yesterday's definition.
    assertEquals(List.of("1|Ann|10.500"), rows(project,
        "select * from customers where customer_id = 1"));
  }

  @Test
  void anIncrementalContractChecksEachRunsNewRows() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_events.csv", "event_id,kind\n1,a\n2,b\n")
        .file("models/events.sql", """
            {{ config(materialized='incremental', unique_key='event_id',
                      on_schema_change='append_new_columns') }}
            select event_id::integer as event_id, kind from {{ ref('raw_events') }}
            {% if is_incremental() %}
            where event_id > (select max(event_id) from {{ this }})
            {% endif %}
            """)
        .file("models/schema.yml", """
            models:
              - name: events
                config:
                  contract: {enforced: true}
                columns:
                  - name: event_id
                    data_type: integer
                    constraints: [{type: primary_key}]
                  - name: kind
                    data_type: varchar
                    constraints: [{type: not_null}]
            """);
    build(project).assertOk();
    assertEquals(List.of("event_id|INTEGER", "kind|VARCHAR"),
        rows(project, "select column_name, column_type from (describe events)"));

    project.file("seeds/raw_events.csv", "event_id,kind\n1,a\n2,b\n3,c\n");
    build(project).assertOk();
    assertEquals(List.of("1|a", "2|b", "3|c"), rows(project, "select * from events order by 1"));

    // New rows breaking a constraint: the run fails and the table keeps its rows.
    project.file("seeds/raw_events.csv", "event_id,kind\n1,a\n2,b\n3,c\n4,\n");
    CliRun run = build(project);
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("NOT NULL constraint failed"), run::describe);
    assertEquals(List.of("1|a", "2|b", "3|c"), rows(project, "select * from events order by 1"));

    // The new rows' shape no longer matches: refused before the incremental step.
    project.file("seeds/raw_events.csv", "event_id,kind\n1,a\n2,b\n3,c\n4,d\n");
    project.file("models/events.sql", project.read("models/events.sql")
        .replace("event_id::integer", "event_id::bigint"));
    run = mds("run", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().matches("(?s).*\\| event_id +\\| BIGINT +\\| INTEGER +\\| data type"
        + " mismatch.*"), run::describe);
    assertEquals(List.of("1|a", "2|b", "3|c"), rows(project, "select * from events order by 1"));

    // As dbt requires, a contracted incremental model must not ignore schema changes.
    project.file("models/events.sql", project.read("models/events.sql")
        .replace("event_id::bigint", "event_id::integer")
        .replace("on_schema_change='append_new_columns'", "on_schema_change='ignore'"));
    run = mds("run", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("must set on_schema_change to 'append_new_columns' or 'fail'"),
        run::describe);
  }

  @Test
  void folderConfigsEnforceContractsAndUntypedColumnsAreRefused() {
    TempProject project = project()
        .file("mds_project.yml", """
            name: shop
            models:
              shop:
                +contract:
                  enforced: true
            """)
        .file("models/schema.yml", SCHEMA.replace("data_type: int4\n", "\n"));
    CliRun run = build(project);
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("models/orders.sql: model orders has an enforced contract, but"
        + " these columns have no data_type in its schema YAML: customer_id"), run::describe);
  }
}
