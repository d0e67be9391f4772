package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Shapes seen on public dbt-duckdb projects rather than on our fixtures: a long chain of models
 * with long names (seed, staging, three intermediates, marts), whose neighbourhood graph must fit
 * a laptop-sized card with labels still readable, and an enforced contract the query breaks,
 * whose mismatch table must stay a table. Screenshots land in {@code cli/target/docs-screenshots/}.
 */
class DocsRealProjectShapesBrowserTest {

  static final Path SCREENSHOTS = Path.of("target", "docs-screenshots");
  static final List<String> CHAIN = List.of("stg_subscription_events",
      "int_subscription_events_cleaned", "int_subscription_months", "int_subscription_revenue",
      "fct_account_month_mrr", "fct_account_month_analytics", "fct_account_month_churn_ml");

  @TempDir
  static Path dir;
  static TempProject project;
  static ChromeDriver browser;

  @BeforeAll
  static void buildAndDocument() {
    project = TempProject.in(dir.resolve("saas"))
        .file("mds_project.yml", "name: saas\n")
        .file("seeds/ravenstack_subscription_events.csv",
            "account_id,month_start,mrr_amount\nA-1,2024-01-01,10\nA-1,2024-02-01,12\n")
        .file("models/schema.yml", """
            models:
              - name: orders_contract
                config:
                  contract:
                    enforced: true
                columns:
                  - name: order_id
                    data_type: bigint
                    constraints:
                      - type: not_null
            """)
        .file("models/orders_contract.sql", "select 1 as id\n")
        .file("seeds/claims.csv", """
            claim_id,claim_date,is_settled,is_open,claim_amount,days_to_settle
            1,2024-01-03,true,false,120.5,12
            2,2024-01-09,false,true,80.0,
            """)
        .file("macros/expect_column_values_to_be_between.sql", """
            {% test expect_column_values_to_be_between(model, column_name, min_value) %}
            select * from {{ model }} where {{ column_name }} < {{ min_value }}
            {% endtest %}
            """)
        .file("models/claims_summary.sql", """
            select
                cast(date_trunc('month', claim_date) as date) as claim_month,
                count(*) as total_claims,
                count(distinct case when is_settled then claim_id end) as settled_claims,
                count(distinct case when is_open then claim_id end) as open_claims,
                avg(case when is_settled then days_to_settle end) as avg_days_to_settle
            from {{ ref('claims') }}
            group by 1
            """)
        .file("models/claims.yml", """
            models:
              - name: claims_summary
                columns:
                  - name: claim_month
                    tests: [not_null, unique]
                  - name: total_claims
                    tests:
                      - expect_column_values_to_be_between:
                          min_value: 0
                      - not_null
                  - name: settled_claims
                    tests: [not_null]
            """)
        .file("snapshots/claims_history.sql", """
            {% snapshot claims_history %}
            {{ config(unique_key='claim_id', strategy='check', check_cols='all') }}
            select * from {{ ref('claims') }}
            {% endsnapshot %}
            """)
        .file("models/sources.yml", """
            sources:
              - name: raw_data
                tables:
                  - name: customers
                    description: Customer profiles as the shop exports them.
            """);
    // A bronze layer whose names differ only in the middle, as generated layers name them.
    for (String table : List.of("afstemning", "aktoer", "moedestatus", "sagskategori")) {
      project.file("models/bronze/bronze_ddd_" + table + "_latest.sql",
          "select * from {{ ref('ravenstack_subscription_events') }}\n");
    }
    String parent = "{{ ref('ravenstack_subscription_events') }}";
    for (String model : CHAIN) {
      project.file("models/" + model + ".sql",
          "select account_id, month_start, mrr_amount from " + parent + "\n");
      parent = "{{ ref('" + model + "') }}";
    }
    mds("build", "--project-dir", project.dir());
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
      browser = HeadlessChromium.start(dir.resolve("chromium-profile"), 1280, 900);
    }
    return browser;
  }

  private static String url(String page) {
    return project.path("target/docs").resolve(page).toUri().toString();
  }

  // Each label of the drawn graph: its text, font size on screen, and whether it fits its box.
  private static final String LABELS = """
      const k = Number(document.getElementById('lineage').getAttribute('data-view').split(' ')[0]);
      return Array.from(document.querySelectorAll('#lineage .g-node')).map(function (g) {
        const text = g.querySelector('text');
        const box = g.querySelector('rect.g-box').getBoundingClientRect();
        const shown = getComputedStyle(text).display !== 'none';
        const r = text.getBoundingClientRect();
        return {
          text: text.textContent,
          title: g.querySelector('title').textContent,
          px: shown ? parseFloat(getComputedStyle(text).fontSize) * k : 0,
          inside: r.left >= box.left && r.right <= box.right + 0.5
        };
      });""";

  @Test
  void aLongChainFitsTheCardWithLabelsStillReadable() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.saas.fct_account_month_churn_ml.html"));
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    wait.until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() == 8);
    // The whole chain is in the card (the seed included) ...
    assertEquals("0", chrome.findElement(By.id("lineage")).getAttribute("data-offscreen"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> labels = (List<Map<String, Object>>) chrome.executeScript(LABELS);
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("real-long-chain.png"));
    for (Map<String, Object> label : labels) {
      String text = (String) label.get("text");
      // ... and every label can be read: shown, at least 9 px on screen, inside its box,
      // shortened in the middle at most, so both ends of the name are there.
      assertTrue(((Number) label.get("px")).doubleValue() >= 9, label::toString);
      assertTrue((Boolean) label.get("inside"), label::toString);
      String name = ((String) label.get("title")).replaceFirst(" \\(.*", "");
      assertTrue(text.equals(name) || text.length() >= 10 && text.contains("…")
          && name.startsWith(text.substring(0, text.indexOf('…')))
          && name.endsWith(text.substring(text.indexOf('…') + 1)), label::toString);
    }
    // Zoomed back in, the names are whole again.
    for (int i = 0; i < 4; i++) {
      chrome.findElement(By.cssSelector("[data-lineage=zoom-in]")).click();
    }
    assertTrue(chrome.findElements(By.cssSelector("#lineage .g-node text")).stream()
        .anyMatch(t -> t.getText().equals("int_subscription_months")));
    assertEquals(List.of(), HeadlessChromium.consoleErrors(chrome));
  }

  @Test
  void aBrokenContractShowsItsMismatchTableAndTheDeclaredTypes() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.saas.orders_contract.html"));
    String table = chrome.findElement(By.cssSelector(".callout pre.message-detail")).getText();
    assertTrue(table.lines().count() >= 3 && table.contains("order_id")
        && table.contains("missing"), table);
    assertEquals("bigint", chrome.findElement(By.cssSelector("#column-order_id .type")).getText());
    assertEquals("not null",
        chrome.findElement(By.cssSelector("#column-order_id .chip.constraint")).getText());
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("real-broken-contract.png"));
    chrome.get(url("index.html"));
    assertTrue(chrome.findElement(By.cssSelector("#attention pre.message-detail")).getText()
        .contains("order_id"));
  }

  @Test
  void aSourcePageLeavesNoEmptyRowBetweenItsTitleAndItsDescription() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/source.saas.raw_data.customers.html"));
    Number gap = (Number) chrome.executeScript("return document.querySelector('.description')"
        + ".getBoundingClientRect().top - document.querySelector('.doc-head h1')"
        + ".getBoundingClientRect().bottom;");
    chrome.get(url("nodes/model.saas.stg_subscription_events.html"));
    Number withStatus = (Number) chrome.executeScript("return document.querySelector("
        + "'.description').getBoundingClientRect().top - document.querySelector('.head-row')"
        + ".getBoundingClientRect().bottom;");
    // Nothing to show in the head's row (no owner, run, tests or tags): no row, no gap for it.
    assertTrue(gap.doubleValue() <= withStatus.doubleValue() + 4, gap + " vs " + withStatus);
  }

  @Test
  void longExpressionsBesideLongTestNamesWrapBetweenWordsNotLetters() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/model.saas.claims_summary.html"));
    Number width = (Number) chrome.executeScript("return document.querySelector("
        + "'#column-settled_claims .col-kind').getBoundingClientRect().width;");
    Number lines = (Number) chrome.executeScript("const c = document.querySelector("
        + "'#column-settled_claims code.expr'); return c.getBoundingClientRect().height"
        + " / parseFloat(getComputedStyle(c).lineHeight);");
    chrome.executeScript("document.getElementById('columns').scrollIntoView();");
    HeadlessChromium.screenshot(chrome, SCREENSHOTS.resolve("real-expressions.png"));
    assertTrue(width.doubleValue() >= 190, "the How column is " + width + " px wide");
    // count(DISTINCT CASE WHEN is_settled THEN claim_id ELSE NULL END): a few lines, not a
    // letter column.
    assertTrue(lines.doubleValue() <= 4.5, lines + " lines");
  }

  @Test
  void aSnapshotIsOutlinedInItsOwnColourInTheGraphAndTheLegend() {
    ChromeDriver chrome = browser();
    chrome.get(url("nodes/snapshot.saas.claims_history.html"));
    new WebDriverWait(chrome, Duration.ofSeconds(10))
        .until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() == 2);
    String stroke = (String) chrome.executeScript("return getComputedStyle(document"
        + ".querySelector('#lineage .g-node.t-snapshot rect.g-box')).stroke;");
    String dot = (String) chrome.executeScript("return getComputedStyle(document"
        + ".querySelector('.legend .dot.type-snapshot')).backgroundColor;");
    // Outlined (it was drawn without a border), in the legend's snapshot colour.
    assertTrue(stroke.startsWith("rgb("), stroke);
    assertEquals(dot, stroke);
    assertEquals(List.of(), HeadlessChromium.consoleErrors(chrome));
  }

  @Test
  void namesAlikeAtBothEndsStayDistinctWhenShortened() {
    ChromeDriver chrome = browser();
    chrome.get(url("lineage.html"));
    new WebDriverWait(chrome, Duration.ofSeconds(10))
        .until(d -> d.findElements(By.cssSelector("#lineage svg .g-node")).size() > 10);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> labels = (List<Map<String, Object>>) chrome.executeScript(LABELS);
    List<String> bronze = labels.stream()
        .filter(l -> ((String) l.get("title")).startsWith("bronze_ddd_"))
        .map(l -> (String) l.get("text")).toList();
    assertEquals(4, bronze.size(), labels::toString);
    assertTrue(bronze.stream().anyMatch(t -> t.contains("…")), "zoomed out: " + bronze);
    assertEquals(4, bronze.stream().distinct().count(), bronze::toString);
  }
}
