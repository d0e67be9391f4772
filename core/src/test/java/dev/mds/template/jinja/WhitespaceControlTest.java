package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WhitespaceControlTest {

  @Test
  void tagsTrimWithDashes() {
    assertEquals("a|b", Jinja.render("a  \n  {%- if true -%}  \n |  {%- endif -%} \n b"));
  }

  @Test
  void printsTrimWithDashes() {
    assertEquals("a1b", Jinja.render("a \n {{- 1 -}} \n b"));
  }

  @Test
  void commentsTrimWithDashes() {
    assertEquals("ab", Jinja.render("a \n {#- note -#} \n b"));
    assertEquals("a \n  \n b", Jinja.render("a \n {# note #} \n b"));
  }

  @Test
  void newlinesAfterTagsAreKeptAsInJinja() {
    assertEquals("\nx\n", Jinja.render("{% if true %}\nx\n{% endif %}"));
  }
}
