package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

/** The site's templates read records and escape values as Pebble's own resolver and escaper do. */
class SiteTemplatesTest {

  @Test
  void escapingIsPebblesHtmlEscapingWithAShortCutForPlainText() {
    for (String text : List.of("", "plain text", "naïve — ünïcode ✓", "a & b", "<b>", "x > 1",
        "say \"hi\"", "it's", "tail &", "😀 & 😀", "&amp; already")) {
      assertEquals(HtmlEscape.escapeHtml4Xml(text), SiteTemplates.escapeHtml(text), text);
    }
    String plain = "nothing to escape here";
    assertSame(plain, SiteTemplates.escapeHtml(plain));
  }

  /** A record's components come from the site's own resolver; the rest still from Pebble's. */
  @Test
  void aTemplateReadsRecordComponentsAndOtherAttributes() {
    NodeLink link = new NodeLink("model.shop.o", "orders <new>", "model", "nodes/model.shop.o.html");
    StringWriter out = new StringWriter();
    new SiteTemplates().render("test-attributes", Map.of("link", link, "word", "words",
        "links", List.of(link), "counts", Map.of("model", 3)), out);
    assertEquals("orders &lt;new&gt;|MODEL|5|model.shop.o|3", out.toString());
  }
}
