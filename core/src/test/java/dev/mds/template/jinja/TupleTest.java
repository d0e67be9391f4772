package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TupleTest {

  @Test
  void membershipInATupleInsideATag() {
    Map<String, Object> vars = Map.of("type", "duckdb");
    assertEquals("yes", Jinja.render(
        "{% if type in ('duckdb', 'postgres') %}yes{% else %}no{% endif %}", vars));
    assertEquals("no", Jinja.render(
        "{% if type not in ('duckdb', 'postgres') %}yes{% else %}no{% endif %}", vars));
  }

  @Test
  void tuplesAreListsInPrintsAfterTheFirstTag() {
    assertEquals("[1, 2] 2 true", Jinja.render(
        "{% do none %}{{ (1, 2) }} {{ (1, 2) | length }} {{ 2 in (1, 2) }}"));
  }

  @Test
  void parenthesesWithoutACommaAndCallsStayAsTheyAre() {
    assertEquals("9 ab", Jinja.render(
        "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ (1 + 2) * 3 }} {{ m('a', 'b') }}"));
  }

  @Test
  void tuplesNestInCalls() {
    assertEquals("a|b", Jinja.render("{% do none %}{{ ('a', 'b') | join('|') }}"));
  }
}
