package dev.mds.engine;

import dev.mds.graph.Model;
import dev.mds.project.NodeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The physical options of a model's table, from its config as dbt-spark reads them:
 * {@code file_format}, {@code partition_by}, {@code clustered_by} with {@code buckets},
 * {@code location_root} (the table then lives at {@code location_root/alias}), {@code location}
 * and {@code tblproperties}. An engine's {@link Dialect} writes them into its
 * {@code create table}; DuckDB has none of these and ignores them, as dbt-duckdb does.
 *
 * @param fileFormat empty for the engine's default ({@code delta} on Spark)
 * @param location where the table's files live; empty for the catalog's managed location
 */
public record TableOptions(Optional<String> fileFormat, List<String> partitionBy,
    List<String> clusteredBy, Optional<Integer> buckets, Optional<String> location,
    Map<String, String> tblproperties) {

  /** No options: the engine's defaults. */
  public static final TableOptions NONE = new TableOptions(Optional.empty(), List.of(), List.of(),
      Optional.empty(), Optional.empty(), Map.of());

  public TableOptions {
    partitionBy = List.copyOf(partitionBy);
    clusteredBy = List.copyOf(clusteredBy);
    tblproperties = Map.copyOf(tblproperties);
  }

  /** The options of {@code model}'s table. */
  public static TableOptions of(Model model) {
    return of(model.config(), model.relation().identifier(), model.file());
  }

  /**
   * Reads the options leniently: DuckDB ignores all of them, and a project moved from another
   * warehouse (BigQuery's {@code partition_by: {field: ...}}) must build there as before. An engine
   * that uses them checks what it needs ({@code clustered_by} without {@code buckets}) in its
   * dialect, naming the model.
   *
   * @param alias the table's name, which {@code location_root} is completed with
   * @param file names the model in errors
   */
  public static TableOptions of(NodeConfig config, String alias, String file) {
    Optional<String> format = config.string("file_format").filter(f -> !f.isBlank());
    List<String> partitionBy = names(config.get("partition_by").orElse(null));
    List<String> clusteredBy = names(config.get("clustered_by").orElse(null));
    Optional<Integer> buckets = config.string("buckets").flatMap(b -> {
      try {
        return Optional.of(Integer.parseInt(b.strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
    Optional<String> location = config.string("location").filter(l -> !l.isBlank())
        .or(() -> config.string("location_root").filter(l -> !l.isBlank())
            .map(root -> root.endsWith("/") ? root + alias : root + "/" + alias));
    Map<String, String> properties = new LinkedHashMap<>();
    if (config.get("tblproperties").orElse(null) instanceof Map<?, ?> map) {
      map.forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    }
    return new TableOptions(format, partitionBy, clusteredBy, buckets, location, properties);
  }

  /** A column name, a list of them, or BigQuery's {@code {field: name}}. */
  private static List<String> names(Object value) {
    if (value instanceof String s) {
      return s.isBlank() ? List.of() : List.of(s.strip());
    }
    if (value instanceof Map<?, ?> map && map.get("field") instanceof String field) {
      return List.of(field.strip());
    }
    if (value instanceof List<?> list) {
      List<String> names = new ArrayList<>();
      for (Object item : list) {
        names.addAll(names(item));
      }
      return names;
    }
    return List.of();
  }
}
