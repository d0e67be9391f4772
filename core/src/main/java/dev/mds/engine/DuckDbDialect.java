package dev.mds.engine;

import dev.mds.graph.Quoting;

/** DuckDB's SQL: the {@link Dialect} defaults, which are what mds has always written. */
public final class DuckDbDialect implements Dialect {

  public static final DuckDbDialect INSTANCE = new DuckDbDialect();

  private DuckDbDialect() {
  }

  @Override
  public String type() {
    return Engines.DUCKDB;
  }

  @Override
  public String engineName() {
    return "DuckDB";
  }

  @Override
  public Quoting quoting() {
    return Quoting.DOUBLE_QUOTES;
  }
}
