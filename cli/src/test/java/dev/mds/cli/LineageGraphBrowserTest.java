package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lineage graph of the docs site in headless Chromium (issue 23, items 4-8): fit and the
 * off-screen hint, edges routed around boxes, the canvas drawing of a graph above 400 nodes, the
 * selector box with type filters and the view kept in the URL, skipped and stale marks. The
 * project: two seeds, staging views, marts where one edge skips a layer, a model that fails and
 * one skipped after it, a source, an exposure and a tree of 520 ephemeral models.
 */
class LineageGraphBrowserTest {

  static final Path SCREENSHOTS = Path.of("target", "docs-screenshots");
  static final int BULK = 520;

  @TempDir
  static Path dir;
  static Path project;
  static ChromeDriver browser;

  @BeforeAll
  static void buildAndDocument() throws IOException {
    HeadlessChromium.assumeInstalled();
    project = dir.resolve("graph");
    TempProject files = TempProject.named(project, "graph")
        .file("seeds/raw_customers.csv", "id,name\n1,Ann\n2,Bo\n")
        .file("seeds/raw_orders.csv", "id,customer_id,amount\n1,1,10\n2,2,20\n")
        .file("models/staging/stg_customers.sql", "select id, name from {{ ref('raw_customers') }}")
        .file("models/staging/stg_orders.sql",
            "select id, customer_id, amount from {{ ref('raw_orders') }}")
        .file("models/marts/fct_orders.sql", """
            {{ config(tags=['finance']) }}
            select o.id, o.amount, c.name from {{ ref('stg_orders') }} o
            join {{ ref('stg_customers') }} c on c.id = o.customer_id""")
        .file("models/marts/dim_customers.sql", """
            select c.id, c.name, count(f.id) as orders from {{ ref('stg_customers') }} c
            left join {{ ref('fct_orders') }} f on f.name = c.name group by 1, 2""")
        .file("models/marts/broken.sql",
            "select * from {{ ref('stg_orders') }} join no_such_table using (id)")
        .file("models/marts/after_broken.sql", "select * from {{ ref('broken') }}")
        .file("models/sources.yml", """
            version: 2
            sources:
              - name: crm
                tables:
                  - name: accounts
            exposures:
              - name: weekly_report
                type: dashboard
                owner: {name: Finance}
                depends_on: [ref('fct_orders')]
            groups:
              - name: finance
                owner: {name: Finance}
            models:
              - name: fct_orders
                config:
                  group: finance
            """);
    // A binary tree of ephemeral models under stg_orders: never built, but in the graph.
    files.file("models/bulk/b_0.sql", "{{ config(materialized='ephemeral') }}\n"
        + "select * from {{ ref('stg_orders') }}");
    for (int i = 1; i < BULK; i++) {
      files.file("models/bulk/b_" + i + ".sql", "{{ config(materialized='ephemeral') }}\n"
          + "select * from {{ ref('b_" + (i - 1) / 2 + "') }}");
    }
    CliRun build = mds("build", "--project-dir", project.toString());
    assertNotEquals(0, build.exitCode(), build::describe);
    // Changed after the build: the database no longer holds what the project says.
    files.file("models/staging/stg_customers.sql",
        "select id, upper(name) as name from {{ ref('raw_customers') }}");
    mds("docs", "generate", "--project-dir", project.toString()).assertOk();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static ChromeDriver browser() {
    if (browser == null) {
      browser = HeadlessChromium.start(dir.resolve("chromium-profile"), 1280, 1000);
    }
    browser.manage().window().setSize(new Dimension(1280, 1000));
    return browser;
  }

  private static String url(String page) {
    return project.resolve("target/docs").resolve(page).toUri().toString();
  }

  private static WebDriverWait waiting(ChromeDriver chrome) {
    return new WebDriverWait(chrome, Duration.ofSeconds(15));
  }

  private static Set<String> drawnNames(org.openqa.selenium.WebDriver chrome) {
    Set<String> names = new TreeSet<>();
    for (WebElement node : chrome.findElements(By.cssSelector("#lineage svg .g-node text"))) {
      names.add(node.getAttribute("textContent"));
    }
    return names;
  }

  private static double zoom(ChromeDriver chrome) {
    return Double.parseDouble(chrome.findElement(By.id("lineage")).getAttribute("data-view")
        .split(" ")[0]);
  }

  // Item 5: every point along every edge stays out of every box it does not start or end at.
  private static final String EDGES_UNDER_BOXES = """
      const boxes = Array.from(document.querySelectorAll('#lineage .g-node')).map(function (g) {
        return { i: g.getAttribute('data-i'), r: g.querySelector('rect.g-box').getBoundingClientRect() };
      });
      const G = window.MDS_GRAPH;
      const under = [];
      document.querySelectorAll('#lineage path.g-edge').forEach(function (path, n) {
        const length = path.getTotalLength();
        const m = path.getScreenCTM();
        for (let t = 0; t <= length; t += 2) {
          const p = path.getPointAtLength(t).matrixTransform(m);
          boxes.forEach(function (b) {
            if (p.x > b.r.left + 1 && p.x < b.r.right - 1 && p.y > b.r.top + 1 && p.y < b.r.bottom - 1) {
              under.push(G.nodes[Number(b.i)][1] + ' at ' + Math.round(p.x) + ',' + Math.round(p.y));
            }
          });
        }
      });
      return under;""";

  @Test
  void aNeighbourhoodFitsWholeRoutesEdgesAroundBoxesAndHighlightsTheFocusedEdges() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.graph.dim_customers.html"));
    WebDriverWait wait = waiting(chrome);
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);
    // Upstream seeds are in sight at first: nothing off-screen, no hint.
    assertTrue(drawnNames(chrome).containsAll(List.of("raw_customers", "raw_orders",
        "stg_customers", "fct_orders", "dim_customers")), drawnNames(chrome)::toString);
    assertEquals("0", chrome.findElement(By.id("lineage")).getAttribute("data-offscreen"));
    assertFalse(chrome.findElement(By.cssSelector(".lineage-hint")).isDisplayed());
    // stg_customers -> dim_customers skips fct_orders' layer: it must pass beside it.
    @SuppressWarnings("unchecked")
    List<String> under = (List<String>) chrome.executeScript(EDGES_UNDER_BOXES);
    assertEquals(List.of(), under);
    // The focused node's edges are highlighted: one per parent and child.
    assertEquals(2, chrome.findElements(By.cssSelector("#lineage path.g-edge.focus-edge")).size());
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("graph-neighbourhood.png"));

    for (int i = 0; i < 6; i++) {
      chrome.findElement(By.cssSelector("[data-lineage=zoom-in]")).click();
    }
    wait.until(d -> !d.findElement(By.id("lineage")).getAttribute("data-offscreen").equals("0"));
    WebElement hint = chrome.findElement(By.cssSelector(".lineage-hint"));
    assertTrue(hint.isDisplayed());
    assertTrue(hint.getText().contains("off-screen"), hint.getText());
    hint.findElement(By.tagName("button")).click();
    wait.until(d -> d.findElement(By.id("lineage")).getAttribute("data-offscreen").equals("0"));
    noScriptErrors(chrome);
  }

  @Test
  void depthAllMeansAllAndFitZoomsOutAsFarAsNeeded() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.graph.b_0.html"));
    WebDriverWait wait = waiting(chrome);
    wait.until(d -> d.findElements(By.cssSelector("#lineage .g-node")).size() > 1);
    // Trimmed at first (the whole subtree would be 520 nodes) ...
    String trimmed = new Select(chrome.findElement(By.id("lineage-depth")))
        .getFirstSelectedOption().getAttribute("value");
    assertNotEquals("all", trimmed);
    // ... until someone asks for all of it: then all, on a canvas, and Fit shows all of it.
    new Select(chrome.findElement(By.id("lineage-depth"))).selectByValue("all");
    wait.until(d -> !d.findElements(By.cssSelector("#lineage canvas.g-canvas")).isEmpty());
    assertTrue(chrome.findElement(By.id("lineage-note")).getText().contains("Everything upstream"),
        chrome.findElement(By.id("lineage-note")).getText());
    chrome.findElement(By.cssSelector("[data-lineage=zoom-in]")).click();
    chrome.findElement(By.cssSelector("[data-lineage=fit]")).click();
    wait.until(d -> d.findElement(By.id("lineage")).getAttribute("data-offscreen").equals("0"));
    assertTrue(zoom(chrome) < 0.75, "zoomed out below the old floor: " + zoom(chrome));
    assertTrue(chrome.getCurrentUrl().contains("depth=all"), chrome.getCurrentUrl());
    // The link shows the same view.
    chrome.get(chrome.getCurrentUrl());
    wait.until(d -> !d.findElements(By.cssSelector("#lineage canvas.g-canvas")).isEmpty());
    assertEquals("all", new Select(chrome.findElement(By.id("lineage-depth")))
        .getFirstSelectedOption().getAttribute("value"));
    noScriptErrors(chrome);
  }

  @Test
  void theFullGraphIsDrawnOnACanvasThatPansZoomsAndOpensNodes() {
    ChromeDriver chrome = browser();
    chrome.get(url("lineage.html"));
    WebDriverWait wait = waiting(chrome);
    wait.until(d -> {
      String frames = d.findElement(By.id("lineage")).getAttribute("data-frames");
      return frames != null && Integer.parseInt(frames) > 0;
    });
    assertTrue(chrome.findElements(By.cssSelector("#lineage svg")).isEmpty(),
        "no SVG element per node for a graph this size");
    Number nodes = (Number) chrome.executeScript("return window.MDS_GRAPH.nodes.length;");
    assertTrue(nodes.intValue() > 500, nodes::toString);
    assertEquals("0", chrome.findElement(By.id("lineage")).getAttribute("data-offscreen"));
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("graph-full-canvas.png"));
    String before = chrome.findElement(By.id("lineage")).getAttribute("data-view");
    WebElement host = chrome.findElement(By.id("lineage"));
    new Actions(chrome).moveToElement(host).clickAndHold().moveByOffset(60, 30).release()
        .perform();
    assertNotEquals(before, host.getAttribute("data-view"), "a drag pans");

    // Zoomed in on fct_orders (the wheel keeps the point under the pointer in place): its label
    // is drawn and a click on its box opens its page.
    @SuppressWarnings("unchecked")
    List<Number> at = (List<Number>) chrome.executeScript("""
        const G = window.MDS_GRAPH;
        const i = G.nodes.findIndex(function (n) { return n[1] === 'fct_orders'; });
        const host = document.getElementById('lineage');
        const rect = host.getBoundingClientRect();
        const view = function () { return host.getAttribute('data-view').split(' ').map(Number); };
        let v = view();
        const x = (G.nodes[i][4] + G.nw / 2) * v[0] + v[1];
        const y = (G.nodes[i][5] + G.nh / 2) * v[0] + v[2];
        for (let k = 0; k < 60 && view()[0] < 1.2; k++) {
          host.dispatchEvent(new WheelEvent('wheel', { deltaY: -200, clientX: rect.left + x,
            clientY: rect.top + y, bubbles: true, cancelable: true }));
        }
        v = view();
        return [(G.nodes[i][4] + G.nw / 2) * v[0] + v[1], (G.nodes[i][5] + G.nh / 2) * v[0] + v[2],
          rect.width, rect.height, v[0]];""");
    assertTrue(at.get(4).doubleValue() >= 1.2, "zoomed in: " + at);
    double sx = at.get(0).doubleValue();
    double sy = at.get(1).doubleValue();
    // Wait for the crisp frame after the last wheel step, then look for dark label pixels.
    waiting(chrome).until(d -> ((Number) ((ChromeDriver) d).executeAsyncScript(
        "const done = arguments[0]; setTimeout(function () { done(1); }, 300);")).intValue() == 1);
    Object label = chrome.executeScript("""
        const canvas = document.querySelector('#lineage canvas');
        const r = window.devicePixelRatio || 1;
        const data = canvas.getContext('2d').getImageData((arguments[0] - arguments[2]) * r,
            (arguments[1] - 8) * r, 120 * r, 16 * r).data;
        let dark = 0;
        for (let p = 0; p < data.length; p += 4) if (data[p] < 90 && data[p + 1] < 90 && data[p + 2] < 120) dark++;
        return dark;""", sx, sy, 100 * at.get(4).doubleValue() - 10);
    assertTrue(((Number) label).intValue() > 20, "the label is drawn zoomed in: " + label);
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("graph-full-zoomed.png"));
    // Wholly in the window, so the pointer's offsets from its centre land where computed.
    chrome.executeScript("arguments[0].scrollIntoView({block: 'center'});", host);
    new Actions(chrome).moveToElement(host, (int) Math.round(sx - at.get(2).doubleValue() / 2),
        (int) Math.round(sy - at.get(3).doubleValue() / 2)).click().perform();
    waiting(chrome).until(d -> d.getCurrentUrl().contains("model.graph.fct_orders.html"));
    noScriptErrors(chrome);
  }

  @Test
  void theSelectorBoxSpeaksDbtSyntaxAndTheUrlKeepsTheView() {
    ChromeDriver chrome = browser();
    chrome.get(url("lineage.html"));
    WebDriverWait wait = waiting(chrome);
    wait.until(d -> d.findElement(By.id("lineage-selector")));
    select(chrome, "+fct_orders");
    wait.until(d -> !d.findElements(By.cssSelector("#lineage svg .g-node")).isEmpty());
    assertEquals(Set.of("fct_orders", "raw_customers", "raw_orders", "stg_customers",
        "stg_orders"), drawnNames(chrome));
    select(chrome, "tag:finance+");
    wait.until(d -> drawnNames(d).equals(Set.of("fct_orders", "dim_customers", "weekly_report")));
    select(chrome, "+exposure:weekly_report --exclude path:models/staging source:crm");
    wait.until(d -> drawnNames(d).equals(Set.of("fct_orders", "raw_customers", "raw_orders",
        "weekly_report")));
    select(chrome, "source:crm stg_orders,path:models/staging");
    wait.until(d -> drawnNames(d).equals(Set.of("crm.accounts", "stg_orders")));
    select(chrome, "2+dim_customers");
    wait.until(d -> drawnNames(d).equals(Set.of("dim_customers", "fct_orders", "stg_customers",
        "stg_orders", "raw_customers")));
    // Type filters take seeds away; the URL keeps selection and filters.
    chrome.findElement(By.cssSelector(".type-filters input[data-type=seed]")).click();
    wait.until(d -> !drawnNames(d).contains("raw_customers"));
    String link = chrome.getCurrentUrl();
    assertTrue(link.contains("select=2%2Bdim_customers"), link);
    assertTrue(link.contains("types="), link);
    assertFalse(link.contains("seed"), link);
    chrome.get(url("index.html"));
    chrome.get(link);
    wait.until(d -> !d.findElements(By.cssSelector("#lineage svg .g-node")).isEmpty());
    assertEquals(Set.of("dim_customers", "fct_orders", "stg_customers", "stg_orders"),
        drawnNames(chrome));
    assertEquals("2+dim_customers",
        chrome.findElement(By.id("lineage-selector")).getAttribute("value"));
    assertFalse(chrome.findElement(By.cssSelector(".type-filters input[data-type=seed]"))
        .isSelected());
    // A mistake is said in words, the drawing stays.
    select(chrome, "colour:blue");
    wait.until(d -> d.findElement(By.cssSelector(".select-error")).getText()
        .contains("Unknown selector method"));
    assertFalse(drawnNames(chrome).isEmpty());
    assertEquals("colour:blue",
        chrome.findElement(By.id("lineage-selector")).getAttribute("value"));

    // A model page keeps its traced column and full-graph mode in the URL too.
    chrome.get(url("nodes/model.graph.fct_orders.html"));
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);
    new Select(chrome.findElement(By.id("lineage-depth"))).selectByValue("1");
    wait.until(d -> d.getCurrentUrl().contains("depth=1"));
    chrome.findElement(By.cssSelector("[data-lineage=full]")).click();
    wait.until(d -> d.getCurrentUrl().contains("full=1"));
    chrome.get(chrome.getCurrentUrl());
    wait.until(d -> "true".equals(d.findElement(By.cssSelector("[data-lineage=full]"))
        .getAttribute("aria-pressed")));
    assertEquals("1", new Select(chrome.findElement(By.id("lineage-depth")))
        .getFirstSelectedOption().getAttribute("value"));
    noScriptErrors(chrome);
  }

  @Test
  void theSelectorBoxAnswersStateResultAndGroupAsTheCliDoes() {
    ChromeDriver chrome = browser();
    chrome.get(url("lineage.html"));
    WebDriverWait wait = waiting(chrome);
    wait.until(d -> d.findElement(By.id("lineage-selector")));
    // Against target/manifest.json as the build left it: stg_customers changed since.
    select(chrome, "state:modified");
    wait.until(d -> drawnNames(d).equals(Set.of("stg_customers")));
    select(chrome, "state:modified.body+1");
    wait.until(d -> drawnNames(d).equals(Set.of("stg_customers", "fct_orders",
        "dim_customers")));
    select(chrome, "result:error result:skipped");
    wait.until(d -> drawnNames(d).equals(Set.of("broken", "after_broken")));
    select(chrome, "group:fin*");
    wait.until(d -> drawnNames(d).equals(Set.of("fct_orders")));
    select(chrome, "state:changed");
    wait.until(d -> d.findElement(By.cssSelector(".select-error")).getText()
        .contains("state:new, state:modified"));
    // A site generated with nothing to compare with says what to run.
    Object message = chrome.executeScript("try { window.MDS_GRAPHS.select({nodes: [], edges: [],"
        + " state: '', ran: false}, arguments[0]); return 'no error'; }"
        + " catch (e) { return e.message; }", "state:new");
    assertTrue(String.valueOf(message).contains("mds docs generate --state"), message::toString);
    message = chrome.executeScript("try { window.MDS_GRAPHS.select({nodes: [], edges: [],"
        + " state: '', ran: false}, arguments[0]); return 'no error'; }"
        + " catch (e) { return e.message; }", "result:fail");
    assertTrue(String.valueOf(message).contains("mds build"), message::toString);
    noScriptErrors(chrome);
  }

  @Test
  void skippedAndStaleNodesAreMarkedInTheGraph() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.graph.after_broken.html"));
    WebDriverWait wait = waiting(chrome);
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);
    assertEquals(1, chrome.findElements(By.cssSelector("#lineage .g-node.skipped")).size());
    assertEquals(1, chrome.findElements(By.cssSelector("#lineage .g-node.failed")).size());
    chrome.get(url("nodes/model.graph.dim_customers.html"));
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);
    Set<String> stale = new TreeSet<>();
    for (WebElement node : chrome.findElements(By.cssSelector("#lineage .g-node.stale text"))) {
      stale.add(node.getAttribute("textContent"));
    }
    assertEquals(Set.of("stg_customers"), stale);
    assertTrue(chrome.findElement(By.cssSelector(".legend")).getText().contains("Skipped"));
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("graph-stale.png"));
    noScriptErrors(chrome);
  }

  private static void select(ChromeDriver chrome, String text) {
    WebElement box = chrome.findElement(By.id("lineage-selector"));
    box.clear();
    box.sendKeys(text + Keys.ENTER);
  }

  private static void noScriptErrors(ChromeDriver chrome) {
    assertEquals(List.of(), HeadlessChromium.consoleErrors(chrome));
  }
}
