package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's pages for the manifest's semantic layer and groups, from a hand-written manifest in
 * dbt's layout: a metric says what it means and where it comes from, a model page lists the
 * metrics computed from it and its group's owner, and YAML text is escaped.
 */
class SemanticPagesTest {

  @TempDir
  Path dir;
  Path target;
  Path site;

  static final String MANIFEST = """
      {
        "metadata": {"project_name": "shop"},
        "nodes": {
          "model.shop.orders": {
            "unique_id": "model.shop.orders", "resource_type": "model", "name": "orders",
            "package_name": "shop", "original_file_path": "models/orders.sql",
            "fqn": ["shop", "orders"], "relation_name": "\\"main\\".\\"orders\\"",
            "description": "One row per order.", "config": {"materialized": "table"},
            "tags": [], "meta": {}, "columns": {}, "depends_on": {"nodes": []},
            "group": "sales", "access": "public", "version": 2, "latest_version": 2
          }
        },
        "sources": {},
        "macros": {},
        "semantic_models": {
          "semantic_model.shop.orders": {
            "name": "orders", "resource_type": "semantic_model", "package_name": "shop",
            "unique_id": "semantic_model.shop.orders", "original_file_path": "models/sl.yml",
            "description": "Orders as facts.",
            "node_relation": {"relation_name": "\\"main\\".\\"orders\\""},
            "defaults": {"agg_time_dimension": "ordered_at"},
            "entities": [{"name": "order_id", "type": "primary", "expr": null}],
            "dimensions": [
              {"name": "ordered_at", "type": "time", "type_params": {"time_granularity": "day"},
               "expr": null},
              {"name": "status", "type": "categorical", "type_params": null, "expr": null}
            ],
            "measures": [{"name": "revenue", "agg": "sum", "expr": "amount",
              "description": "Amount <b>in</b> EUR"}],
            "depends_on": {"macros": [], "nodes": ["model.shop.orders"]}
          }
        },
        "metrics": {
          "metric.shop.revenue": {
            "name": "revenue", "resource_type": "metric", "package_name": "shop",
            "unique_id": "metric.shop.revenue", "original_file_path": "models/sl.yml",
            "label": "Revenue", "description": "Money from **shipped** orders.",
            "type": "simple",
            "type_params": {"measure": {"name": "revenue"}, "input_measures": [{"name": "revenue"}]},
            "filter": {"where_filters": [{"where_sql_template": "{{ Dimension('order_id__status') }} = 'shipped'"}]},
            "depends_on": {"macros": [], "nodes": ["semantic_model.shop.orders"]}
          },
          "metric.shop.revenue_growth": {
            "name": "revenue_growth", "resource_type": "metric", "package_name": "shop",
            "unique_id": "metric.shop.revenue_growth", "original_file_path": "models/sl.yml",
            "label": "Revenue growth", "description": "", "type": "derived",
            "type_params": {"expr": "revenue - last_week", "input_measures": [],
              "metrics": [{"name": "revenue"}, {"name": "revenue", "alias": "last_week",
                "offset_window": "1 week"}]},
            "filter": null,
            "depends_on": {"macros": [], "nodes": ["metric.shop.revenue"]}
          }
        },
        "saved_queries": {},
        "groups": {
          "group.shop.sales": {
            "name": "sales", "resource_type": "group", "package_name": "shop",
            "unique_id": "group.shop.sales", "original_file_path": "models/groups.yml",
            "owner": {"name": "Sales analytics", "email": "sales@example.com"}
          }
        }
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
  void aMetricPageSaysWhatItMeansAndWhereItComesFrom() throws IOException {
    DocsSite.generate(target, dir.resolve("project"), site);
    String html = page("nodes/metric.shop.revenue.html");
    assertTrue(html.contains("Revenue"), html);
    assertTrue(html.contains("Money from <strong>shipped</strong> orders."), html);
    assertTrue(html.contains("Metric · simple"), html);
    assertTrue(html.contains("Dimension(&#39;order_id__status&#39;) }} = &#39;shipped&#39;")
        || html.contains("Dimension(&#x27;order_id__status&#x27;)")
        || html.contains("Dimension('order_id__status') }} = 'shipped'"), html);
    assertTrue(html.contains("status (categorical)"), html);
    assertTrue(html.contains("ordered_at (time, day)"), html);
    assertTrue(html.contains("nodes/semantic_model.shop.orders.html"), html);
    assertTrue(html.contains("nodes/model.shop.orders.html"), html);
    assertFalse(html.contains("Not run yet"), html);

    String derived = page("nodes/metric.shop.revenue_growth.html");
    assertTrue(derived.contains("revenue - last_week"), derived);
    assertTrue(derived.contains("revenue as last_week (offset 1 week)"), derived);
    // Through its input metric, the derived metric reaches the model too.
    assertTrue(derived.contains("nodes/model.shop.orders.html"), derived);
  }

  @Test
  void aModelPageListsItsMetricsGroupOwnerAccessAndVersion() throws IOException {
    DocsSite.generate(target, dir.resolve("project"), site);
    String html = page("nodes/model.shop.orders.html");
    assertTrue(html.contains("Metrics defined on this model"), html);
    assertTrue(html.contains("nodes/metric.shop.revenue.html"), html);
    assertTrue(html.contains("Revenue growth"), html);
    assertTrue(html.contains("nodes/group.shop.sales.html"), html);
    assertTrue(html.contains("Sales analytics") && html.contains("sales@example.com"), html);
    assertTrue(html.contains("public"), html);
    assertTrue(html.contains("2 (latest)"), html);

    String semantic = page("nodes/semantic_model.shop.orders.html");
    assertTrue(semantic.contains("revenue: sum(amount)"), semantic);
    // YAML text inside the page's lists is escaped, never markup.
    assertTrue(semantic.contains("Amount &lt;b&gt;in&lt;/b&gt; EUR"), semantic);
    assertFalse(semantic.contains("<b>in</b>"), semantic);
    assertTrue(page("data/nav.js").contains("Metrics"));
    assertTrue(page("index.html").contains("Metrics"));
  }
}
