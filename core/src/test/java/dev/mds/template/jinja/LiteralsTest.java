package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LiteralsTest {

  @Test
  void lowerCaseLiterals() {
    assertEquals("true false true", Jinja.render("{{ true }} {{ false }} {{ none is none }}"));
  }

  @Test
  void pythonCaseLiterals() {
    assertEquals("true false true", Jinja.render("{{ True }} {{ False }} {{ None is none }}"));
    assertEquals("no", Jinja.render("{% if None %}yes{% elif False %}yes{% else %}no{% endif %}"));
  }

  @Test
  void pythonCaseLiteralsWorkInsideMacros() {
    assertEquals("true", Jinja.render(
        "{% macro m(x=None) %}{{ x is none and True }}{% endmacro %}{{ m() }}"));
  }
}
