package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt's semantic layer YAML: semantic models, metrics of every type, saved queries and time
 * spines are parsed, checked against the models and measures they name, and kept in
 * {@code manifest.json} in dbt's layout.
 */
class CliSemanticLayerTest {

  @TempDir
  Path dir;

  static final String SEMANTIC_YAML = """
      models:
        - name: time_spine_daily
          time_spine:
            standard_granularity_column: date_day
          columns:
            - name: date_day
              granularity: day
      semantic_models:
        - name: orders
          description: One row per order.
          model: ref('orders')
          defaults:
            agg_time_dimension: ordered_at
          entities:
            - name: order_id
              type: primary
            - name: customer
              type: foreign
              expr: customer_id
          dimensions:
            - name: ordered_at
              type: time
              type_params:
                time_granularity: day
            - name: status
              type: categorical
          measures:
            - name: revenue
              description: Order amount in EUR.
              agg: sum
              expr: amount
            - name: order_count
              agg: sum
              expr: 1
            - name: buyers
              agg: count_distinct
              expr: customer_id
      metrics:
        - name: revenue
          label: Revenue
          description: Money from shipped orders, in EUR.
          type: simple
          type_params:
            measure: revenue
          filter: |
            {{ Dimension('order_id__status') }} = 'shipped'
        - name: orders
          label: Orders
          type: simple
          type_params:
            measure: order_count
        - name: revenue_per_order
          label: Revenue per order
          type: ratio
          type_params:
            numerator: revenue
            denominator: orders
        - name: revenue_growth
          label: Revenue growth
          type: derived
          type_params:
            expr: revenue - revenue_last_week
            metrics:
              - name: revenue
              - name: revenue
                alias: revenue_last_week
                offset_window: 1 week
        - name: cumulative_revenue
          label: Cumulative revenue
          type: cumulative
          type_params:
            measure: revenue
            cumulative_type_params:
              window: 7 days
        - name: buyer_conversion
          label: Buyer conversion
          type: conversion
          type_params:
            conversion_type_params:
              base_measure: order_count
              conversion_measure: buyers
              entity: customer
      saved_queries:
        - name: weekly_revenue
          query_params:
            metrics: [revenue, orders]
            group_by:
              - TimeDimension('metric_time', 'week')
          exports:
            - name: weekly_revenue
              config:
                export_as: table
      """;

