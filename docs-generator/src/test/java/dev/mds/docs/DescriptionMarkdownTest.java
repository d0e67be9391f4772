package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptionMarkdownTest {

  private final DescriptionMarkdown markdown = new DescriptionMarkdown();

  @Test
  void aGithubTableIsATableWithItsCellsEscaped() {
    String html = markdown.html("Loyalty tiers:\n\n| tier | meaning |\n| --- | --- |\n"
        + "| gold | over 1,000 EUR a year |\n| <b>x</b> | [spec](javascript:alert(1)) |\n");

    assertTrue(html.contains("<table>"), html);
    assertTrue(html.contains("<th>tier</th>"), html);
    assertTrue(html.contains("<td>over 1,000 EUR a year</td>"), html);
    assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), html);
    assertFalse(html.toLowerCase().contains("javascript:"), html);
    assertFalse(html.contains("| ---"), html);
    String line = markdown.plainText("| tier | meaning |\n| --- | --- |\n| gold | top |\n");
    assertFalse(line.contains("---"), line);
    assertTrue(line.contains("gold"), line);
  }

  @Test
  void rawHtmlIsShownAsTextNotRun() {
    String html = markdown.html("Totals <script>alert(1)</script> and <img src=x onerror=alert(2)>");

    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"), html);
  }

  @Test
  void htmlBlocksAreEscapedToo() {
    String html = markdown.html("<div onclick=\"alert(1)\">\nhello\n</div>");

    assertFalse(html.contains("<div"), html);
    assertTrue(html.contains("&lt;div onclick="), html);
  }

  @Test
  void unsafeLinksLoseTheirLinkButKeepTheirWords() {
    for (String destination : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)",
        "java%0ascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
        "&#106;avascript:alert(1)", "file:///etc/passwd")) {
      String html = markdown.html("See [the report](" + destination + ") now.");

      assertFalse(html.contains("<a"), destination + " -> " + html);
      assertFalse(html.toLowerCase().contains("javascript:"), destination + " -> " + html);
      assertTrue(html.contains("See the report now."), destination + " -> " + html);
    }
  }

  @Test
  void javascriptAutolinksAndImagesAreDropped() {
    String html = markdown.html("<javascript:alert(1)> ![logo](javascript:alert(2)) "
        + "![chart](https://example.com/chart.png)");

    assertFalse(html.contains("<a"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("logo"), html);
    assertTrue(html.contains("chart"), html);
  }

  @Test
  void safeLinksStayLinksAndExternalOnesOpenWithoutReferrer() {
    String html = markdown.html("[wiki](https://wiki.example.com/orders), [mail](mailto:data@example.com)"
        + " and [column](#column-member_no)");

    assertTrue(html.contains("<a href=\"https://wiki.example.com/orders\" rel=\"noopener noreferrer nofollow\">wiki</a>"), html);
    assertTrue(html.contains("<a href=\"mailto:data@example.com\">mail</a>"), html);
    assertTrue(html.contains("<a href=\"#column-member_no\">column</a>"), html);
  }

  @Test
  void markdownFormattingStillRenders() {
    String html = markdown.html("**market** and `member_no`\n\n- one\n- two");

    assertTrue(html.contains("<strong>market</strong>"), html);
    assertTrue(html.contains("<code>member_no</code>"), html);
    assertTrue(html.contains("<li>one</li>"), html);
  }

  @Test
  void plainTextDropsMarkupForSearch() {
    assertEquals("One row per market and \"member_no\".",
        markdown.plainText("One row per **market** and `member_no`."));
    assertEquals("", markdown.html("  "));
  }

  @Test
  void schemeCheckIgnoresWhatBrowsersIgnore() {
    assertFalse(DescriptionMarkdown.isSafeDestination(" java\tscript:alert(1)"));
    assertFalse(DescriptionMarkdown.isSafeDestination("\u0001javascript:alert(1)"));
    assertTrue(DescriptionMarkdown.isSafeDestination("orders.html"));
    assertTrue(DescriptionMarkdown.isSafeDestination("../nodes/a:b.html"));
    assertTrue(DescriptionMarkdown.isSafeDestination("HTTPS://example.com"));
  }

  @Test
  void aBreakTagBreaksTheLine() {
    String html = markdown.html("Monthly recurring revenue.<br>Excludes trials.<BR/>In USD.");

    assertEquals("<p>Monthly recurring revenue.<br />\nExcludes trials.<br />\nIn USD.</p>\n",
        html);
  }

  @Test
  void imagesKeepTheirAltTextOnly() {
    String html = markdown.html("![Classic Models ERD](images/erd.png)");

    assertEquals("<p>Classic Models ERD</p>\n", html);
  }

  @Test
  void aReadmeLosesGithubMarkupButKeepsItsWordsAndRunsNothing() {
    String html = markdown.readmeHtml("""
        # SaaS Finance

        <img width="1418" alt="Image" src="https://example.com/banner.png" />

        <p align="center">
          <img src="docs/logo.png">
        </p>

        Built with <b>dbt</b> and <a href="https://duckdb.org">DuckDB</a>.

        <script>alert(1)</script>
        """);

    assertFalse(html.contains("&lt;img"), html);
    assertFalse(html.contains("&lt;p align"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("<p>Built with dbt and DuckDB.</p>"), html);
    // A block with words of its own is still shown as text, never run.
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertFalse(html.contains("<script"), html);
    // Descriptions keep showing such markup as text.
    assertTrue(markdown.html("Built with <b>dbt</b>").contains("&lt;b&gt;dbt&lt;/b&gt;"));
  }
}
