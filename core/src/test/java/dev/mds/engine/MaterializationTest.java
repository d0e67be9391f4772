package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each materialization against a real DuckDB file. */
class MaterializationTest {

  private static final String ORDERS = "select * from (values ";

  @TempDir
  Path dir;
  private WarehouseFixture db;

  @BeforeEach
  void open() {
    db = new WarehouseFixture(dir);
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void viewModelCreatesAViewWithTheSelectedRows() throws SQLException {
    Model model = WarehouseFixture.model("v", Map.of("materialized", "view"));

    BuildResult result = db.build(model, "select 1 as id union all select 2");

    assertEquals("CREATE VIEW", result.message());
    assertEquals(Optional.of("VIEW"), db.session.relationType(model.relation()));
    assertEquals(List.of("1", "2"), db.rows("select id from main.v order by id"));
  }

  @Test
  void tableModelHoldsTheRowsAndReportsTheCount() throws SQLException {
    Model model = WarehouseFixture.model("t", Map.of("materialized", "table"));

    BuildResult result = db.build(model, "select * from range(5) r(id)");

    assertEquals("SELECT 5", result.message());
    assertEquals(5L, result.rows().getAsLong());
    assertEquals(Optional.of("BASE TABLE"), db.session.relationType(model.relation()));
    assertEquals(List.of("10"), db.rows("select sum(id) from main.t"));
  }

  @Test
  void switchingBetweenViewAndTableReplacesTheRelation() throws SQLException {
    Model asView = WarehouseFixture.model("m", Map.of("materialized", "view"));
    Model asTable = WarehouseFixture.model("m", Map.of("materialized", "table"));

    db.build(asView, "select 1 as id");
    db.build(asTable, "select 2 as id");
    assertEquals(Optional.of("BASE TABLE"), db.session.relationType(asTable.relation()));
    db.build(asView, "select 3 as id");

    assertEquals(Optional.of("VIEW"), db.session.relationType(asView.relation()));
    assertEquals(List.of("3"), db.rows("select id from main.m"));
  }

  @Test
  void failingTableModelKeepsYesterdaysRows() throws SQLException {
    Model model = WarehouseFixture.model("t", Map.of("materialized", "table"));
    db.build(model, "select 1 as id, 'kept' as note");

    SQLException e = assertThrows(SQLException.class,
        () -> db.build(model, "select missing_column from main.t"));

    assertEquals(List.of("1|kept"), db.rows("select id, note from main.t"));
    String summary = DuckDbError.summary(e.getMessage());
    assertTrue(summary.startsWith("Binder Error") && summary.contains("missing_column")
        && summary.contains("Candidate bindings"), summary);
  }

  @Test
  void failingViewModelKeepsTheOldView() throws SQLException {
    Model model = WarehouseFixture.model("v", Map.of("materialized", "view"));
    db.build(model, "select 1 as id");

    assertThrows(SQLException.class, () -> db.build(model, "select * from no_such_table"));

    assertEquals(List.of("1"), db.rows("select id from main.v"));
  }

  @Test
  void ephemeralModelLeavesNoRelation() throws SQLException {
    Model model = WarehouseFixture.model("e", Map.of("materialized", "ephemeral"));

    db.build(model, "select 1 as id");

    assertEquals(Optional.empty(), db.session.relationType(model.relation()));
    assertEquals(List.of("0"), db.rows(
        "select count(*) from information_schema.tables where table_name = 'e'"));
  }

  /**
   * Three runs keyed on (market, order_no), where order_no repeats across markets: run 2 changes
   * UK/1 and adds JP/1, run 3 changes DE/1 again... append keeps every version.
   */
  @ParameterizedTest
  @ValueSource(strings = {"append", "delete+insert", "merge"})
  void incrementalModelWithCompositeKeyUpdatesAndAppends(String strategy) throws SQLException {
    Model model = WarehouseFixture.model("orders", Map.of("materialized", "incremental",
        "unique_key", List.of("market", "order_no"), "incremental_strategy", strategy));

    BuildResult first = db.build(model, ORDERS
        + "('UK', 1, 10), ('DE', 1, 20), ('UK', 2, 30)) v(market, order_no, amount)");
    assertEquals(3L, first.rows().getAsLong());
    assertEquals(List.of("DE|1|20", "UK|1|10", "UK|2|30"), contents());

    BuildResult second = db.build(model, ORDERS
        + "('UK', 1, 11), ('JP', 1, 40)) v(market, order_no, amount)");
    assertEquals(2L, second.rows().getAsLong(), second.message());
    assertEquals(strategy.toUpperCase() + " 2", second.message());
    if (strategy.equals("append")) {
      assertEquals(List.of("DE|1|20", "JP|1|40", "UK|1|10", "UK|1|11", "UK|2|30"), contents());
    } else {
      assertEquals(List.of("DE|1|20", "JP|1|40", "UK|1|11", "UK|2|30"), contents());
    }

    db.build(model, ORDERS + "('DE', 1, 21), ('UK', 2, 31), ('IT', 2, 50))"
        + " v(market, order_no, amount)");
    if (strategy.equals("append")) {
      assertEquals(List.of("DE|1|20", "DE|1|21", "IT|2|50", "JP|1|40", "UK|1|10", "UK|1|11",
          "UK|2|30", "UK|2|31"), contents());
    } else {
      assertEquals(List.of("DE|1|21", "IT|2|50", "JP|1|40", "UK|1|11", "UK|2|31"), contents());
    }
  }

  @Test
  void incrementalMergeMatchesNullKeysAsEqual() throws SQLException {
    Model model = WarehouseFixture.model("orders", Map.of("materialized", "incremental",
        "unique_key", "market, order_no", "incremental_strategy", "merge"));
    db.build(model, ORDERS + "(NULL, 1, 10)) v(market, order_no, amount)");

    db.build(model, ORDERS + "(NULL, 1, 11)) v(market, order_no, amount)");

    assertEquals(List.of("null|1|11"), contents());
  }

  @Test
  void failingIncrementalRunKeepsTheTable() throws SQLException {
    Model model = WarehouseFixture.model("orders", Map.of("materialized", "incremental",
        "unique_key", List.of("market", "order_no"), "incremental_strategy", "delete+insert"));
    db.build(model, ORDERS + "('UK', 1, 10)) v(market, order_no, amount)");

    // The delete succeeds inside the transaction, then the insert fails on a bad cast.
    assertThrows(SQLException.class, () -> db.build(model, ORDERS
        + "('UK', 1, 'not a number')) v(market, order_no, amount)"));

    assertEquals(List.of("UK|1|10"), contents());
    assertEquals(List.of("0"), db.rows(
        "select count(*) from duckdb_tables() where table_name like '__mds_new_%'"));
  }

  @Test
  void mergeWithoutUniqueKeyIsRejected() throws SQLException {
    Model model = WarehouseFixture.model("orders", Map.of("materialized", "incremental",
        "incremental_strategy", "merge"));
    db.build(model, "select 1 as id");

    MdsException e = assertThrows(MdsException.class, () -> db.build(model, "select 2 as id"));

    assertTrue(e.getMessage().contains("unique_key"), e.getMessage());
  }

  @Test
  void onSchemaChangeFailErrorsAndKeepsTheTable() throws SQLException {
    Model model = WarehouseFixture.model("orders", Map.of("materialized", "incremental",
        "unique_key", "id", "on_schema_change", "fail"));
    db.build(model, "select 1 as id");

    MdsException e = assertThrows(MdsException.class,
        () -> db.build(model, "select 2 as id, 'x' as extra"));

    assertTrue(e.getMessage().contains("extra") && e.getMessage().contains("fail"),
        e.getMessage());
    assertEquals(List.of("1"), db.rows("select * from main.orders"));
  }

  @Test
  void onSchemaChangeAppendNewColumnsAddsTheColumn() throws SQLException {
    Model model = WarehouseFixture.model("orders", Map.of("materialized", "incremental",
        "unique_key", "id", "on_schema_change", "append_new_columns"));
    db.build(model, "select 1 as id");

    db.build(model, "select 2 as id, 'x' as extra");

    assertEquals(List.of("1|null", "2|x"), db.rows("select id, extra from main.orders order by id"));
  }

  @Test
  void onSchemaChangeIgnoreDropsTheNewColumn() throws SQLException {
    Model model = WarehouseFixture.model("orders", Map.of("materialized", "incremental",
        "unique_key", "id"));
    db.build(model, "select 1 as id");

    db.build(model, "select 2 as id, 'x' as extra");

    assertEquals(List.of("id"), db.rows("select column_name from information_schema.columns"
        + " where table_name = 'orders'"));
    assertEquals(List.of("1", "2"), db.rows("select id from main.orders order by id"));
  }

  private List<String> contents() throws SQLException {
    return db.rows("select market, order_no, amount from main.orders order by all");
  }
}
