package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site generated from hand-written artifacts of a small "shop" project. */
class DocsSiteTest {

  @TempDir
  Path dir;
  Path target;
  Path site;

  static final String MANIFEST = """
      {
        "metadata": {"project_name": "shop", "mds_version": "9.9.9"},
        "nodes": {
          "seed.shop.raw_orders": {
            "unique_id": "seed.shop.raw_orders", "resource_type": "seed", "name": "raw_orders",
            "original_file_path": "seeds/raw_orders.csv", "fqn": ["shop", "raw_orders"],
            "relation_name": "\\"main\\".\\"raw_orders\\"", "description": "", "config": {},
            "tags": ["raw"], "meta": {}, "columns": {}, "depends_on": {"nodes": []}
          },
          "model.shop.stg_orders": {
            "unique_id": "model.shop.stg_orders", "resource_type": "model", "name": "stg_orders",
            "original_file_path": "models/staging/stg_orders.sql",
            "fqn": ["shop", "staging", "stg_orders"], "relation_name": "\\"main\\".\\"stg_orders\\"",
            "description": "Orders <script>alert(1)</script> see [details](javascript:alert(2)).",
            "config": {"materialized": "view"}, "tags": ["staging"], "meta": {},
            "columns": {
              "id": {"name": "id", "description": "The **order** id.", "meta": {}},
              "legacy_code": {"name": "legacy_code", "description": "Documented, not built.", "meta": {}}
            },
            "depends_on": {"nodes": ["seed.shop.raw_orders"], "macros": ["macro.shop.cents_to_units"]},
            "raw_code": "select id, {{ cents_to_units('amount_cents') }} as amount from {{ ref('raw_orders') }}",
            "compiled_code": "select id, round(amount_cents / 100.0, 2) as amount from \\"main\\".\\"raw_orders\\""
          },
          "model.shop.customers": {
            "unique_id": "model.shop.customers", "resource_type": "model", "name": "customers",
            "original_file_path": "models/marts/customers.sql", "fqn": ["shop", "marts", "customers"],
            "relation_name": "\\"main\\".\\"customers\\"", "description": "One row per customer.",
            "config": {"materialized": "table", "meta": {"owner": "finance@shop.example", "tier": 1}},
            "tags": ["marts"], "meta": {"owner": "finance@shop.example", "tier": 1}, "columns": {},
            "depends_on": {"nodes": ["model.shop.stg_orders", "source.shop.crm.customers"]},
            "raw_code": "select 1"
          },
          "test.shop.not_null_stg_orders_id": {
            "unique_id": "test.shop.not_null_stg_orders_id", "resource_type": "test",
            "name": "not_null_stg_orders_id", "original_file_path": "models/staging/schema.yml",
            "fqn": ["shop", "not_null_stg_orders_id"], "description": "", "config": {}, "tags": [],
            "meta": {}, "columns": {}, "depends_on": {"nodes": ["model.shop.stg_orders"]},
            "test_metadata": {"name": "not_null", "kwargs": {"column_name": "id"}},
            "attached_node": "model.shop.stg_orders", "column_name": "id",
            "compiled_code": "select * from \\"main\\".\\"stg_orders\\" where id is null"
          },
          "test.shop.unique_stg_orders_id": {
            "unique_id": "test.shop.unique_stg_orders_id", "resource_type": "test",
            "name": "unique_stg_orders_id", "original_file_path": "models/staging/schema.yml",
            "fqn": ["shop", "unique_stg_orders_id"], "description": "", "config": {}, "tags": [],
            "meta": {}, "columns": {}, "depends_on": {"nodes": ["model.shop.stg_orders"]},
            "test_metadata": {"name": "unique", "kwargs": {"column_name": "id"}},
            "attached_node": "model.shop.stg_orders", "column_name": "id"
          }
        },
        "sources": {
          "source.shop.crm.customers": {
            "unique_id": "source.shop.crm.customers", "resource_type": "source", "name": "customers",
            "source_name": "crm", "source_description": "The CRM's nightly export.",
            "original_file_path": "models/staging/sources.yml", "fqn": ["shop", "crm", "customers"],
            "relation_name": "\\"crm\\".\\"customers\\"", "description": "Customers as the CRM has them.",
            "config": {}, "tags": [], "meta": {}, "columns": {}, "depends_on": {"nodes": []}
          }
        },
        "macros": {
          "macro.shop.cents_to_units": {"name": "cents_to_units", "original_file_path": "macros/money.sql"}
        },
        "docs": {
          "doc.shop.__overview__": {"name": "__overview__", "block_contents": "# Shop analytics\\n\\nEverything about **orders**."}
        }
      }
      """;

