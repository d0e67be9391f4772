package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mds.graph.Relation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogReaderTest {

  @TempDir
  Path dir;

  private static Map<Relation, CatalogRelation> read(WarehouseFixture db, List<Relation> wanted)
      throws SQLException {
    try (DuckDbConnection connection = db.warehouse.connect()) {
      return CatalogReader.read(connection, wanted);
    }
  }

  @Test
  void describesTablesAndViewsWithColumnsInOrderAndExactRowCounts() throws Exception {
    try (WarehouseFixture db = new WarehouseFixture(dir)) {
      db.session.execute("create schema marts");
      db.session.execute("create table marts.orders (id integer, amount decimal(10,2), note varchar)");
      db.session.execute("insert into marts.orders values (1, 2.50, 'a'), (2, 3.00, null), (3, 1, 'c')");
      db.session.execute("delete from marts.orders where id = 2");
      db.session.execute("comment on table marts.orders is 'one row per order'");
      db.session.execute("comment on column marts.orders.amount is 'in euros'");
      db.session.execute("create view marts.big_orders as select id from marts.orders where amount > 2");

      Map<Relation, CatalogRelation> catalog = read(db, List.of(
          new Relation("marts", "orders"), new Relation("marts", "big_orders"),
          new Relation("marts", "never_built")));

      CatalogRelation orders = catalog.get(new Relation("marts", "orders"));
      assertEquals("BASE TABLE", orders.type());
      assertEquals(OptionalLong.of(2), orders.rowCount());
      assertEquals(Optional.of("one row per order"), orders.comment());
      assertEquals(List.of("id", "amount", "note"),
          orders.columns().stream().map(CatalogColumn::name).toList());
      assertEquals(new CatalogColumn("amount", "DECIMAL(10,2)", 2, Optional.of("in euros")),
          orders.columns().get(1));
      CatalogRelation view = catalog.get(new Relation("marts", "big_orders"));
      assertEquals("VIEW", view.type());
      assertEquals(OptionalLong.empty(), view.rowCount());
      assertEquals("id", view.columns().get(0).name());
      assertFalse(catalog.containsKey(new Relation("marts", "never_built")));
    }
  }

  @Test
  void matchesNamesCaseInsensitivelyAndCountsManyTablesInBatches() throws Exception {
    try (WarehouseFixture db = new WarehouseFixture(dir)) {
      List<Relation> wanted = new ArrayList<>();
      for (int i = 0; i < 450; i++) {
        db.session.execute("create table main.t" + i + " as select * from range(" + i % 7 + ")");
        wanted.add(new Relation("main", "T" + i));
      }

      Map<Relation, CatalogRelation> catalog = read(db, wanted);

      assertEquals(450, catalog.size());
      for (int i = 0; i < 450; i++) {
        CatalogRelation table = catalog.get(new Relation("main", "T" + i));
        assertEquals(OptionalLong.of(i % 7), table.rowCount(), "t" + i);
        assertEquals(1, table.columns().size());
      }
    }
  }
}
