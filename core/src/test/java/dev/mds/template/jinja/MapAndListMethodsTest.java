package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapAndListMethodsTest {

  @Test
  void aDictLiteralKeepsItsKeysInTheOrderWrittenAndAdded() {
    // dbt_utils.union_relations orders the columns it unions so.
    assertEquals("zeta,alpha,mid,beta|[1]|1|{}", Jinja.render("{% set xs = [1, 2] %}"
        + "{% set d = {'zeta': 1, 'alpha': xs[0:1], 'mid': {'x': 1},} %}"
        + "{% do d.update({'beta': 2}) %}{{ d.keys() | join(',') }}|{{ d['alpha'] }}"
        + "|{{ d.mid.x }}|{{ {} }}"));
  }

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

  @Test
  void listCountSortReverseCopyAndClear() {
    assertEquals("2 [1, 2, 3] [3, 2, 1] [3, 2, 1, 4] [3, 2, 1] []", Jinja.render(
        "{% set xs = [3, 1, 2, 1] %}{{ xs.count(1) }}{% do xs.pop() %}{% do xs.sort() %} {{ xs }}"
            + "{% do xs.reverse() %} {{ xs }}{% set ys = xs.copy() %}{% do ys.append(4) %} {{ ys }}"
            + " {{ xs }}{% do xs.clear() %} {{ xs }}"));
  }

  @Test
  void dictSetdefaultCopyAndClear() {
    assertEquals("1 2 2 {a=1, b=2} {a=1, b=2, c=3} {}", Jinja.render(
        "{% set m = {'a': 1} %}{{ m.setdefault('a', 9) }} {{ m.setdefault('b', 2) }} {{ m.b }}"
            + "{% set c = m.copy() %}{% do c.update({'c': 3}) %} {{ m }} {{ c }}"
            + "{% do m.clear() %} {{ m }}"));
  }

  @Test
  void setdefaultReturnsTheStoredListForAppending() {
    assertEquals("[1, 2]", Jinja.render(
        "{% set groups = {} %}{% for x in [1, 2] %}{% do groups.setdefault('k', []).append(x) %}"
            + "{% endfor %}{{ groups.k }}"));
  }
}
