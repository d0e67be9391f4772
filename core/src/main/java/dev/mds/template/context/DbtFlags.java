package dev.mds.template.context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * dbt's {@code flags}: every flag dbt puts there, with dbt's default unless the command line set
 * it, plus {@code WHICH} (the verb), {@code FULL_REFRESH} and {@code STORE_FAILURES}.
 */
final class DbtFlags {

  private DbtFlags() {
  }

  static Map<String, Object> of(Invocation invocation) {
    Map<String, Object> flags = new TreeMap<>();
    flags.put("CACHE_SELECTED_ONLY", false);
    flags.put("DEBUG", false);
    flags.put("EMPTY", false);
    flags.put("FAIL_FAST", false);
    flags.put("FULL_REFRESH", false);
    flags.put("INDIRECT_SELECTION", "eager");
    flags.put("INTROSPECT", true);
    flags.put("INVOCATION_COMMAND", "mds " + invocation.which());
    flags.put("LOG_CACHE_EVENTS", false);
    flags.put("LOG_FORMAT", "default");
    flags.put("LOG_PATH", "logs");
    flags.put("NO_PRINT", null);
    flags.put("PARTIAL_PARSE", true);
    flags.put("PRINTER_WIDTH", 80L);
    flags.put("PROFILES_DIR", null);
    flags.put("QUIET", false);
    flags.put("SEND_ANONYMOUS_USAGE_STATS", false);
    flags.put("STATIC_PARSER", true);
    flags.put("STORE_FAILURES", false);
    flags.put("TARGET_PATH", null);
    flags.put("USE_COLORS", true);
    flags.put("USE_EXPERIMENTAL_PARSER", false);
    flags.put("VERSION_CHECK", true);
    flags.put("WARN_ERROR", null);
    flags.put("WARN_ERROR_OPTIONS", Map.of("include", java.util.List.of(),
        "exclude", java.util.List.of()));
    flags.put("WRITE_JSON", true);
    flags.putAll(invocation.flags());
    flags.put("WHICH", invocation.which());
    return new LinkedHashMap<>(flags);
  }

  /** {@code invocation_args_dict}: the flags under dbt's lower-case argument names. */
  static Map<String, Object> arguments(Map<String, Object> flags) {
    Map<String, Object> args = new LinkedHashMap<>();
    flags.forEach((name, value) -> args.put(name.toLowerCase(java.util.Locale.ROOT), value));
    return args;
  }
}
