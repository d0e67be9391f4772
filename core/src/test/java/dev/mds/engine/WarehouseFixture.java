package dev.mds.engine;

import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.project.NodeConfig;
import dev.mds.project.Target;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** A DuckDB file in a test's temp folder, opened the way a run opens it, plus node builders. */
final class WarehouseFixture implements AutoCloseable {

  final DuckDbWarehouse warehouse;
  final Session session;

  WarehouseFixture(Path dir) {
    Target target = new Target("shop", "dev", "duckdb", dir.resolve("shop.duckdb"), "main", 4,
        Map.of());
    warehouse = DuckDbWarehouse.open(target, 0);
    session = new Session(warehouse.connect());
  }

  /**
   * Builds {@code model} the way a run does: incremental only when its table exists, and a new
   * table's rows counted after the commit.
   */
  BuildResult build(Model model, String sql) throws SQLException {
    boolean incremental = model.materialized().equals("incremental")
        && session.relationType(model.relation()).filter("BASE TABLE"::equals).isPresent();
    BuildResult built = Materialization.of(model, java.nio.file.Path.of(".").toAbsolutePath())
        .build(session, model, sql, incremental);
    if (built.rowsOf().isPresent()) {
      return built.withRows(session.queryLong("select count(*) from " + built.rowsOf().get()));
    }
    return built;
  }

  /** Every row of {@code sql}, each as its values joined by {@code |}. */
  List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = DuckDbConnection.jdbc(session.connection()).createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  static Model model(String name, Map<String, Object> config) {
    return new Model("model.shop." + name, name, "models/" + name + ".sql", List.of("shop", name),
        NodeConfig.empty().merge(config), "", List.of(), List.of(), new Relation("main", name),
        "", List.of(), List.of(), "checksum");
  }

  static Seed seed(String name, Map<String, Object> config) {
    return new Seed("seed.shop." + name, name, "seeds/" + name + ".csv", List.of("shop", name),
        NodeConfig.empty().merge(config), "", List.of(), new Relation("main", name), "checksum");
  }

  @Override
  public void close() throws SQLException {
    session.close();
    warehouse.close();
  }
}
