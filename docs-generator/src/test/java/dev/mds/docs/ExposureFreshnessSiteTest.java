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
 * Exposures and source freshness on the site, from hand-written artifacts: a dashboard on a mart
 * that reads a staging model that reads two sources, one of them checked stale.
 */
class ExposureFreshnessSiteTest {

  @TempDir
  Path dir;
  Path target;
  Path site;

  static final String MANIFEST = """
      {
        "metadata": {"project_name": "shop", "mds_version": "9.9.9"},
        "nodes": {
          "model.shop.stg_orders": {
            "unique_id": "model.shop.stg_orders", "resource_type": "model", "name": "stg_orders",
            "original_file_path": "models/stg_orders.sql", "fqn": ["shop", "stg_orders"],
            "relation_name": "\\"main\\".\\"stg_orders\\"", "description": "", "config": {},
            "tags": [], "meta": {}, "columns": {},
            "depends_on": {"nodes": ["source.shop.erp.orders", "source.shop.erp.returns"]}
          },
          "model.shop.market_summary": {
            "unique_id": "model.shop.market_summary", "resource_type": "model",
            "name": "market_summary", "original_file_path": "models/market_summary.sql",
            "fqn": ["shop", "market_summary"], "relation_name": "\\"main\\".\\"market_summary\\"",
            "description": "", "config": {}, "tags": [], "meta": {}, "columns": {},
            "depends_on": {"nodes": ["model.shop.stg_orders"]}
          }
        },
        "sources": {
          "source.shop.erp.orders": {
            "unique_id": "source.shop.erp.orders", "resource_type": "source", "name": "orders",
            "source_name": "erp", "original_file_path": "models/sources.yml",
            "fqn": ["shop", "erp", "orders"], "relation_name": "\\"erp\\".\\"orders\\"",
            "description": "", "config": {}, "tags": [], "meta": {}, "columns": {},
            "depends_on": {"nodes": []}, "loaded_at_field": "loaded_at",
            "freshness": {"warn_after": {"count": 12, "period": "hour"},
              "error_after": {"count": 1, "period": "day"}, "filter": null}
          },
          "source.shop.erp.returns": {
            "unique_id": "source.shop.erp.returns", "resource_type": "source", "name": "returns",
            "source_name": "erp", "original_file_path": "models/sources.yml",
            "fqn": ["shop", "erp", "returns"], "relation_name": "\\"erp\\".\\"returns\\"",
            "description": "", "config": {}, "tags": [], "meta": {}, "columns": {},
            "depends_on": {"nodes": []}, "loaded_at_field": "returned_at",
            "freshness": {"warn_after": {"count": null, "period": null},
              "error_after": {"count": 2, "period": "day"}, "filter": "store <> 'test'"}
          },
          "source.shop.erp.stores": {
            "unique_id": "source.shop.erp.stores", "resource_type": "source", "name": "stores",
            "source_name": "erp", "original_file_path": "models/sources.yml",
            "fqn": ["shop", "erp", "stores"], "relation_name": "\\"erp\\".\\"stores\\"",
            "description": "", "config": {}, "tags": [], "meta": {}, "columns": {},
            "depends_on": {"nodes": []}, "freshness": null
          }
        },
        "exposures": {
          "exposure.shop.market_dashboard": {
            "unique_id": "exposure.shop.market_dashboard", "resource_type": "exposure",
            "name": "market_dashboard", "label": "Market <b>summary</b>", "type": "dashboard",
            "maturity": "high", "url": "https://tableau.example.com/views/market",
            "description": "The **weekly** market view.",
            "owner": {"name": "Mia Sales", "email": "mia@shop.example"},
            "original_file_path": "models/exposures.yml", "fqn": ["shop", "market_dashboard"],
            "config": {"enabled": true}, "tags": ["tableau"], "meta": {},
            "depends_on": {"nodes": ["model.shop.market_summary"], "macros": []}
          },
          "exposure.shop.hostile": {
            "unique_id": "exposure.shop.hostile", "resource_type": "exposure", "name": "hostile",
            "type": "application", "url": "javascript:alert(1)", "owner": {"name": null},
            "original_file_path": "models/exposures.yml", "fqn": ["shop", "hostile"],
            "config": {}, "tags": [], "meta": {}, "description": "",
            "depends_on": {"nodes": ["source.shop.erp.stores"]}
          }
        },
        "macros": {}, "docs": {}
      }
      """;

  static final String SOURCES = """
      {
        "metadata": {"generated_at": "2026-11-20T10:00:05Z"},
        "results": [
          {"unique_id": "source.shop.erp.orders", "status": "error",
           "max_loaded_at": "2026-11-18T09:00:00Z", "snapshotted_at": "2026-11-20T10:00:00Z",
           "max_loaded_at_time_ago_in_s": 176400.0,
           "criteria": {"warn_after": {"count": 12, "period": "hour"},
             "error_after": {"count": 1, "period": "day"}, "filter": null}},
          {"unique_id": "source.shop.erp.returns", "status": "runtime error",
           "error": "max(returned_at) is null: the table has no rows"}
        ],
        "elapsed_time": 0.2
      }
      """;

