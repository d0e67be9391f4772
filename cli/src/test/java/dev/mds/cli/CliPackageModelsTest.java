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
 * An installed package's models, seeds, sources and tests are part of the project as in dbt: its
 * own project file's folder configs and vars apply, the root project's override them, the root
 * refers to them with {@code ref('package', 'name')}, and {@code package:} selects them.
 */
class CliPackageModelsTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            models:
              +materialized: view
              loyalty:
                staging:
                  +materialized: table
                retired:
                  +enabled: false
            vars:
              loyalty:
                min_points: 100
            """)
        .file("dbt_packages/loyalty/dbt_project.yml", """
            name: loyalty
            version: '1.0.0'
            models:
              loyalty:
                +schema: loyalty
                +tags: ['from_package']
            vars:
              min_points: 10
              tier_label: 'tier'
            """)
        .file("dbt_packages/loyalty/seeds/tiers.csv", "tier,points\nbronze,0\nsilver,100\n"
            + "gold,500\n")
        .file("dbt_packages/loyalty/models/staging/stg_members.sql", """
            select member_no, points, '{{ var("tier_label") }}' as label
            from {{ source('loyalty_raw', 'members') }}
            where points >= {{ var('min_points') }}
            """)
        .file("dbt_packages/loyalty/models/retired/old_members.sql", "select 1 as x\n")
        .file("dbt_packages/loyalty/models/schema.yml", """
            version: 2
            sources:
              - name: loyalty_raw
                schema: main
                tables:
                  - name: members
            models:
              - name: stg_members
                description: Members with enough points.
                columns:
                  - name: member_no
                    tests: [unique, not_null]
            """)
        .file("seeds/members.csv", "member_no,points\n1,5\n2,150\n3,700\n")
        .file("models/member_tiers.sql", """
            select m.member_no, arg_max(t.tier, t.points) as tier
            from {{ ref('loyalty', 'stg_members') }} m
            join {{ ref('tiers') }} t on m.points >= t.points
            group by m.member_no
            """)
        .file("models/schema.yml", """
            version: 2
            models:
              - name: member_tiers
                columns:
                  - name: tier
                    tests: [not_null]
            """);
  }

  @Test
  void aPackagesModelsSeedsSourcesAndTestsBuildWithTheRootProjectsConfigsAndVars()
      throws Exception {
    TempProject project = project();
    mds("seed", "--project-dir", project.dir(), "-s", "members").assertOk();
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(0, run.exitCode(), run::describe);
    Path db = project.path("shop.duckdb");
    // The root's scoped var (100) beat the package's default (10); the package's own var served.
    assertEquals(List.of("2|150|tier", "3|700|tier"), DuckDbFile.rows(db,
        "select member_no, points, label from main_loyalty.stg_members order by 1"));
    // The root project's folder config made the package's staging models tables.
    assertEquals(List.of("BASE TABLE"), DuckDbFile.rows(db, "select table_type from"
        + " information_schema.tables where table_name = 'stg_members'"));
    assertEquals(List.of("VIEW"), DuckDbFile.rows(db, "select table_type from"
        + " information_schema.tables where table_name = 'member_tiers'"));
    assertEquals(List.of("2|silver", "3|gold"), DuckDbFile.rows(db,
        "select member_no, tier from main.member_tiers order by 1"));
    // The package's seed was loaded; the model the root disabled was not built.
    assertEquals(List.of("3"), DuckDbFile.rows(db, "select count(*) from main.tiers"));
    assertEquals(List.of("0"), DuckDbFile.rows(db, "select count(*) from"
        + " information_schema.tables where table_name = 'old_members'"));
    // The package's tests ran with the others.
    assertTrue(run.out().contains("unique_stg_members_member_no"), run::describe);

    JsonNode manifest = new ObjectMapper().readTree(
        Files.readString(project.path("target/manifest.json")));
    JsonNode node = manifest.at("/nodes/model.loyalty.stg_members");
    assertEquals("loyalty", node.at("/package_name").asText(), node::toString);
    assertEquals("Members with enough points.", node.at("/description").asText());
    assertEquals(List.of("source.loyalty.loyalty_raw.members"),
        List.of(node.at("/depends_on/nodes/0").asText()));
    assertTrue(manifest.at("/nodes/seed.loyalty.tiers").isObject());
    assertTrue(manifest.at("/nodes/model.shop.member_tiers/depends_on/nodes").toString()
        .contains("model.loyalty.stg_members"));
  }

  @Test
  void packageSelectsAPackagesNodesAndTagsFromItsProjectFileApply() {
    TempProject project = project();
    CliRun run = mds("ls", "--project-dir", project.dir(), "-s", "package:loyalty",
        "--resource-type", "model");
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.out().contains("loyalty.staging.stg_members"), run::describe);
    assertFalse(run.out().contains("member_tiers"), run::describe);
    CliRun tagged = mds("ls", "--project-dir", project.dir(), "-s", "tag:from_package");
    assertTrue(tagged.out().contains("stg_members"), tagged::describe);
    assertFalse(tagged.out().contains("member_tiers"), tagged::describe);
  }

  @Test
  void aRefToAPackageThatIsNotInstalledSaysSo() {
    TempProject project = project().file("models/other.sql",
        "select * from {{ ref('marketing', 'campaigns') }}\n");
    CliRun run = mds("compile", "--project-dir", project.dir());
    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("models/other.sql:1")
        && run.err().contains("package 'marketing', which is not installed"), run::describe);
  }

  @Test
  void aDbtExternalTablesSourceReadsTheFileAtItsLocation() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("csvs/album.csv", "album_id,title\n1,Blue\n2,Kind of Blue\n")
        .file("models/sources.yml", """
            version: 2
            sources:
              - name: csv
                tables:
                  - name: album
                    external:
                      location: 'csvs/album.csv'
            """)
        .file("models/albums.sql", "select count(*) as n from {{ source('csv', 'album') }}\n");
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("2"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select n from main.albums"));
  }

  @Test
  void anOnRunEndHookOfAPackageSeesTheResultsInItsMacrosAndMayRenderToNothing() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            on-run-end:
              - "{{ audit.upload(results) }}"
            """)
        .file("dbt_packages/audit/dbt_project.yml", "name: audit\n")
        .file("dbt_packages/audit/models/audit_log.sql", """
            {{ config(materialized='table') }}
            select cast(null as varchar) as node_id, cast(null as varchar) as status,
              cast(null as varchar) as package_name, cast(null as varchar) as checksum
            where false
            """)
        .file("dbt_packages/audit/macros/upload.sql", """
            {% macro upload(results) %}
              {% if execute %}
                {% for row in audit.executed() %}
                  {% do run_query("insert into " ~ ref('audit_log') ~ " values ('"
                      ~ row.node.unique_id ~ "', '" ~ row.status ~ "', '"
                      ~ row.node.package_name ~ "', '" ~ row.node.checksum.checksum[:6] ~ "')") %}
                {% endfor %}
              {% endif %}
            {% endmacro %}
            {% macro executed() %}
              {{ return(results | selectattr('node.resource_type', 'equalto', 'model') | list) }}
            {% endmacro %}
            """)
        .file("models/orders.sql", "select 1 as order_no\n");
    CliRun run = mds("run", "--project-dir", project.dir());
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(List.of("model.audit.audit_log|success|audit", "model.shop.orders|success|shop"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select node_id, status, package_name"
            + " from main.audit_log order by 1"));
    assertEquals(List.of("6"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select distinct length(checksum) from main.audit_log"));
  }

  /**
   * A package shaped like dbt_project_evaluator: its own packages.yml (served by a built-in),
   * templated vars, a generic test under tests/generic, a post-hook that inserts the graph's
   * nodes in batches through statement(), a name set only under execute, and a templated
   * column type in its property YAML.
   */
  @Test
  void aPackageThatReadsTheGraphAndInsertsThroughStatementsBuilds() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("dbt_packages/evaluator/dbt_project.yml", """
            name: evaluator
            models:
              evaluator:
                +materialized: table
            vars:
              batch_size: "{{ 500 if target.type == 'bigquery' else 2 }}"
            """)
        .file("dbt_packages/evaluator/packages.yml",
            "packages:\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\"]\n")
        .file("dbt_packages/evaluator/tests/generic/test_has_rows.sql", """
            {% test has_rows(model) %}
              select 1 as empty from {{ model }} having count(*) = 0
            {% endtest %}
            """)
        .file("dbt_packages/evaluator/macros/insert_nodes.sql", """
            {% macro insert_nodes(relation) %}
              {% if execute %}
                {% set rows = [] %}
                {% for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') %}
                  {% do rows.append("('" ~ node.unique_id ~ "', " ~ node.config.enabled ~ ", '"
                      ~ node.config.on_schema_change ~ "')") %}
                {% endfor %}
                {% set size = var('batch_size') | int %}
                {% for i in range(0, rows | length, size) %}
                  {% call statement('insert') %}
                    insert into {{ relation }} values {{ rows[i:i + size] | join(', ') }}
                  {% endcall %}
                {% endfor %}
              {% endif %}
            {% endmacro %}
            """)
        .file("dbt_packages/evaluator/models/all_models.sql", """
            {{ config(post_hook="{{ insert_nodes(this) }}") }}
            select cast(null as varchar) as unique_id, cast(null as boolean) as enabled,
              cast(null as varchar) as on_schema_change
            where false
            """)
        .file("dbt_packages/evaluator/models/ratio.sql", """
            {% if execute %}
              {% set names = graph.nodes.values() | map(attribute='name') | join("', '") %}
            {% endif %}
            select {{ dbt_utils.safe_divide('3', '4') }} as ratio
            {% if names %}, '{{ names.split("', '") | length }}' as node_count{% endif %}
            """)
        .file("dbt_packages/evaluator/seeds/codes.csv", "code,label\n007,bond\n")
        .file("dbt_packages/evaluator/models/schema.yml", """
            version: 2
            models:
              - name: all_models
                data_tests: [has_rows]
            seeds:
              - name: codes
                config:
                  column_types:
                    code: "{{ 'varchar' if target.type == 'duckdb' else 'string' }}"
            """)
        .file("models/orders.sql", "select 1 as order_no\n")
        .file("models/more_orders.sql", "select 2 as order_no\n")
        .file("models/schema.yml", """
            version: 2
            models:
              - name: orders
                columns:
                  - name: order_no
                    data_tests: [unique]
            """)
        .file("models/tests_seen.sql", """
            {% set seen = [] %}
            {% if execute %}
              {% for n in graph.nodes.values() | selectattr('resource_type', 'equalto', 'test') %}
                {% do seen.append(n.test_metadata.name ~ '|' ~ n.column_name ~ '|'
                    ~ n.attached_node ~ '|' ~ n.depends_on.macros | join(',')) %}
              {% endfor %}
            {% endif %}
            select unnest(string_split('{{ seen | sort | join(";") }}', ';')) as seen
            """);
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.out().contains("using mds's built-in dbt_utils"), run::describe);
    // The package's own generic test (tests/generic/) ran on the rows the post-hook inserted.
    assertTrue(run.out().contains("PASS has_rows_all_models"), run::describe);
    Path db = project.path("shop.duckdb");
    // Five models, inserted two per statement as the rendered var says.
    assertEquals(List.of("model.evaluator.all_models|true|ignore",
        "model.evaluator.ratio|true|ignore", "model.shop.more_orders|true|ignore",
        "model.shop.orders|true|ignore", "model.shop.tests_seen|true|ignore"),
        DuckDbFile.rows(db, "select * from main.all_models order by 1"));
    // graph.nodes holds the five models, the seed and the two tests.
    assertEquals(List.of("0.75|8"), DuckDbFile.rows(db, "select ratio, node_count from main.ratio"));
    assertEquals(List.of("007"), DuckDbFile.rows(db, "select code from main.codes"));
    // Tests in the graph as dbt_project_evaluator reads them: test_metadata, column_name,
    // attached_node and the test macro in depends_on.macros.
    assertEquals(List.of("has_rows||model.evaluator.all_models|macro.evaluator.test_has_rows",
        "unique|order_no|model.shop.orders|macro.dbt.test_unique"),
        DuckDbFile.rows(db, "select seen from main.tests_seen order by 1"));
  }
}
