package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column lineage from a hand-written manifest: the columns tables and data/columns.js. */
class ColumnLineageSiteTest {

  static final String MANIFEST = """
      {
        "metadata": {"project_name": "shop"},
        "nodes": {
          "seed.shop.raw_orders": {
            "unique_id": "seed.shop.raw_orders", "resource_type": "seed", "name": "raw_orders",
            "columns": {}, "depends_on": {"nodes": []}
          },
          "model.shop.stg_orders": {
            "unique_id": "model.shop.stg_orders", "resource_type": "model", "name": "stg_orders",
            "columns": {}, "depends_on": {"nodes": ["seed.shop.raw_orders"]},
            "lineage_complete": true,
            "column_lineage": {
              "id": {"complete": true, "sources": [{"node": "seed.shop.raw_orders", "column": "id"}]},
              "amount": {"complete": true,
                         "sources": [{"node": "seed.shop.raw_orders", "column": "amount_cents"}]}
            }
          },
          "model.shop.customers": {
            "unique_id": "model.shop.customers", "resource_type": "model", "name": "customers",
            "columns": {"legacy_code": {"name": "legacy_code", "description": "Gone."}},
            "depends_on": {"nodes": ["model.shop.stg_orders", "source.shop.crm.customers"]},
            "lineage_complete": false,
            "column_lineage": {
              "customer_id": {"complete": true,
                  "sources": [{"node": "source.shop.crm.customers", "column": "customer_id"}]},
              "total": {"complete": false,
                  "sources": [{"node": "model.shop.stg_orders", "column": "amount"}]},
              "loaded_at": {"complete": true, "sources": []}
            },
            "lineage_unknown": ["a PIVOT without an IN list has columns that depend on the data"]
          },
          "model.shop.untraced": {
            "unique_id": "model.shop.untraced", "resource_type": "model", "name": "untraced",
            "columns": {"id": {"name": "id"}}, "depends_on": {"nodes": ["model.shop.stg_orders"]}
          }
        },
        "sources": {
          "source.shop.crm.customers": {
            "unique_id": "source.shop.crm.customers", "resource_type": "source", "name": "customers",
            "source_name": "crm", "columns": {}, "depends_on": {"nodes": []}
          }
        }
      }
      """;

  @TempDir
  Path dir;
  Path site;

  @BeforeEach
  void generate() throws IOException {
    Path target = dir.resolve("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), MANIFEST);
    site = target.resolve("docs");
    DocsSite.generate(target, null, site);
  }

  private String page(String relative) throws IOException {
    return Files.readString(site.resolve(relative));
  }

  private JsonNode script(String relative, String global) throws IOException {
    String text = page(relative);
    String prefix = "window." + global + " = ";
    assertTrue(text.startsWith(prefix), text);
    return new ObjectMapper().readTree(text.substring(prefix.length(), text.lastIndexOf(';')));
  }

  @Test
  void modelColumnsLinkTheirSourcesAndSayWhereLineageIsUnknown() throws IOException {
    String html = page("nodes/model.shop.customers.html");

    assertTrue(html.contains("Derives from"), html);
    assertTrue(html.contains("<a href=\"../nodes/source.shop.crm.customers.html#column-customer_id\">"
        + "crm.customers.customer_id</a>"), html);
    assertTrue(html.contains("<a href=\"../nodes/model.shop.stg_orders.html#column-amount\">"
        + "stg_orders.amount</a>, <span class=\"unknown\" title=\"a PIVOT without an IN list has"
        + " columns that depend on the data\">unknown</span>"), html);
    assertTrue(html.contains("<span class=\"muted\">a constant</span>"), "loaded_at: " + html);
    // Not built, so no catalog: the traced columns come in query order, then the documented one.
    for (String name : List.of("customer_id", "total", "loaded_at", "legacy_code")) {
      assertTrue(html.contains("id=\"column-" + name + "\""), name);
    }
    assertTrue(html.indexOf("column-customer_id") < html.indexOf("column-total")
        && html.indexOf("column-total") < html.indexOf("column-loaded_at")
        && html.indexOf("column-loaded_at") < html.indexOf("column-legacy_code"), html);
    String legacy = html.substring(html.indexOf("id=\"column-legacy_code\""));
    assertTrue(legacy.substring(0, legacy.indexOf("</tr>")).contains(">unknown</span>"), legacy);
    assertTrue(html.contains("data-trace=\"total\""), "column names start a trace");
    assertTrue(html.contains("<option value=\"total\">total</option>"), "the graph's picker");
  }

  @Test
  void pagesWithoutLineageShowNoSourcesColumn() throws IOException {
    assertFalse(page("nodes/seed.shop.raw_orders.html").contains("Derives from"));
    String untraced = page("nodes/model.shop.untraced.html");
    String row = untraced.substring(untraced.indexOf("id=\"column-id\""));
    assertFalse(row.substring(0, row.indexOf("</tr>")).contains("unknown"), row);
  }

  @Test
  void columnGraphHoldsEachColumnsParentsKeyedToTheGraphNodes() throws IOException {
    JsonNode graph = script("data/graph.js", "MDS_GRAPH");
    JsonNode columns = script("data/columns.js", "MDS_COLUMNS");
    List<String> nodeIds = new ArrayList<>();
    graph.path("nodes").forEach(n -> nodeIds.add(n.path(0).asText()));

    int total = find(columns, nodeIds, "model.shop.customers", "total");
    assertEquals(0, columns.path("c").path(total).path(2).asInt(), "total is partly unknown");
    JsonNode parents = columns.path("s").path(total);
    assertEquals(1, parents.size(), parents::toString);
    int amount = find(columns, nodeIds, "model.shop.stg_orders", "amount");
    assertEquals(amount, parents.path(0).asInt());
    assertEquals(find(columns, nodeIds, "seed.shop.raw_orders", "amount_cents"),
        columns.path("s").path(amount).path(0).asInt());
    assertTrue(columns.path("s").path(find(columns, nodeIds, "model.shop.customers",
        "loaded_at")).isEmpty(), "a constant has no parents");
    assertEquals("a PIVOT without an IN list has columns that depend on the data", columns
        .path("u").path(String.valueOf(nodeIds.indexOf("model.shop.customers"))).asText());
    assertEquals(1, columns.path("u").size(), "only customers is incomplete");
  }

  private static int find(JsonNode columns, List<String> nodeIds, String node, String column) {
    int wanted = nodeIds.indexOf(node);
    for (int i = 0; i < columns.path("c").size(); i++) {
      JsonNode entry = columns.path("c").path(i);
      if (entry.path(0).asInt() == wanted && entry.path(1).asText().equals(column)) {
        return i;
      }
    }
    throw new AssertionError(node + "." + column + " not in " + columns);
  }
}
