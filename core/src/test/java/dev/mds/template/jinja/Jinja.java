package dev.mds.template.jinja;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Renders template text with the product's engine settings plus this extension. */
final class Jinja {

  private Jinja() {
  }

  static PebbleEngine.Builder builder() {
    return new PebbleEngine.Builder()
        .loader(new StringLoader())
        .autoEscaping(false).newLineTrimming(false).strictVariables(true)
        .extension(new JinjaCompatExtension());
  }

  static String render(String template) {
    return render(template, Map.of());
  }

  static String render(String template, Map<String, Object> variables) {
    return render(builder().allowOverrideCoreOperators(true).build(), template, variables);
  }

  static String render(PebbleEngine engine, String template, Map<String, Object> variables) {
    StringWriter writer = new StringWriter();
    try {
      engine.getTemplate(template).evaluate(writer, new HashMap<>(variables));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toString();
  }
}
