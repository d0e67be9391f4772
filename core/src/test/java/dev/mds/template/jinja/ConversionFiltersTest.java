package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionFiltersTest {

  @Test
  void intParsesTruncatesAndFallsBack() {
    assertEquals("12 3 3 0 7 1", Jinja.render(
        "{{ '12' | int }} {{ 3.7 | int }} {{ '3.7' | int }} {{ 'x' | int }} {{ 'x' | int(7) }}"
            + " {{ true | int }}"));
    assertEquals("15", Jinja.render("{{ ('5' | int) + 10 }}"));
  }

  @Test
  void floatParsesAndFallsBack() {
    assertEquals("1.5 2.0 0.0", Jinja.render("{{ '1.5' | float }} {{ 2 | float }} {{ 'x' | float }}"));
  }

  @Test
  void stringPrintsLikeThePrintStatement() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("n", null);
    assertEquals("[12][]", Jinja.render("[{{ 12 | string }}][{{ n | string }}]", vars));
    assertEquals("12a", Jinja.render("{{ (12 | string) ~ 'a' }}"));
  }

  @Test
  void listOfTextMapAndList() {
    assertEquals("[a, b] [k] [1]", Jinja.render(
        "{{ 'ab' | list }} {{ {'k': 1} | list }} {{ [1] | list }}"));
  }

  @Test
  void dbtAsFilters() {
    assertEquals("true false true 42 1.5 x", Jinja.render(
        "{{ 'True' | as_bool }} {{ 'false' | as_bool }} {{ 1 | as_bool }}"
            + " {{ '42' | as_number }} {{ '1.5' | as_number }} {{ 'x' | as_text }}"));
    assertEquals("42", Jinja.render("{{ ('41' | as_number) + 1 }}"));
  }

  @Test
  void asNumberOfTextFailsWithFilterNameAndLine() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("\n{{ 'abc' | as_number }}"));
    assertEquals(2, error.getLineNumber());
    assertEquals("Filter 'as_number': 'abc' is not a number", error.getPebbleMessage());
  }
}
