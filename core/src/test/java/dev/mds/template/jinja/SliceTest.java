package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python's subscripts and slices; prints need a tag before them (SliceRetyping). */
class SliceTest {

  private static final Map<String, Object> VARS = Map.of("xs", List.of(1, 2, 3, 4), "s", "Hello");

  private static String render(String template) {
    return Jinja.render("{% do none %}" + template, VARS);
  }

  @Test
  void negativeIndexesCountFromTheEnd() {
    assertEquals("4 3 1 o H e", render(
        "{{ xs[-1] }} {{ xs[-2] }} {{ xs[0] }} {{ s[-1] }} {{ s[0] }} {{ s[1] }}"));
  }

  @Test
  void slicesOfLists() {
    assertEquals("[2, 3, 4] [1, 2, 3] [4, 3, 2, 1] [2, 3] [1, 3] [1, 2, 3, 4] [3, 4] [] [4, 2]",
        render("{{ xs[1:] }} {{ xs[:-1] }} {{ xs[::-1] }} {{ xs[1:3] }} {{ xs[::2] }} {{ xs[:] }}"
            + " {{ xs[-2:] }} {{ xs[3:1] }} {{ xs[3:0:-2] }}"));
  }

  @Test
  void slicesOfText() {
    assertEquals("ello Hell olleH el Hlo lo ", render(
        "{{ s[1:] }} {{ s[:-1] }} {{ s[::-1] }} {{ s[1:3] }} {{ s[::2] }} {{ s[-2:] }} {{ s[9:] }}"));
  }

  @Test
  void partsAreWholeExpressions() {
    assertEquals("[2, 3] [1, 2] [3, 4] el", render(
        "{% set n = 1 %}{{ xs[n:n + 2] }} {{ xs[:n * 2] }} {{ xs[(xs | length) - 2:] }}"
            + " {{ s[n:-2 if n else 0][:2] }}"));
    assertEquals("[1, 3] [2, 4] [4, 2] [1, 2]", render(
        "{{ xs[0::2] }} {{ xs[1:4:2] }} {{ xs[:0:-2] }} {{ xs[0:2:] }}"));
  }

  @Test
  void slicesInTagsAndCalls() {
    assertEquals("b,c|ab", Jinja.render(
        "{% set parts = 'a.b.c'.split('.')[1:] %}{{ parts | join(',') }}|"
            + "{% if 'abc'[:2] == 'ab' %}{{ 'abc'[:2] }}{% endif %}"));
    assertEquals("[2, 3]", Jinja.render(
        "{% macro tail(items) %}{{ items[1:] }}{% endmacro %}{{ tail([1, 2, 3]) }}"));
  }

  @Test
  void mapLiteralsAndRawBlocksKeepTheirColons() {
    assertEquals("1 [2, 3, 4] [3, 4] {{ x[1:] }}", render(
        "{% set m = {'a': 1, 'b': xs[1:]} %}{{ m['a'] }} {{ m.b }} {{ xs[m['a'] + 1:] }}"
            + " {% raw %}{{ x[1:] }}{% endraw %}"));
    assertEquals("{{ x[1:] }}", Jinja.render("{% raw %}{{ x[1:] }}{% endraw %}"));
  }

  @Test
  void indexOutOfRangeIsUndefined() {
    assertEquals("false true", render("{{ xs[9] is defined }} {{ xs[-4] is defined }}"));
    PebbleException error = assertThrows(PebbleException.class, () -> render("\n{{ xs[-5] }}"));
    assertEquals(2, error.getLineNumber());
  }

  @Test
  void badSlicesFailWithTheirLine() {
    PebbleException error = assertThrows(PebbleException.class, () -> render("\n{{ xs[::0] }}"));
    assertEquals(2, error.getLineNumber());
    assertTrue(error.getPebbleMessage().contains("step cannot be zero"), error.getPebbleMessage());
    assertThrows(PebbleException.class, () -> render("{{ xs['a':] }}"));
    assertThrows(PebbleException.class, () -> render("{{ {'a': 1}[1:] }}"));
  }
}
