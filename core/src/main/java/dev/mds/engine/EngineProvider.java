package dev.mds.engine;

import dev.mds.project.Target;

/**
 * One engine, found by {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.mds.engine.EngineProvider}: a profile's {@code type:} names it.
 * DuckDB is built in; another engine is a module of its own whose jars are loaded only when a
 * profile asks for it (see {@link Engines}). Its constructor must be cheap: providers are made to
 * be asked their type, before any engine class is needed.
 */
public interface EngineProvider {

  /** The profile {@code type} this engine serves ({@code duckdb}, {@code spark}). */
  String type();

  /**
   * The engine's SQL dialect, available without opening anything: compiling a project for a
   * target needs its quoting and dispatch prefix, not a connection.
   */
  Dialect dialect();

  /**
   * Completes a target of this type when the project loads: checks its profile output
   * ({@link Target#output()}) for the keys this engine needs, throwing an
   * {@link dev.mds.MdsException} that names the profile and key (so a wrong profile fails before
   * anything runs), and returns it named as the engine names things
   * ({@link Target#withEngineNaming}: quoting, catalog, default schema). By default only the
   * dialect's quoting.
   */
  default Target configure(Target target) {
    return target.withEngineNaming(dialect().quoting(), target.catalog(), target.schema());
  }

  /**
   * Starts what {@link #open} will need, in the background, while the project is parsed (a run
   * knows its target before it parses): for Spark, the session, whose start takes seconds. Never
   * throws: a failure is reported by {@link #open}. Nothing by default.
   */
  default void warmUp(Target target) {
  }

  /**
   * Opens the engine for {@code target}: one instance per invocation, which workers
   * {@link Warehouse#connect connect} to. Errors a user can cause (unreachable host, bad
   * credentials, a missing key) are {@link dev.mds.MdsException}s with one line naming the profile.
   */
  Warehouse open(Target target, EngineOptions options);
}
