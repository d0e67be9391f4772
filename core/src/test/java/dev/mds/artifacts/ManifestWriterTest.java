package dev.mds.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.TempProject;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {

  @TempDir
  Path dir;

  private JsonNode writeAndRead(boolean compile) throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n")
        .file("macros/cents.sql", "{% macro cents(x) %}{{ x }} * 100{% endmacro %}")
        .file("models/docs.md", "{% docs orders %}One row per order.{% enddocs %}")
        .file("models/sources.yml", """
            sources:
              - name: erp
                description: ERP export
                tables:
                  - name: customers
            models:
              - name: orders
                description: "{{ doc('orders') }}"
                columns:
                  - name: id
                    description: Key.
                    data_type: integer
            """)
        .file("models/staging/stg_customers.sql", "select * from {{ source('erp', 'customers') }}")
        .file("models/orders.sql", """
            {{ config(materialized='table', tags=['daily']) }}
            select o.id, {{ cents('amount') }} as cents, c.name
            from {{ ref('raw_orders') }} o join {{ ref('stg_customers') }} c on c.id = o.id
            """);
    ParseResult parsed = ProjectParser.parse(project.load());
    Map<String, CompiledNode> compiled = new HashMap<>();
    if (compile) {
      for (Model model : parsed.manifest().nodesOf(Model.class)) {
        compiled.put(model.uniqueId(), Compiler.offline(parsed).compile(model));
      }
    }
    Path file = ManifestWriter.write(parsed, compiled, "1.2.3");
    assertEquals(project.root().toAbsolutePath().normalize().resolve("target/manifest.json"), file);
    return new ObjectMapper().readTree(file.toFile());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void manifestHasNodesAndSourcesWithTheirUniqueIds() throws Exception {
    JsonNode manifest = writeAndRead(false);

    assertEquals(Set.of("model.shop.orders", "model.shop.stg_customers", "seed.shop.raw_orders"),
        fieldNames(manifest.get("nodes")));
    assertEquals(Set.of("source.shop.erp.customers"), fieldNames(manifest.get("sources")));
    assertEquals("shop", manifest.at("/metadata/project_name").asText());
    assertEquals("1.2.3", manifest.at("/metadata/mds_version").asText());
    assertEquals("duckdb", manifest.at("/metadata/adapter_type").asText());
  }

  @Test
  void nodesDescribeTheirConfigColumnsAndDependencies() throws Exception {
    JsonNode orders = writeAndRead(false).at("/nodes/model.shop.orders");

    assertEquals("model", orders.get("resource_type").asText());
    assertEquals("models/orders.sql", orders.get("original_file_path").asText());
    assertEquals("\"main\".\"orders\"", orders.get("relation_name").asText());
    assertEquals("table", orders.at("/config/materialized").asText());
    assertEquals(List.of("daily"), texts(orders.get("tags")));
    assertEquals("One row per order.", orders.get("description").asText());
    assertEquals("integer", orders.at("/columns/id/data_type").asText());
    assertEquals(List.of("seed.shop.raw_orders", "model.shop.stg_customers"),
        texts(orders.at("/depends_on/nodes")));
    assertEquals(List.of("shop", "orders"), texts(orders.get("fqn")));
    assertTrue(orders.get("raw_code").asText().contains("{{ ref('raw_orders') }}"));
    assertEquals(64, orders.at("/checksum/checksum").asText().length());
    assertFalse(orders.has("compiled_code"));
  }

  @Test
  void compiledNodesCarryTheirCompiledCode() throws Exception {
    JsonNode orders = writeAndRead(true).at("/nodes/model.shop.orders");

    assertTrue(orders.get("compiled").asBoolean());
    assertTrue(orders.get("compiled_code").asText()
        .contains("from \"main\".\"raw_orders\" o join \"main\".\"stg_customers\" c"),
        orders.get("compiled_code").asText());
  }

  @Test
  void parentAndChildMapsListEveryNode() throws Exception {
    JsonNode manifest = writeAndRead(false);
    JsonNode parents = manifest.get("parent_map");
    JsonNode children = manifest.get("child_map");

    assertEquals(Set.of("model.shop.orders", "model.shop.stg_customers", "seed.shop.raw_orders",
        "source.shop.erp.customers"), fieldNames(parents));
    assertEquals(fieldNames(parents), fieldNames(children));
    assertEquals(List.of("model.shop.stg_customers", "seed.shop.raw_orders"),
        texts(parents.get("model.shop.orders")));
    assertEquals(List.of("source.shop.erp.customers"), texts(parents.get("model.shop.stg_customers")));
    assertEquals(List.of("model.shop.stg_customers"), texts(children.get("source.shop.erp.customers")));
    assertEquals(List.of("model.shop.orders"), texts(children.get("seed.shop.raw_orders")));
    assertEquals(List.of(), texts(children.get("model.shop.orders")));
  }

  @Test
  void macrosAndDocsAreListed() throws Exception {
    JsonNode manifest = writeAndRead(false);

    assertEquals("macros/cents.sql",
        manifest.at("/macros/macro.shop.cents/original_file_path").asText());
    assertEquals("One row per order.", manifest.at("/docs/doc.shop.orders/block_contents").asText());
    assertEquals("erp", manifest.at("/sources/source.shop.erp.customers/source_name").asText());
    assertEquals("ERP export",
        manifest.at("/sources/source.shop.erp.customers/source_description").asText());
  }

  /** Config, meta and test arguments come out as the mapper itself would write those values. */
  @Test
  void configMetaAndTestArgumentsAreWrittenAsTheMapperWouldWriteThem() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders.sql", """
            {{ config(materialized='table', meta={'sla_hours': 6, 'ratio': 2.5}) }}
            select 1 as id, 'UK' as market
            """)
        .file("models/schema.yml", """
            models:
              - name: orders
                config:
                  tags: [daily, finance]
                  meta: {owner: ops, tiers: [1, 2.5, "three"], paged: true, deputy: null,
                         contact: {team: data, hours: [9, 17]}}
                columns:
                  - name: market
                    meta: {pii: false, values: [UK, DE]}
                    tests:
                      - accepted_values: {values: [UK, DE], quote: true}
            """);
    ParseResult parsed = ProjectParser.parse(project.load());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode manifest = mapper.readTree(
        ManifestWriter.write(parsed, Map.of(), "1.2.3").toFile());
    Model orders = (Model) parsed.manifest().nodes().get("model.shop.orders");
    dev.mds.graph.DataTest test = parsed.manifest().nodesOf(dev.mds.graph.DataTest.class).get(0);
    JsonNode written = manifest.at("/nodes/model.shop.orders");

    assertEquals(asMapperWrites(orders.config().values()), written.get("config"));
    assertEquals(asMapperWrites(orders.config().meta()), written.get("meta"));
    assertEquals(asMapperWrites(orders.columns().get(0).meta()),
        written.at("/columns/market/meta"));
    assertEquals(asMapperWrites(test.arguments()),
        manifest.at("/nodes/" + test.uniqueId() + "/test_metadata/kwargs"));
    assertEquals("ops", written.at("/meta/owner").asText());
    assertEquals(2.5, written.at("/meta/tiers/1").asDouble());
    assertTrue(written.at("/meta/deputy").isNull());
    assertEquals(17, written.at("/meta/contact/hours/1").asInt());
  }

  /** The value as ObjectMapper writes it, read back (so numbers compare as the file's do). */
  @Test
  void theTreeParsedWhileWritingIsTheFileAndTheFileIsWholeAfterwards() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n")
        .file("models/orders.sql", "select id, amount * 2 as doubled, 'é — ✓' as mark"
            + " from {{ ref('raw_orders') }}");
    ParseResult parsed = ProjectParser.parse(project.load());
    Map<String, CompiledNode> compiled = new HashMap<>();
    for (Model model : parsed.manifest().nodesOf(Model.class)) {
      compiled.put(model.uniqueId(), Compiler.offline(parsed).compile(model));
    }
    ManifestWriter.WrittenManifest written = ManifestWriter.writeAndRead(parsed, compiled, "1.2.3",
        dev.mds.lineage.ProjectLineage.none());

    JsonNode tree = written.tree().get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(new ObjectMapper().readTree(written.file().toFile()), tree);
    assertTrue(tree.at("/nodes/model.shop.orders/compiled_code").asText().contains("'é — ✓'"),
        tree.at("/nodes/model.shop.orders").toString());
  }

  private static JsonNode asMapperWrites(Object value) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    return mapper.readTree(mapper.writeValueAsString(value));
  }
}
