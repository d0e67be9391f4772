package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsTestsTest {

  @Test
  void noneAndNotNone() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("missing", null);
    vars.put("present", "x");
    assertEquals("true false", Jinja.render("{{ missing is none }} {{ present is none }}", vars));
    assertEquals("yes", Jinja.render("{% if present is not none %}yes{% endif %}", vars));
  }

  @Test
  void definedAndUndefinedSeeMissingVariablesDespiteStrictMode() {
    assertEquals("false true", Jinja.render("{{ nope is defined }} {{ nope is undefined }}"));
    assertEquals("true", Jinja.render("{{ m.k is defined }}", Map.of("m", Map.of("k", 1))));
    assertEquals("false", Jinja.render("{{ m.other is defined }}", Map.of("m", Map.of("k", 1))));
  }

  @Test
  void typeTests() {
    Map<String, Object> vars = Map.of("s", "x", "n", 1, "f", 1.5, "m", Map.of(), "l", List.of());
    assertEquals("true false", Jinja.render("{{ s is string }} {{ n is string }}", vars));
    assertEquals("true true false", Jinja.render(
        "{{ n is number }} {{ f is number }} {{ s is number }}", vars));
    assertEquals("true false", Jinja.render("{{ n is integer }} {{ f is integer }}", vars));
    assertEquals("true false", Jinja.render("{{ m is mapping }} {{ l is mapping }}", vars));
    assertEquals("true true true", Jinja.render(
        "{{ l is iterable }} {{ s is iterable }} {{ l is sequence }}", vars));
    assertEquals("false", Jinja.render("{{ n is iterable }}", vars));
    assertEquals("true true", Jinja.render("{{ true is boolean }} {{ false is false }}"));
  }

  @Test
  void equalityTestsServeSelectattr() {
    assertEquals("true false", Jinja.render("{{ 1 is eq(1) }} {{ 1 is ne(1) }}"));
  }
}
