package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mds.TempProject;
import dev.mds.graph.Manifest;
import dev.mds.graph.Node;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's generate_schema_name / generate_alias_name decide where nodes are built. */
class NamingMacrosTest {

  @TempDir
  Path dir;

  private static String relation(Manifest manifest, String name) {
    return manifest.nodes().values().stream().filter(n -> n.name().equals(name))
        .map(n -> String.valueOf(n instanceof dev.mds.graph.Model m ? m.relation()
            : ((dev.mds.graph.Seed) n).relation()))
        .findFirst().orElseThrow();
  }

  @Test
  void theProjectsNamingMacrosWinOverDbtsDefaults() {
    TempProject project = TempProject.in(dir)
        .file("macros/naming.sql", """
            {% macro generate_schema_name(custom_schema_name, node) -%}
              {%- if custom_schema_name is none -%}{{ target.schema }}
              {%- elif node.resource_type == 'seed' -%}{{ custom_schema_name | trim }}
              {%- else -%}{{ return(target.schema ~ '_x_' ~ custom_schema_name) }}{%- endif -%}
            {%- endmacro %}
            {% macro generate_alias_name(custom_alias_name=none, node=none) -%}
              {{ (custom_alias_name or node.name) ~ ('_v' if node.fqn | length > 2 else '') }}
            {%- endmacro %}
            """)
        .file("dbt_project.yml", """
            name: shop
            seeds:
              shop:
                +schema: raw
            models:
              shop:
                marts:
                  +schema: marts
            """)
        .file("seeds/customers.csv", "id\n1\n")
        .file("models/marts/orders.sql", "select * from {{ ref('customers') }}\n")
        .file("models/plain.sql", "{{ config(alias='renamed') }}select 1 as x\n");
    Manifest manifest = ProjectParser.parse(project.load(), false).manifest();
    assertEquals("\"raw\".\"customers\"", relation(manifest, "customers"));
    assertEquals("\"main_x_marts\".\"orders_v\"", relation(manifest, "orders"));
    assertEquals("\"main\".\"renamed\"", relation(manifest, "plain"));
  }

  @Test
  void withoutNamingMacrosDbtsDefaultsApply() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\nseeds:\n  shop:\n    +schema: raw\n")
        .file("seeds/customers.csv", "id\n1\n");
    Manifest manifest = ProjectParser.parse(project.load(), false).manifest();
    assertEquals("\"main_raw\".\"customers\"", relation(manifest, "customers"));
  }

  @Test
  void theProjectsGenerateDatabaseNamePutsNodesInAnAttachedDatabase() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\nprofile: shop\n")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: shop.duckdb
                  attach:
                    - path: archive.duckdb
            """)
        .file("macros/naming.sql", """
            {% macro generate_database_name(custom_database_name=none, node=none) -%}
              {{ 'archive' if node.name.startswith('old_') else target.database }}
            {%- endmacro %}
            """)
        .file("models/old_orders.sql", "select 1 as x\n")
        .file("models/orders.sql", "select 1 as x\n");
    Manifest manifest = ProjectParser.parse(project.load(), false).manifest();
    assertEquals("\"archive\".\"main\".\"old_orders\"", relation(manifest, "old_orders"));
    assertEquals("\"main\".\"orders\"", relation(manifest, "orders"));
  }
}
