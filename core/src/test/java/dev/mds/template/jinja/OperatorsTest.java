package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorsTest {

  @Test
  void filtersBindTighterThanConcatenationWhichBindsLooserThanSums() {
    Map<String, Object> vars = Map.of("xs", List.of("a", "b"), "name", "bo");
    assertEquals("cols: a,b!", Jinja.render("{{ 'cols: ' ~ xs | join(',') ~ '!' }}", vars));
    assertEquals("hi BO", Jinja.render("{{ 'hi ' ~ name | upper }}", vars));
    assertEquals("33", Jinja.render("{{ 1 + 2 ~ 3 }}"));
    assertEquals("true", Jinja.render("{{ 'a' ~ 'b' == 'ab' }}"));
  }

  @Test
  void inTestsListMembership() {
    assertEquals("yes", Jinja.render("{% if 'a' in ['a', 'b'] %}yes{% endif %}"));
    assertEquals("no", Jinja.render("{% if 'c' in ['a', 'b'] %}yes{% else %}no{% endif %}"));
  }

  @Test
  void notInNegatesMembership() {
    Map<String, Object> vars = Map.of("x", "c", "list", List.of("a", "b"));
    assertEquals("yes", Jinja.render("{% if x not in list %}yes{% endif %}", vars));
    assertEquals("false", Jinja.render("{{ 'a' not in list }}", vars));
  }

  @Test
  void inFindsSubstringsAndMapKeys() {
    assertEquals("true false", Jinja.render("{{ 'ab' in 'xabc' }} {{ 'ba' in 'xabc' }}"));
    assertEquals("true false", Jinja.render("{{ 'k' in m }} {{ 'v' in m }}",
        Map.of("m", Map.of("k", "v"))));
  }

  @Test
  void inComparesNumbersByValue() {
    assertEquals("true", Jinja.render("{{ 2 in xs }}", Map.of("xs", List.of(1, 2))));
  }

  @Test
  void wordsStartingWithInAreNotTheOperator() {
    assertEquals("3", Jinja.render("{{ index + inner }}", Map.of("index", 1, "inner", 2)));
    assertEquals("x", Jinja.render("{% set notinteresting = 'x' %}{{ notinteresting }}"));
  }

  @Test
  void inOnANumberFailsWithItsLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{{ 1 in 2 }}"));
    assertEquals(2, error.getLineNumber());
  }

  @Test
  void divisionIsJinjas() {
    assertEquals("3.5 2.0 3 -4 8 0.25", Jinja.render(
        "{{ 7 / 2 }} {{ 4 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 2 ** 3 }} {{ 2 ** -2 }}"));
  }

  @Test
  void divisionByZeroFails() {
    assertThrows(PebbleException.class, () -> Jinja.render("{{ 1 / 0 }}"));
  }

  @Test
  void concatenationAndComparisonsStillWork() {
    assertEquals("ab true 3", Jinja.render("{{ 'a' ~ 'b' }} {{ 1 < 2 }} {{ 1 + 2 }}"));
  }
}
