package dev.mds.engine;

import dev.mds.project.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which DuckDB versions can open the files mds writes. A database file is also opened by BI tools,
 * notebooks and Python, each with its own DuckDB, often older than mds's. DuckDB 1.x wrote files
 * every DuckDB since 0.10 reads unless told otherwise; DuckDB 2.0 writes its newest format by
 * default, which no 1.x opens. So mds asks for the format of {@link #DEFAULT} when it creates a
 * file, unless the profile names another: dbt-duckdb's {@code config_options:} (options given to
 * DuckDB when the database opens), or {@code settings:}, both with
 * {@code storage_compatibility_version} ({@code v1.4.0}, {@code latest}, ...). DuckDB keeps the
 * format a file already has, so this decides only for files mds creates (the target's, attached
 * ones, the serving copy).
 */
public final class StorageVersion {

  /** The oldest DuckDB that opens a file mds creates, unless the profile says otherwise. */
  public static final String DEFAULT = "v1.0.0";
  static final String SETTING = "storage_compatibility_version";
  /** dbt-duckdb's profile key for options DuckDB takes only when a database opens. */
  public static final String CONFIG_OPTIONS = "config_options";

  private StorageVersion() {
  }

  /**
   * The options the target's database opens with: the profile's {@code config_options}, with the
   * storage version from them, else from {@code settings}, else {@link #DEFAULT}.
   */
  static Map<String, String> openOptions(Target target) {
    Map<String, String> options = new LinkedHashMap<>();
    if (target.output().get(CONFIG_OPTIONS) instanceof Map<?, ?> configured) {
      configured.forEach((k, v) -> options.put(String.valueOf(k), String.valueOf(v)));
    }
    if (!options.containsKey(SETTING)) {
      // A SET after opening comes too late for the file itself: DuckDB fixes its format at creation.
      options.put(SETTING, target.settings().getOrDefault(SETTING, DEFAULT));
    }
    return options;
  }
}
