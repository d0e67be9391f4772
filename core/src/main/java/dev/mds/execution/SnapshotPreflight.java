package dev.mds.execution;

import dev.mds.MdsException;
import dev.mds.compile.Compiler;
import dev.mds.engine.Session;
import dev.mds.engine.SnapshotConfig;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A snapshot whose {@code check_cols} names a column its query does not return is a project error:
 * refused, before anything is built, whenever the query can be described now — its inputs exist
 * and this run does not rebuild any of them (a snapshot of a source, the usual case). Otherwise the
 * snapshot itself refuses it when it runs.
 */
final class SnapshotPreflight {

  private SnapshotPreflight() {
  }

  static void check(Manifest manifest, List<String> order, Compiler compiler,
      Warehouse warehouse) {
    Set<String> rebuilt = Set.copyOf(order);
    for (String id : order) {
      if (!(manifest.nodes().get(id) instanceof Model model) || !model.isSnapshot()) {
        continue;
      }
      SnapshotConfig config = SnapshotConfig.of(model.config(), model.file(), model.name());
      if (config.checkAll() || config.checkCols().isEmpty()
          || model.dependsOn().stream().anyMatch(rebuilt::contains)) {
        continue;
      }
      List<String> columns = describe(compiler, warehouse, model);
      if (columns == null) {
        continue;
      }
      for (String wanted : config.checkCols()) {
        String bare = wanted.strip().replaceAll("^\"|\"$", "").toLowerCase(Locale.ROOT);
        if (!columns.contains(bare)) {
          throw new MdsException(model.file() + ": snapshot '" + model.name() + "': check_cols"
              + " names '" + wanted.strip() + "', which its query does not return (it returns "
              + String.join(", ", columns) + ")");
        }
      }
    }
  }

  /** The query's column names in lower case, or null when it cannot be described yet. */
  private static List<String> describe(Compiler compiler, Warehouse warehouse, Model model) {
    String sql;
    try {
      sql = Compiler.trimStatement(compiler.finalSql(model));
    } catch (MdsException e) {
      return null;
    }
    try (Session session = new Session(warehouse)) {
      return session.columns(sql).keySet().stream()
          .map(c -> c.toLowerCase(Locale.ROOT)).toList();
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }
}
