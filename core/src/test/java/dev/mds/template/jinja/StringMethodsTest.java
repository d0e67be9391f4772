package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.error.PebbleException;
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

  @Test
  void formatWithPositionalFields() {
    assertEquals("a-b aa {x} b|a", Jinja.render(
        "{{ '{}-{}'.format('a', 'b') }} {{ '{0}{0}'.format('a') }} {{ '{{x}}'.format() }}"
            + " {{ '{1}|{0}'.format('a', 'b') }}"));
    assertEquals("[  ab] [ab  ] [ ab ] [0042] [3.14] [1,234,567] [50.0%] ['x'] [7]", Jinja.render(
        "[{{ '{:>4}'.format('ab') }}] [{{ '{:<4}'.format('ab') }}] [{{ '{:^4}'.format('ab') }}]"
            + " [{{ '{:04d}'.format(42) }}] [{{ '{:.2f}'.format(3.14159) }}]"
            + " [{{ '{:,}'.format(1234567) }}] [{{ '{:.1%}'.format(0.5) }}] [{{ '{!r}'.format('x') }}]"
            + " [{{ '{}'.format(7) }}]"));
  }

  @Test
  void formatRefusesNamedFields() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("{{ '{name}'.format('x') }}"));
    assertTrue(error.getPebbleMessage().contains("named field '{name}'"), error.getPebbleMessage());
  }

  @Test
  void rsplitSplitsFromTheRight() {
    assertEquals("a,b|c a|b|c  x  y|z", Jinja.render(
        "{{ 'a,b,c'.rsplit(',', 1) | join('|') }} {{ 'a,b,c'.rsplit(',') | join('|') }}"
            + " {{ ' x  y z '.rsplit(none, 1) | join('|') }}"));
  }

  @Test
  void startsAndEndsWithATuple() {
    assertEquals("true false", Jinja.render(
        "{% do none %}{{ 'abc'.startswith(('x', 'a')) }} {{ 'abc'.endswith(('a', 'b')) }}"));
  }

  @Test
  void findIndexAndCount() {
    assertEquals("2 -1 1 3 2 1 0", Jinja.render(
        "{{ 'abc'.find('c') }} {{ 'abc'.find('z') }} {{ 'abc'.index('b') }}"
            + " {{ 'abcabc'.find('a', 1) }} {{ 'aXaXa'.rfind('a', 0, -1) }} {{ 'aaab'.count('aa') }}"
            + " {{ 'x'.count('y') }}"));
    assertThrows(PebbleException.class, () -> Jinja.render("{{ 'abc'.index('z') }}"));
  }

  @Test
  void characterClassTests() {
    assertEquals("true false true false true true false true false", Jinja.render(
        "{{ '12'.isdigit() }} {{ ''.isdigit() }} {{ 'ab'.isalpha() }} {{ 'a1'.isalpha() }}"
            + " {{ 'a1'.isalnum() }} {{ '12'.isnumeric() }} {{ 'Ab'.isupper() }}"
            + " {{ 'ab1'.islower() }} {{ '12'.islower() }}"));
  }

  @Test
  void paddingAndPartition() {
    assertEquals("005 -05 [ab  ] [**ab] [ ab ]", Jinja.render(
        "{{ '5'.zfill(3) }} {{ '-5'.zfill(3) }} [{{ 'ab'.ljust(4) }}] [{{ 'ab'.rjust(4, '*') }}]"
            + " [{{ 'ab'.center(4) }}]"));
    assertEquals("a|=|b=c a=b|=|c abc||", Jinja.render(
        "{{ 'a=b=c'.partition('=') | join('|') }} {{ 'a=b=c'.rpartition('=') | join('|') }}"
            + " {{ 'abc'.partition('=') | join('|') }}"));
  }

  @Test
  void prefixesLinesAndCase() {
    assertEquals("table tbl 3 aBC", Jinja.render(
        "{{ 'stg_table'.removeprefix('stg_') }} {{ 'tbl_x'.removesuffix('_x') }}"
            + " {{ 'a\nb\r\nc\n'.splitlines() | length }} {{ 'Abc'.swapcase() }}"));
  }
}
