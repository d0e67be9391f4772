package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForTagTest {

  @Test
  void loopVariablesAreJinjas() {
    String template = "{% for x in xs %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/"
        + "{{ loop.revindex0 }}/{{ loop.length }}/{{ loop.first }}/{{ loop.last }};{% endfor %}";
    assertEquals("1/0/3/2/3/true/false;2/1/2/1/3/false/false;3/2/1/0/3/false/true;",
        Jinja.render(template, Map.of("xs", List.of("a", "b", "c"))));
  }

  @Test
  void lastCommaIdiomWorks() {
    assertEquals("a, b, c", Jinja.render(
        "{% for x in xs %}{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}",
        Map.of("xs", List.of("a", "b", "c"))));
  }

  @Test
  void previousAndNextItems() {
    assertEquals("- a b;a b c;b c -;", Jinja.render(
        "{% for x in xs %}{{ loop.previtem or '-' }} {{ x }} {{ loop.nextitem or '-' }};{% endfor %}",
        Map.of("xs", List.of("a", "b", "c"))));
  }

  @Test
  void elseRendersForAnEmptyLoop() {
    String template = "{% for x in xs %}{{ x }}{% else %}empty{% endfor %}";
    assertEquals("empty", Jinja.render(template, Map.of("xs", List.of())));
    assertEquals("12", Jinja.render(template, Map.of("xs", List.of(1, 2))));
  }

  @Test
  void unpacksMapItemsAndPairs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put("b", 2);
    assertEquals("a=1 b=2 ", Jinja.render(
        "{% for k, v in m.items() %}{{ k }}={{ v }} {% endfor %}", Map.of("m", map)));
    assertEquals("x1 y2 ", Jinja.render(
        "{% for a, b in [['x', 1], ['y', 2]] %}{{ a }}{{ b }} {% endfor %}"));
  }

  @Test
  void loopingOverAMapGivesItsKeys() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put("b", 2);
    assertEquals("ab", Jinja.render("{% for k in m %}{{ k }}{% endfor %}", Map.of("m", map)));
    assertEquals("ab|12", Jinja.render(
        "{% for k in m.keys() %}{{ k }}{% endfor %}|{% for v in m.values() %}{{ v }}{% endfor %}",
        Map.of("m", map)));
  }

  @Test
  void ifFilterSkipsItemsBeforeCounting() {
    assertEquals("1:2 2:4 ", Jinja.render(
        "{% for x in [1, 2, 3, 4] if x % 2 == 0 %}{{ loop.index }}:{{ x }} {% endfor %}"));
  }

  @Test
  void nestedLoopsEachHaveTheirOwnLoop() {
    assertEquals("1.1 1.2 2.1 2.2 ", Jinja.render(
        "{% for a in [1, 2] %}{% set outer = loop.index %}{% for b in [1, 2] %}"
            + "{{ outer }}.{{ loop.index }} {% endfor %}{% endfor %}"));
  }

  @Test
  void setInsideALoopStaysInTheLoopButNamespacesCarryOut() {
    assertEquals("false true", Jinja.render(
        "{% set found = false %}{% set ns = namespace(found=false) %}"
            + "{% for x in [1, 2] %}{% if x == 2 %}{% set found = true %}{% set ns.found = true %}"
            + "{% endif %}{% endfor %}{{ found }} {{ ns.found }}"));
  }

  @Test
  void loopingOverNoneRendersTheElseBranch() {
    assertEquals("none", Jinja.render("{% for x in none %}{{ x }}{% else %}none{% endfor %}"));
  }

  @Test
  void loopingOverANumberFailsWithItsLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n\n{% for x in 5 %}{% endfor %}"));
    assertEquals(3, error.getLineNumber());
    assertTrue(error.getMessage().contains("Cannot loop over"), error.getMessage());
  }

  @Test
  void unpackingTheWrongNumberOfValuesFails() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("{% for a, b in [[1, 2, 3]] %}{% endfor %}"));
    assertTrue(error.getMessage().contains("Cannot unpack 3 values"), error.getMessage());
  }

  @Test
  void missingEndforNamesTheOpeningLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{% for x in [1] %}{{ x }}"));
    assertTrue(error.getMessage().contains("{% endfor %} for the {% for %} on line 2"),
        error.getMessage());
  }

  @Test
  void cycleGoesRoundItsValues() {
    assertEquals("odd even odd ", Jinja.render(
        "{% for x in [1, 2, 3] %}{{ loop.cycle('odd', 'even') }} {% endfor %}"));
    assertEquals("1-1 ", Jinja.render("{% for x in [1] %}{{ loop.depth }}-{{ loop.cycle(1) }} {% endfor %}"));
  }

  @Test
  void loopFilterWithATestAndElse() {
    assertEquals("b c|none", Jinja.render(
        "{% for x in ['a', 'b', 'c'] if x is not in(['a']) %}{{ x }}{% if not loop.last %} {% endif %}"
            + "{% endfor %}|{% for x in [1] if x > 1 %}{{ x }}{% else %}none{% endfor %}"));
  }

  @Test
  void breakAndContinue() {
    assertEquals("1 3 |1 2 ", Jinja.render(
        "{% for x in [1, 2, 3, 4] %}{% if x == 2 %}{% continue %}{% endif %}{% if x > 3 %}"
            + "{% break %}{% endif %}{{ x }} {% endfor %}|"
            + "{% for x in [1, 2, 3] %}{{ x }} {% if x == 2 %}{% break %}{% endif %}{% endfor %}"));
    assertEquals("a1 a2 b1 b2 ", Jinja.render(
        "{% for a in ['a', 'b'] %}{% for n in [1, 2, 3] %}{{ a }}{{ n }} {% if n == 2 %}"
            + "{% break %}{% endif %}{% endfor %}{% endfor %}"));
  }

  @Test
  void breakOutsideALoopFailsWithItsLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{% break %}"));
    assertEquals(2, error.getLineNumber());
    assertEquals("{% break %} outside a for loop", error.getPebbleMessage());
  }
}
