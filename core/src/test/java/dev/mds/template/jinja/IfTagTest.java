package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IfTagTest {

  private static final String CHAIN =
      "{% if a %}A{% elif b %}B{% else %}C{% endif %}";

  @Test
  void elifPicksTheFirstTrueBranch() {
    assertEquals("A", Jinja.render(CHAIN, Map.of("a", true, "b", true)));
    assertEquals("B", Jinja.render(CHAIN, Map.of("a", false, "b", true)));
    assertEquals("C", Jinja.render(CHAIN, Map.of("a", false, "b", false)));
  }

  @Test
  void pebbleElseifStillWorks() {
    assertEquals("B", Jinja.render("{% if a %}A{% elseif b %}B{% endif %}",
        Map.of("a", false, "b", true)));
  }

  @Test
  void conditionsUseJinjaTruthiness() {
    String template = "{% if v %}yes{% else %}no{% endif %}";
    assertEquals("no", Jinja.render(template, Map.of("v", List.of())));
    assertEquals("yes", Jinja.render(template, Map.of("v", List.of(1))));
    assertEquals("no", Jinja.render(template, Map.of("v", Map.of())));
    assertEquals("no", Jinja.render(template, Map.of("v", "")));
    assertEquals("no", Jinja.render(template, Map.of("v", 0L)));
    assertEquals("no", Jinja.render("{% if none %}yes{% else %}no{% endif %}"));
  }

  @Test
  void aNameTheConditionTestsThatWasNeverSetIsFalseAsInJinja() {
    // dbt's parse pass renders with execute false, so a name set under {% if execute %} is
    // undefined when a later {% if name %} tests it.
    String template = "{% if execute %}{% set names = 'a' %}{% endif %}"
        + "{% if names %}set{% elif not names and not other %}unset{% endif %}";
    assertEquals("unset", Jinja.render(template, Map.of("execute", false)));
    assertEquals("set", Jinja.render(template, Map.of("execute", true)));
    // Anywhere else an undefined name still stops, naming it.
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("{% if names | length > 0 %}x{% endif %}"));
    assertTrue(error.getMessage().contains("names"), error.getMessage());
  }

  @Test
  void andOrNotFollowJinja() {
    Map<String, Object> vars = Map.of("empty", List.of(), "full", List.of(1));
    assertEquals("yes", Jinja.render("{% if full and not empty %}yes{% endif %}", vars));
    assertEquals("[1]", Jinja.render("{{ empty or full }}", vars));
    assertEquals("fallback", Jinja.render("{{ none or 'fallback' }}"));
    assertEquals("true", Jinja.render("{{ not 1 == 2 }}"));
    assertEquals("yes", Jinja.render("{% if not 'x' in ['a'] %}yes{% endif %}"));
  }

  @Test
  void andOrNotWithoutOperatorOverrideFailWithAdvice() {
    PebbleException error = assertThrows(PebbleException.class, () -> Jinja.render(
        Jinja.builder().build(), "\n{% if a and b %}x{% endif %}", Map.of("a", true, "b", true)));
    assertTrue(error.getMessage().contains("allowOverrideCoreOperators(true)"), error.getMessage());
    assertEquals(2, error.getLineNumber());
  }

  @Test
  void inlineConditionalWorksInTags() {
    assertEquals("x", Jinja.render("{% set v = 'x' if c else 'y' %}{{ v }}", Map.of("c", true)));
    assertEquals("y", Jinja.render("{% set v = 'x' if c else 'y' %}{{ v }}", Map.of("c", false)));
    assertEquals("[]", Jinja.render("{% set v = 'x' if c %}[{{ v }}]", Map.of("c", false)));
    assertEquals("b", Jinja.render(
        "{% set v = 'a' if n == 1 else 'b' if n == 2 else 'c' %}{{ v }}", Map.of("n", 2L)));
  }

  @Test
  void pebbleTernaryStillWorksInPrints() {
    assertEquals("x", Jinja.render("{{ c ? 'x' : 'y' }}", Map.of("c", true)));
  }

  @Test
  void inlineConditionalWorksInPrintsAfterTheFirstTag() {
    Map<String, Object> vars = Map.of("c", true, "d", false);
    assertEquals("x y", Jinja.render("{% do none %}{{ 'x' if c else 'y' }} {{ 'x' if d else 'y' }}",
        vars));
    assertEquals("[x][]", Jinja.render("{% do none %}[{{ 'x' if c }}][{{ 'x' if d }}]", vars));
  }

  @Test
  void inlineConditionalInsideLoopsNeedsNoPriorTag() {
    assertEquals("a, b, c", Jinja.render(
        "{% for x in ['a', 'b', 'c'] %}{{ x }}{{ ', ' if not loop.last }}{% endfor %}"));
  }

  @Test
  void inlineConditionalNestsAndBindsLooserThanOr() {
    Map<String, Object> vars = Map.of("n", 2L, "a", false, "b", true);
    assertEquals("two", Jinja.render(
        "{% do none %}{{ 'one' if n == 1 else 'two' if n == 2 else 'many' }}", vars));
    assertEquals("yes", Jinja.render("{% do none %}{{ 'yes' if a or b else 'no' }}", vars));
    assertEquals("B", Jinja.render("{% do none %}{{ 'a' if a else 'b' | upper }}", vars));
    assertEquals("[x-b]", Jinja.render(
        "{% do none %}[{{ ['x', 'a' if a else 'b'] | join('-') }}]", vars));
  }

  @Test
  void inlineConditionalInsideBracketsOfTags() {
    assertEquals("b", Jinja.render(
        "{% set xs = ['a' if false else 'b'] %}{{ xs[0] }}"));
    assertEquals("b", Jinja.render(
        "{% macro m(v) %}{{ v }}{% endmacro %}{% do none %}{{ m('a' if false else 'b') }}"));
  }

  @Test
  void inlineConditionalEvaluatesOnlyTheChosenBranch() {
    assertEquals("safe", Jinja.render(
        "{% do none %}{{ missing.attr if missing is defined else 'safe' }}"));
  }

  @Test
  void inlineConditionalInAPrintBeforeAnyTagIsAParseError() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("{{ 'x' if c else 'y' }}", Map.of("c", true)));
    assertEquals(1, error.getLineNumber());
  }

  @Test
  void unclosedIfNamesItsLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("a\n{% if true %}\nb"));
    assertTrue(error.getMessage().contains("line 2"), error.getMessage());
  }

  @Test
  void aColonMayEndTheHeaderAsInPython() {
    assertEquals("create temporary table", Jinja.render(
        "create {% if temporary: -%}temporary{%- endif %} table", Map.of("temporary", true)));
    assertEquals("ab", Jinja.render("{% for x in ['a', 'b']: %}{{ x }}{% endfor %}"));
  }
}
