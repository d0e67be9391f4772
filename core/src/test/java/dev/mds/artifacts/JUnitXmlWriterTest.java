package dev.mds.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.execution.NodeResult;
import dev.mds.execution.RunStatus;
import dev.mds.execution.RunTask;
import dev.mds.execution.TestFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML report and target/summary.md describe a build the way CI systems show it. */
class JUnitXmlWriterTest {

  @TempDir
  Path dir;

  private ParseResult parsed;

  /** A parsed project with a seed, two models and two tests, and an outcome for each node. */
  private RunTask.Outcome outcome(String sampleValue) {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,status\n1,placed\n")
        .file("models/orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/revenue.sql", "select count(*) as n from {{ ref('orders') }}\n")
        .file("models/schema.yml", """
            models:
              - name: orders
                columns:
                  - name: id
                    tests: [unique]
                  - name: status
                    tests:
                      - accepted_values:
                          values: [placed]
                          config: {severity: warn}
            """);
    parsed = ProjectParser.parse(project.load());
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    TestFailures failures = new TestFailures(7, "!= 0", List.of("id", "n_records"),
        List.of(List.of("42", "2"), List.of(sampleValue, "3")),
        "target/compiled/shop/models/schema.yml/unique_orders_id.sql");
    List<NodeResult> results = new ArrayList<>();
    results.add(new NodeResult("seed.shop.raw_orders", RunStatus.SUCCESS, "INSERT 1",
        OptionalLong.of(1), now, now.plusMillis(20), Optional.empty()));
    results.add(new NodeResult("model.shop.orders", RunStatus.SUCCESS, "CREATE VIEW",
        OptionalLong.empty(), now, now.plusMillis(10), Optional.of("select 1")));
    results.add(new NodeResult("test.shop.unique_orders_id", RunStatus.FAIL,
        "Got 7 results, configured to fail if != 0", OptionalLong.of(7), now, now.plusMillis(5),
        Optional.of("select 1"), Optional.of(failures)));
    results.add(new NodeResult("test.shop.accepted_values_orders_status__placed", RunStatus.WARN,
        "Got 1 result, configured to warn if != 0", OptionalLong.of(1), now, now,
        Optional.of("select 1")));
    results.add(new NodeResult("model.shop.revenue", RunStatus.SKIPPED,
        "skipped because an upstream node failed: test.shop.unique_orders_id",
        OptionalLong.empty(), now, now, Optional.empty()));
    results.add(new NodeResult("operation.shop.on-run-end.0", RunStatus.ERROR,
        "on-run-end hook 1 failed: Catalog Error: Table with name \"x\" & <y> does not exist!",
        OptionalLong.empty(), now, now, Optional.of("select * from x")));
    return new RunTask.Outcome(results, Set.of(), List.of(), now, 1.5);
  }

  private static Document parse(Path file) throws Exception {
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
  void reportParsesWithOneTestcasePerNodeAndCountsByStatus() throws Exception {
    RunTask.Outcome outcome = outcome("7");
    Path file = dir.resolve("reports/junit.xml");

    JUnitXmlWriter.write(file, "mds build", parsed.manifest(), outcome);

    Document xml = parse(file);
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertEquals("mds build", suite.getAttribute("name"));
    assertEquals("6", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("errors"));
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals(6, xml.getElementsByTagName("testcase").getLength());
    Element failed = testcase(xml, "unique_orders_id");
    assertEquals("test.shop", failed.getAttribute("classname"));
    assertEquals("models/schema.yml", failed.getAttribute("file"));
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertEquals("Got 7 results, configured to fail if != 0", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("id\tn_records\n42\t2\n7\t3"),
        failure.getTextContent());
    assertTrue(failure.getTextContent().contains(
        "target/compiled/shop/models/schema.yml/unique_orders_id.sql"), failure.getTextContent());
    Element hook = testcase(xml, "operation.shop.on-run-end.0");
    assertTrue(((Element) hook.getElementsByTagName("error").item(0)).getAttribute("message")
        .contains("\"x\" & <y>"));
    assertEquals(1, testcase(xml, "revenue").getElementsByTagName("skipped").getLength());
    assertTrue(testcase(xml, "accepted_values_orders_status__placed")
        .getElementsByTagName("system-out").item(0).getTextContent().startsWith("WARN: Got 1"));
  }

  @Test
  void failingRowsWithControlCharactersStillMakeAReportThatParses() throws Exception {
    RunTask.Outcome outcome = outcome("bell\u0007 nul\u0000 esc\u001B");
    Path file = dir.resolve("junit.xml");

    JUnitXmlWriter.write(file, "mds test", parsed.manifest(), outcome);

    Element failure = (Element) parse(file).getElementsByTagName("failure").item(0);
    assertTrue(failure.getTextContent().contains("bell\\u0007 nul\\u0000 esc\\u001B"),
        failure.getTextContent());
  }

  @Test
  void summaryListsFailuresWithTheirRowsWarningsAndSkips() throws Exception {
    RunTask.Outcome outcome = outcome("a|b");

    Path file = SummaryMarkdownWriter.write(parsed.project(), "build", parsed.manifest(), outcome);

    assertEquals(dir.resolve("target/summary.md"), file);
    String md = Files.readString(file);
    assertTrue(md.startsWith("## mds build: 2 failures\n"), md);
    assertTrue(md.contains("| 2 | 1 | 2 | 1 | 6 | 1.5 s |"), md);
    assertTrue(md.contains("- **test unique_orders_id** (`models/schema.yml`): Got 7 results,"
        + " configured to fail if != 0"), md);
    assertTrue(md.contains("  | id | n_records |\n  | --- | --- |\n  | 42 | 2 |\n  | a\\|b | 3 |"),
        md);
    assertTrue(md.contains("SQL: `target/compiled/shop/models/schema.yml/unique_orders_id.sql`"),
        md);
    assertTrue(md.contains("### Warnings\n\n- **test accepted_values_orders_status__placed**"),
        md);
    assertTrue(md.contains("### Skipped\n\n- `model revenue`: skipped because an upstream node"
        + " failed: test.shop.unique_orders_id"), md);
  }
}
