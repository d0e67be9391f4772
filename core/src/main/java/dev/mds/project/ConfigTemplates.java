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
 * Renders the templated values of {@code profiles.yml} and of the project file's folder configs
 * as dbt does, before any project template exists: each text value holding {@code {{ }}} or
 * {@code {% %}} is a Jinja template with {@code env_var()}, the Jinja filters (such as
 * {@code as_number}) and, in the project file, {@code var()} and {@code target}. Pebble starts
 * only when a value needs it.
 */
final class ConfigTemplates {

  /** The variable that tells {@code env_var()} which value it is in, for its error message. */
  private static final String WHERE = "__mds_where";
  /** A list the value of a one-expression value is appended to, so it comes out unchanged. */
  private static final String NATIVE = "__mds_value";

  private final Map<String, String> environment;
  private final String file;
  /** The project's vars with {@code --vars} laid over them; null where {@code var()} is not. */
  private final Map<String, Object> vars;
  /** What {@code target} holds; empty where it is not defined. */
  private final Map<String, Object> target;
  /** Whether this is {@code profiles.yml}, the one file that may read secret variables. */
  private final boolean profile;
  private PebbleEngine pebble;

  /** For {@code profiles.yml}. @param file the file as error messages name it */
  ConfigTemplates(Map<String, String> environment, String file) {
    this(environment, file, null, Map.of(), true);
  }

  /**
   * For the project file: {@code var()} reads {@code vars}, and {@code target} is the target in
   * use.
   */
  ConfigTemplates(Map<String, String> environment, String file, Map<String, Object> vars,
      Target target) {
    this(environment, file, vars, targetValues(target), false);
  }

  private ConfigTemplates(Map<String, String> environment, String file, Map<String, Object> vars,
      Map<String, Object> target, boolean profile) {
    this.environment = environment;
    this.profile = profile;
    this.file = file;
    this.vars = vars;
    this.target = target;
  }

  /** The target as templates see it (as in model templates). */
  private static Map<String, Object> targetValues(Target target) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", target.name());
    map.put("profile_name", target.profileName());
    map.put("type", target.type());
    map.put("schema", target.schema());
    map.put("database", dev.mds.template.TemplateEngine.databaseName(target));
    map.put("path", target.databasePath().toString());
    map.put("threads", target.threads());
    return map;
  }

  /**
   * {@code value} with its templated text rendered to native values as dbt renders the project
   * file: {@code "{{ var('flag', false) }}"} is the boolean false, {@code "{{ var('list') }}"}
   * the var's list, {@code "{{ 1 + 2 }}"} the number 3; text that reads as a literal
   * ({@code "False"}, {@code "[1, 2]"}) is that literal (see {@link NativeValue}).
   *
   * @param key where the value is in the file ({@code models.shop.+enabled}), for error messages
   */
  Object nativeValue(Object value, String key) {
    if (value instanceof String text && (text.contains("{{") || text.contains("{%"))) {
      java.util.Optional<String> append = NativeValue.appendTemplate(text, NATIVE);
      if (append.isPresent()) {
        List<Object> result = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>();
        variables.put(NATIVE, result);
        render(append.get(), key, variables);
        return NativeValue.ofResult(result.get(0));
      }
      return NativeValue.of(render(text, key, new HashMap<>()));
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, nativeValue(v, key + "." + k)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        copy.add(nativeValue(list.get(i), key + "[" + i + "]"));
      }
      return copy;
    }
    return value;
  }

  /**
   * {@code value} with its templated text rendered, through maps and lists.
   *
   * @param key where the value is in the file ({@code shop.outputs.dev}), for error messages
   * @throws MdsException naming the file and the key when a value does not render
   */
  Object value(Object value, String key) {
    if (value instanceof String text && (text.contains("{{") || text.contains("{%"))) {
      return render(text, key, new HashMap<>());
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

  /** @param variables the render's variables, to which this adds its own */
  private String render(String text, String key, Map<String, Object> variables) {
    String name = file + " (" + key + ")";
    StringWriter out = new StringWriter();
    variables.put(WHERE, name);
    if (!target.isEmpty()) {
      variables.put("target", target);
    }
    try {
      engine().getLiteralTemplate(text).evaluate(out, variables);
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
      Map<String, Function> functions = new HashMap<>();
      functions.put("env_var", new EnvVarFunction());
      if (vars != null) {
        functions.put("var", new VarFunction());
      }
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

  /** {@code var(name, default)}: the project's vars with {@code --vars} laid over them. */
  private final class VarFunction implements Function {

    @Override
    public List<String> getArgumentNames() {
      return List.of("name", "default");
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self,
        EvaluationContext context, int line) {
      String name = String.valueOf(args.get("name"));
      if (vars.containsKey(name)) {
        return vars.get(name);
      }
      if (args.containsKey("default")) {
        return args.get("default");
      }
      throw MdsException.at(String.valueOf(context.getVariable(WHERE)), "var '" + name
          + "' is not defined: add it under vars: in the project file or pass --vars '{" + name
          + ": ...}'");
    }
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
      return EnvVar.value(environment, args, String.valueOf(context.getVariable(WHERE)),
          profile);
    }
  }
}
