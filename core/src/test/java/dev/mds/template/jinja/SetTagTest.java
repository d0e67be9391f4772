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
}
