package dev.mds.project;

import dev.mds.MdsException;
import dev.mds.template.jinja.JinjaCompatExtension;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the templated values of {@code profiles.yml} as dbt does, before any project template
 * exists: each text value holding {@code {{ }}} or {@code {% %}} is a Jinja template with
 * {@code env_var()} and the Jinja filters (such as {@code as_number}). Pebble starts only when a
 * value needs it.
 */
final class ConfigTemplates {

  /** The variable that tells {@code env_var()} which value it is in, for its error message. */
  private static final String WHERE = "__mds_where";

  private final Map<String, String> environment;
  private final String file;
  private PebbleEngine pebble;

  /** @param file the file as error messages name it */
  ConfigTemplates(Map<String, String> environment, String file) {
    this.environment = environment;
    this.file = file;
  }

  /**
   * {@code value} with its templated text rendered, through maps and lists.
   *
   * @param key where the value is in the file ({@code shop.outputs.dev}), for error messages
   * @throws MdsException naming the file and the key when a value does not render
   */
  Object value(Object value, String key) {
    if (value instanceof String text && (text.contains("{{") || text.contains("{%"))) {
      return render(text, key);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, value(v, key + "." + k)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        copy.add(value(list.get(i), key + "[" + i + "]"));
      }
      return copy;
    }
    return value;
  }

  private String render(String text, String key) {
    String name = file + " (" + key + ")";
    StringWriter out = new StringWriter();
    try {
      engine().getLiteralTemplate(text).evaluate(out, new HashMap<>(Map.of(WHERE, name)));
    } catch (MdsException e) {
      throw e;
    } catch (PebbleException e) {
      throw MdsException.at(name, "template error: " + e.getPebbleMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw MdsException.at(name, "template error: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private PebbleEngine engine() {
    if (pebble == null) {
      Map<String, Function> functions = Map.of("env_var", new EnvVarFunction());
      pebble = new PebbleEngine.Builder()
          .autoEscaping(false)
          .newLineTrimming(false)
          .strictVariables(true)
          .allowOverrideCoreOperators(true)
          .extension(new JinjaCompatExtension())
          .extension(new AbstractExtension() {
            @Override
            public Map<String, Function> getFunctions() {
              return functions;
            }
          })
          .build();
    }
    return pebble;
  }

  /** {@code env_var(name, default)} over this file's environment. */
  private final class EnvVarFunction implements Function {

    @Override
    public List<String> getArgumentNames() {
      return List.of("name", "default");
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self,
        EvaluationContext context, int line) {
      return EnvVar.value(environment, args, String.valueOf(context.getVariable(WHERE)));
    }
  }
}
