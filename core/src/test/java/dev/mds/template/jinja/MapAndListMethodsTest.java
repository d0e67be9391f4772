package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapAndListMethodsTest {

  @Test
  void getWithAndWithoutDefault() {
    Map<String, Object> vars = Map.of("m", Map.of("a", 1, "n", 5));
    assertEquals("1 d []", Jinja.render(
        "{{ m.get('a') }} {{ m.get('b', 'd') }} [{{ m.get('b') }}]", vars));
  }

  @Test
  void getMatchesNumericKeysByValue() {
    assertEquals("one", Jinja.render("{{ m.get(1) }}", Map.of("m", Map.of(1, "one"))));
  }

  @Test
  void popRemovesFromMapsAndLists() {
    assertEquals("1 {} 3 [1, 2]", Jinja.render(
        "{% set m = {'a': 1} %}{% set xs = [1, 2, 3] %}"
            + "{{ m.pop('a') }} {{ m }} {{ xs.pop() }} {{ xs }}"));
  }

  @Test
  void extendInsertRemoveAndIndex() {
    assertEquals("[0, 1, 3, 4] 2", Jinja.render(
        "{% set xs = [1, 2] %}{% do xs.extend([3, 4]) %}{% do xs.insert(0, 0) %}"
            + "{% do xs.remove(2) %}{{ xs }} {{ xs.index(3) }}"));
  }

  @Test
  void missingKeyWithoutDefaultFails() {
    assertThrows(PebbleException.class, () -> Jinja.render("{% set m = {} %}{{ m.pop('x') }}"));
  }
}
