package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.project.NodeConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code incremental_strategy} and {@code unique_key} of an incremental model, checked when
 * the project is parsed: the first build of an incremental model only creates the table, so a
 * strategy mds cannot apply or a key that names no column would otherwise pass that build and
 * fail only the next one.
 */
public final class IncrementalStrategy {

  static final List<String> SUPPORTED = List.of("append", "delete+insert", "merge",
      "insert_overwrite", "microbatch");

  private IncrementalStrategy() {
  }

  /** The strategy a model's config asks for (append without a key, delete+insert with one). */
  static String of(NodeConfig config) {
    return config.string("incremental_strategy")
        .orElse(config.uniqueKey().isEmpty() ? "append" : "delete+insert")
        .toLowerCase(Locale.ROOT);
  }

  /** Refuses an unsupported strategy or a unique_key that is not column names, naming {@code location}. */
  public static void check(NodeConfig config, String location) {
    if (!config.materialized().equals("incremental")) {
      return;
    }
    Object key = config.get("unique_key").orElse(null);
    boolean columns = key == null || key instanceof String
        || (key instanceof List<?> list && list.stream().allMatch(k -> k instanceof String));
    if (!columns || key instanceof Map<?, ?>) {
      throw MdsException.at(location, "unique_key must name columns (unique_key='order_no' or"
          + " ['market', 'order_no']), got " + key);
    }
    String strategy = of(config);
    if (!SUPPORTED.contains(strategy)) {
      throw MdsException.at(location, "incremental_strategy '" + strategy
          + "' is not supported (use append, delete+insert, merge, insert_overwrite or"
          + " microbatch)");
    }
    if (strategy.equals("microbatch")) {
      // Batches replace periods of event_time; a unique_key is not used (dbt ignores it too).
      MicrobatchConfig.of(config, location);
      return;
    }
    if (!strategy.equals("append") && !strategy.equals("insert_overwrite")
        && config.uniqueKey().isEmpty()) {
      throw MdsException.at(location, "incremental_strategy '" + strategy
          + "' needs a unique_key (one column or a list such as [market, order_no])");
    }
  }
}
