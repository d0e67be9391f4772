package dev.mds.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config keys (and schema YAML property keys) dbt, dbt-duckdb and mds know, per kind of
 * resource, so a misspelt one ({@code materialised}) can be warned about instead of silently
 * doing nothing. The lists are dbt's documented configs for each resource type, dbt-duckdb's own
 * and mds's additions; keys are normalised as {@link NodeConfig#normaliseKey} does
 * ({@code post-hook} is {@code post_hook}). Some keys are accepted but not acted on by mds: they
 * are named in {@link #IGNORED} so a run can say so once.
 */
public final class KnownConfigKeys {

  /** The kinds of resource whose configs differ. */
  public enum Kind {
    MODEL, SEED, SNAPSHOT, TEST, SOURCE, UNIT_TEST, ANALYSIS
  }

  /** Configs every node type takes (dbt's "general" configs). */
  private static final Set<String> GENERAL = Set.of("enabled", "tags", "meta", "pre_hook",
      "post_hook", "database", "schema", "alias", "persist_docs", "full_refresh", "grants",
      "docs", "event_time", "group", "access", "quoting", "materialized", "sql_header",
      "catalog_name", "static_analysis", "contract", "description");

  /** dbt-duckdb's options for external files, plugins and glue, on models and sources. */
  private static final Set<String> DUCKDB_EXTERNAL = Set.of("location", "format", "options",
      "delimiter", "glob", "plugin", "overwrite", "per_thread_output", "header", "compression",
      "csv_read_options", "json_read_options", "parquet_read_options", "glue_database",
      "glue_register", "partition_columns", "partitioned_by", "sort_by", "sorted_by",
      "parameters", "date_format", "datetime_format", "sheet_name", "mode", "save_mode",
      "storage_options", "engine", "engine_kwargs", "as_of_version", "as_of_datetime",
      "iceberg_table", "pg_schema", "secret", "params", "formatter", "external_location");

  private static final Set<String> MODEL = union(GENERAL, DUCKDB_EXTERNAL, Set.of(
      "unique_key", "on_schema_change", "on_configuration_change", "incremental_strategy",
      "incremental_predicates", "partition_by", "cluster_by", "batch_size", "lookback", "begin",
      "concurrent_batches", "packages", "submission_method", "python_version", "freshness",
      "merge_update_columns", "merge_exclude_columns", "merge_update_condition",
      "merge_insert_condition", "merge_update_set_expressions", "merge_returning_columns",
      "merge_clauses", "merge_on_using_columns", "store_failures", "store_failures_as", "indexes", "constraints",
      "settings",
      // dbt-spark's table options (the Spark engine's TableOptions).
      "file_format", "location_root", "clustered_by", "buckets", "tblproperties",
      // mds: declared grain, audits and allowing an empty result.
      "grain", "audit", "allow_empty", "time_spine"));

  private static final Set<String> SEED = union(GENERAL, Set.of("column_types", "quote_columns",
      "delimiter", "header", "delim", "quote", "encoding", "compression", "date_format",
      "dateformat", "timestampformat", "decimal_separator", "thousands", "on_error",
      "allow_empty", "grain", "audit", "location", "format", "options"));

  private static final Set<String> SNAPSHOT = union(GENERAL, Set.of("unique_key", "strategy",
      "updated_at", "check_cols", "snapshot_meta_column_names", "hard_deletes",
      "dbt_valid_to_current", "invalidate_hard_deletes", "target_database", "target_schema",
      "store_failures", "grain", "audit"));

  private static final Set<String> TEST = Set.of("enabled", "tags", "meta", "database",
      "schema", "alias", "severity", "error_if", "warn_if", "limit", "fail_calc", "where",
      "store_failures", "store_failures_as", "group", "materialized", "sql_header", "docs",
      "description", "pre_hook", "post_hook");

  private static final Set<String> SOURCE = union(DUCKDB_EXTERNAL, Set.of("enabled", "tags",
      "meta", "event_time", "freshness", "loaded_at_field", "loaded_at_query", "docs",
      "database", "schema", "identifier", "quoting",
      // mds: how a CSV source's files are read (CsvOptions), as for seeds.
      "delim", "encoding", "decimal_separator", "thousands", "quote", "dateformat",
      "column_types", "on_error"));

  private static final Set<String> UNIT_TEST = Set.of("enabled", "tags", "meta");

  private static final Set<String> ANALYSIS = Set.of("enabled", "tags", "meta", "docs",
      "materialized", "description", "group");

  /**
   * Keys mds reads from config but does not act on, and what they would do in dbt; a project
   * using one is told once per run.
   */
  public static final Map<String, String> IGNORED = ignored();

  private static Map<String, String> ignored() {
    Map<String, String> ignored = new LinkedHashMap<>();
    ignored.put("grants", "DuckDB has no grants");
    ignored.put("persist_docs", "descriptions are not written as database comments");
    ignored.put("sql_header", "no SQL is run before the model's statement");
    ignored.put("on_configuration_change", "DuckDB has no materialized views");
    ignored.put("concurrent_batches", "microbatches run one after another");
    ignored.put("submission_method", "Python models run locally");
    ignored.put("indexes", "no indexes are created");
    ignored.put("cluster_by", "DuckDB tables are not clustered");
    ignored.put("plugin", "dbt-duckdb plugins are not loaded");
    for (String merge : List.of("merge_update_columns", "merge_exclude_columns",
        "merge_update_condition", "merge_insert_condition", "merge_update_set_expressions",
        "merge_returning_columns", "merge_clauses", "merge_on_using_columns")) {
      ignored.put(merge, "merge updates every column of each matched row");
    }
    return Map.copyOf(ignored);
  }

  /** Property keys of a model, seed or snapshot entry in schema YAML (besides {@code config}). */
  private static final Set<String> NODE_PROPERTIES = Set.of("name", "description", "docs",
      "config", "columns", "tests", "data_tests", "meta", "tags", "access", "group",
      "constraints", "versions", "latest_version", "deprecation_date", "time_spine", "relation",
      "freshness", "contract", "unit_tests", "defined_in", "quote_columns", "column_types");

  private static final Set<String> COLUMN_PROPERTIES = Set.of("name", "description",
      "data_type", "meta", "quote", "tests", "data_tests", "constraints", "tags", "docs",
      "config", "granularity", "policy_tags", "include", "exclude", "column_name", "expression");

  private static final Set<String> SOURCE_PROPERTIES = Set.of("name", "description",
      "database", "schema", "loader", "loaded_at_field", "loaded_at_query", "meta", "tags",
      "config", "overrides", "freshness", "quoting", "tables", "docs", "event_time",
      "external_location", "external", "identifier", "columns", "tests", "data_tests",
      "plugin", "formatter");

  private KnownConfigKeys() {
  }

  /** The config keys {@code kind} takes. */
  public static Set<String> configs(Kind kind) {
    return switch (kind) {
      case MODEL -> MODEL;
      case SEED -> SEED;
      case SNAPSHOT -> SNAPSHOT;
      case TEST -> TEST;
      case SOURCE -> SOURCE;
      case UNIT_TEST -> UNIT_TEST;
      case ANALYSIS -> ANALYSIS;
    };
  }

  /** Whether {@code rawKey} (as written, {@code +post-hook}) is a config {@code kind} takes. */
  public static boolean isConfig(Kind kind, String rawKey) {
    return configs(kind).contains(NodeConfig.normaliseKey(rawKey));
  }

  /** Property keys of a model, seed or snapshot entry in schema YAML. */
  public static Set<String> nodeProperties(Kind kind) {
    return kind == Kind.SOURCE ? SOURCE_PROPERTIES : NODE_PROPERTIES;
  }

  public static Set<String> columnProperties() {
    return COLUMN_PROPERTIES;
  }

  /** What mds does not do for an ignored key, if {@code rawKey} is one. */
  public static Optional<String> ignored(String rawKey) {
    return Optional.ofNullable(IGNORED.get(NodeConfig.normaliseKey(rawKey)));
  }

  /** Every config key of every kind, for suggestions where the kind is not known. */
  public static Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (Kind kind : Kind.values()) {
      all.addAll(configs(kind));
    }
    return all;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new TreeSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
