package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoTagTest {

  @Test
  void appendsToAListAndPrintsNothing() {
    assertEquals("[1, 2, 3]", Jinja.render(
        "{% set xs = [1, 2] %}{% do xs.append(3) %}{{ xs }}"));
  }

  @Test
  void updatesAMap() {
    assertEquals("1 2", Jinja.render(
        "{% set m = {'a': 1} %}{% do m.update({'b': 2}) %}{{ m.a }} {{ m.b }}"));
  }

  @Test
  void evaluatesAMacroCallForItsEffect() {
    assertEquals("x", Jinja.render(
        "{% macro add(xs) %}{% do xs.append('x') %}{% endmacro %}"
            + "{% set xs = [] %}{% do add(xs) %}{{ xs | join }}"));
  }

  @Test
  void changingAReadOnlyListFailsWithItsLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{% do xs.append(1) %}", Map.of("xs", List.of())));
    assertEquals(2, error.getLineNumber());
  }
}
