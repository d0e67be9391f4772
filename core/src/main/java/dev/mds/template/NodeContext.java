package dev.mds.template;

import java.util.Map;
import java.util.Optional;

/**
 * What a template being rendered can ask of the project: the callbacks behind {@code ref},
 * {@code source}, {@code config}, {@code this} and {@code is_incremental()}.
 */
public interface NodeContext {

  /** The value {@code ref()} renders as (a relation, or a placeholder while parsing). */
  /** dbt's {@code results} in an on-run-end hook: each node's result; empty elsewhere. */
  default java.util.List<?> results() {
    return java.util.List.of();
  }

  /** The package (or project) the node belongs to, or null outside a node. */
  default String packageName() {
    return null;
  }

  Object ref(Optional<String> packageName, String name, String file, int line);

  /**
   * {@code ref()} with a version ({@code v=2}): the parse and compile contexts resolve it to that
   * version's node ({@code <name>_v<v>}); a context that knows no versions ignores it.
   */
  default Object ref(Optional<String> packageName, String name, Optional<String> version,
      String file, int line) {
    return ref(packageName, name, file, line);
  }

  /** The value {@code source()} renders as. */
  Object source(String sourceName, String tableName, String file, int line);

  /** Receives the named arguments of a {@code config()} call. */
  void config(Map<String, Object> values);

  boolean isIncremental();

  /**
   * dbt's {@code execute}: false while a project is parsed (templates must not query the database
   * then), true when a node is compiled or run.
   */
  default boolean execute() {
    return false;
  }

  /**
   * Told when rendering depends on the database: {@code execute} was tested, or a query or
   * introspection ran (or would have run). Such a node renders again when it compiles.
   */
  default void introspected() {
  }

  /** The database templates query while this node renders; none while parsing. */
  default Database database() {
    return Database.NONE;
  }

  /** dbt's {@code model}: the node being rendered as a map (name, config, fqn, ...). */
  default java.util.Map<String, Object> model() {
    return java.util.Map.of();
  }

  /** dbt's {@code graph}: {@code nodes} and {@code sources} by unique id (empty while parsing). */
  default java.util.Map<String, Object> graph() {
    return java.util.Map.of("nodes", java.util.Map.of(), "sources", java.util.Map.of(),
        "exposures", java.util.Map.of(), "metrics", java.util.Map.of(), "groups",
        java.util.Map.of(), "semantic_models", java.util.Map.of(), "saved_queries",
        java.util.Map.of());
  }

  /** The node's config value {@code name} ({@code config.get}), or null when unset. */
  default Object configValue(String name) {
    Object value = model().get("config");
    return value instanceof java.util.Map<?, ?> config ? config.get(name) : null;
  }

  /** Results of {@code {% call statement(name) %}} blocks, for {@code load_result(name)}. */
  default java.util.Map<String, Object> statementResults() {
    return new java.util.HashMap<>();
  }

  /** The relation the node builds, rendered by {@code {{ this }}}. */
  Object thisRelation();

  /** Told each time a project macro (or generic test) is called while rendering the node. */
  default void macroCalled(String name) {
  }

  /** A unit test's {@code overrides: vars:}, which {@code var()} reads first. */
  default Map<String, Object> varOverrides() {
    return Map.of();
  }

  /** A unit test's {@code overrides: env_vars:}, which {@code env_var()} reads first. */
  default Map<String, String> envOverrides() {
    return Map.of();
  }

  /** Told each time {@code env_var()} reads {@code name}; {@code value} is null when unset. */
  default void envVarRead(String name, String value) {
  }

  /**
   * Told when the node calls a macro that reads what differs with every command
   * ({@code run_started_at}, {@code invocation_id}, the clock): its render holds only for this one.
   */
  default void invocationRead() {
  }

  /** A context for rendering text that is not a node (descriptions, hooks outside nodes). */
  static NodeContext none() {
    return NoNodeContext.INSTANCE;
  }
}
