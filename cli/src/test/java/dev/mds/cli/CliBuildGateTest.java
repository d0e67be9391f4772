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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code mds build} as a pre-merge gate: DAG order, skipping what is downstream of a failed test,
 * write-audit-publish for tables, exit codes, JUnit XML and target/summary.md.
 */
class CliBuildGateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /**
   * Orders from a seed: a staging view and an audited table, each with its unique test, and a
   * report view on top; a separate branch (markets) that nothing there depends on.
   */
  private TempProject shop() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", """
            market,order_no,amount
            UK,1,10
            UK,2,15
            DE,1,20
            """)
        .file("seeds/raw_markets.csv", "market\nUK\nDE\n")
        .file("models/stg_orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/orders.sql", """
            {{ config(materialized='table') }}
            select market, order_no, amount from {{ ref('stg_orders') }}
            """)
        .file("models/revenue.sql",
            "select market, sum(amount) as revenue from {{ ref('orders') }} group by market\n")
        .file("models/markets.sql", "select * from {{ ref('raw_markets') }}\n")
        .file("models/schema.yml", """
            models:
              - name: stg_orders
                tests:
                  - unique:
                      columns: [market, order_no]
              - name: orders
                tests:
                  - unique:
                      columns: [market, order_no]
                columns:
                  - name: amount
                    tests: [not_null]
              - name: markets
                columns:
                  - name: market
                    tests: [unique]
            """);
  }

  private Path database() {
    return dir.resolve("shop.duckdb");
  }

  /** Today's export repeats order UK 2. */
  private static void duplicateArrives(TempProject project) {
    project.file("seeds/raw_orders.csv", project.read("seeds/raw_orders.csv") + "UK,2,99\n");
  }

  /** Each result in target/run_results.json as its status, by the node's name. */
  private static Map<String, String> statuses(TempProject project) throws Exception {
    Map<String, String> statuses = new TreeMap<>();
    for (JsonNode result : JSON.readTree(project.path("target/run_results.json").toFile())
        .get("results")) {
      String id = result.get("unique_id").asText();
      statuses.put(id.substring(id.lastIndexOf('.') + 1), result.get("status").asText());
    }
    return statuses;
  }

  /** The index of the first console line containing {@code text}. */
  private static int line(CliRun run, String text) {
    List<String> lines = run.out().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line with '" + text + "':\n" + run.describe());
  }

  @Test
  void buildRunsSeedsModelsAndTheirTestsInDependencyOrder() throws Exception {
    TempProject project = shop();

    CliRun run = mds("build", "--project-dir", project.dir(), "--threads", "4").assertOk();

    int seedDone = line(run, " OK seed \"main\".\"raw_orders\"");
    int stagingStart = line(run, " START view model \"main\".\"stg_orders\"");
    int stagingDone = line(run, " OK view model \"main\".\"stg_orders\"");
    int stagingTestStart = line(run, " START unique_stg_orders_market__order_no ");
    int stagingTestDone = line(run, " PASS unique_stg_orders_market__order_no ");
    int ordersStart = line(run, " START table model \"main\".\"orders\"");
    int ordersTestDone = line(run, " PASS unique_orders_market__order_no ");
    int ordersDone = line(run, " OK table model \"main\".\"orders\"");
    int revenueStart = line(run, " START view model \"main\".\"revenue\"");
    assertTrue(seedDone < stagingStart, run::describe);
    assertTrue(stagingDone < stagingTestStart, run::describe);
    // A model's children wait for the tests on it.
    assertTrue(stagingTestDone < ordersStart, run::describe);
    // An audited table's tests run inside its build (they are reported with it), and its
    // children wait for both.
    assertTrue(ordersStart < ordersTestDone, run::describe);
    assertTrue(ordersDone < revenueStart && ordersTestDone < revenueStart, run::describe);
    assertTrue(run.out().contains("Done. PASS=10 WARN=0 ERROR=0 SKIP=0 TOTAL=10"),
        run::describe);
    assertEquals(List.of("DE|20", "UK|25"),
        DuckDbFile.rows(database(), "select * from revenue order by 1"));
  }

  @Test
  void aFailingTestOnAViewSkipsEverythingDownstreamAndExitsOne() throws Exception {
    TempProject project = shop();
    duplicateArrives(project);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> statuses = statuses(project);
    assertEquals("success", statuses.get("stg_orders"), statuses::toString);
    assertEquals("fail", statuses.get("unique_stg_orders_market__order_no"));
    for (String downstream : List.of("orders", "unique_orders_market__order_no",
        "not_null_orders_amount", "revenue")) {
      assertEquals("skipped", statuses.get(downstream), downstream + " in " + statuses);
    }
    assertEquals("success", statuses.get("markets"), "the other branch still builds");
    assertEquals("pass", statuses.get("unique_markets_market"));
    assertTrue(run.out().contains(" SKIP table model \"main\".\"orders\""), run::describe);
    assertTrue(run.out().contains("Done. PASS=5 WARN=0 ERROR=1 SKIP=4 TOTAL=10"), run::describe);
    assertFalse(DuckDbFile.relations(database()).contains("main.orders:BASE TABLE"));
  }

  /** The orders table built from good data, then a seed that makes its new version fail. */
  private TempProject auditedOrders() {
    TempProject project = shop();
    // Only the table is tested, so that its audit is what stops the duplicate.
    project.file("models/schema.yml", """
        models:
          - name: orders
            tests:
              - unique:
                  columns: [market, order_no]
        """);
    mds("build", "--project-dir", project.dir()).assertOk();
    duplicateArrives(project);
    return project;
  }

  @Test
  void anAuditedTableKeepsYesterdaysRowsWhenItsNewDataFailsItsTests() throws Exception {
    TempProject project = auditedOrders();

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(List.of("DE|1|20", "UK|1|10", "UK|2|15"),
        DuckDbFile.rows(database(), "select * from orders order by all"));
    assertEquals(List.of("4"), DuckDbFile.rows(database(), "select count(*) from stg_orders"),
        "views are not audited");
    assertTrue(run.out().contains(" ERROR table model \"main\".\"orders\""), run::describe);
    assertTrue(run.out().contains("audit failed: unique_orders_market__order_no fails on the new"
        + " data, so \"main\".\"orders\" keeps its previous version"), run::describe);
    assertTrue(run.out().contains(" FAIL 1 unique_orders_market__order_no "), run::describe);
    assertTrue(run.out().contains(" SKIP view model \"main\".\"revenue\""), run::describe);
    Map<String, String> statuses = statuses(project);
    assertEquals("error", statuses.get("orders"));
    assertEquals("fail", statuses.get("unique_orders_market__order_no"));
    assertEquals("skipped", statuses.get("revenue"));
    assertEquals(List.of("DE|20", "UK|25"),
        DuckDbFile.rows(database(), "select * from revenue order by 1"),
        "the report still shows yesterday's numbers");
  }

  @Test
  void withNoAuditTheBadDataIsPublishedAndOnlyDownstreamIsSkipped() throws Exception {
    TempProject project = auditedOrders();

    CliRun run = mds("build", "--project-dir", project.dir(), "--no-audit");

    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(List.of("4"), DuckDbFile.rows(database(), "select count(*) from orders"));
    Map<String, String> statuses = statuses(project);
    assertEquals("success", statuses.get("orders"));
    assertEquals("fail", statuses.get("unique_orders_market__order_no"));
    assertEquals("skipped", statuses.get("revenue"));
  }

  @Test
  void anAuditedIncrementalModelKeepsItsRowsWhenANewBatchFailsItsTests() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "market,order_no,batch\nUK,1,1\nDE,1,1\n")
        .file("models/orders.sql", """
            {{ config(materialized='incremental') }}
            select * from {{ ref('raw_orders') }}
            {% if is_incremental() %}
            where batch > (select max(batch) from {{ this }})
            {% endif %}
            """)
        .file("models/schema.yml", """
            models:
              - name: orders
                tests:
                  - unique:
                      columns: [market, order_no]
            """);
    mds("build", "--project-dir", project.dir()).assertOk();

    // Batch 2 repeats UK 1.
    project.file("seeds/raw_orders.csv", project.read("seeds/raw_orders.csv") + "UK,1,2\nUK,2,2\n");
    CliRun rejected = mds("build", "--project-dir", project.dir());

    assertEquals(1, rejected.exitCode(), rejected::describe);
    assertTrue(rejected.out().contains("keeps its previous version"), rejected::describe);
    assertEquals(List.of("DE|1|1", "UK|1|1"),
        DuckDbFile.rows(database(), "select * from orders order by all"));

    // The corrected batch 2 goes in.
    project.file("seeds/raw_orders.csv", "market,order_no,batch\nUK,1,1\nDE,1,1\nUK,2,2\n");
    mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("DE|1|1", "UK|1|1", "UK|2|2"),
        DuckDbFile.rows(database(), "select * from orders order by all"));
  }

  // --- the reports a CI system reads -------------------------------------------------------------

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static Element testcase(Document xml, String name) {
    NodeList cases = xml.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element element = (Element) cases.item(i);
      if (element.getAttribute("name").equals(name)) {
        return element;
      }
    }
    throw new AssertionError("no testcase " + name);
  }

  @Test
  void junitXmlCountsMatchTheConsoleSummaryAndFailuresCarryTheirRows() throws Exception {
    TempProject project = auditedOrders();
    project.file("models/schema.yml", project.read("models/schema.yml") + """
          - name: markets
            columns:
              - name: market
                tests:
                  - accepted_values:
                      values: [UK]
                      config: {severity: warn}
        """);
    Path junit = dir.resolve("reports/junit.xml");

    CliRun run = mds("build", "--project-dir", project.dir(), "--junit-xml", junit.toString());

    assertEquals(1, run.exitCode(), run::describe);
    Matcher done = Pattern.compile("Done\\. PASS=(\\d+) WARN=(\\d+) ERROR=(\\d+) SKIP=(\\d+)"
        + " TOTAL=(\\d+)").matcher(run.out());
    assertTrue(done.find(), run::describe);
    int pass = Integer.parseInt(done.group(1));
    int warn = Integer.parseInt(done.group(2));
    int error = Integer.parseInt(done.group(3));
    int skip = Integer.parseInt(done.group(4));
    int total = Integer.parseInt(done.group(5));
    assertEquals(List.of(4, 1, 2, 1, 8), List.of(pass, warn, error, skip, total), run::describe);

    Document xml = xml(junit);
    for (String element : List.of("testsuites", "testsuite")) {
      Element counts = (Element) xml.getElementsByTagName(element).item(0);
      assertEquals(total, Integer.parseInt(counts.getAttribute("tests")), element);
      assertEquals(error, Integer.parseInt(counts.getAttribute("failures"))
          + Integer.parseInt(counts.getAttribute("errors")), element);
      assertEquals(skip, Integer.parseInt(counts.getAttribute("skipped")), element);
    }
    assertEquals(total, xml.getElementsByTagName("testcase").getLength());
    assertEquals(1, xml.getElementsByTagName("failure").getLength());
    assertEquals(1, xml.getElementsByTagName("error").getLength());
    assertEquals(skip, xml.getElementsByTagName("skipped").getLength());
    Element failure = (Element) testcase(xml, "unique_orders_market__order_no")
        .getElementsByTagName("failure").item(0);
    assertEquals("Got 1 result, configured to fail if != 0", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("market\torder_no\tn_records\nUK\t2\t2"),
        failure.getTextContent());
    assertTrue(failure.getTextContent().contains(
        "target/compiled/shop/models/schema.yml/unique_orders_market__order_no.sql"),
        failure.getTextContent());
    String audit = ((Element) testcase(xml, "orders").getElementsByTagName("error").item(0))
        .getAttribute("message");
    assertTrue(audit.startsWith("audit failed:"), audit);

    String summary = project.read("target/summary.md");
    assertTrue(summary.startsWith("## mds build: 2 failures"), summary);
    assertTrue(summary.contains("| " + pass + " | " + warn + " | " + error + " | " + skip + " | "
        + total + " |"), summary);
    assertTrue(summary.contains("- **test unique_orders_market__order_no** (`models/schema.yml`):"
        + " Got 1 result, configured to fail if != 0"), summary);
    assertTrue(summary.contains("| UK | 2 | 2 |"), summary);
    assertTrue(summary.contains("- **model orders** (`models/orders.sql`): audit failed:"),
        summary);
    assertTrue(summary.contains("### Skipped\n\n- `model revenue`"), summary);
    assertTrue(summary.contains("### Warnings\n\n- **test accepted_values_markets_market__UK**"),
        summary);
  }

  @Test
  void aPassingBuildWritesAPassingReport() throws Exception {
    TempProject project = shop();
    Path junit = dir.resolve("junit.xml");

    mds("build", "--project-dir", project.dir(), "--junit-xml", junit.toString()).assertOk();

    Element suite = (Element) xml(junit).getElementsByTagName("testsuite").item(0);
    assertEquals(List.of("10", "0", "0", "0"), List.of(suite.getAttribute("tests"),
        suite.getAttribute("failures"), suite.getAttribute("errors"),
        suite.getAttribute("skipped")));
    assertTrue(project.read("target/summary.md").startsWith("## mds build: passed"));
    assertTrue(Files.isRegularFile(project.path("target/run_results.json")));
  }
}
