package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ToJsonFilterTest {

  @Test
  void writesPythonsJsonWithSortedKeys() {
    assertEquals("{\"a\": [1, \"x\", true, null], \"b\": 1.5}", Jinja.render(
        "{{ {'b': 1.5, 'a': [1, 'x', true, none]} | tojson }}"));
  }

  @Test
  void escapesLikeJinja() {
    assertEquals("\"it\\u0027s \\u003cb\\u003e \\u0026 caf\\u00e9\\n\"",
        Jinja.render("{{ s | tojson }}", Map.of("s", "it's <b> & café\n")));
  }

  @Test
  void indentsLikePython() {
    assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}", Jinja.render(
        "{{ {'a': [1, 2], 'b': {}} | tojson(indent=2) }}"));
  }

  @Test
  void writesMacroOutputAsAString() {
    assertEquals("\"x\"", Jinja.render("{% macro m() %}x{% endmacro %}{{ m() | tojson }}"));
  }
}
