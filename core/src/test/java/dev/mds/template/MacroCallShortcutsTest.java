package dev.mds.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cheaper macro calls and lexing (issue 25) must keep: a body that is only
 * {@code {{ return(x) }}} returns x as before (any type, any layer, its defaults and missing
 * arguments as before), and the lexer's skipped operator tries and reused matchers give the same
 * tokens.
 */
class MacroCallShortcutsTest {

  @TempDir
  Path dir;

  private String render(TempProject project, String file) {
    return new TemplateEngine(project.load(), Map.of()).render(project.path(file),
        NodeContext.none()).strip();
  }

  @Test
  void aLoneReturnAfterTextGivesItsValueAndNotTheText() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/m.sql", """
            {% macro pair(a, b='two') %}
              some text first {{ return([a, b]) }} never {{ 1 / 0 }}
            {% endmacro %}
            {% macro count_of(items) -%}
              {{ return(items | length) }}
            {%- endmacro %}
            {% macro public(x) %}{{ return(adapter.dispatch('public', 'shop')(x)) }}{% endmacro %}
            {% macro default__public(x) %}{{ return(pair(x)) }}{% endmacro %}
            """)
        .file("models/m.sql", """
            {% set p = pair(1) %}{{ p[0] + 1 }} {{ p[1] }} {{ count_of(pair(1, 2)) }} \
            {{ public('x') | join('-') }} {{ pair(b=3, a=4) | join(',') }}
            """);
    assertEquals("2 two 2 x-two 4,3", render(project, "models/m.sql"));
  }

  @Test
  void aReturnWithKeywordsOrAfterATagTakesTheUsualPath() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/m.sql", """
            {% macro after_set(x) %}{% set y = x * 2 %}{{ return(y) }}{% endmacro %}
            {% macro two_returns(x) %}{{ return(x) }}{{ return(0) }}{% endmacro %}
            {% macro extra(x) %}{{ return(kwargs.get('k', x)) }}{% endmacro %}
            """)
        .file("models/m.sql", """
            {{ after_set(3) }} {{ two_returns(5) }} {{ extra(1) }} {{ extra(1, k=7) }}
            """);
    assertEquals("6 5 1 7", render(project, "models/m.sql"));
  }

  @Test
  void aMissingArgumentALoneReturnPrintsStillNamesTheCall() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/m.sql", """
            {% macro wrap(column) %}{{ return(adapter.dispatch('wrap', 'shop')(column)) }}{% endmacro %}
            {% macro default__wrap(column) %}f({{ column }}){% endmacro %}
            """)
        .file("models/m.sql", "select {{ wrap() }}\n");
    MdsException error = assertThrows(MdsException.class, () -> render(project, "models/m.sql"));
    assertTrue(error.getMessage().startsWith("models/m.sql:1:"), error.getMessage());
    assertTrue(error.getMessage().contains("'column'"), error.getMessage());
  }

  @Test
  void namesThatStartLikeOperatorsAndEscapedQuotesLexAsBefore() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", """
            {% set organization = 'it\\'s' %}{% set notes = "say \\"hi\\"" %}\
            {% set isolated = 2 %}{% set android = 3 %}\
            {{ organization }} {{ notes }} {{ isolated + android }} \
            {{ 1 if isolated is not none and not false else 0 }} {{ 'a' in 'cat' }} {{ 7 // 2 }}
            """);
    assertEquals("it's say \"hi\" 5 1 true 3", render(project, "models/m.sql"));
  }
}
