package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RawTagTest {

  @Test
  void printsTemplateSyntaxWithoutEvaluatingIt() {
    assertEquals("select '{{ ref('orders') }}' {% if x %}a{% endif %}", Jinja.render(
        "select '{% raw %}{{ ref('orders') }}{% endraw %}' "
            + "{% raw %}{% if x %}a{% endif %}{% endraw %}"));
  }

  @Test
  void keepsTextExactlyAndNormalisesTagSpelling() {
    assertEquals("a\n  b {{ f(x=1, y=[1, 2]) | upper }} c", Jinja.render(
        "{% raw %}a\n  b {{f( x = 1,y=[1,2])|upper}} c{% endraw %}"));
  }

  @Test
  void keepsInlineConditionalsReadable() {
    assertEquals("{{ 'a' if b else 'c' }}", Jinja.render(
        "{% raw %}{{ 'a' if b else 'c' }}{% endraw %}"));
  }

  @Test
  void verbatimStaysByteExact() {
    assertEquals("{{f( x )}}", Jinja.render("{% verbatim %}{{f( x )}}{% endverbatim %}"));
  }
}
