package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pebbletemplates.pebble.error.PebbleException;
import org.junit.jupiter.api.Test;

class SetTagTest {

  @Test
  void setsAList() {
    assertEquals("a,b", Jinja.render("{% set cols = ['a', 'b'] %}{{ cols | join(',') }}"));
  }

  @Test
  void blockSetCapturesRenderedText() {
    assertEquals("[select 1]", Jinja.render(
        "{% set sql %}select {{ 1 }}{% endset %}[{{ sql | trim }}]"));
  }

  @Test
  void setsANamespaceAttribute() {
    assertEquals("2", Jinja.render("{% set ns = namespace(n=1) %}{% set ns.n = 2 %}{{ ns.n }}"));
  }

  @Test
  void attributeOfANonNamespaceIsRejected() {
    assertThrows(PebbleException.class, () -> Jinja.render("{% set s = 'x' %}{% set s.a = 1 %}"));
  }

  @Test
  void missingEndsetNamesTheOpeningLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{% set x %}abc"));
    assertEquals("Missing {% endset %} for the {% set %} on line 2",
        error.getPebbleMessage());
  }

  @Test
  void dictBuildsAMap() {
    assertEquals("1", Jinja.render("{% set d = dict(a=1) %}{{ d.a }}"));
  }

  @Test
  void blockSetWithWhitespaceControl() {
    assertEquals("<>[select 1]", Jinja.render(
        "<{%- set sql -%}\n  select {{ 1 }}\n{%- endset -%}\n>[{{ sql }}]"));
  }

  @Test
  void blockSetThroughFilters() {
    assertEquals("[ABC] [zBC]", Jinja.render(
        "{% set a | upper %}abc{% endset %}{% set b | upper | replace('A', 'z') %}abc{% endset %}"
            + "[{{ a }}] [{{ b }}]"));
    assertEquals("[a b]", Jinja.render("{% set x | trim %}  a b \n{% endset %}[{{ x }}]"));
  }

  @Test
  void unpacksAPairAListOrBareValues() {
    assertEquals("1 2|x y|3 4", Jinja.render(
        "{% set a, b = [1, 2] %}{{ a }} {{ b }}|{% set c, d = ('x', 'y') %}{{ c }} {{ d }}"
            + "|{% set e, f = 3, 4 %}{{ e }} {{ f }}"));
    assertEquals("k=v", Jinja.render(
        "{% set pair = {'k': 'v'} | items | first %}{% set k, v = pair %}{{ k }}={{ v }}"));
  }

  @Test
  void unpackingTheWrongNumberFailsWithItsLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{% set a, b = [1, 2, 3] %}"));
    assertEquals(2, error.getLineNumber());
    assertEquals("Cannot unpack 3 values into 2 names [a, b]", error.getPebbleMessage());
  }
}
