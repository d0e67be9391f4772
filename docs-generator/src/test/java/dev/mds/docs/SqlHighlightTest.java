package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlHighlightTest {

  @Test
  void coloursKeywordsStringsCommentsAndTemplateTags() {
    String html = SqlHighlight.html("select 'a' from {{ ref('x') }} -- note\nwhere n > 1");

    assertTrue(html.startsWith("<span class=\"sql-k\">select</span>"), html);
    assertTrue(html.contains("<span class=\"sql-s\">&#39;a&#39;</span>"), html);
    assertTrue(html.contains("<span class=\"sql-t\">{{ ref(&#39;x&#39;) }}</span>"), html);
    assertTrue(html.contains("<span class=\"sql-c\">-- note</span>"), html);
    assertTrue(html.contains("n &gt; <span class=\"sql-n\">1</span>"), html);
  }

  @Test
  void markupInSqlStaysText() {
    String html = SqlHighlight.html("select '</pre><script>alert(1)</script>' as \"<b>\"");

    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("</pre>"), html);
    assertFalse(html.contains("<b>"), html);
  }

  @Test
  void unterminatedConstructsEndAtTheEnd() {
    assertEquals("<span class=\"sql-s\">&#39;open</span>", SqlHighlight.html("'open"));
    assertEquals("<span class=\"sql-c\">/* open</span>", SqlHighlight.html("/* open"));
  }
}
