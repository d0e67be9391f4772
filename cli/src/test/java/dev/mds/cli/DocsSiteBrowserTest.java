package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code mds build} then {@code mds docs generate} on a copy of the example project, checked in the
 * artifacts, in the HTML, and in a real headless Chromium opening the site from {@code file://}.
 * Screenshots land in {@code cli/target/docs-screenshots/}.
 */
class DocsSiteBrowserTest {

  static final Path SCREENSHOTS = Path.of("target", "docs-screenshots");

  @TempDir
  static Path dir;
  static Path project;
  static CliRun generated;
  static ChromeDriver browser;

  @BeforeAll
  static void buildAndDocumentTheExample() throws IOException {
    project = dir.resolve("example-project");
    copyExample(project);
    mds("build", "--project-dir", project.toString()).assertOk();
    generated = mds("docs", "generate", "--project-dir", project.toString()).assertOk();
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

  private static JsonNode json(String file) throws IOException {
    return new ObjectMapper().readTree(project.resolve("target").resolve(file).toFile());
  }

  // --- Artifacts and HTML -------------------------------------------------------------------

  @Test
  void generateWritesTheCatalogFromDuckDb() throws IOException {
    JsonNode catalog = json("catalog.json");

    JsonNode dim = catalog.path("nodes").path("model.retail.dim_customers");
    assertEquals("BASE TABLE", dim.path("metadata").path("type").asText(), dim::toString);
    assertEquals("main", dim.path("metadata").path("schema").asText());
    assertTrue(dim.path("stats").path("row_count").path("value").asLong() > 0, dim::toString);
    JsonNode key = dim.path("columns").path("customer_key");
    assertEquals("VARCHAR", key.path("type").asText(), dim::toString);
    assertEquals(3, key.path("index").asInt(), dim::toString);
    JsonNode view = catalog.path("nodes").path("model.retail.stg_orders");
    assertEquals("VIEW", view.path("metadata").path("type").asText(), view::toString);
    assertTrue(view.path("stats").path("row_count").isMissingNode(), view::toString);
    assertTrue(catalog.path("nodes").path("seed.retail.markets").path("columns").size() > 0);
    // Ephemeral models are inlined and tests are queries: neither has a relation.
    assertTrue(catalog.path("nodes").path("model.retail.int_orders_in_eur").isMissingNode());
    catalog.path("nodes").fieldNames()
        .forEachRemaining(id -> assertFalse(id.startsWith("test."), id));
    assertEquals("https://schemas.getdbt.com/dbt/catalog/v1.json",
        catalog.path("metadata").path("dbt_schema_version").asText());
  }

  @Test
  void generateCompilesSoTheManifestHoldsCompiledSql() throws IOException {
    JsonNode model = json("manifest.json").path("nodes").path("model.retail.fct_orders");

    assertTrue(model.path("compiled_code").asText().contains("\"main\""), model::toString);
    assertTrue(generated.out().contains("Wrote"), generated::describe);
    assertTrue(generated.out().contains("target/docs/index.html"), generated::describe);
  }

  @Test
  void everyNodeAndMacroHasAPage() throws IOException {
    JsonNode manifest = json("manifest.json");
    Path nodes = project.resolve("target/docs/nodes");
    for (String section : List.of("nodes", "sources", "macros")) {
      manifest.path(section).fieldNames().forEachRemaining(id ->
          assertTrue(Files.isRegularFile(nodes.resolve(id + ".html")), id));
    }
    String page = Files.readString(nodes.resolve("model.retail.dim_customers.html"));
    assertTrue(page.contains("Passed"), "test results on the model page");
    assertTrue(page.contains("lifetime_eur"));
    assertTrue(page.contains("DECIMAL"), "column types from the catalog");
  }

  // --- In the browser -----------------------------------------------------------------------

  @Test
  void searchForAColumnOpensTheModelWithItsLineageAndTestResults() {
    ChromeDriver chrome = browser();
    chrome.get(url("index.html"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    assertEquals("retail", chrome.findElement(By.cssSelector(".brand-name")).getText());

    WebElement search = chrome.findElement(By.id("search"));
    search.click();
    search.sendKeys("lifetime_eur");
    WebElement hit = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#search-results li[role=option] a")));
    assertTrue(hit.getText().contains("dim_customers"), hit.getText());
    assertTrue(hit.getText().contains("Column lifetime_eur"), hit.getText());
    hit.click();

    wait.until(ExpectedConditions.urlContains("model.retail.dim_customers.html"));
    assertEquals("dim_customers", chrome.findElement(By.tagName("h1")).getText());
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);
    List<WebElement> graphNodes = chrome.findElements(By.cssSelector("#lineage svg .g-node"));
    assertTrue(graphNodes.size() >= 5, "dim_customers has parents and a child in the graph");
    assertEquals(1, chrome.findElements(By.cssSelector("#lineage svg .g-node.focus")).size());
    assertFalse(chrome.findElements(By.cssSelector("#lineage svg path.g-edge")).isEmpty());
    List<WebElement> tests = chrome.findElements(By.cssSelector("#tests tbody tr"));
    assertTrue(tests.size() >= 4, "dim_customers has its data tests listed");
    for (WebElement test : tests) {
      assertTrue(test.getText().startsWith("Passed"), test.getText());
    }
    assertTrue(chrome.findElement(By.cssSelector(".tally")).getText().contains("tests passed"));
    // The nav tree marks the current page.
    assertEquals("dim_customers", chrome.findElement(
        By.cssSelector("#tree a[aria-current=page]")).getText());
    noScriptErrors(chrome);
    chrome.manage().window().setSize(new Dimension(1280, 1900));
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("model-desktop.png"));

    chrome.manage().window().setSize(new Dimension(390, 844));
    chrome.navigate().refresh();
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);
    Number scrollWidth = (Number) chrome.executeScript(
        "return document.documentElement.scrollWidth - window.innerWidth;");
    assertTrue(scrollWidth.intValue() <= 1, "the page fits a phone's width: " + scrollWidth);
    assertFalse(chrome.findElement(By.id("sidebar")).getRect().getX() >= 0,
        "the contents slide away on a phone");
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("model-phone.png"));
    chrome.findElement(By.cssSelector(".nav-toggle")).click();
    wait.until(d -> d.findElement(By.id("sidebar")).getRect().getX() >= 0);
  }

  @Test
  void lineagePageDrawsTheWholeProjectAndAClickOpensANode() {
    ChromeDriver chrome = browser();
    chrome.get(url("lineage.html"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));

    wait.until(d -> !d.findElements(By.cssSelector("#lineage svg .g-node")).isEmpty());
    Number graphed = (Number) chrome.executeScript("return window.MDS_GRAPH.nodes.length;");
    assertEquals(graphed.intValue(),
        chrome.findElements(By.cssSelector("#lineage svg .g-node")).size());
    assertFalse(chrome.findElements(By.cssSelector(".g-node.t-seed")).isEmpty());
    assertFalse(chrome.findElements(By.cssSelector(".g-node.t-source")).isEmpty());
    assertFalse(chrome.findElements(By.cssSelector(".g-node.ephemeral")).isEmpty());
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("lineage.png"));

    chrome.findElement(By.cssSelector("[data-lineage=zoom-in]")).click();
    String before = chrome.findElement(By.cssSelector("#lineage .g-viewport"))
        .getDomAttribute("transform");
    chrome.findElement(By.cssSelector("[data-lineage=fit]")).click();
    assertFalse(before.equals(chrome.findElement(By.cssSelector("#lineage .g-viewport"))
        .getDomAttribute("transform")), "zoom and fit change the view");

    WebElement fct = chrome.findElement(By.xpath(
        "//*[contains(@class,'g-node')][*[name()='title' and starts-with(., 'fct_orders ')]]"));
    fct.click();
    wait.until(ExpectedConditions.urlContains("model.retail.fct_orders.html"));
    assertEquals("fct_orders", chrome.findElement(By.tagName("h1")).getText());
    noScriptErrors(chrome);
  }

  @Test
  void generateWritesColumnLineageIntoTheManifest() throws IOException {
    JsonNode fct = json("manifest.json").path("nodes").path("model.retail.fct_orders");

    assertTrue(fct.path("lineage_complete").asBoolean(), fct::toString);
    JsonNode amount = fct.path("column_lineage").path("amount_eur");
    assertTrue(amount.path("complete").asBoolean(), amount::toString);
    assertEquals("model.retail.int_orders_in_eur",
        amount.path("sources").path(0).path("node").asText(), amount::toString);
    assertTrue(Files.isRegularFile(project.resolve("target/docs/data/columns.js")));
  }

  @Test
  void aModelPageListsColumnSourcesAndTracesOneColumnThroughTheGraph() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.retail.fct_orders.html"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);

    WebElement origin = chrome.findElement(By.cssSelector("#column-amount_eur .col-origin"));
    assertEquals("int_orders_in_eur.amount_eur", origin.getText());
    assertTrue(origin.findElement(By.tagName("a")).getDomAttribute("href")
        .endsWith("nodes/model.retail.int_orders_in_eur.html#column-amount_eur"));

    chrome.findElement(By.cssSelector("#column-amount_eur .col-trace")).click();
    wait.until(d -> !d.findElements(By.cssSelector("#lineage svg.tracing")).isEmpty());
    List<String> traced = chrome.findElements(By.cssSelector("#lineage .g-node.traced")).stream()
        .map(node -> node.findElement(By.tagName("title")).getAttribute("textContent"))
        .map(title -> title.substring(0, title.indexOf(' ')))
        .toList();
    for (String node : List.of("fct_orders", "int_orders_in_eur", "stg_orders", "orders",
        "stg_markets", "markets", "dim_customers", "market_summary")) {
      assertTrue(traced.contains(node), node + " is on the path of amount_eur: " + traced);
    }
    assertFalse(traced.contains("stg_customers"), "amount_eur does not pass stg_customers");
    assertFalse(chrome.findElements(By.cssSelector("#lineage path.g-edge.traced")).isEmpty());
    String panel = chrome.findElement(By.id("column-trace")).getText();
    assertTrue(panel.contains("amount_local"), panel);
    assertTrue(panel.contains("eur_rate"), panel);
    assertTrue(panel.contains("lifetime_eur"), "downstream in dim_customers: " + panel);
    assertEquals("amount_eur", new Select(
        chrome.findElement(By.id("lineage-column"))).getFirstSelectedOption().getText());

    // The picker traces another column; what it does not pass through is dimmed.
    new Select(chrome.findElement(By.id("lineage-column"))).selectByValue("status");
    wait.until(d -> d.findElement(By.id("column-trace")).getText().contains("Tracing status"));
    WebElement markets = chrome.findElement(By.xpath(
        "//*[contains(@class,'g-node')][*[name()='title' and starts-with(., 'stg_markets ')]]"));
    assertFalse(markets.getDomAttribute("class").contains("traced"), "status skips stg_markets");
    assertTrue(chrome.findElement(By.xpath(
        "//*[contains(@class,'g-node')][*[name()='title' and starts-with(., 'stg_orders ')]]"))
        .getDomAttribute("class").contains("traced"));
    noScriptErrors(chrome);
    chrome.manage().window().setSize(new Dimension(1280, 1400));
    chrome.executeScript("document.getElementById('lineage-section').scrollIntoView();");
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("column-trace.png"));

    chrome.findElement(By.cssSelector("#column-trace button")).click();
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg.tracing")).isEmpty());
  }

  @Test
  void aNodePageCanSwitchToTheFullGraphAndBack() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/seed.retail.markets.html"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    wait.until(d -> !d.findElements(By.cssSelector("#lineage svg .g-node")).isEmpty());
    int neighbourhood = chrome.findElements(By.cssSelector("#lineage svg .g-node")).size();

    chrome.findElement(By.cssSelector("[data-lineage=full]")).click();
    Number graphed = (Number) chrome.executeScript("return window.MDS_GRAPH.nodes.length;");
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size()
        == graphed.intValue());
    assertTrue(neighbourhood < graphed.intValue(), "markets does not feed everything");

    chrome.findElement(By.cssSelector("[data-lineage=full]")).click();
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size()
        == neighbourhood);
  }

  @Test
  void hostileDescriptionsShowAsTextInTheBrowser() throws IOException {
    TempProject shop = TempProject.shop(dir.resolve("hostile"))
        .file("models/staging/sources.yml", """
            sources:
              - name: crm
                tables:
                  - name: customers
            models:
              - name: stg_orders
                description: "Orders <script>alert(1)</script> [click me](javascript:alert(2)) <img src=x onerror=alert(3)>"
                columns:
                  - name: id
                    description: "<b>bold?</b>"
            """);
    mds("docs", "generate", "--project-dir", shop.dir()).assertOk();
    String html = shop.read("target/docs/nodes/model.shop.stg_orders.html");
    assertFalse(html.contains("<script>alert"), "script tag in the HTML");
    assertFalse(html.contains("javascript:"), "javascript: link in the HTML");
    assertFalse(html.contains("<img src=x"), "img tag in the HTML");

    ChromeDriver chrome = browser();
    chrome.get(shop.path("target/docs/nodes/model.shop.stg_orders.html").toUri().toString());
    String description = chrome.findElement(By.cssSelector(".description")).getText();
    assertTrue(description.contains("<script>alert(1)</script>"), description);
    assertTrue(description.contains("click me"), description);
    assertTrue(description.contains("<img src=x onerror=alert(3)>"), description);
    assertTrue(chrome.findElements(By.cssSelector(".description a")).isEmpty());
    assertTrue(chrome.findElements(By.cssSelector(".description img, .description script"))
        .isEmpty());
    assertTrue(chrome.findElement(By.cssSelector("#columns")).getText().contains("<b>bold?</b>"));
    try {
      chrome.switchTo().alert();
      throw new AssertionError("an alert opened: the description ran as script");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  private static void noScriptErrors(ChromeDriver chrome) {
    assertEquals(List.of(), HeadlessChromium.consoleErrors(chrome));
  }

  /** A copy of example-project/ without what a build left in it (also for the sharded-pages test). */
  static void copyExample(Path target) throws IOException {
    Path example = Stream.of(Path.of("..", "example-project"), Path.of("example-project"))
        .filter(p -> Files.isRegularFile(p.resolve("mds_project.yml")))
        .findFirst().orElseThrow(() -> new AssertionError("example-project not found"))
        .toAbsolutePath().normalize();
    try (Stream<Path> walk = Files.walk(example)) {
      for (Path source : walk.sorted().toList()) {
        String relative = example.relativize(source).toString();
        if (relative.startsWith("target") || relative.startsWith("logs")
            || relative.endsWith(".duckdb") || relative.endsWith(".duckdb.wal")) {
          continue;
        }
        Path dest = target.resolve(relative);
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
    }
  }
}
