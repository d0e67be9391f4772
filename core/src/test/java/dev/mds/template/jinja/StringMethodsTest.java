package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StringMethodsTest {

  @Test
  void changeCase() {
    assertEquals("ABC abc Abc Ab Cd", Jinja.render(
        "{{ 'abc'.upper() }} {{ 'ABC'.lower() }} {{ 'aBC'.capitalize() }} {{ 'ab cd'.title() }}"));
  }

  @Test
  void stripWhitespaceOrGivenCharacters() {
    assertEquals("[x] [x  ] [  x] [x]", Jinja.render(
        "[{{ '  x  '.strip() }}] [{{ '  x  '.lstrip() }}] [{{ '  x  '.rstrip() }}]"
            + " [{{ '--x--'.strip('-') }}]"));
  }

  @Test
  void startsAndEndsWith() {
    assertEquals("true false true true", Jinja.render(
        "{{ 'abc'.startswith('a') }} {{ 'abc'.endswith('a') }} {{ 'abc'.endswith('bc') }}"
            + " {{ 'abc'.startswith(['x', 'ab']) }}"));
  }

  @Test
  void splitIsLiteralAsInPython() {
    assertEquals("4|a||b|2", Jinja.render(
        "{% set p = 'a..b.c'.split('.') %}{{ p | length }}|{{ p[0] }}|{{ p[1] }}|{{ p[2] }}"
            + "|{{ ' x \n y '.split() | length }}"));
    assertEquals("a|b.c", Jinja.render("{{ 'a.b.c'.split('.', 1) | join('|') }}"));
  }

  @Test
  void replaceAndJoin() {
    assertEquals("xbxb x-y", Jinja.render(
        "{{ 'abab'.replace('a', 'x') }} {{ '-'.join(['x', 'y']) }}"));
  }

  @Test
  void methodsWorkOnMacroOutput() {
    assertEquals("[X]", Jinja.render("{% macro m() %}  x  {% endmacro %}[{{ m().strip().upper() }}]"));
  }

  @Test
  void javaMethodsStillWorkWhereNoPythonMethodMatches() {
    assertEquals("3 true", Jinja.render("{{ s.length() }} {{ s.isEmpty() == false }}",
        Map.of("s", "abc")));
  }
}
