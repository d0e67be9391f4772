package dev.mds.template;

/**
 * The {@code adapter} global: dbt's adapter methods that templates call. Its attributes are
 * resolved by {@link RuntimeAttributes}, which passes the evaluation context they need.
 */
final class Adapter {

  @Override
  public String toString() {
    return "duckdb";
  }
}
