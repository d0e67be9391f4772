package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionFiltersTest {

  private static final Map<String, Object> PEOPLE = Map.of("people", List.of(
      Map.of("name", "bo", "age", 30, "city", Map.of("name", "Rome")),
      Map.of("name", "al", "age", 20, "city", Map.of("name", "Kyoto"))));

  @Test
  void uniqueKeepsFirstOccurrenceIgnoringCase() {
    assertEquals("[a, b, 1]", Jinja.render("{{ ['a', 'b', 'A', 1, 1] | unique }}"));
    assertEquals("[a, A]", Jinja.render("{{ ['a', 'A'] | unique(case_sensitive=true) }}"));
  }

  @Test
  void sortByValueReverseAndAttribute() {
    assertEquals("[1, 2, 10]", Jinja.render("{{ [10, 2, 1] | sort }}"));
    assertEquals("[b, a]", Jinja.render("{{ ['a', 'b'] | sort(reverse=true) }}"));
    assertEquals("[a, B, c]", Jinja.render("{{ ['c', 'B', 'a'] | sort }}"));
    assertEquals("al,bo", Jinja.render(
        "{{ people | sort(attribute='age') | map(attribute='name') | join(',') }}", PEOPLE));
  }

  @Test
  void noneIteratesAsNothingAsJinjasUndefinedDoes() {
    // A parse-time render reads query results that are empty: {}['col'] is undefined (none).
    assertEquals("[]||[]", Jinja.render("{{ none | map('upper') | list }}|"
        + "{{ none | map('string') | join(',') }}|{{ none | select('odd') | list }}"));
  }

  @Test
  void mapByAttributeOrFilter() {
    assertEquals("[bo, al] [Rome, Kyoto] [BO, AL]", Jinja.render(
        "{{ people | map(attribute='name') }} {{ people | map(attribute='city.name') }}"
            + " {{ people | map(attribute='name') | map('upper') }}", PEOPLE));
  }

  @Test
  void selectRejectAndTheirAttributeForms() {
    assertEquals("[1, 3] [2] [a]", Jinja.render(
        "{{ [1, 2, 3] | select('odd') }} {{ [1, 2, 3] | reject('odd') }}"
            + " {{ ['a', '', none] | select }}"));
    assertEquals("[bo]", Jinja.render(
        "{{ people | selectattr('age', 'eq', 30) | map(attribute='name') }}", PEOPLE));
    assertEquals("[al]", Jinja.render(
        "{{ people | rejectattr('age', 'equalto', 30) | map(attribute='name') }}", PEOPLE));
  }

  @Test
  void sumLengthCountFirstLastJoin() {
    assertEquals("6 50 3 3 1 3 1-2-3", Jinja.render(
        "{{ [1, 2, 3] | sum }} {{ people | sum(attribute='age') }} {{ [1, 2, 3] | length }}"
            + " {{ [1, 2, 3] | count }} {{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }}"
            + " {{ [1, 2, 3] | join('-') }}", PEOPLE));
  }

  @Test
  void dictsortGivesSortedPairs() {
    assertEquals("a1 b2 ", Jinja.render(
        "{% for k, v in {'b': 2, 'a': 1} | dictsort %}{{ k }}{{ v }} {% endfor %}"));
    assertEquals("[[b, 2], [a, 1]]", Jinja.render(
        "{{ {'b': 2, 'a': 1} | dictsort(by='value', reverse=true) }}"));
  }

  @Test
  void selectattrWithOrderingAndMembershipTests() {
    assertEquals("[bo]", Jinja.render(
        "{{ people | selectattr('age', 'gt', 25) | map(attribute='name') | list }}", PEOPLE));
    assertEquals("[al]", Jinja.render(
        "{{ people | selectattr('name', 'in', ['al', 'x']) | map(attribute='name') | list }}",
        PEOPLE));
    assertEquals("[bo]", Jinja.render(
        "{{ people | selectattr('age', '>=', 30) | map(attribute='name') | list }}", PEOPLE));
    assertEquals("[2, 4] [1, 3] [3]", Jinja.render(
        "{{ [1, 2, 3, 4] | select('divisibleby', 2) | list }} {{ [1, 2, 3, 4] | reject('even')"
            + " | list }} {{ [1, 2, 3] | select('==', 3) | list }}"));
  }

  @Test
  void selectattrByTruthOfAnAttribute() {
    List<Map<String, Object>> columns = List.of(Map.of("name", "a", "quote", true),
        Map.of("name", "b", "quote", false));
    assertEquals("a b", Jinja.render("{{ cols | selectattr('quote') | join(attribute='name') }}"
        + " {{ cols | rejectattr('quote') | join(attribute='name') }}", Map.of("cols", columns)));
  }

  @Test
  void joinByAttribute() {
    assertEquals("bo, al", Jinja.render("{{ people | join(', ', attribute='name') }}", PEOPLE));
    assertEquals("1a", Jinja.render("{{ [1, none, 'a'] | join }}"));
  }

  @Test
  void minAndMaxGiveTheItem() {
    assertEquals("1 3 a", Jinja.render("{{ [3, 1, 2] | min }} {{ [3, 1, 2] | max }}"
        + " {{ ['B', 'a'] | min }}"));
    assertEquals("B", Jinja.render("{{ ['B', 'a'] | min(case_sensitive=true) }}"));
    assertEquals("bo al", Jinja.render("{{ (people | max(attribute='age')).name }}"
        + " {{ (people | min(attribute='city.name')).name }}", PEOPLE));
    assertEquals("[]", Jinja.render("[{{ [] | max }}]"));
  }

  @Test
  void reverseCopiesListsAndReversesText() {
    assertEquals("[3, 2, 1] [1, 2, 3] cba", Jinja.render(
        "{% set xs = [1, 2, 3] %}{{ xs | reverse }} {{ xs }} {{ 'abc' | reverse }}"));
  }

  @Test
  void batchGroupsItems() {
    assertEquals("[[1, 2], [3]] [[1, 2], [3, 0]]", Jinja.render(
        "{{ [1, 2, 3] | batch(2) }} {{ [1, 2, 3] | batch(2, 0) }}"));
  }

  @Test
  void itemsGivesPairsInOrder() {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("b", 2);
    map.put("a", 1);
    assertEquals("b=2 a=1 |", Jinja.render(
        "{% for k, v in m | items %}{{ k }}={{ v }} {% endfor %}|"
            + "{% for k, v in none | items %}x{% endfor %}", Map.of("m", map)));
  }

  @Test
  void attrReadsOneAttribute() {
    assertEquals("bo", Jinja.render("{{ people | first | attr('name') }}", PEOPLE));
  }

  @Test
  void itemsWithoutTheAttributeAreUndefined() {
    String items = "[{'a': 1}, {'b': 2}, {'a': none}]";
    assertEquals("2 2 [1, none] 1", Jinja.render(
        "{{ " + items + " | selectattr('a', 'defined') | list | length }}"
            + " {{ " + items + " | selectattr('a', 'undefined') | first | attr('b') }}"
            + " {{ " + items + " | selectattr('a', 'defined') | map(attribute='a') | list }}"
            + " {{ " + items + " | selectattr('a') | list | length }}").replace("null", "none"));
    assertEquals("[1, 0, none]", Jinja.render(
        "{{ " + items + " | map(attribute='a', default=0) | list }}").replace("null", "none"));
  }

  @Test
  void groupbyGroupsSortedByTheAttribute() {
    String columns = "[{'n': 'a', 't': 'int'}, {'n': 'b', 't': 'text'}, {'n': 'c', 't': 'INT'}]";
    assertEquals("int:a,c text:b ", Jinja.render(
        "{% for g in " + columns + " | groupby('t') %}{{ g.grouper }}:"
            + "{{ g.list | join(',', attribute='n') }} {% endfor %}"));
    assertEquals("INT=c int=a text=b ", Jinja.render(
        "{% for t, cols in " + columns + " | groupby('t', case_sensitive=true) %}{{ t }}="
            + "{{ cols | join(',', attribute='n') }} {% endfor %}"));
    assertEquals("?:b x:a ", Jinja.render(
        "{% for g in [{'t': 'x', 'n': 'a'}, {'n': 'b'}] | groupby('t', default='?') %}"
            + "{{ g.grouper }}:{{ g.list | join(attribute='n') }} {% endfor %}"));
  }
}
