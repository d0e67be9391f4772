package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config key checks: an unknown key in {@code config()}, schema YAML or the project file's folder
 * configs is a warning naming the file (and line) with the nearest known key; under
 * {@code --warn-error} it stops the verb before anything is built; keys mds accepts but ignores
 * are said once; a project using many of dbt's real keys gets no warning.
 */
class CliConfigKeysTest {

  @TempDir
  Path dir;

  private TempProject misspelt() {
    return TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            profile: shop
            models:
              shop:
                marts:
                  +materialised: table
            seeds:
              shop:
                +quote_column: false
            """)
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: shop.duckdb
            """)
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n")
        .file("models/marts/orders.sql", """
            {{ config(
                materialised='table',
                tags=['finance'],
                update_columns=['amount']
            ) }}
            select * from {{ ref('raw_orders') }}
            """)
        .file("models/marts/schema.yml", """
            models:
              - name: orders
                descripton: Orders.
                config:
                  uniqe_key: id
                columns:
                  - name: id
                    tests:
                      - unique:
                          config:
                            severty: warn
            """);
  }

  @Test
  void aMisspeltKeyIsAWarningNamingTheFileLineAndTheKnownKey() {
    CliRun run = mds("compile", "--project-dir", misspelt().dir()).assertOk();
    String err = run.err();
    assertTrue(err.contains("Warning: models/marts/orders.sql:2: unknown model config"
        + " 'materialised'; did you mean 'materialized'?"), run::describe);
    assertTrue(err.contains("Warning: dbt_project.yml:6: unknown model config '+materialised';"
        + " did you mean 'materialized'?"), run::describe);
    assertTrue(err.contains("Warning: dbt_project.yml:9: unknown seed config '+quote_column';"
        + " did you mean 'quote_columns'?"), run::describe);
    assertTrue(err.contains("Warning: models/marts/schema.yml:5: unknown model config"
        + " 'uniqe_key'; did you mean 'unique_key'?"), run::describe);
    assertTrue(err.contains("Warning: models/marts/schema.yml:3: unknown model property"
        + " 'descripton'; did you mean 'description'?"), run::describe);
    assertTrue(err.contains("Warning: models/marts/schema.yml:11: unknown test config"
        + " 'severty'; did you mean 'severity'?"), run::describe);
    assertTrue(err.contains("Warning: models/marts/orders.sql:4: unknown model config"
        + " 'update_columns'; did you mean 'merge_update_columns'?"), run::describe);
    // Sorted by file, then line, whichever thread found each.
    assertTrue(err.indexOf("dbt_project.yml:6:") < err.indexOf("dbt_project.yml:9:")
        && err.indexOf("dbt_project.yml:9:") < err.indexOf("models/marts/orders.sql:2:")
        && err.indexOf("models/marts/orders.sql:4:") < err.indexOf("models/marts/schema.yml:3:")
        && err.indexOf("models/marts/schema.yml:5:") < err.indexOf("models/marts/schema.yml:11:"),
        run::describe);
    assertEquals(7, err.lines().filter(l -> l.startsWith("Warning: ")).count(), run::describe);
  }

  @Test
  void warnErrorMakesAnUnknownKeyAnErrorAndNothingIsBuilt() {
    TempProject project = misspelt();
    CliRun run = mds("build", "--warn-error", "--project-dir", project.dir());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("Error: models/marts/orders.sql:2: unknown model config"
        + " 'materialised'"), run::describe);
    assertFalse(run.err().contains("Warning: "), run::describe);
    assertFalse(Files.exists(project.path("shop.duckdb")), run::describe);
    assertFalse(run.out().contains("OK created"), run::describe);
  }

  @Test
  void keysMdsAcceptsButIgnoresAreSaidOnce() {
    TempProject project = TempProject.named(dir, "shop")
        .file("mds_project.yml", """
            name: shop
            models:
              shop:
                +persist_docs: {relation: true, columns: true}
                +grants: {select: [reporter]}
            """)
        .file("models/a.sql", "{{ config(grants={'select': ['analyst']}) }}\nselect 1 as id\n")
        .file("models/b.sql", "{{ config(grants={'select': ['analyst']}) }}\nselect 2 as id\n");
    CliRun run = mds("compile", "--project-dir", project.dir()).assertOk();
    String err = run.err();
    assertEquals(1, err.lines().filter(l -> l.startsWith("Note: mds accepts but ignores"))
        .count(), run::describe);
    assertTrue(err.contains("grants (DuckDB has no grants; in mds_project.yml and 2 more), "
        + "persist_docs (descriptions are not written as database comments; in"
        + " mds_project.yml)"), run::describe);
    assertFalse(err.contains("Warning"), run::describe);
  }

  @Test
  void aProjectUsingManyRealDbtKeysGetsNoWarning() {
    TempProject project = TempProject.named(dir, "shop")
        .file("mds_project.yml", """
            name: shop
            models:
              shop:
                +materialized: view
                +docs: {show: true, node_color: red}
                +meta: {owner: data, my_custom_key: 1}
                +on_schema_change: append_new_columns
                staging:
                  +schema: staging
                  +tags: [staging]
                  +pre-hook: "select 1"
                  post-hook: "select 2"
                marts:
                  materialized: table
                  +contract: {enforced: false}
                  +access: public
            seeds:
              shop:
                +column_types: {id: integer}
                +quote_columns: false
                +delimiter: ","
                +full_refresh: false
            snapshots:
              shop:
                +strategy: timestamp
                +target_schema: snapshots
            tests:
              shop:
                +severity: warn
                +store_failures: false
                +store_failures_as: table
            sources:
              shop:
                +enabled: true
            """)
        .file("seeds/raw_orders.csv", "id,amount,updated_at\n1,10,2024-01-01\n")
        .file("seeds/seeds.yml", """
            seeds:
              - name: raw_orders
                description: Orders.
                config:
                  column_types: {amount: integer}
                  delimiter: ","
                  quote_columns: false
                columns:
                  - name: id
                    data_type: integer
                    quote: false
                    tests: [unique]
            """)
        .file("models/staging/stg_orders.sql", """
            {{ config(
                materialized='incremental',
                unique_key='id',
                incremental_strategy='delete+insert',
                on_schema_change='sync_all_columns',
                incremental_predicates=["DBT_INTERNAL_DEST.id > 0"],
                post_hook=["select 3"],
                persist_docs={'relation': true},
                full_refresh=false,
                tags=['x'],
                alias='orders_stg',
                event_time='updated_at',
                sql_header='set threads = 2'
            ) }}
            select * from {{ ref('raw_orders') }}
            """)
        .file("models/marts/orders.sql", "select id, amount from {{ ref('stg_orders') }}\n")
        .file("models/marts/schema.yml", """
            version: 2
            models:
              - name: orders
                description: Orders.
                docs: {show: true}
                access: public
                meta: {owner: me, anything_goes: true}
                config:
                  materialized: table
                  contract: {enforced: false}
                  grants: {select: [reporter]}
                  tags: [finance]
                constraints:
                  - type: primary_key
                    columns: [id]
                columns:
                  - name: id
                    description: The id.
                    data_type: integer
                    constraints: [{type: not_null}]
                    meta: {pii: false}
                    tags: [key]
                    data_tests:
                      - not_null:
                          config:
                            severity: error
                            error_if: ">10"
                            warn_if: ">0"
                            where: "id > 0"
                            limit: 10
                            fail_calc: count(*)
                            store_failures: true
                  - name: amount
                    tests:
                      - accepted_values:
                          values: [10]
                          quote: false
            sources:
              - name: crm
                description: CRM.
                schema: main
                loader: manual
                loaded_at_field: updated_at
                freshness: {warn_after: {count: 1, period: day}}
                meta: {team: crm}
                tags: [crm]
                config:
                  enabled: true
                tables:
                  - name: customers
                    identifier: raw_orders
                    description: Customers.
                    loaded_at_field: updated_at
                    meta: {owner: crm}
                    config:
                      event_time: updated_at
                    columns:
                      - name: id
                        tests: [not_null]
                  - name: extract
                    config:
                      location: data/extract.csv
                      delimiter: ";"
                      decimal_separator: ","
                      thousands: "."
                      encoding: cp1252
                      on_error: skip
                      column_types: {amount: decimal(12,2)}
            """)
        .file("snapshots/orders_snapshot.sql", """
            {% snapshot orders_snapshot %}
            {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at',
                target_schema='snapshots', hard_deletes='ignore') }}
            select * from {{ ref('raw_orders') }}
            {% endsnapshot %}
            """);
    CliRun run = mds("compile", "--project-dir", project.dir()).assertOk();
    assertFalse(run.err().contains("Warning"), run::describe);
    assertTrue(run.err().contains("Note: mds accepts but ignores these configs: grants"),
        run::describe);
    assertTrue(run.err().contains("persist_docs (descriptions are not written as database"
        + " comments; in models/staging/stg_orders.sql)"), run::describe);
  }
}
