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
}