  private TempProject project() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,customer_id,amount,status,ordered_at\n"
            + "1,1,10,shipped,2024-01-01\n2,2,25,placed,2024-01-02\n")
        .file("models/orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/time_spine_daily.sql",
            "select range::date as date_day from range(date '2024-01-01', date '2024-01-08',"
                + " interval 1 day)\n")
        .file("models/semantic.yml", SEMANTIC_YAML);
  }

  @Test
  void semanticModelsMetricsAndSavedQueriesAreKeptInTheManifestInDbtsLayout()
      throws Exception {
    TempProject project = project();
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("7"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select count(*) from main.time_spine_daily"));
    JsonNode manifest = new ObjectMapper().readTree(
        Files.readString(project.path("target/manifest.json")));
    JsonNode orders = manifest.at("/semantic_models/semantic_model.shop.orders");
    assertEquals("semantic_model", orders.at("/resource_type").asText(), manifest::toString);
    assertEquals("[\"model.shop.orders\"]", orders.at("/depends_on/nodes").toString());
    assertEquals("orders", orders.at("/node_relation/alias").asText());
    assertEquals("ordered_at", orders.at("/defaults/agg_time_dimension").asText());
    assertEquals("day", orders.at("/dimensions/0/type_params/time_granularity").asText());
    assertEquals("sum", orders.at("/measures/0/agg").asText());
    assertEquals("amount", orders.at("/measures/0/expr").asText());

    JsonNode revenue = manifest.at("/metrics/metric.shop.revenue");
    assertEquals("simple", revenue.at("/type").asText());
    assertEquals("Revenue", revenue.at("/label").asText());
    assertEquals("revenue", revenue.at("/type_params/measure/name").asText());
    assertEquals("{{ Dimension('order_id__status') }} = 'shipped'",
        revenue.at("/filter/where_filters/0/where_sql_template").asText());
    assertEquals("[\"semantic_model.shop.orders\"]", revenue.at("/depends_on/nodes").toString());

    JsonNode ratio = manifest.at("/metrics/metric.shop.revenue_per_order");
    assertEquals("revenue", ratio.at("/type_params/numerator/name").asText());
    assertEquals("orders", ratio.at("/type_params/denominator/name").asText());
    assertEquals("[\"metric.shop.revenue\",\"metric.shop.orders\"]",
        ratio.at("/depends_on/nodes").toString());
    JsonNode derived = manifest.at("/metrics/metric.shop.revenue_growth");
    assertEquals("revenue - revenue_last_week", derived.at("/type_params/expr").asText());
    assertEquals("1 week", derived.at("/type_params/metrics/1/offset_window").asText());
    assertEquals("7 days", manifest.at("/metrics/metric.shop.cumulative_revenue/type_params"
        + "/cumulative_type_params/window").asText());
    JsonNode conversion = manifest.at("/metrics/metric.shop.buyer_conversion/type_params"
        + "/conversion_type_params");
    assertEquals("order_count", conversion.at("/base_measure/name").asText());
    assertEquals("customer", conversion.at("/entity").asText());

    JsonNode saved = manifest.at("/saved_queries/saved_query.shop.weekly_revenue");
    assertEquals("[\"revenue\",\"orders\"]", saved.at("/query_params/metrics").toString());
    assertEquals("[\"metric.shop.revenue\",\"metric.shop.orders\"]",
        saved.at("/depends_on/nodes").toString());
    assertEquals("table", saved.at("/exports/0/config/export_as").asText());

    assertEquals("date_day", manifest.at("/nodes/model.shop.time_spine_daily/time_spine"
        + "/standard_granularity_column").asText());
  }

  @Test
  void theDocsSiteSaysWhatAMetricMeansAndAModelPageListsItsMetrics() {
    TempProject project = project();
    project.file("models/groups.yml", """
        groups:
          - name: sales
            owner: {name: Sales analytics, email: sales@example.com}
        models:
          - name: orders
            group: sales
            access: public
        """);
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("build", "--project-dir", project.dir()).assertOk();
    mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    String metric = project.read("target/docs/nodes/metric.shop.revenue.html");
    // What "revenue" means: its label, description, type, measure, filter, dimensions, model.
    for (String shown : List.of("Revenue", "Money from shipped orders, in EUR.", "simple",
        "revenue", "Dimension(&#39;order_id__status&#39;) }} = &#39;shipped&#39;",
        "status (categorical)", "ordered_at (time, day)",
        "semantic_model.shop.orders.html", "model.shop.orders.html")) {
      assertTrue(metric.contains(shown) || metric.contains(shown.replace("&#39;", "'")),
          () -> "missing " + shown + " in\n" + metric);
    }
    String ratio = project.read("target/docs/nodes/metric.shop.revenue_per_order.html");
    assertTrue(ratio.contains("metric.shop.orders.html"), ratio);
    String semantic = project.read("target/docs/nodes/semantic_model.shop.orders.html");
    assertTrue(semantic.contains("revenue: sum(amount)"), semantic);
    assertTrue(semantic.contains("customer (foreign, customer_id)"), semantic);
    String model = project.read("target/docs/nodes/model.shop.orders.html");
    assertTrue(model.contains("Metrics defined on this model"), model);
    assertTrue(model.contains("metric.shop.revenue.html"), model);
    assertTrue(model.contains("Revenue per order"), model);
    assertTrue(model.contains("Sales analytics") && model.contains("sales@example.com"), model);
    assertTrue(model.contains("group.shop.sales.html"), model);
    String group = project.read("target/docs/nodes/group.shop.sales.html");
    assertTrue(group.contains("Sales analytics") && group.contains("orders"), group);
    assertTrue(project.read("target/docs/nodes/saved_query.shop.weekly_revenue.html")
        .contains("TimeDimension"));
  }

  @Test
  void lsListsMetricsSemanticModelsAndSavedQueries() {
    TempProject project = project();
    CliRun all = mds("ls", "--project-dir", project.dir());
    all.assertOk();
    assertTrue(all.out().contains("model:shop.orders") || all.out().contains("shop.orders"),
        all::describe);
    assertTrue(all.out().contains("semantic_model:shop.orders"), all::describe);
    assertTrue(all.out().contains("metric:shop.revenue_per_order"), all::describe);
    assertTrue(all.out().contains("saved_query:shop.weekly_revenue"), all::describe);
    CliRun metrics = mds("ls", "--project-dir", project.dir(), "--resource-type", "metric",
        "-o", "name");
    metrics.assertOk();
    assertEquals(List.of("buyer_conversion", "cumulative_revenue", "orders", "revenue",
        "revenue_growth", "revenue_per_order"),
        metrics.out().lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList());
    // A selection of models lists no metrics.
    CliRun models = mds("ls", "--project-dir", project.dir(), "-s", "orders");
    assertTrue(!models.out().contains("metric:"), models::describe);
  }

  @Test
  void aSemanticModelOnAnUnknownModelIsOneLineNamingTheYamlFile() {
    TempProject project = project();
    project.file("models/semantic.yml", SEMANTIC_YAML.replace("ref('orders')",
        "ref('orderz')"));
    mds("compile", "--project-dir", project.dir()).assertProjectError("models/semantic.yml",
        "semantic model 'orders'", "orderz", "did you mean 'orders'");
  }

  @Test
  void aMetricOnAnUnknownMeasureOrMetricIsOneLineNamingTheYamlFile() {
    TempProject project = project();
    project.file("models/semantic.yml", SEMANTIC_YAML.replace(" measure: order_count",
        " measure: order_cnt"));
    mds("compile", "--project-dir", project.dir()).assertProjectError("models/semantic.yml",
        "metric 'orders'", "measure 'order_cnt'", "did you mean 'order_count'");
    project.file("models/semantic.yml", SEMANTIC_YAML.replace("denominator: orders",
        "denominator: order_total"));
    mds("compile", "--project-dir", project.dir()).assertProjectError("models/semantic.yml",
        "metric 'revenue_per_order'", "metric 'order_total'");
  }

  @Test
  void badSemanticDefinitionsAreOneLineEach() {
    TempProject project = project();
    project.file("models/semantic.yml", SEMANTIC_YAML.replace("agg: count_distinct",
        "agg: distinct"));
    mds("compile", "--project-dir", project.dir()).assertProjectError("models/semantic.yml",
        "measure 'buyers'", "agg 'distinct'");
    project.file("models/semantic.yml", SEMANTIC_YAML.replace("type: ratio", "type: fraction"));
    mds("compile", "--project-dir", project.dir()).assertProjectError("models/semantic.yml",
        "metric 'revenue_per_order'", "type 'fraction'");
    project.file("models/semantic.yml", SEMANTIC_YAML.replace("metrics: [revenue, orders]",
        "metrics: [revenue, nope]"));
    mds("compile", "--project-dir", project.dir()).assertProjectError("models/semantic.yml",
        "saved query 'weekly_revenue'", "metric 'nope'");
    project.file("models/semantic.yml", SEMANTIC_YAML.replace(
        "standard_granularity_column: date_day", "standard_granularity_column: day"));
    mds("compile", "--project-dir", project.dir()).assertProjectError("models/semantic.yml",
        "time_spine", "'day'");
  }
}