  @BeforeEach
  void artifacts() throws IOException {
    target = dir.resolve("project/target");
    site = target.resolve("docs");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), MANIFEST);
  }

  private String page(String relative) throws IOException {
    return Files.readString(site.resolve(relative));
  }

  @Test
  void exposurePageShowsTypeOwnerLinkAndUpstream() throws IOException {
    SiteSummary summary = DocsSite.generate(target, dir.resolve("project"), site);
    String html = page("nodes/exposure.shop.market_dashboard.html");
    assertTrue(html.contains("Exposure · dashboard"), html);
    assertTrue(html.contains("Market &lt;b&gt;summary&lt;/b&gt;"), "the label, escaped");
    assertTrue(html.contains("Mia Sales &lt;mia@shop.example&gt;"), html);
    assertTrue(html.contains("href=\"https://tableau.example.com/views/market\""), html);
    assertTrue(html.contains("The <strong>weekly</strong> market view."), html);
    assertTrue(html.contains("../nodes/model.shop.market_summary.html"), "upstream: " + html);
    assertTrue(html.contains("id=\"lineage\""), "exposures draw their lineage");

    String hostile = page("nodes/exposure.shop.hostile.html");
    assertFalse(hostile.contains("javascript:"), hostile);
    // Five models and sources, two exposures: all in the lineage graph.
    assertEquals(7, summary.graphNodes());
  }

  @Test
  void modelPagesListTheExposuresDownstreamWithTheirOwners() throws IOException {
    DocsSite.generate(target, dir.resolve("project"), site);
    String mart = page("nodes/model.shop.market_summary.html");
    assertTrue(mart.contains("Exposures downstream"), mart);
    assertTrue(mart.contains("owner Mia Sales &lt;mia@shop.example&gt;"), mart);
    assertFalse(mart.contains("indirectly"), "the mart feeds the dashboard directly");
    String staging = page("nodes/model.shop.stg_orders.html");
    assertTrue(staging.contains("exposure.shop.market_dashboard.html")
        && staging.contains("indirectly"), staging);
    String stores = page("nodes/source.shop.erp.stores.html");
    assertTrue(stores.contains("exposure.shop.hostile.html"), stores);
    assertFalse(stores.contains("market_dashboard"), stores);
    String index = page("index.html");
    assertTrue(index.contains("Exposures"), "the overview browses exposures");
    String nav = page("data/nav.js");
    assertTrue(nav.contains("\"Exposures\""), "the sidebar has its own exposures branch: " + nav);
    assertFalse(nav.substring(nav.indexOf("\"Exposures\"")).contains("\"Macros\""),
        "no macros in this project, so exposures are not filed under them: " + nav);
  }

  @Test
  void sourcePagesAndTheOverviewShowFreshness() throws IOException {
    Files.writeString(target.resolve("sources.json"), SOURCES);
    DocsSite.generate(target, dir.resolve("project"), site);
    String orders = page("nodes/source.shop.erp.orders.html");
    assertTrue(orders.contains("<h2>Freshness</h2>"), orders);
    assertTrue(orders.contains("tone-bad\">error"), orders);
    assertTrue(orders.contains("2d 1h"), "176400 s is 2 days 1 hour: " + orders);
    assertTrue(orders.contains("warn after 12 hours · error after 1 day"), orders);
    assertTrue(orders.contains("<code>loaded_at</code>"), orders);

    String returns = page("nodes/source.shop.erp.returns.html");
    assertTrue(returns.contains("Could not check:</strong> max(returned_at) is null"), returns);
    assertTrue(returns.contains("error after 2 days · where store &lt;&gt; &#39;test&#39;")
        || returns.contains("error after 2 days · where store &lt;&gt; &#x27;test&#x27;"),
        returns);

    assertFalse(page("nodes/source.shop.erp.stores.html").contains("<h2>Freshness</h2>"),
        "a source without a rule has no freshness card");

    String index = page("index.html");
    assertTrue(index.contains("Source freshness"), index);
    assertTrue(index.contains("0 fresh, 0 warn, 2 stale or failing"), index);
    assertTrue(index.contains("erp.orders") && index.contains("erp.returns"), index);
    // The Sources card says it too, and leads to the table.
    assertTrue(index.contains("<a class=\"stat\" href=\"#freshness\"><span class=\"stat-value\">"),
        index);
    assertTrue(index.contains("<span class=\"stat-label\">Sources</span><span class=\"stat-detail"
        + " tone-text-bad\">2 stale</span>"), index);
  }

  @Test
  void withoutSourcesJsonTheRulesShowAsNotChecked() throws IOException {
    DocsSite.generate(target, dir.resolve("project"), site);
    String orders = page("nodes/source.shop.erp.orders.html");
    assertTrue(orders.contains("not checked"), orders);
    assertTrue(orders.contains("mds source freshness"), orders);
    String index = page("index.html");
    assertTrue(index.contains("not checked yet"), index);
    assertTrue(index.contains("<span class=\"stat-label\">Sources</span></a>"), index);
  }
}