  static final String RUN_RESULTS = """
      {
        "metadata": {"generated_at": "2026-11-20T10:00:05Z"},
        "results": [
          {"unique_id": "model.shop.stg_orders", "status": "success", "execution_time": 0.12,
           "timing": [{"name": "execute", "started_at": "2026-11-20T10:00:00Z", "completed_at": "2026-11-20T10:00:01Z"}],
           "message": "OK", "rows_affected": 2},
          {"unique_id": "test.shop.not_null_stg_orders_id", "status": "pass", "execution_time": 0.01,
           "timing": [{"name": "execute", "started_at": "2026-11-20T10:00:02Z", "completed_at": "2026-11-20T10:00:02Z"}],
           "message": "PASS"},
          {"unique_id": "test.shop.unique_stg_orders_id", "status": "fail", "execution_time": 0.01,
           "timing": [{"name": "execute", "started_at": "2026-11-20T10:00:02Z", "completed_at": "2026-11-20T10:00:03Z"}],
           "message": "Got 2 results, configured to fail if != 0"}
        ]
      }
      """;

  static final String CATALOG = """
      {
        "nodes": {
          "model.shop.stg_orders": {
            "metadata": {"type": "VIEW", "schema": "main", "name": "stg_orders"},
            "columns": {
              "ID": {"type": "INTEGER", "index": 1, "name": "ID"},
              "amount": {"type": "DECIMAL(18,2)", "index": 2, "name": "amount"}
            },
            "stats": {}
          },
          "model.shop.customers": {
            "metadata": {"type": "BASE TABLE", "schema": "main", "name": "customers"},
            "columns": {"customer_id": {"type": "BIGINT", "index": 1, "name": "customer_id"}},
            "stats": {"row_count": {"id": "row_count", "value": 12345, "include": true}}
          }
        },
        "sources": {}
      }
      """;

