package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The docs site as a business reader uses it, on a small loyalty project built with a failing
 * test, a model that errors and one skipped because of it: owners from {@code meta} (top level,
 * {@code config.meta}, {@code +meta} in the project file), descriptions carried downstream, each
 * column's derivation, failures in plain words, skipped nodes with their cause, anchors clear of
 * the sticky bar and the print stylesheet, in headless Chromium from {@code file://}.
 * Screenshots land in {@code cli/target/docs-screenshots/}.
 */
class DocsForTheBusinessBrowserTest {

  static final Path SCREENSHOTS = Path.of("target", "docs-screenshots");

  @TempDir
  static Path dir;
  static TempProject project;
  static CliRun built;
  static ChromeDriver browser;

  @BeforeAll
  static void buildAndDocument() {
    project = TempProject.in(dir.resolve("loyalty"))
        .file("mds_project.yml", """
            name: loyalty
            seeds:
              loyalty:
                +meta:
                  owner: crm-team@shop.example
                  contains_pii: true
            models:
              loyalty:
                +materialized: table
            """)
        .file("seeds/members.csv", """
            member_no,tier,first_name
            1,gold,Ann
            2,silver,Bob
            3,platinum,Cem
            4,platinum,Dee
            """)
        .file("seeds/orders.csv", "order_no,member_no,amount\n10,1,5.50\n11,1,7.25\n12,2,3.00\n")
        .file("seeds/seeds.yml", """
            seeds:
              - name: members
                description: Loyalty members as the CRM exports them.
                columns:
                  - name: member_no
                    description: The number on the member's loyalty card.
                  - name: tier
                    description: bronze, silver or gold.
            """)
        .file("models/sources.yml", """
            sources:
              - name: crm
                tables:
                  - name: members_export
                    description: The same export, read as a source.
            """)
        .file("models/stg_members.sql", """
            select member_no, tier as loyalty_tier, lower(first_name) as first_name
            from {{ ref('members') }}
            """)
        .file("models/dim_members.sql", """
            with o as (
                select member_no, count(*) as orders, sum(amount) as spend
                from {{ ref('orders') }}
                group by member_no
            )
            select
                m.member_no,
                m.loyalty_tier,
                m.first_name,
                coalesce(o.orders, 0) as orders,
                'shop' as channel
            from {{ ref('stg_members') }} as m
            left join o on o.member_no = m.member_no
            """)
        .file("models/schema.yml", """
            models:
              - name: dim_members
                description: One row per loyalty member, with how often they ordered.
                meta:
                  owner: marketing@shop.example
                config:
                  meta:
                    review: yearly
                columns:
                  - name: loyalty_tier
                    tests:
                      - accepted_values:
                          values: [bronze, silver, gold]
            """)
        .file("models/broken.sql", """
            select cast(first_name as integer) as n from {{ ref('stg_members') }}
            """)
        .file("models/after_broken.sql", "select n from {{ ref('broken') }}\n");
    built = mds("build", "--project-dir", project.dir());
    assertNotEquals(0, built.exitCode(), built::describe);
    mds("docs", "generate", "--project-dir", project.dir()).assertOk();
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
    return project.path("target/docs").resolve(page).toUri().toString();
  }

  private static JsonNode json(String file) throws IOException {
    return new ObjectMapper().readTree(project.path("target").resolve(file).toFile());
  }

  private static String text(ChromeDriver chrome, String css) {
    return chrome.findElement(By.cssSelector(css)).getText();
  }

  // --- 1. Owners --------------------------------------------------------------------------

  @Test
  void metaFromEveryPlaceDbtReadsItReachesTheManifestAndThePages() throws IOException {
    JsonNode nodes = json("manifest.json").path("nodes");
    JsonNode dim = nodes.path("model.loyalty.dim_members");
    assertEquals("marketing@shop.example", dim.path("meta").path("owner").asText(), dim::toString);
    assertEquals("yearly", dim.path("config").path("meta").path("review").asText());
    JsonNode seed = nodes.path("seed.loyalty.members");
    assertEquals("crm-team@shop.example", seed.path("config").path("meta").path("owner").asText(),
        seed::toString);

    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.loyalty.dim_members.html"));
    WebElement owner = chrome.findElement(By.cssSelector(".doc-head .owner"));
    assertTrue(owner.isDisplayed());
    assertEquals("Owner marketing@shop.example", owner.getText().replaceAll("\\s+", " "));
    assertEquals("mailto:marketing@shop.example",
        owner.findElement(By.tagName("a")).getDomAttribute("href"));
    String meta = text(chrome, "#meta").toLowerCase(java.util.Locale.ROOT);
    assertTrue(meta.contains("review") && meta.contains("yearly"), meta);
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("business-owner.png"));

    chrome.get(url("nodes/seed.loyalty.members.html"));
    assertEquals("Owner crm-team@shop.example",
        text(chrome, ".doc-head .owner").replaceAll("\\s+", " "));
    assertTrue(text(chrome, "#meta").toLowerCase(java.util.Locale.ROOT).contains("contains_pii"),
        "other meta keys are shown");
    noScriptErrors(chrome);
  }

  // --- 2. Inherited descriptions -------------------------------------------------------------

  @Test
  void aColumnWithoutADescriptionInheritsItsSourcesAlongRenameAndPassthrough() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.loyalty.dim_members.html"));
    WebElement tier = chrome.findElement(By.cssSelector("#column-loyalty_tier .col-description"));
    assertTrue(tier.getText().contains("bronze, silver or gold."), tier.getText());
    WebElement from = tier.findElement(By.cssSelector(".inherited a"));
    assertEquals("members.tier", from.getText());
    assertTrue(from.getDomAttribute("href").endsWith("nodes/seed.loyalty.members.html#column-tier"));
    assertTrue(text(chrome, "#column-member_no .col-description")
        .contains("The number on the member's loyalty card."));
    // A count is not what the column it counts means.
    assertFalse(text(chrome, "#column-orders .col-description").contains("Inherited"));

    // 10. The linked row lands below the sticky bar, not under it.
    from.click();
    new WebDriverWait(chrome, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("seed.loyalty.members.html#column-tier"));
    Number rowTop = (Number) chrome.executeScript(
        "return document.getElementById('column-tier').getBoundingClientRect().top;");
    Number barBottom = (Number) chrome.executeScript(
        "return document.querySelector('.topbar').getBoundingClientRect().bottom;");
    assertTrue(rowTop.doubleValue() >= barBottom.doubleValue(),
        "the row starts at " + rowTop + ", under the bar ending at " + barBottom);
    noScriptErrors(chrome);
  }

  // --- 3. Derivations ------------------------------------------------------------------------

  @Test
  void eachColumnSaysHowItIsDerivedInTheManifestThePagesAndTheTrace() throws IOException {
    JsonNode lineage = json("manifest.json").path("nodes").path("model.loyalty.dim_members")
        .path("column_lineage");
    assertEquals("aggregate", lineage.path("orders").path("kind").asText(), lineage::toString);
    assertEquals("COALESCE(o.orders, 0) ← count(*)",
        lineage.path("orders").path("expression").asText());
    assertEquals("constant", lineage.path("channel").path("kind").asText());

    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.loyalty.dim_members.html"));
    Map<String, String> kinds = Map.of("member_no", "passthrough", "loyalty_tier", "passthrough",
        "orders", "aggregate", "channel", "constant");
    kinds.forEach((column, kind) -> assertEquals(kind,
        text(chrome, "#column-" + column + " .col-kind .kind"), column));
    assertTrue(text(chrome, "#column-orders .col-kind code").contains("count(*)"));
    assertFalse(text(chrome, "#column-orders .col-origin").contains("constant"),
        "count(*) is not a constant");
    assertEquals("'shop'", text(chrome, "#column-channel .col-kind code"));

    chrome.get(url("nodes/model.loyalty.stg_members.html"));
    assertEquals("rename", text(chrome, "#column-loyalty_tier .col-kind .kind"));
    assertEquals("transformed", text(chrome, "#column-first_name .col-kind .kind"));
    assertEquals("lower(first_name)", text(chrome, "#column-first_name .col-kind code"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 1);
    chrome.findElement(By.cssSelector("#column-loyalty_tier .col-trace")).click();
    wait.until(d -> d.findElement(By.id("column-trace")).getText().contains("Tracing"));
    List<String> chips = chrome.findElements(By.cssSelector("#column-trace .kind")).stream()
        .map(WebElement::getText).toList();
    // The traced column's own kind beside its name, then dim_members' passthrough downstream.
    assertEquals(List.of("rename", "passthrough"), chips);
    noScriptErrors(chrome);
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("business-derivations.png"));
  }

  @Test
  void lineageCommandNamesTheDerivationOfEachModelColumn() {
    CliRun run = mds("lineage", "--project-dir", project.dir(), "-s", "dim_members.orders",
        "--derivation").assertOk();
    assertEquals("""
        dim_members.orders [aggregate: COALESCE(o.orders, 0) ← count(*)]
        `-- (computed from no column)
        """, run.out());
    CliRun tier = mds("lineage", "--project-dir", project.dir(), "-s",
        "dim_members.loyalty_tier", "--derivation").assertOk();
    assertEquals("""
        dim_members.loyalty_tier [passthrough]
        `-- stg_members.loyalty_tier [rename]
            `-- members.tier (seed)
        """, tier.out());
  }

  // --- 8. Failures in plain words, skipped nodes ---------------------------------------------

  @Test
  void aFailedTestSaysWhichValuesAreNotAllowed() throws IOException {
    JsonNode failed = null;
    for (JsonNode result : json("run_results.json").path("results")) {
      if (result.path("unique_id").asText().startsWith("test.loyalty.accepted_values")) {
        failed = result;
      }
    }
    assertTrue(failed != null && failed.path("status").asText().equals("fail"), built::describe);
    JsonNode rows = failed.path("failing_rows");
    assertEquals(1, rows.path("count").asInt(), rows::toString);
    assertEquals("[[\"platinum\",\"2\"]]", rows.path("rows").toString());

    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.loyalty.dim_members.html"));
    String details = text(chrome, "#tests tbody tr");
    assertTrue(details.contains("2 rows have loyalty_tier = 'platinum', which is not allowed"),
        details);
    chrome.findElement(By.cssSelector("#tests tbody tr a")).click();
    new WebDriverWait(chrome, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("test.loyalty.accepted_values"));
    String callout = text(chrome, ".callout.tone-bad");
    assertTrue(callout.contains("2 rows have loyalty_tier = 'platinum', which is not allowed"
        + " (allowed: bronze, silver, gold)."), callout);
    assertTrue(text(chrome, "#failing-rows").contains("platinum"));
    noScriptErrors(chrome);
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("business-failed-test.png"));
  }

  @Test
  void theOverviewCountsErroredAndSkippedModelsAndLinksEachSkipToItsCause() {
    ChromeDriver chrome = browser();
    chrome.get(url("index.html"));
    String models = chrome.findElements(By.cssSelector(".stat")).stream()
        .map(WebElement::getText).filter(t -> t.contains("Models")).findFirst().orElseThrow();
    // broken fails; dim_members is not created because its test fails on the new data (mds
    // build audits a table before publishing it); after_broken is skipped because of broken.
    assertTrue(models.contains("2 errored") && models.contains("1 skipped"), models);
    String skipped = text(chrome, "#skipped");
    assertTrue(skipped.contains("after_broken"), skipped);
    String browse = text(chrome, "#browse");
    assertTrue(browse.contains("4 rows"), "row counts per table: " + browse);
    assertTrue(browse.contains("built "), "last-built time per table: " + browse);
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("business-overview.png"));
    chrome.findElement(By.cssSelector("#skipped a.cause")).click();
    new WebDriverWait(chrome, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("model.loyalty.broken.html"));
    assertEquals("broken", chrome.findElement(By.tagName("h1")).getText());
    noScriptErrors(chrome);
  }

  // --- 10. Smaller things --------------------------------------------------------------------

  @Test
  void aSourcePageDoesNotClaimItWasNeverRun() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/source.loyalty.crm.members_export.html"));
    assertEquals("members_export", chrome.findElement(By.tagName("h1")).getText()
        .replace("crm.", ""));
    assertFalse(text(chrome, ".doc-head").contains("Not run yet"), text(chrome, ".doc-head"));
  }

  @Test
  void printingShowsEveryCodeTabAndNoButtons() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.loyalty.dim_members.html"));
    assertFalse(chrome.findElement(By.id("code-compiled")).isDisplayed(), "one tab on screen");
    chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertTrue(chrome.findElement(By.id("code-raw")).isDisplayed());
      assertTrue(chrome.findElement(By.id("code-compiled")).isDisplayed());
      for (WebElement button : chrome.findElements(By.tagName("button"))) {
        assertFalse(button.isDisplayed(), button.getText());
      }
      assertFalse(chrome.findElement(By.id("search")).isDisplayed());
    } finally {
      chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
  }

  @Test
  void sidebarTestNamesCarryTheirFullNameAsATooltip() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.loyalty.dim_members.html"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    wait.until(d -> !d.findElements(By.cssSelector("#tree a.tree-leaf")).isEmpty());
    chrome.executeScript("for (let i = 0; i < 5; i++) document.querySelectorAll("
        + "'#tree .tree-label[aria-expanded=false]').forEach(function (b) { b.click(); });");
    List<WebElement> tests = chrome.findElements(By.cssSelector(
        "#tree a.tree-leaf[href*='test.loyalty.accepted_values']"));
    assertFalse(tests.isEmpty(), "the test is in the contents");
    String title = tests.get(0).getDomAttribute("title");
    assertTrue(title != null && title.startsWith("accepted_values_dim_members_loyalty_tier"),
        String.valueOf(title));
  }

  // --- 9. Finding things ---------------------------------------------------------------------

  @Test
  void searchFindsSqlAndSaysHowManyResultsThereAre() {
    ChromeDriver chrome = browser();
    chrome.get(url("index.html"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    WebElement search = chrome.findElement(By.id("search"));
    search.click();
    search.sendKeys("coalesce");
    wait.until(d -> "1 result".equals(((ChromeDriver) d).executeScript("const c = document"
        + ".querySelector('#search-results .search-count'); return c ? c.textContent : '';")));
    WebElement hit = chrome.findElement(By.cssSelector("#search-results li[role=option] a"));
    assertTrue(hit.getText().contains("dim_members"), hit.getText());
    assertTrue(hit.getText().contains("SQL"), hit.getText());
    search.clear();
    search.sendKeys("m");
    // The list is redrawn as the index answers: read it in the page, not through a held element.
    wait.until(d -> String.valueOf(((ChromeDriver) d).executeScript("const c = document"
        + ".querySelector('#search-results .search-count'); return c ? c.textContent : '';"))
        .endsWith("results"));
    noScriptErrors(chrome);
  }

  @Test
  void theContentsHaveADatabaseTreeOfSchemasAndRelations() {
    ChromeDriver chrome = browser();
    chrome.get(url("index.html"));
    new WebDriverWait(chrome, Duration.ofSeconds(10))
        .until(d -> !d.findElements(By.cssSelector("#tree .tree-group")).isEmpty());
    chrome.executeScript("for (let i = 0; i < 5; i++) document.querySelectorAll("
        + "'#tree .tree-label[aria-expanded=false]').forEach(function (b) { b.click(); });");
    WebElement database = chrome.findElements(By.cssSelector("#tree .tree-group")).stream()
        .filter(g -> g.findElement(By.cssSelector(".tree-name")).getText()
            .equalsIgnoreCase("Database"))
        .findFirst().orElseThrow();
    String tree = database.getText();
    assertTrue(tree.contains("main") && tree.contains("dim_members") && tree.contains("members"),
        tree);
  }

  private static void noScriptErrors(ChromeDriver chrome) {
    assertEquals(List.of(), HeadlessChromium.consoleErrors(chrome));
  }
}
