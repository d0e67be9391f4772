package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's connection: transactions, statement log, cancelling. */
class SessionTest {

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
  void transactionThatThrowsRollsBackEverythingInIt() throws SQLException {
    db.session.execute("create table t as select 1 as id");

    assertThrows(SQLException.class, () -> db.session.inTransaction(() -> {
      db.session.execute("insert into t values (2)");
      return db.session.execute("insert into t values ('not a number')");
    }));

    assertEquals(List.of("1"), db.rows("select id from t"));
    // The connection is usable again: the aborted transaction was closed.
    db.session.execute("insert into t values (3)");
    assertEquals(List.of("1", "3"), db.rows("select id from t order by id"));
  }

  @Test
  void statementsAreRememberedInOrderUntilCleared() throws SQLException {
    db.session.execute("create table t (id int)");
    db.session.execute("insert into t values (1)");

    assertEquals(List.of("create table t (id int)", "insert into t values (1)"),
        db.session.statements());
    db.session.clearStatements();
    assertEquals(List.of(), db.session.statements());
  }

  @Test
  void cancelStopsARunningStatement() throws Exception {
    CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> {
      try {
        return db.session.execute("select count(*) from range(3000000000) t(i) where i % 7 = 3");
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
    Thread.sleep(500);
    assertTrue(!slow.isDone(), "the query should still be running after 0.5s");
    long start = System.nanoTime();

    db.session.cancel();

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> slow.get(10, TimeUnit.SECONDS));
    assertTrue((System.nanoTime() - start) / 1e9 < 5, "cancel took too long");
    assertTrue(e.getCause().getMessage().toLowerCase().contains("interrupt"),
        e.getCause().getMessage());
  }
}
