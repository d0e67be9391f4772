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
 * Exposures and analyses end to end: nodes of the graph that selection, {@code ls}, the manifest
 * and the docs see, which {@code run}/{@code build} never build; analyses compile with refs and
 * macros resolved.
 */
class CliExposuresAnalysesTest {

  @TempDir
  Path dir;

  /*
   * raw_orders (seed) -> stg_orders -> revenue -> exposure weekly_revenue (dashboard)
   *                                 -> unused
   * crm.customers (source) ---------------------> exposure churn_notebook (notebook)
   * analyses/top_customers.sql reads revenue; analyses/adhoc/disabled.sql is disabled
   */
  private TempProject project() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,customer,amount_cents\n1,ann,1000\n2,bob,250\n"
            + "3,ann,500\n")
        .file("macros/money.sql", """
            {% macro cents_to_units(column) -%}
            round({{ column }} / 100.0, 2)
            {%- endmacro %}
            """)
        .file("models/stg_orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/revenue.sql", """
            select customer, sum({{ cents_to_units('amount_cents') }}) as revenue
            from {{ ref('stg_orders') }} group by 1
            """)
        .file("models/unused.sql", "select id from {{ ref('stg_orders') }}\n")
        .file("models/schema.yml", """
            sources:
              - name: crm
                tables:
                  - name: customers
            exposures:
              - name: weekly_revenue
                label: Weekly revenue
                type: dashboard
                maturity: high
                url: https://bi.example.com/views/weekly-revenue
                description: Revenue per customer, every Monday.
                owner:
                  name: Ann Finance
                  email: ann@shop.example
                depends_on:
                  - ref('revenue')
                tags: [finance]
                meta: {tool: tableau}
            """)
        .file("models/more/exposures.yml", """
            exposures:
              - name: churn_notebook
                type: notebook
                owner: {email: data@shop.example}
                depends_on: ["source('crm', 'customers')"]
              - name: retired_app
                type: application
                config: {enabled: false}
                depends_on: ["ref('no_such_model')"]
            """)
        .file("analyses/top_customers.sql", """
            select customer, {{ cents_to_units('100') }} as unit
            from {{ ref('revenue') }} order by revenue desc limit 1
            """)
        .file("analyses/adhoc/disabled.sql", """
            {{ config(enabled=false) }}
            select * from {{ ref('nothing_here') }}
            """);
  }

  @Test
  void exposuresAreSelectableAndListedButNeverBuilt() throws Exception {
    TempProject project = project();
    CliRun upstream = mds("ls", "--project-dir", project.dir(), "-s", "+exposure:weekly_revenue");
    upstream.assertOk();
    assertEquals(List.of("shop.raw_orders", "shop.stg_orders", "shop.revenue",
        "exposure:shop.weekly_revenue"), upstream.out().lines().toList(), upstream::describe);

    CliRun byType = mds("ls", "--project-dir", project.dir(), "-s", "resource_type:exposure",
        "-o", "name");
    byType.assertOk();
    assertEquals(List.of("churn_notebook", "weekly_revenue"),
        byType.out().lines().sorted().toList(), byType::describe);

    CliRun all = mds("ls", "--project-dir", project.dir());
    assertTrue(all.out().contains("exposure:shop.more.churn_notebook"), all::describe);
    assertFalse(all.out().contains("retired_app"), "disabled exposures are left out");
    assertTrue(all.out().contains("shop.analysis.top_customers"), all::describe);

    // A model's children include the exposure and the analysis reading it.
    CliRun children = mds("ls", "--project-dir", project.dir(), "-s", "revenue+", "-o", "name");
    assertEquals(List.of("revenue", "top_customers", "weekly_revenue"),
        children.out().lines().sorted().toList(), children::describe);

    // build on the exposure's upstream builds the models, and nothing for exposures/analyses.
    CliRun build = mds("build", "--project-dir", project.dir(), "-s", "+exposure:weekly_revenue");
    build.assertOk();
    JsonNode results = new ObjectMapper().readTree(project.path("target/run_results.json")
        .toFile());
    List<String> ran = new java.util.ArrayList<>();
    results.path("results").forEach(r -> ran.add(r.path("unique_id").asText()));
    assertEquals(List.of("seed.shop.raw_orders", "model.shop.stg_orders", "model.shop.revenue"),
        ran);
    mds("build", "--project-dir", project.dir()).assertOk();
    List<String> relations = DuckDbFile.relations(project.path("shop.duckdb"));
    assertFalse(relations.stream().anyMatch(r -> r.contains("top_customers")
        || r.contains("weekly_revenue")), relations::toString);
    assertTrue(relations.contains("main.revenue:VIEW"), relations::toString);
  }

  @Test
  void manifestHoldsExposuresAndAnalysesInDbtsLayout() throws Exception {
    TempProject project = project();
    CliRun compile = mds("compile", "--project-dir", project.dir());
    compile.assertOk();
    assertTrue(compile.out().contains("1 macro, 2 exposures, 1 analysis"), compile::describe);
    assertTrue(compile.out().contains("and 1 analysis"), compile::describe);
    JsonNode manifest = new ObjectMapper().readTree(project.path("target/manifest.json")
        .toFile());
    JsonNode exposure = manifest.path("exposures").path("exposure.shop.weekly_revenue");
    assertEquals("dashboard", exposure.path("type").asText());
    assertEquals("Weekly revenue", exposure.path("label").asText());
    assertEquals("high", exposure.path("maturity").asText());
    assertEquals("Ann Finance", exposure.path("owner").path("name").asText());
    assertEquals("ann@shop.example", exposure.path("owner").path("email").asText());
    assertEquals("https://bi.example.com/views/weekly-revenue", exposure.path("url").asText());
    assertEquals("[\"model.shop.revenue\"]", exposure.path("depends_on").path("nodes")
        .toString());
    assertEquals("revenue", exposure.path("refs").get(0).path("name").asText());
    assertEquals("[\"finance\"]", exposure.path("tags").toString());
    assertEquals("tableau", exposure.path("meta").path("tool").asText());
    assertEquals("[[\"crm\",\"customers\"]]", manifest.path("exposures")
        .path("exposure.shop.churn_notebook").path("sources").toString());
    assertFalse(manifest.path("nodes").has("exposure.shop.weekly_revenue"));
    assertFalse(manifest.path("exposures").has("exposure.shop.retired_app"));
    assertTrue(manifest.path("child_map").path("model.shop.revenue").toString()
        .contains("exposure.shop.weekly_revenue"));

    JsonNode analysis = manifest.path("nodes").path("analysis.shop.top_customers");
    assertEquals("analysis", analysis.path("resource_type").asText());
    assertEquals("[\"model.shop.revenue\"]", analysis.path("depends_on").path("nodes")
        .toString());
    assertTrue(analysis.path("compiled_code").asText().contains("from \"main\".\"revenue\""),
        analysis::toString);
    assertFalse(manifest.path("nodes").has("analysis.shop.disabled"));

    String compiled = Files.readString(project.path(
        "target/compiled/shop/analyses/top_customers.sql"));
    assertTrue(compiled.contains("round(100 / 100.0, 2) as unit"), compiled);
    assertTrue(compiled.contains("from \"main\".\"revenue\" order by"), compiled);
  }

  @Test
  void compileSelectsAnAnalysisByName() throws Exception {
    TempProject project = project();
    CliRun compile = mds("compile", "--project-dir", project.dir(), "-s", "top_customers");
    compile.assertOk();
    assertTrue(compile.out().contains("Compiled 0 models and 1 analysis"), compile::describe);
    assertTrue(Files.isRegularFile(project.path(
        "target/compiled/shop/analyses/top_customers.sql")));
    assertFalse(Files.exists(project.path("target/compiled/shop/models/revenue.sql")));
    CliRun ls = mds("ls", "--project-dir", project.dir(), "-s", "resource_type:analysis",
        "-o", "path");
    assertEquals(List.of("analyses/top_customers.sql"), ls.out().lines().toList(),
        ls::describe);
  }

  @Test
  void docsShowExposuresWithTheirOwnerAndOnTheModelsTheyRead() throws Exception {
    TempProject project = project();
    mds("build", "--project-dir", project.dir()).assertOk();
    mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    Path nodes = project.path("target/docs/nodes");
    String exposurePage = Files.readString(nodes.resolve("exposure.shop.weekly_revenue.html"));
    assertTrue(exposurePage.contains("Exposure · dashboard"), exposurePage);
    assertTrue(exposurePage.contains("Ann Finance &lt;ann@shop.example&gt;"), exposurePage);
    assertTrue(exposurePage.contains("href=\"https://bi.example.com/views/weekly-revenue\""),
        exposurePage);
    assertTrue(exposurePage.contains("model.shop.revenue.html"), "upstream link");

    // revenue feeds the dashboard directly, stg_orders through revenue; unused feeds nothing.
    String revenue = Files.readString(nodes.resolve("model.shop.revenue.html"));
    assertTrue(revenue.contains("Exposures downstream"), revenue);
    assertTrue(revenue.contains("exposure.shop.weekly_revenue.html"), revenue);
    String staging = Files.readString(nodes.resolve("model.shop.stg_orders.html"));
    assertTrue(staging.contains("Exposures downstream") && staging.contains("indirectly"),
        staging);
    String unused = Files.readString(nodes.resolve("model.shop.unused.html"));
    assertFalse(unused.contains("Exposures downstream"), unused);
    String graph = Files.readString(project.path("target/docs/data/graph.js"));
    assertTrue(graph.contains("exposure.shop.weekly_revenue"), "exposures are in the lineage");
  }

  @Test
  void anExposureOnAnUnknownModelOrWithABadTypeIsOneLineNamingTheFile() {
    TempProject project = project().file("models/more/exposures.yml", """
        exposures:
          - name: churn_notebook
            type: notebook
            depends_on: ["ref('revenu')"]
        """);
    mds("ls", "--project-dir", project.dir()).assertProjectError("models/more/exposures.yml",
        "exposure 'churn_notebook'", "ref('revenu')", "revenue");
    project.file("models/more/exposures.yml", """
        exposures:
          - name: churn_notebook
            type: spreadsheet
        """);
    mds("ls", "--project-dir", project.dir()).assertProjectError("models/more/exposures.yml",
        "type 'spreadsheet'", "dashboard");
  }
}
