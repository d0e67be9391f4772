package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python's {@code 'format' % values}; tuples need a tag before them (TokenRetyping). */
class PercentFormatTest {

  private static String render(String template) {
    return Jinja.render("{% do none %}" + template);
  }

  @Test
  void oneValueOrATuple() {
    assertEquals("x a_b 7", render("{{ '%s' % 'x' }} {{ '%s_%s' % ('a', 'b') }} {{ '%d' % 7 }}"));
    assertEquals("select * from a.b", render(
        "{% set t = 'select * from %s.%s' % ('a', 'b') %}{{ t }}"));
  }

  @Test
  void pythonsTextOfValues() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("n", null);
    assertEquals("None True 1.5 [1, 'a'] {'k': 'v'}", Jinja.render(
        "{% do none %}{{ '%s' % n }} {{ '%s' % true }} {{ '%s' % 1.5 }} {{ '%s' % [[1, 'a']] }}"
            + " {{ '%s' % {'k': 'v'} }}", vars));
    assertEquals("'x' \"it's\"", render("{{ '%r' % 'x' }} {{ '%r' % \"it's\" }}"));
  }

  @Test
  void numbersWidthsAndFlags() {
    assertEquals("03.14|  42|42  |+5|-0007|ff|0xff|1.500000e+03|2.5|1e-05|100%", render(
        "{{ '%05.2f' % 3.14159 }}|{{ '%4d' % 42 }}|{{ '%-4d' % 42 }}|{{ '%+d' % 5 }}"
            + "|{{ '%05d' % -7 }}|{{ '%x' % 255 }}|{{ '%#x' % 255 }}|{{ '%e' % 1500 }}"
            + "|{{ '%g' % 2.5 }}|{{ '%g' % 0.00001 }}|{{ '%d%%' % 100 }}"));
    assertEquals("2 0.12", render("{{ '%d' % 2.9 }} {{ '%.2f' % 0.125 }}"));
  }

  @Test
  void namedValuesFromAMap() {
    assertEquals("x is 1", render("{{ '%(name)s is %(n)d' % {'name': 'x', 'n': 1} }}"));
  }

  @Test
  void wrongNumberOfValuesFails() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> render("{{ '%s %s' % ('a', 'b', 'c') }}"));
    assertTrue(error.getPebbleMessage().contains("not all arguments converted"),
        error.getPebbleMessage());
    assertThrows(PebbleException.class, () -> render("{{ '%d' % 'x' }}"));
  }

  @Test
  void moduloOfNumbersIsPythons() {
    assertEquals("1 2 1.5 0", render("{{ 7 % 3 }} {{ -7 % 3 }} {{ 5.5 % 2 }} {{ 4 % 2 }}"));
    assertThrows(PebbleException.class, () -> render("{{ 1 % 0 }}"));
  }

  @Test
  void plusJoinsListsAndTimesRepeats() {
    assertEquals("[1, 2, 3] ab abab abab [0, 0] 6", render(
        "{{ [1] + [2, 3] }} {{ 'a' + 'b' }} {{ 'ab' * 2 }} {{ 2 * 'ab' }} {{ [0] * 2 }} {{ 2 * 3 }}"));
    assertEquals("[1] [1, 2]", render("{% set a = [1] %}{% set b = a + [2] %}{{ a }} {{ b }}"));
  }

  @Test
  void addingNoneFails() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("n", null);
    assertThrows(PebbleException.class, () -> Jinja.render("{{ 'a' + n }}", vars));
  }
}
