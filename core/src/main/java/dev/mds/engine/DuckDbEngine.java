package dev.mds.engine;

import dev.mds.project.Target;

/** The built-in engine: {@code type: duckdb}, and every target without a profile. */
public final class DuckDbEngine implements EngineProvider {

  static final DuckDbEngine INSTANCE = new DuckDbEngine();

  @Override
  public String type() {
    return Engines.DUCKDB;
  }

  @Override
  public Dialect dialect() {
    return DuckDbDialect.INSTANCE;
  }

  @Override
  public Target configure(Target target) {
    return target;
  }

  @Override
  public Warehouse open(Target target, EngineOptions options) {
    if (options.forReading()) {
      return ServingCopy.openForReading(target, options.lockTimeoutSeconds(), options.note());
    }
    return DuckDbWarehouse.open(target, options.lockTimeoutSeconds());
  }
}
