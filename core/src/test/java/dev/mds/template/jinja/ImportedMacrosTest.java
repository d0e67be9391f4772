package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.MemoryLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The product imports project macros into every template; the Jinja constructs must work there. */
class ImportedMacrosTest {

  private static String render(String template) {
    MemoryLoader loader = new MemoryLoader();
    loader.addTemplate("macros", """
        {% macro statement(name) %}/* {{ name }} */ {{ caller() }}{% endmacro %}
        {% macro cols(xs) %}{% for x in xs %}{{ x }}{{ ', ' if not loop.last }}{% endfor %}{% endmacro %}
        {% if true %}{% macro nested() %}nested{% endmacro %}{% endif %}
        """);
    loader.addTemplate("model", template);
    PebbleEngine engine = Jinja.builder().loader(loader).allowOverrideCoreOperators(true).build();
    return Jinja.render(engine, "model", Map.of()).strip();
  }

  @Test
  void callBlockReachesAnImportedMacro() {
    assertEquals("/* main */ select 1", render(
        "{% import 'macros' %}{% call statement('main') %}select 1{% endcall %}"));
  }

  @Test
  void importedMacroUsesLoopAndInlineConditional() {
    assertEquals("a, b", render("{% import 'macros' %}{{ cols(['a', 'b']) }}"));
  }

  @Test
  void macroDefinedInsideAnIfIsRegistered() {
    assertEquals("nested", render("{% import 'macros' %}{{ nested() }}"));
  }
}
