package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's catalog of relations: read once, then kept up to date by committed builds, and out of
 * the way once foreign SQL (a hook) runs.
 */
class RelationCatalogTest {

  @TempDir
  Path dir;
  private WarehouseFixture db;
  private RelationCatalog catalog;
  private Session session;

  @BeforeEach
  void open() throws SQLException {
    db = new WarehouseFixture(dir);
    db.session.execute("create table existing_table as select 1 as id");
    db.session.execute("create view existing_view as select 1 as id");
    catalog = new RelationCatalog(db.warehouse);
    session = new Session(db.warehouse.connect(), catalog);
  }

  @AfterEach
  void close() throws SQLException {
    session.close();
    db.close();
  }

  private static Relation main(String name) {
    return new Relation("main", name);
  }

  private Optional<String> type(String name) throws SQLException {
    return session.relationType(main(name));
  }

  @Test
  void answersWhatTheDatabaseHeldWithoutAskingAgain() throws SQLException {
    assertEquals(Optional.of("BASE TABLE"), type("existing_table"));
    assertEquals(Optional.of("VIEW"), type("existing_view"));
    assertEquals(Optional.empty(), type("missing"));
    assertEquals(db.warehouse.relationTypes(), Map.of(main("existing_table"), "BASE TABLE",
        main("existing_view"), "VIEW"));
  }

  @Test
  void learnsWhatACommittedBuildCreated() throws SQLException {
    type("missing");
    Model view = WarehouseFixture.model("orders", Map.of("materialized", "view"));
    Materialization.of(view, dir).build(session, view, "select 1 as id", false);
    assertEquals(Optional.of("VIEW"), type("orders"));

    Model table = WarehouseFixture.model("orders", Map.of("materialized", "table"));
    Materialization.of(table, dir).build(session, table, "select 1 as id", false);
    assertEquals(Optional.of("BASE TABLE"), type("orders"));
    assertEquals(Optional.of("BASE TABLE"), db.warehouse.relationType(main("orders")));

    // Back to a view: the catalog's answer makes the build drop the table first.
    Materialization.of(view, dir).build(session, view, "select 2 as id", false);
    assertEquals(Optional.of("VIEW"), type("orders"));
    assertEquals(Optional.of("VIEW"), db.warehouse.relationType(main("orders")));
  }

  @Test
  void forgetsWhatARolledBackBuildCreated() throws SQLException {
    type("missing");
    Model table = WarehouseFixture.model("orders", Map.of("materialized", "table"));

    assertThrows(SQLException.class, () -> session.inTransaction(() -> {
      session.execute("create table \"main\".\"orders\" as select 1 as id");
      session.created(main("orders"), "BASE TABLE");
      return session.execute("select no_such_column from \"main\".\"orders\"");
    }));

    assertEquals(Optional.empty(), type("orders"));
    assertEquals(Optional.empty(), db.warehouse.relationType(main("orders")));
    Materialization.of(table, dir).build(session, table, "select 1 as id", false);
    assertEquals(Optional.of("BASE TABLE"), type("orders"));
  }

  @Test
  void foreignSqlSendsLookupsBackToTheDatabase() throws SQLException {
    assertEquals(Optional.of("BASE TABLE"), type("existing_table"));

    session.executeForeign("drop table existing_table");
    session.executeForeign("create table from_a_hook as select 1 as id");

    assertEquals(Optional.empty(), type("existing_table"));
    assertEquals(Optional.of("BASE TABLE"), type("from_a_hook"));
    assertEquals(Optional.of("BASE TABLE"), catalog.type(main("from_a_hook")));
  }
}
