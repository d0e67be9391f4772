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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A large site's node pages (from 2,000 on) live in shard scripts under {@code data/pages/}, each
 * {@code nodes/<page>.html} a link to one small page that writes the real one in. The example
 * project is documented twice, one file per page and sharded (the line lowered to 0 through
 * {@code mds.docs.shardedPagesFrom}), and Chromium must show the same pages at the same addresses
 * from {@code file://}, with links, anchors, the contents tree and search working.
 */
class DocsShardedPagesBrowserTest {

  @TempDir
  static Path dir;
  static Path project;
  static Path filesSite;
  static Path shardedSite;
  static ChromeDriver browser;

  @BeforeAll
  static void documentTheExampleBothWays() throws IOException {
    project = dir.resolve("example-project");
    DocsSiteBrowserTest.copyExample(project);
    mds("build", "--project-dir", project.toString()).assertOk();
    mds("docs", "generate", "--project-dir", project.toString()).assertOk();
    filesSite = dir.resolve("files-site");
    Files.move(project.resolve("target/docs"), filesSite);
    System.setProperty("mds.docs.shardedPagesFrom", "0");
    try {
      mds("docs", "generate", "--project-dir", project.toString()).assertOk();
    } finally {
      System.clearProperty("mds.docs.shardedPagesFrom");
    }
    shardedSite = project.resolve("target/docs");
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
    return browser;
  }

  @Test
  void everyPageAddressExistsButTheHtmlIsInTheShards() throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(
        project.resolve("target/manifest.json").toFile());
    Path nodes = shardedSite.resolve("nodes");
    for (String section : List.of("nodes", "sources", "macros")) {
      manifest.path(section).fieldNames().forEachRemaining(id ->
          assertTrue(Files.isRegularFile(nodes.resolve(id + ".html")), id));
    }
    String shell = Files.readString(nodes.resolve("model.retail.dim_customers.html"));
    assertTrue(shell.contains("assets/pages.js"), shell);
    assertFalse(shell.contains("lifetime_eur"), shell);
    assertEquals(shell, Files.readString(nodes.resolve("seed.retail.markets.html")));
    try (Stream<Path> shards = Files.list(shardedSite.resolve("data/pages"))) {
      String all = String.join("\n", shards.filter(p -> p.toString().endsWith(".js"))
          .map(p -> {
            try {
              return Files.readString(p);
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }).toList());
      assertTrue(all.contains("\"model.retail.dim_customers.html\":"), "page in a shard");
      assertTrue(all.contains("lifetime_eur"), "its columns");
    }
    assertFalse(Files.exists(filesSite.resolve("data/pages")), "a small site has no shards");
  }

  @Test
  void shardedPagesShowWhatThePageFilesShow() {
    ChromeDriver chrome = browser();
    for (String page : List.of("model.retail.dim_customers.html", "seed.retail.markets.html",
        "model.retail.stg_orders.html", "macro.retail.customer_key.html")) {
      chrome.get(filesSite.resolve("nodes").resolve(page).toUri().toString());
      String title = chrome.getTitle();
      String article = chrome.findElement(By.cssSelector("article.doc")).getText();
      chrome.get(shardedSite.resolve("nodes").resolve(page).toUri().toString());
      assertEquals(title, chrome.getTitle(), page);
      assertEquals(article, chrome.findElement(By.cssSelector("article.doc")).getText(), page);
      assertEquals(List.of(), HeadlessChromium.consoleErrors(chrome), page);
    }
  }

  @Test
  void linksAnchorsTreeAndSearchWorkOnAShardedPage() {
    ChromeDriver chrome = browser();
    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
    chrome.get(shardedSite.resolve("nodes/model.retail.dim_customers.html").toUri()
        + "#column-lifetime_eur");
    WebElement row = chrome.findElement(By.id("column-lifetime_eur"));
    assertTrue((Boolean) chrome.executeScript(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0"
            + " && r.top < window.innerHeight && window.scrollY > 0;", row),
        "the anchor scrolled its column into view");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tree a.tree-leaf")));

    chrome.findElement(By.cssSelector("#dependencies a[href*='stg_customers']")).click();
    wait.until(ExpectedConditions.urlContains("model.retail.stg_customers.html"));
    assertEquals("stg_customers", chrome.findElement(By.cssSelector("article.doc h1")).getText());

    WebElement search = chrome.findElement(By.id("search"));
    search.click();
    search.sendKeys("fct_orders");
    WebElement hit = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#search-results a")));
    hit.click();
    wait.until(ExpectedConditions.urlContains("fct_orders"));
    assertEquals("fct_orders", chrome.findElement(By.cssSelector("article.doc h1")).getText());
    assertEquals(List.of(), HeadlessChromium.consoleErrors(chrome));
  }
}
