package dev.mds.template;

import java.util.Map;
import java.util.Optional;

/**
 * What a template being rendered can ask of the project: the callbacks behind {@code ref},
 * {@code source}, {@code config}, {@code this} and {@code is_incremental()}.
 */
public interface NodeContext {

  /** The value {@code ref()} renders as (a relation, or a placeholder while parsing). */
  Object ref(Optional<String> packageName, String name, String file, int line);

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

  /** The relation the node builds, rendered by {@code {{ this }}}. */
  Object thisRelation();

  /** Told each time a project macro (or generic test) is called while rendering the node. */
  default void macroCalled(String name) {
  }

  /** Told each time {@code env_var()} reads {@code name}; {@code value} is null when unset. */
  default void envVarRead(String name, String value) {
  }

  /** A context for rendering text that is not a node (descriptions, hooks outside nodes). */
  static NodeContext none() {
    return NoNodeContext.INSTANCE;
  }
}
