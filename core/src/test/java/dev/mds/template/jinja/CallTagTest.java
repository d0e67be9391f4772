package dev.mds.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTagTest {

  @Test
  void macroPrintsTheCallerBody() {
    assertEquals("begin; select 1; commit;", Jinja.render(
        "{% macro statement(name) %}begin; {{ caller() }}; commit;{% endmacro %}"
            + "{% call statement('main') %}select {{ 1 }}{% endcall %}"));
  }

  @Test
  void callerBodySeesTheCallSiteVariables() {
    assertEquals("<t>", Jinja.render(
        "{% macro wrap() %}<{{ caller() }}>{% endmacro %}"
            + "{% set table = 't' %}{% call wrap() %}{{ table }}{% endcall %}"));
  }

  @Test
  void callerTakesArguments() {
    assertEquals("[a][b]", Jinja.render(
        "{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}"
            + "{% call(item) each(['a', 'b']) %}[{{ item }}]{% endcall %}"));
  }

  @Test
  void javaFunctionsReceiveTheCallerToo() {
    Function shout = new Function() {
      @Override
      public List<String> getArgumentNames() {
        return List.of();
      }

      @Override
      public Object execute(Map<String, Object> args, PebbleTemplate self,
          EvaluationContext context, int lineNumber) {
        return ((Caller) args.get("caller")).render(List.of()).toUpperCase();
      }
    };
    AbstractExtension functions = new AbstractExtension() {
      @Override
      public Map<String, Function> getFunctions() {
        return Map.of("shout", shout);
      }
    };
    assertEquals("HI", Jinja.render(
        Jinja.builder().allowOverrideCoreOperators(true).extension(functions).build(),
        "{% call shout() %}hi{% endcall %}", Map.of()));
  }

  @Test
  void callerOutsideACallBlockFails() {
    PebbleException error = assertThrows(PebbleException.class,
        () -> Jinja.render("{% macro m() %}{{ caller() }}{% endmacro %}\n{{ m() }}"));
    assertEquals("caller() works only inside a macro invoked with {% call %}",
        error.getPebbleMessage());
  }
}
