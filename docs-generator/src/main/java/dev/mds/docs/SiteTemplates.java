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
        .build();
  }

  void render(String template, Map<String, Object> context, Writer out) {
    try {
      engine.getTemplate(template).evaluate(out, context);
    } catch (IOException e) {
      throw new DocsException("Cannot write page " + template + ": " + e.getMessage(), e);
    }
  }
}
