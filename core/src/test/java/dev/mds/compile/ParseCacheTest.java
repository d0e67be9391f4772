package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.TempProject;
import dev.mds.artifacts.ManifestWriter;
import dev.mds.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCacheTest {

  @TempDir
  Path dir;

  private static final String PROJECT = """
      name: shop
      vars:
        country: uk
      """;

  private TempProject shop() {
    return TempProject.in(dir)
        .file("mds_project.yml", PROJECT)
        .file("macros/money.sql", "{% macro cents(c) %}({{ c }} * 100){% endmacro %}")
        .file("models/staging/stg_orders.sql", """
            select {{ cents('amount') }} as amount, '{{ var("country") }}' as country,
              '{{ env_var("MDS_TEST_REGION", "none") }}' as region, '{{ this }}' as me
            """)
        .file("models/marts/orders.sql", """
            {{ config(materialized='table', tags=['a', 'b'], meta={'owner': 'x', 'n': 3}) }}
            select * from {{ ref('stg_orders') }}
            """);
  }

  /** One parse and offline compile of every node, as `mds compile` does it. */
  private record Run(int rendered, String manifest, Map<String, String> sql) {
    String stg() {
      return sql.get("model.shop.stg_orders");
    }
  }

  private static Run run(Project project, Map<String, String> env, boolean partial) {
    ParseResult parsed = ProjectParser.parse(project, env, partial);
    Map<String, CompiledNode> byId = new LinkedHashMap<>();
    Map<String, String> sql = new LinkedHashMap<>();
    for (CompiledNode node : Compiler.offline(parsed)
        .compileAll(parsed.manifest().nodes().keySet())) {
      byId.put(node.uniqueId(), node);
      sql.put(node.uniqueId(), node.sql());
    }
    ObjectNode manifest = ManifestWriter.build(parsed, byId, "test");
    ((ObjectNode) manifest.get("metadata")).remove("generated_at");
    return new Run(parsed.renderedModels(), manifest.toString(), sql);
  }

  private static Run run(Project project) {
    return run(project, Map.of(), true);
  }

  @Test
  void secondParseOfAnUnchangedProjectRendersNothingAndBuildsTheSameManifestAndSql() {
    TempProject project = shop();
    Run first = run(project.load());
    Run second = run(project.load());
    Run uncached = run(project.load(), Map.of(), false);

    assertEquals(2, first.rendered());
    assertEquals(0, second.rendered());
    assertEquals(2, uncached.rendered());
    assertEquals(first.manifest(), second.manifest());
    assertEquals(first.sql(), second.sql());
    assertEquals(first.manifest(), uncached.manifest());
    assertTrue(Files.isRegularFile(project.path("target/partial_parse.json")));
  }

  @Test
  void refsKeepTheirFileAndLineThroughTheCacheWhichStoresOnlyFilesOtherThanTheModels()
      throws Exception {
    TempProject project = shop()
        .file("macros/refs.sql", "{% macro orders_rel() %}{{ ref('orders') }}{% endmacro %}")
        .file("models/marts/report.sql", """
            select *
            from {{ ref('stg_orders') }}, {{ orders_rel() }}
            """);
    ParseResult uncached = ProjectParser.parse(project.load(), Map.of(), false);
    ProjectParser.parse(project.load(), Map.of(), true);
    ParseResult cached = ProjectParser.parse(project.load(), Map.of(), true);

    assertEquals(0, cached.renderedModels());
    var refs = ((dev.mds.graph.Model) cached.manifest().nodes().get("model.shop.report")).refs();
    assertEquals(((dev.mds.graph.Model) uncached.manifest().nodes().get("model.shop.report"))
        .refs(), refs);
    assertEquals(java.util.List.of("models/marts/report.sql", "macros/refs.sql"),
        refs.stream().map(r -> r.file().replace('\\', '/')).toList());
    assertEquals(2, refs.get(0).line());
    String stored = Files.readString(project.path("target/partial_parse.json"));
    assertTrue(stored.contains("macros/refs.sql"), stored);
    assertTrue(!stored.contains("\"file\":\"models/marts/report.sql\"")
        && !stored.contains("packageName"), stored);
  }

  @Test
  void editingTheModelFileRendersItAgain() {
    TempProject project = shop();
    run(project.load());
    project.file("models/staging/stg_orders.sql", "select 2 as edited");

    Run second = run(project.load());

    assertEquals(1, second.rendered());
    assertEquals("select 2 as edited", second.stg().strip());
  }

  @Test
  void aModelReadingTheInvocationDirectlyOrThroughAMacroRendersAgainEachRun() {
    TempProject project = shop()
        .file("macros/stamp.sql", """
            {% macro loaded_by() %}'{{ invocation_id }}'{% endmacro %}
            {% macro plain() %}1{% endmacro %}
            """)
        .file("models/direct.sql", "select '{{ invocation_id }}' as id, {{ plain() }} as one")
        .file("models/through_macro.sql", "select {{ loaded_by() }} as id")
        .file("packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n")
        .file("models/clock.sql", "select '{{ dbt_utils.pretty_time() }}' as at")
        .file("models/neighbour.sql", "select {{ plain() }} as one");
    Run first = run(project.load());
    Run second = run(project.load());

    assertEquals(6, first.rendered());
    // stg_orders, orders and neighbour come from the cache; the three others render again.
    assertEquals(3, second.rendered());
    for (String model : java.util.List.of("direct", "through_macro")) {
      String id = "model.shop." + model;
      assertTrue(!first.sql().get(id).equals(second.sql().get(id)),
          model + " kept the first run's invocation_id: " + second.sql().get(id));
    }
  }

  @Test
  void editingAMacroRendersAgain() {
    TempProject project = shop();
    run(project.load());
    project.file("macros/money.sql", "{% macro cents(c) %}({{ c }} * 1000){% endmacro %}");

    Run second = run(project.load());

    assertEquals(2, second.rendered());
    assertTrue(second.stg().contains("(amount * 1000)"), second.stg());
  }

  @Test
  void changingVarsRendersAgain() {
    TempProject project = shop();
    run(project.load());

    Run withVars = run(project.load(null, "{country: de}"));
    Run without = run(project.load());

    assertEquals(2, withVars.rendered());
    assertTrue(withVars.stg().contains("'de' as country"), withVars.stg());
    assertEquals(2, without.rendered());
    assertTrue(without.stg().contains("'uk' as country"), without.stg());
  }

  @Test
  void changingAnEnvVarTheModelReadsRendersOnlyThatModel() {
    TempProject project = shop();
    run(project.load(), Map.of(), true);

    Run set = run(project.load(), Map.of("MDS_TEST_REGION", "eu"), true);
    Run same = run(project.load(), Map.of("MDS_TEST_REGION", "eu"), true);
    Run unset = run(project.load(), Map.of(), true);

    assertEquals(1, set.rendered());
    assertTrue(set.stg().contains("'eu' as region"), set.stg());
    assertEquals(0, same.rendered());
    assertEquals(1, unset.rendered());
    assertTrue(unset.stg().contains("'none' as region"), unset.stg());
  }

  @Test
  void editingTheProjectFileRendersAgain() {
    TempProject project = shop();
    run(project.load());
    project.file("mds_project.yml", PROJECT.replace("uk", "it"));

    Run second = run(project.load());

    assertEquals(2, second.rendered());
    assertTrue(second.stg().contains("'it' as country"), second.stg());
  }

  @Test
  void aFolderConfigThatChangesTheSchemaRendersAgain() {
    TempProject project = shop();
    run(project.load());
    project.file("mds_project.yml", PROJECT + """
        models:
          shop:
            staging:
              +schema: stg
        """);

    Run second = run(project.load());

    assertEquals(2, second.rendered());
    assertTrue(second.stg().contains("'\"main_stg\".\"stg_orders\"' as me"), second.stg());
    assertTrue(second.sql().get("model.shop.orders").contains("\"main_stg\".\"stg_orders\""),
        second.sql().get("model.shop.orders"));
  }

  @Test
  void schemaYamlThatChangesTheSchemaRendersThatModelAgain() {
    TempProject project = shop();
    run(project.load());
    project.file("models/staging/props.yml", """
        models:
          - name: stg_orders
            config:
              schema: yaml
        """);

    Run second = run(project.load());

    assertEquals(1, second.rendered());
    assertTrue(second.stg().contains("'\"main_yaml\".\"stg_orders\"' as me"), second.stg());
    assertTrue(second.sql().get("model.shop.orders").contains("\"main_yaml\".\"stg_orders\""),
        second.sql().get("model.shop.orders"));
  }

  @Test
  void aCorruptCacheIsIgnored() throws Exception {
    TempProject project = shop();
    Run first = run(project.load());
    for (String corrupt : new String[] {"{not json", "", "{\"format\": 1, \"key\": null}",
        "[1, 2]"}) {
      Files.writeString(project.path("target/partial_parse.json"), corrupt);
      Run again = run(project.load());
      assertEquals(2, again.rendered(), corrupt);
      assertEquals(first.manifest(), again.manifest());
      assertEquals(first.sql(), again.sql());
    }
    String valid = Files.readString(project.path("target/partial_parse.json"));
    String key = valid.substring(valid.indexOf("\"key\":\"") + 7);
    key = key.substring(0, key.indexOf('"'));
    Files.writeString(project.path("target/partial_parse.json"), "{\"format\":1,\"key\":\"" + key
        + "\",\"models\":{\"models/staging/stg_orders.sql\":{\"checksum\":null}}}");
    Run damagedEntry = run(project.load());
    assertEquals(2, damagedEntry.rendered());
    assertEquals(first.sql(), damagedEntry.sql());
    assertEquals(0, run(project.load()).rendered());
  }
}
