package dev.mds.engine;

import dev.mds.MdsException;
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
   * @param alias the table's name, which {@code location_root} is completed with
   * @param file names the model in errors
   */
  public static TableOptions of(NodeConfig config, String alias, String file) {
    Optional<String> format = config.string("file_format");
    List<String> partitionBy = names(config.get("partition_by").orElse(null), "partition_by",
        file);
    List<String> clusteredBy = names(config.get("clustered_by").orElse(null), "clustered_by",
        file);
    Optional<Integer> buckets = config.string("buckets").map(b -> {
      try {
        return Integer.parseInt(b.strip());
      } catch (NumberFormatException e) {
        throw MdsException.at(file, "buckets must be a whole number, got '" + b + "'");
      }
    });
    if (!clusteredBy.isEmpty() && buckets.isEmpty()) {
      throw MdsException.at(file, "clustered_by needs buckets (the number of buckets to"
          + " cluster into)");
    }
    Optional<String> location = config.string("location").filter(l -> !l.isBlank())
        .or(() -> config.string("location_root").filter(l -> !l.isBlank())
            .map(root -> root.endsWith("/") ? root + alias : root + "/" + alias));
    Map<String, String> properties = new LinkedHashMap<>();
    Object value = config.get("tblproperties").orElse(null);
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    } else if (value != null) {
      throw MdsException.at(file, "tblproperties must be a mapping of property to value, got "
          + value);
    }
    return new TableOptions(format, partitionBy, clusteredBy, buckets, location, properties);
  }

  /** A column name or a list of them. */
  private static List<String> names(Object value, String key, String file) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return s.isBlank() ? List.of() : List.of(s.strip());
    }
    if (value instanceof List<?> list) {
      List<String> names = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String s)) {
          throw MdsException.at(file, key + " must name columns (one, or a list), got " + value);
        }
        names.add(s.strip());
      }
      return names;
    }
    throw MdsException.at(file, key + " must name columns (one, or a list), got " + value);
  }
}
