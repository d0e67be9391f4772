package dev.mds.template.context;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.core.CoreExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of dbt's Jinja context that need no database and no node: {@code log}, {@code print},
 * {@code exceptions}, {@code modules} (datetime, re, pytz, itertools), {@code fromjson}/{@code tojson},
 * {@code fromyaml}/{@code toyaml}, {@code zip}, {@code set}, {@code local_md5},
 * {@code invocation_id}, {@code run_started_at}, {@code flags} and {@code dbt_version}.
 *
 * <p>Register it on an engine built with {@code allowOverrideCoreOperators(true)}, after the
 * extension given as {@code underneath}: it extends that one's {@code + - < > <= >=} to dates and
 * timedeltas.
 */
public final class DbtContextExtension extends AbstractExtension {

  /** Environment variables dbt copies into dbt_metadata_envs, without this prefix. */
  private static final String METADATA_PREFIX = "DBT_ENV_CUSTOM_ENV_";

  private final Map<String, Function> functions;
  private final Map<String, Object> globals;
  private final PythonAttributes attributes;
  private final List<BinaryOperator> dateOperators;

  /**
   * @param environment what {@code dbt_metadata_envs} reads ({@code DBT_ENV_CUSTOM_ENV_*})
   * @param underneath the extension registered before this one whose {@code + - < > <= >=}
   *     (or else Pebble's) apply to operands that are not dates
   */
  public DbtContextExtension(Invocation invocation, Map<String, String> environment,
      Extension underneath) {
    Map<String, Object> flags = DbtFlags.of(invocation);
    functions = ContextFunctions.all(invocation.log());
    globals = new LinkedHashMap<>();
    boolean warnError = Boolean.TRUE.equals(flags.get("WARN_ERROR"));
    globals.put("exceptions", new PyModule("exceptions",
        () -> DbtExceptions.module(invocation.log(), warnError)));
    globals.put("modules", new PyModule("modules", () -> Map.of(
        "datetime", new PyModule("datetime", DateTimeModule::datetime),
        "re", new PyModule("re", RegexModule::module),
        "pytz", new PyModule("pytz", DateTimeModule::pytz),
        "itertools", new PyModule("itertools", ItertoolsModule::module))));
    globals.put("invocation_id", invocation.invocationId());
    globals.put("run_started_at", PyDateTime.at(invocation.runStartedAt(), PyTimezone.UTC));
    globals.put("flags", flags);
    globals.put("invocation_args_dict", DbtFlags.arguments(flags));
    globals.put("dbt_version", invocation.version());
    globals.put("thread_id", new ThreadName());
    Map<String, String> metadata = new LinkedHashMap<>();
    new java.util.TreeMap<>(environment).forEach((name, value) -> {
      if (name.startsWith(METADATA_PREFIX)) {
        metadata.put(name.substring(METADATA_PREFIX.length()), value);
      }
    });
    globals.put("dbt_metadata_envs", metadata);
    attributes = new PythonAttributes();
    Map<String, BinaryOperator> operators = new java.util.HashMap<>();
    for (Extension extension : List.of(new CoreExtension(), underneath)) {
      List<BinaryOperator> own = extension.getBinaryOperators();
      if (own != null) {
        own.forEach(operator -> operators.put(operator.getSymbol(), operator));
      }
    }
    dateOperators = DateOperators.over(operators);
  }

  /** dbt's {@code thread_id}: the name of the thread rendering, read when it is printed. */
  private static final class ThreadName {
    @Override
    public String toString() {
      return Thread.currentThread().getName();
    }
  }

  @Override
  public Map<String, Function> getFunctions() {
    return functions;
  }

  @Override
  public Map<String, Object> getGlobalVariables() {
    return globals;
  }

  @Override
  public List<AttributeResolver> getAttributeResolver() {
    return List.of(attributes);
  }

  @Override
  public List<BinaryOperator> getBinaryOperators() {
    return dateOperators;
  }
}
