package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project with an enforced contract, as public dbt-duckdb projects demonstrate them: one model
 * built, one whose query breaks its contract so it was never built. The pages show the types and
 * constraints the schema YAML declares, and the failure's mismatch table as a table, not one run-on
 * line.
 */
class ContractSiteTest {

  static final String MANIFEST = """
      {
        "metadata": {"project_name": "shop"},
        "nodes": {
          "model.shop.orders": {
            "unique_id": "model.shop.orders", "resource_type": "model", "name": "orders",
            "config": {"materialized": "table", "contract": {"enforced": true}},
            "constraints": [{"type": "primary_key", "columns": ["order_id"]}],
            "columns": {
              "order_id": {"name": "order_id", "data_type": "bigint",
                           "constraints": [{"type": "not_null"}]},
              "amount": {"name": "amount", "data_type": "decimal(10,2)",
                         "constraints": [{"type": "check", "expression": "amount >= 0"}]}
            },
            "depends_on": {"nodes": []}
          },
          "model.shop.orders_broken": {
            "unique_id": "model.shop.orders_broken", "resource_type": "model",
            "name": "orders_broken",
            "config": {"materialized": "table", "contract": {"enforced": true}},
            "columns": {
              "order_id": {"name": "order_id", "data_type": "bigint"},
              "status": {"name": "status", "data_type": "varchar"}
            },
            "depends_on": {"nodes": []},
            "column_lineage": {
              "id": {"complete": true, "sources": [], "kind": "constant"},
              "status": {"complete": true, "sources": [], "kind": "constant"}
            }
          },
          "model.shop.plain": {
            "unique_id": "model.shop.plain", "resource_type": "model", "name": "plain",
            "config": {"materialized": "view"},
            "columns": {}, "depends_on": {"nodes": []}
          }
        },
        "sources": {}
      }
      """;

  static final String RUN_RESULTS = """
      {
        "metadata": {"generated_at": "2026-11-20T10:00:05Z"},
        "results": [
          {"unique_id": "model.shop.orders", "status": "success", "execution_time": 0.1,
           "timing": [{"name": "execute", "started_at": "2026-11-20T10:00:00Z",
                       "completed_at": "2026-11-20T10:00:01Z"}],
           "message": "OK"},
          {"unique_id": "model.shop.orders_broken", "status": "error", "execution_time": 0.01,
           "timing": [{"name": "execute", "started_at": "2026-11-20T10:00:00Z",
                       "completed_at": "2026-11-20T10:00:01Z"}],
           "message": "the enforced contract of model orders_broken is not met\\n| column_name | mismatch_reason       |\\n| ----------- | --------------------- |\\n| order_id    | missing in definition |\\n| id          | missing in contract   |"}
        ]
      }
      """;

  static final String CATALOG = """
      {
        "nodes": {
          "model.shop.orders": {
            "metadata": {"type": "BASE TABLE", "schema": "main", "name": "orders"},
            "columns": {
              "order_id": {"type": "BIGINT", "index": 1, "name": "order_id"},
              "amount": {"type": "DECIMAL(10,2)", "index": 2, "name": "amount"}
            },
            "stats": {}
          }
        },
        "sources": {}
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
    Files.writeString(target.resolve("run_results.json"), RUN_RESULTS);
    Files.writeString(target.resolve("catalog.json"), CATALOG);
    site = target.resolve("docs");
    DocsSite.generate(target, null, site);
  }

  private String page(String relative) throws IOException {
    return Files.readString(site.resolve(relative));
  }

  private static String row(String html, String column) {
    String from = html.substring(html.indexOf("id=\"column-" + column + "\""));
    return from.substring(0, from.indexOf("</tr>"));
  }

  @Test
  void aModelNeverBuiltShowsTheTypesItsContractDeclares() throws IOException {
    String html = page("nodes/model.shop.orders_broken.html");
    assertTrue(row(html, "status").contains("<span class=\"type\">varchar</span>"),
        row(html, "status"));
    assertTrue(row(html, "order_id").contains("<span class=\"type\">bigint</span>"),
        "declared, not in the query: " + row(html, "order_id"));
    // Only in the query: nothing declares its type.
    assertFalse(row(html, "id").contains("class=\"type\""), row(html, "id"));
    // Built: the warehouse's type wins over the declared one.
    String built = page("nodes/model.shop.orders.html");
    assertTrue(row(built, "amount").contains("<span class=\"type\">DECIMAL(10,2)</span>"));
  }

  @Test
  void aMultiLineErrorKeepsItsTableOnTheNodePageAndTheOverview() throws IOException {
    String table = "| column_name | mismatch_reason       |\n"
        + "| ----------- | --------------------- |\n"
        + "| order_id    | missing in definition |\n"
        + "| id          | missing in contract   |";
    String node = page("nodes/model.shop.orders_broken.html");
    assertTrue(node.contains("<strong>Error:</strong> the enforced contract of model orders_broken"
        + " is not met<pre class=\"message-detail\">" + table + "</pre>"), node);
    String overview = page("index.html");
    assertTrue(overview.contains("the enforced contract of model orders_broken is not met"
        + "<pre class=\"message-detail\">" + table + "</pre>"), overview);
    // The status pill's tooltip is the first line only.
    assertTrue(overview.contains("title=\"the enforced contract of model orders_broken is not met\""),
        overview);
  }

  @Test
  void constraintsAndAnEnforcedContractAreShown() throws IOException {
    String html = page("nodes/model.shop.orders.html");
    String orderId = row(html, "order_id");
    assertTrue(orderId.contains(">not null</span>") && orderId.contains(">primary key</span>"),
        orderId);
    assertTrue(row(html, "amount").contains(">check amount &gt;= 0</span>"), row(html, "amount"));
    assertEquals(1, html.split("<dt>Contract</dt>", -1).length - 1, "one contract fact");
    assertFalse(page("nodes/model.shop.plain.html").contains("<dt>Contract</dt>"));
  }

  @Test
  void longPathsAndRelationsInTheFactsBreakAfterSlashesDotsAndUnderscores() {
    assertEquals("models/<wbr>marts/<wbr>finance/<wbr>fct_<wbr>account_<wbr>month_<wbr>mrr.<wbr>sql",
        Fact.of("Defined in", "models/marts/finance/fct_account_month_mrr.sql").valueHtml());
    assertEquals("&quot;main&quot;.<wbr>&quot;fct_<wbr>account_<wbr>month_<wbr>mrr&quot;",
        Fact.of("Relation", "\"main\".\"fct_account_month_mrr\"").valueHtml());
    // Short values and sentences are left alone (and still escaped).
    assertEquals("table", Fact.of("Materialization", "table").valueHtml());
    assertEquals("enforced: names and types checked at build",
        Fact.of("Contract", "enforced: names and types checked at build").valueHtml());
    assertEquals("a &lt;b&gt;", Fact.of("x", "a <b>").valueHtml());
  }
}