  @BeforeEach
  void artifacts() throws IOException {
    target = dir.resolve("project/target");
    site = target.resolve("docs");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), MANIFEST);
    Files.writeString(target.resolve("run_results.json"), RUN_RESULTS);
    Files.writeString(target.resolve("catalog.json"), CATALOG);
    Files.createDirectories(dir.resolve("project/macros"));
    Files.writeString(dir.resolve("project/macros/money.sql"), """
        {#- money -#}
        {% macro cents_to_units(column) -%}
        round({{ column }} / 100.0, 2)
        {%- endmacro %}
        {% macro other() %}x{% endmacro %}
        """);
  }

  private SiteSummary generate() {
    return DocsSite.generate(target, dir.resolve("project"), site);
  }

  private String page(String relative) throws IOException {
    return Files.readString(site.resolve(relative));
  }

  @Test
  void writesAPagePerNodeAndMacroWithTheSharedFiles() throws IOException {
    SiteSummary summary = generate();

    assertEquals(site.resolve("index.html"), summary.index());
    for (String file : List.of("index.html", "lineage.html", "nodes/model.shop.stg_orders.html",
        "nodes/model.shop.customers.html", "nodes/seed.shop.raw_orders.html",
        "nodes/source.shop.crm.customers.html", "nodes/test.shop.unique_stg_orders_id.html",
        "nodes/macro.shop.cents_to_units.html", "data/nav.js", "data/search.js", "data/graph.js",
        "assets/mds.css", "assets/mds.js", "assets/favicon.svg")) {
      assertTrue(Files.isRegularFile(site.resolve(file)), file);
    }
    assertEquals(9, summary.pages());
    assertEquals(4, summary.graphNodes());
    assertEquals(3, summary.graphEdges());
  }

  @Test
  void hostileDescriptionsRenderAsTextAndUnsafeLinksDisappear() throws IOException {
    generate();
    String html = page("nodes/model.shop.stg_orders.html");

    assertTrue(html.contains("Orders &lt;script&gt;alert(1)&lt;/script&gt; see details."), html);
    assertFalse(html.contains("<script>alert"), html);
    assertFalse(html.contains("javascript:"), html);
    // The search index keeps the words but no markup a browser could act on.
    String search = page("data/search.js");
    assertTrue(search.contains("Orders \\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E"), search);
    assertFalse(search.contains("<"), search);
  }

  @Test
  void modelPageShowsColumnsTypesTestsCodeAndNeighbours() throws IOException {
    generate();
    String html = page("nodes/model.shop.stg_orders.html");

    // Catalog order and types; documented names match case-insensitively.
    assertTrue(html.contains("<code>ID</code>"), html);
    assertTrue(html.contains("INTEGER"), html);
    assertTrue(html.contains("The <strong>order</strong> id."), html);
    assertTrue(html.contains("DECIMAL(18,2)"), html);
    assertTrue(html.contains("<code>legacy_code</code>"), html);
    assertTrue(html.contains("1 of 2 tests passed"), html);
    assertTrue(html.contains("Got 2 results, configured to fail if != 0"), html);
    assertTrue(html.contains("tone-bad"), html);
    assertTrue(html.contains("Compiled SQL"), html);
    assertTrue(html.contains("round(amount_cents / "), html);
    assertTrue(html.contains("cents_to_units"), html);
    assertTrue(html.contains("href=\"../nodes/seed.shop.raw_orders.html\""), html);
    assertTrue(html.contains("href=\"../nodes/model.shop.customers.html\""), html);
    assertTrue(html.contains("datetime=\"2026-11-20T10:00:01Z\""), html);
    assertTrue(html.contains("2026-11-20 10:00 UTC"), html);
    assertTrue(html.contains("data/graph.js"), html);
    assertTrue(html.contains("id=\"lineage\""), html);
  }

  @Test
  void tableModelShowsOwnerMetaAndRowCount() throws IOException {
    generate();
    String html = page("nodes/model.shop.customers.html");

    assertTrue(html.contains("finance@shop.example"), html);
    assertTrue(html.contains("12,345"), html);
    assertTrue(html.contains("Model · table"), html);
    assertTrue(html.contains("<dt>tier</dt><dd>1</dd>"), html);
    assertTrue(html.contains("#marts"), html);
  }

  @Test
  void sourceTestAndMacroPagesSayWhatTheyAre() throws IOException {
    generate();

    String source = page("nodes/source.shop.crm.customers.html");
    assertTrue(source.contains("crm.customers"), source);
    assertTrue(source.contains("The CRM&#39;s nightly export.") || source.contains("The CRM's nightly export."), source);
    String test = page("nodes/test.shop.unique_stg_orders_id.html");
    assertTrue(test.contains("Data test · unique"), test);
    assertTrue(test.contains("Failed"), test);
    assertTrue(test.contains("href=\"../nodes/model.shop.stg_orders.html\""), test);
    String macro = page("nodes/macro.shop.cents_to_units.html");
    assertTrue(macro.replaceAll("<[^>]+>", "").contains("round({{ column }} / 100.0, 2)"), macro);
    assertFalse(macro.contains("other()"), macro);
    assertTrue(macro.contains("Used by"), macro);
    assertTrue(macro.contains("href=\"../nodes/model.shop.stg_orders.html\""), macro);
  }

  @Test
  void overviewShowsTheProjectsIntroductionAndWhatFailed() throws IOException {
    generate();
    String html = page("index.html");

    assertTrue(html.contains("<h1>Shop analytics</h1>"), html);
    assertTrue(html.contains("Needs attention"), html);
    assertTrue(html.contains("unique_stg_orders_id"), html);
    assertTrue(html.contains("1 failing"), html);
  }

  @Test
  void searchIndexCoversNamesDescriptionsColumnsAndTags() throws IOException {
    generate();
    String search = page("data/search.js");

    assertTrue(search.startsWith("window.MDS_SEARCH = ["), search);
    assertTrue(search.contains("\"n\":\"stg_orders\""), search);
    assertTrue(search.contains("\"legacy_code\""), search);
    assertTrue(search.contains("\"customer_id\""), search);
    assertTrue(search.contains("\"g\":[\"marts\"]"), search);
    assertTrue(search.contains("One row per customer."), search);
  }

  @Test
  void lineageDataHoldsLaidOutNodesButNoTests() throws IOException {
    generate();
    String graph = page("data/graph.js");

    assertTrue(graph.startsWith("window.MDS_GRAPH = {"), graph);
    assertTrue(graph.contains("\"model.shop.stg_orders\""), graph);
    assertTrue(graph.contains("\"source.shop.crm.customers\""), graph);
    assertFalse(graph.contains("test.shop."), graph);
  }

  @Test
  void nothingIsFetchedFromTheNetwork() throws IOException {
    generate();
    Pattern remote = Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//|url\\(\\s*['\"]?(https?:)?//"
        + "|@import|fetch\\(|XMLHttpRequest|<link[^>]+preconnect");
    try (Stream<Path> files = Files.walk(site)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file);
        assertFalse(remote.matcher(text).find(), file + " refers to the network");
      }
    }
  }

  @Test
  void regeneratingReplacesTheOldSite() throws IOException {
    generate();
    Files.writeString(site.resolve("nodes/model.shop.deleted.html"), "stale");

    generate();

    assertFalse(Files.exists(site.resolve("nodes/model.shop.deleted.html")));
    assertTrue(Files.exists(site.resolve("index.html")));
  }

  @Test
  void refusesToEmptyAFolderItDidNotWrite() throws IOException {
    Files.createDirectories(site);
    Files.writeString(site.resolve("notes.txt"), "mine");

    DocsException e = assertThrows(DocsException.class, this::generate);

    assertTrue(e.getMessage().contains("is not a site mds generated"), e.getMessage());
    assertTrue(Files.exists(site.resolve("notes.txt")));
  }

  @Test
  void worksWithOnlyAManifest() throws IOException {
    Files.delete(target.resolve("run_results.json"));
    Files.delete(target.resolve("catalog.json"));

    generate();

    assertTrue(page("index.html").contains("No run results yet"));
    assertTrue(page("nodes/model.shop.stg_orders.html").contains("Not run yet"));
  }

  @Test
  void missingManifestSaysWhatToRun() {
    DocsException e = assertThrows(DocsException.class,
        () -> DocsSite.generate(dir.resolve("nowhere"), null, site));

    assertTrue(e.getMessage().contains("mds docs generate"), e.getMessage());
  }
}
