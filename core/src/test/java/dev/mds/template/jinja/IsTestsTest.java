package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.error.PebbleException;
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

  @Test
  void numberTests() {
    assertEquals("true false true true false true", Jinja.render(
        "{{ 6 is divisibleby(3) }} {{ 7 is divisibleby(3) }} {{ 2 is even }} {{ 3 is odd }}"
            + " {{ 3 is even }} {{ 4.0 is even }}"));
    assertEquals("false false", Jinja.render("{{ 'a' is even }} {{ none is odd }}"));
  }

  @Test
  void caseTests() {
    assertEquals("true false true false false", Jinja.render(
        "{{ 'ab_1' is lower }} {{ 'aB' is lower }} {{ 'AB' is upper }} {{ '12' is upper }}"
            + " {{ 1 is lower }}"));
  }

  @Test
  void orderingTestsAndTheirOtherNames() {
    assertEquals("true true true true true true false", Jinja.render(
        "{{ 1 is lt(2) }} {{ 1 is le(1) }} {{ 2 is gt(1) }} {{ 2 is ge(2) }}"
            + " {{ 1 is lessthan(2) }} {{ 3 is greaterthan(2) }} {{ 'a' is gt('b') }}"));
    assertEquals("true", Jinja.render("{{ 1 is equalto(1.0) }}"));
  }

  @Test
  void inTestAndItsNegation() {
    assertEquals("true false true true", Jinja.render(
        "{{ 1 is in([1, 2]) }} {{ 3 is in([1, 2]) }} {{ 3 is not in([1, 2]) }}"
            + " {{ 'k' is in({'k': 1}) }}"));
    assertEquals("yes", Jinja.render("{% if 'b' is in('abc') and 2 is not even %}{% else %}yes"
        + "{% endif %}"));
    assertEquals("true", Jinja.render("{{ 1 is integer }}"));
  }

  @Test
  void sameasAndCallable() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("f", false);
    vars.put("l", List.of());
    assertEquals("true false false", Jinja.render(
        "{{ f is sameas(false) }} {{ l is sameas([]) }} {{ l is callable }}", vars));
  }

  @Test
  void testsWithoutNotOrWithIt() {
    assertEquals("false true", Jinja.render("{{ 2 is not even }} {{ 'a' is not upper }}"));
  }

  @Test
  void orderingTestOfUnorderableValuesNamesTheTest() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{{ 'a' is lt(1) }}"));
    assertEquals(2, error.getLineNumber());
    assertTrue(error.getPebbleMessage().startsWith("Test 'lt': cannot order"),
        error.getPebbleMessage());
  }
}
