package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt project conventions that real projects rely on, end to end on real DuckDB files. */
class CliProjectConventionsTest {

  @TempDir
  Path dir;

  @Test
  void testsDeclaredInYamlUnderTheTestsFolderRunAndCatchBadRows() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n2,\n")
        .file("models/orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("tests/schema.yml", """
            version: 2
            models:
              - name: orders
                columns:
                  - name: amount
                    data_tests: [not_null]
                  - name: id
                    data_tests: [unique]
            """)
        .file("tests/assert_ids_positive.sql",
            "select * from {{ ref('orders') }} where id <= 0\n")
        .file("tests/generic/is_small.sql", """
            {% test is_small(model, column_name) %}
            select * from {{ model }} where {{ column_name }} > 1000
            {% endtest %}
            """)
        .file("tests/more.yml", """
            seeds:
              - name: raw_orders
                columns:
                  - name: id
                    tests: [is_small]
            """)
        .file("macros/macros.yml", """
            macros:
              - name: unused
                description: Accepted as dbt accepts it.
                arguments:
                  - name: x
                    type: string
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("not_null_orders_amount"), run::describe);
    assertTrue(run.out().contains("unique_orders_id"), run::describe);
    assertTrue(run.out().contains("is_small_raw_orders_id"), run::describe);
    assertTrue(run.out().contains("assert_ids_positive"), run::describe);
    List<String> failed = run.out().lines().filter(l -> l.contains("FAIL")).toList();
    assertEquals(1, failed.size(), run::describe);
    assertTrue(failed.get(0).contains("not_null_orders_amount"), run::describe);
  }

  @Test
  void aTemplatedEnabledFolderConfigDisablesModelsUntilVarsEnableThem() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            models:
              shop:
                demo:
                  +enabled: "{{ var('load_demo_data', false) }}"
                  +schema: "{{ env_var('MDS_TEST_SURELY_UNSET_VAR', 'demo') }}"
                  +tags: "{{ target.name }}"
            sources:
              shop:
                legacy:
                  +enabled: "{{ var('load_demo_data', false) }}"
            """)
        .file("models/orders.sql", "select 1 as id\n")
        .file("models/demo/demo_orders.sql", "select * from {{ ref('orders') }}\n")
        .file("models/sources.yml", """
            sources:
              - name: legacy
                tables: [{name: old_orders}]
            """);
    Path database = project.path("shop.duckdb");

    CliRun off = mds("build", "--project-dir", project.dir()).assertOk();

    assertTrue(off.out().contains("1 model"), off::describe);
    assertEquals(List.of("main.orders:VIEW"), DuckDbFile.relations(database));
    assertEquals(List.of("shop.orders"), listed(project, "model"));
    assertEquals(List.of(), listed(project, "source"));

    mds("build", "--project-dir", project.dir(), "--vars", "{load_demo_data: true}").assertOk();

    assertEquals(List.of("main.orders:VIEW", "main_demo.demo_orders:VIEW"),
        DuckDbFile.relations(database));
    assertEquals(List.of("shop.demo.demo_orders"), mds("ls", "--project-dir", project.dir(), "--vars",
        "{load_demo_data: true}", "-s", "tag:dev").assertOk().out().strip().lines().toList());
  }

  @Test
  void templatedTestArgumentsRenderToTheVarsOwnTypeAndWhereReadsVars() throws Exception {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            vars:
              codes: [open, closed]
              first_id: 1
            """)
        .file("seeds/raw_orders.csv", "id,status\n1,open\n2,closed\n3,lost\n")
        .file("models/orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/schema.yml", """
            models:
              - name: orders
                columns:
                  - name: status
                    data_tests:
                      - accepted_values:
                          values: "{{ var('codes') }}"
                          config:
                            where: "id >= {{ var('first_id') }} and id < 3"
                      - not_null:
                          config:
                            enabled: "{{ var('check_nulls', false) }}"
                      - accepted_values:
                          name: status_is_known_everywhere
                          values: "{{ var('codes') + ['closed', 'lost'] }}"
            """);

    CliRun passing = mds("build", "--project-dir", project.dir());

    passing.assertOk();
    assertTrue(!passing.out().contains("not_null_orders_status"), passing::describe);
    String compiled = project.read(
        "target/compiled/shop/models/schema.yml/status_is_known_everywhere.sql");
    assertTrue(compiled.replace(" ", "").contains("'open','closed','closed','lost'"), compiled);

    CliRun failing = mds("build", "--project-dir", project.dir(), "--vars",
        "{codes: [open], first_id: 2, check_nulls: true}");

    assertEquals(1, failing.exitCode(), failing::describe);
    List<String> failed = failing.out().lines().filter(l -> l.contains("FAIL")).toList();
    assertEquals(1, failed.size(), failing::describe);
    assertTrue(failed.get(0).contains("accepted_values_orders_status"), failing::describe);
    // Only id 2 ('closed') is both outside [open] and inside the where.
    assertTrue(failed.get(0).contains("FAIL 1"), failing::describe);
    assertTrue(failing.out().contains("not_null_orders_status"), failing::describe);
  }

  private static List<String> listed(TempProject project, String type) {
    return mds("ls", "--project-dir", project.dir(), "--resource-type", type).assertOk().out()
        .strip().lines().filter(l -> !l.isBlank()).toList();
  }
}
