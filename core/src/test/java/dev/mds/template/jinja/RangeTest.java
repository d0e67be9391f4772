package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RangeTest {

  @Test
  void rangeIsPythons() {
    assertEquals("[0, 1, 2] [1, 2, 3] [0, 3, 6, 9] [3, 2, 1] []", Jinja.render(
        "{{ range(3) }} {{ range(1, 4) }} {{ range(0, 10, 3) }} {{ range(3, 0, -1) }}"
            + " {{ range(0) }}"));
    assertEquals("012", Jinja.render("{% for i in range(3) %}{{ i }}{% endfor %}"));
  }

  @Test
  void pebbleDotDotStillIncludesTheEnd() {
    assertEquals("[1, 2, 3]", Jinja.render("{{ 1..3 }}"));
  }
}
