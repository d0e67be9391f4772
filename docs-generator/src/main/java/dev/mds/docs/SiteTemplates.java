package dev.mds.docs;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The site's Pebble templates. Unlike the SQL engine in core, autoescaping is on: every name,
 * description and message from the project is HTML-escaped unless a template marks it
 * {@code raw}, which only already-safe HTML (rendered Markdown, highlighted SQL) is.
 */
final class SiteTemplates {

  private final PebbleEngine engine;

  SiteTemplates() {
    ClasspathLoader loader = new ClasspathLoader(SiteTemplates.class.getClassLoader());
    loader.setPrefix("dev/mds/docs/templates");
    loader.setSuffix(".peb");
    engine = new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(true)
        .strictVariables(true)
        .extension(new RecordAttributes())
        // Most values printed have nothing to escape; unbescape finds that out more slowly.
        .addEscapingStrategy("html", SiteTemplates::escapeHtml)
        .build();
  }

  /**
   * Pebble's own {@code html} escaping (unbescape's HTML4/XML escape of the five markup-significant
   * characters), skipped for text that has none of them: the same output, without unbescape's
   * per-character table lookups for the ~1 million values a 5,000-model site prints.
   */
  static String escapeHtml(String text) {
    for (int i = 0; i < text.length(); i++) {
      switch (text.charAt(i)) {
        case '&', '<', '>', '"', '\'' -> {
          return org.unbescape.html.HtmlEscape.escapeHtml4Xml(text);
        }
        default -> {
        }
      }
    }
    return text;
  }

  void render(String template, Map<String, Object> context, Writer out) {
    try {
      engine.getTemplate(template).evaluate(out, context);
    } catch (IOException e) {
      throw new DocsException("Cannot write page " + template + ": " + e.getMessage(), e);
    }
  }
}
