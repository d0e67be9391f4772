package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.project.NodeConfig;
import dev.mds.project.YamlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot's settings, read and checked from its config as dbt (1.9 and later) reads them.
 *
 * @param strategy {@code timestamp} or {@code check}
 * @param uniqueKey one SQL expression per key part (a column, an expression, or a list's items)
 * @param updatedAt the {@code updated_at} expression; required for timestamp, optional for check
 * @param checkCols the columns compared by the check strategy; empty with {@code checkAll}
 * @param checkAll {@code check_cols: all}
 * @param hardDeletes {@code ignore}, {@code invalidate} or {@code new_record}
 * @param columns the meta columns' names ({@code snapshot_meta_column_names})
 * @param validToCurrent {@code dbt_valid_to_current}: the SQL a current row's valid-to holds
 */
public record SnapshotConfig(String strategy, List<String> uniqueKey, Optional<String> updatedAt,
    List<String> checkCols, boolean checkAll, String hardDeletes, MetaColumns columns,
    Optional<String> validToCurrent) {

  /** The names of dbt's meta columns, renamable with {@code snapshot_meta_column_names}. */
  public record MetaColumns(String scdId, String updatedAt, String validFrom, String validTo,
      String isDeleted) {

    List<String> all() {
      return List.of(scdId, updatedAt, validFrom, validTo, isDeleted);
    }
  }

  /** Reads the config of the snapshot in {@code file}, or throws one line saying what is wrong. */
  public static SnapshotConfig of(NodeConfig config, String file, String name) {
    String what = file + ": snapshot '" + name + "'";
    String strategy = config.string("strategy").map(s -> s.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new MdsException(what + " has no strategy; set strategy='timestamp'"
            + " (with updated_at) or strategy='check' (with check_cols)"));
    if (!strategy.equals("timestamp") && !strategy.equals("check")) {
      throw new MdsException(what + " has unknown strategy '" + strategy
          + "' (use timestamp or check)");
    }
    List<String> key = uniqueKey(config.get("unique_key").orElse(null));
    if (key.isEmpty()) {
      throw new MdsException(what + " has no unique_key; set the column (or expression, or"
          + " list of columns) that identifies a row of its source");
    }
    Optional<String> updatedAt = config.string("updated_at").map(String::trim)
        .filter(s -> !s.isEmpty());
    if (strategy.equals("timestamp") && updatedAt.isEmpty()) {
      throw new MdsException(what + " uses the timestamp strategy but has no updated_at; set"
          + " the column that records when a row last changed");
    }
    List<String> checkCols = new ArrayList<>();
    boolean checkAll = false;
    if (strategy.equals("check")) {
      Object raw = config.get("check_cols").orElse(null);
      if (raw instanceof String text && text.trim().equalsIgnoreCase("all")) {
        checkAll = true;
      } else {
        checkCols.addAll(YamlValues.strings(raw).stream().map(String::trim)
            .filter(s -> !s.isEmpty()).toList());
        if (checkCols.isEmpty()) {
          throw new MdsException(what + " uses the check strategy but has no check_cols; set"
              + " check_cols to a list of columns or 'all'");
        }
      }
    }
    String hardDeletes = config.string("hard_deletes").map(s -> s.trim().toLowerCase(Locale.ROOT))
        .orElse(YamlValues.bool(config.get("invalidate_hard_deletes").orElse(null), false)
            ? "invalidate" : "ignore");
    if (!List.of("ignore", "invalidate", "new_record").contains(hardDeletes)) {
      throw new MdsException(what + " has hard_deletes '" + hardDeletes
          + "' (use ignore, invalidate or new_record)");
    }
    Map<String, Object> names = YamlValues.map(config.get("snapshot_meta_column_names")
        .orElse(null));
    MetaColumns columns = new MetaColumns(name(names, "dbt_scd_id"),
        name(names, "dbt_updated_at"), name(names, "dbt_valid_from"),
        name(names, "dbt_valid_to"), name(names, "dbt_is_deleted"));
    for (String key2 : names.keySet()) {
      if (!List.of("dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to",
          "dbt_is_deleted").contains(key2)) {
        throw new MdsException(what + ": snapshot_meta_column_names has '" + key2
            + "' (use dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to, dbt_is_deleted)");
      }
    }
    Optional<String> validToCurrent = config.string("dbt_valid_to_current").map(String::trim)
        .filter(s -> !s.isEmpty());
    return new SnapshotConfig(strategy, key, updatedAt, List.copyOf(checkCols), checkAll,
        hardDeletes, columns, validToCurrent);
  }

  private static String name(Map<String, Object> names, String standard) {
    return YamlValues.string(names.get(standard)).map(String::trim).filter(s -> !s.isEmpty())
        .orElse(standard);
  }

  /**
   * A text {@code unique_key} is one expression (it may hold commas: {@code concat(a, b)}); a
   * list's items are the parts of a composite key.
   */
  private static List<String> uniqueKey(Object raw) {
    if (raw instanceof List<?> list) {
      return list.stream().filter(item -> item != null).map(item -> String.valueOf(item).trim())
          .filter(s -> !s.isEmpty()).toList();
    }
    return YamlValues.string(raw).map(String::trim).filter(s -> !s.isEmpty()).map(List::of)
        .orElse(List.of());
  }
}
