package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFiltersTest {

  @Test
  void replaceTakesJinjasTwoArguments() {
    assertEquals("b-b-c", Jinja.render("{{ 'a-a-c' | replace('a', 'b') }}"));
    assertEquals("b-a-c", Jinja.render("{{ 'a-a-c' | replace('a', 'b', 1) }}"));
  }

  @Test
  void replaceKeepsPebblesMapForm() {
    assertEquals("x-y", Jinja.render("{{ 'a-b' | replace({'a': 'x', 'b': 'y'}) }}"));
  }

  @Test
  void trimLowerUpperAbs() {
    assertEquals("[x] abc ABC 3", Jinja.render(
        "[{{ '  x ' | trim }}] {{ 'ABC' | lower }} {{ 'abc' | upper }} {{ -3 | abs }}"));
  }

  @Test
  void roundReturnsAFloatLikeJinja() {
    assertEquals("3.0 2.0 3.14 3.2 3.1", Jinja.render(
        "{{ 2.5 | round }} {{ 2.4 | round }} {{ 3.14159 | round(2) }}"
            + " {{ 3.11 | round(1, 'ceil') }} {{ 3.19 | round(1, 'floor') }}"));
    assertEquals("3", Jinja.render("{{ 2.5 | round | int }}"));
  }

  @Test
  void indentIndentsFollowingLines() {
    assertEquals("a\n    b\n\n    c", Jinja.render("{{ text | indent }}",
        Map.of("text", "a\nb\n\nc")));
    assertEquals("  a\n  b", Jinja.render("{{ text | indent(2, true) }}", Map.of("text", "a\nb")));
    assertEquals("a\n--b", Jinja.render("{{ text | indent('--') }}", Map.of("text", "a\nb")));
  }

  @Test
  void defaultCoversUndefinedAndNone() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("n", null);
    assertEquals("x x y z", Jinja.render(
        "{{ nope | default('x') }} {{ n | d('x') }} {{ m.k | default('y') }}"
            + " {{ '' | default('z', true) }}", Map.of("m", Map.of())));
  }

  @Test
  void trimTakesCharacters() {
    assertEquals("[a] [a] [bab]", Jinja.render(
        "[{{ ' a ' | trim }}] [{{ 'xxaxx' | trim('x') }}] [{{ '-bab-' | trim('-') }}]"));
  }

  @Test
  void capitalizeAndTitleLowerTheRest() {
    assertEquals("Hello Hello World", Jinja.render(
        "{{ 'hELLO' | capitalize }} {{ 'hELLO wORLD' | title }}"));
  }

  @Test
  void wordcountCountsWords() {
    assertEquals("3 0", Jinja.render("{{ 'a b,  c_d' | wordcount }} {{ '' | wordcount }}"));
  }

  @Test
  void truncateLikeJinja() {
    assertEquals("hello...|hello|hello world|hello...|hello w...|hello wo..", Jinja.render(
        "{{ 'hello world foo' | truncate(9) }}|{{ 'hello' | truncate(10) }}"
            + "|{{ 'hello world' | truncate(8) }}|{{ 'hello world' | truncate(8, leeway=0) }}"
            + "|{{ 'hello world foobar' | truncate(10, true) }}"
            + "|{{ 'hello world foobar' | truncate(10, true, '..') }}"));
  }

  @Test
  void formatIsPythonsPercentFormatting() {
    assertEquals("a-b 3 03.14 x!", Jinja.render(
        "{{ '%s-%s' | format('a', 'b') }} {{ '%d' | format(3.9) }} {{ '%05.2f' | format(3.14159) }}"
            + " {{ '%(n)s!' | format(n='x') }}"));
  }

  @Test
  void escapeAndItsShortName() {
    assertEquals("&lt;a&gt; &lt;a&gt;", Jinja.render("{{ '<a>' | escape }} {{ '<a>' | e }}"));
  }
}
