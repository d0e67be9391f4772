package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --defer}: a CI build of one changed model reads its unselected parents from production's
 * DuckDB file, attached read-only, and never writes to it.
 */
class CliDeferTest {

  private static final String PROD_REF = "\"prod\".\"main\".\"stg_orders\"";

  /** Production, built once, and the state folder holding its artifacts and database. */
  @TempDir
  static Path shared;

  @TempDir
  Path dir;

  private static Path state;
  private static Path production;
  private static String productionSha;
  private TempProject branch;

  /*
   * raw_orders (seed) -> stg_orders (table) -> int_positive (ephemeral) -> big_orders (table)
   * Production's stg_orders also holds order 4, which no seed in either folder has: a CI build
   * can only see it by reading production.
   */
  @BeforeAll
  static void buildProduction() throws SQLException {
    TempProject prod = TempProject.named(shared.resolve("prod"), "shop")
        .file("seeds/raw_orders.csv", """
            id,amount
            1,10
            2,700
            3,900
            """)
        .file("models/stg_orders.sql", """
            {{ config(materialized='table') }}
            select id, amount from {{ ref('raw_orders') }}
            """)
        .file("models/int_positive.sql", """
            {{ config(materialized='ephemeral') }}
            select * from {{ ref('stg_orders') }} where amount > 0
            """)
        .file("models/big_orders.sql", """
            {{ config(materialized='table') }}
            select id, amount from {{ ref('int_positive') }} where amount > 500
            """)
        .file("models/schema.yml", """
            models:
              - name: big_orders
                columns:
                  - name: id
                    tests:
                      - unique
                      - relationships:
                          to: ref('stg_orders')
                          field: id
            """);
    ProductionState.build(prod);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + prod.path("shop.duckdb"));
        Statement st = c.createStatement()) {
      st.execute("insert into main.stg_orders values (4, 5000)");
    }
    state = ProductionState.copyState(prod, shared.resolve("state"), true);
    production = state.resolve("shop.duckdb");
    productionSha = ProductionState.sha256(production);
  }

  /** A fresh branch: production's sources with big_orders' filter changed. */
  @BeforeEach
  void changeBranch() {
    branch = ProductionState.branch(TempProject.in(shared.resolve("prod")), dir.resolve("branch"));
    branch.file("models/big_orders.sql", """
        {{ config(materialized='table') }}
        select id, amount from {{ ref('int_positive') }} where amount > 800
        """);
  }

  private String compiledBigOrders() {
    return branch.read("target/compiled/shop/models/big_orders.sql");
  }

  @Test
  void deferredBuildReadsUnselectedParentsFromProductionAndCopiesNone() {
    CliRun run = mds("build", "--project-dir", branch.dir(), "-s", "state:modified+", "--defer",
        "--state", state.toString()).assertOk();

    Path ci = branch.path("shop.duckdb");
    assertEquals(List.of("main.big_orders:BASE TABLE"), DuckDbFile.relations(ci),
        "the CI database must hold no copy of raw_orders or stg_orders");
    assertEquals(List.of("3|900", "4|5000"),
        DuckDbFile.rows(ci, "select id, amount from main.big_orders order by id"));
    assertTrue(compiledBigOrders().contains(PROD_REF), compiledBigOrders());
    assertTrue(run.out().contains("PASS=3") && run.out().contains("ERROR=0"), run.describe());
    assertEquals(productionSha, ProductionState.sha256(production),
        "production's bytes must not change");
  }

  @Test
  void deferredBuildRunsWhileAnotherProcessIsReadingProduction() throws Exception {
    try (JavaProcess reader = JavaProcess.start(dir, ReadOnlyReader.class, production.toString())) {
      reader.awaitLine("reading", 30);

      mds("build", "--project-dir", branch.dir(), "-s", "big_orders", "--defer", "--state",
          state.toString()).assertOk();
    }
    assertEquals(List.of("3", "4"), DuckDbFile.rows(branch.path("shop.duckdb"),
        "select id from big_orders order by 1"));
    assertEquals(productionSha, ProductionState.sha256(production));
  }

  @Test
  void deferDatabaseNamesProductionWithoutAStateFolder() {
    mds("run", "--project-dir", branch.dir(), "-s", "big_orders", "--defer",
        "--defer-database", production.toString()).assertOk();

    Path ci = branch.path("shop.duckdb");
    assertEquals(List.of("main.big_orders:BASE TABLE"), DuckDbFile.relations(ci));
    assertEquals(List.of("3", "4"), DuckDbFile.rows(ci, "select id from big_orders order by 1"));
    assertEquals(productionSha, ProductionState.sha256(production));
  }

  @Test
  void withoutDeferTheSameSelectionFailsForWantOfItsParents() {
    CliRun run = mds("run", "--project-dir", branch.dir(), "-s", "big_orders");

    assertEquals(1, run.exitCode(), run.describe());
    assertFalse(compiledBigOrders().contains("\"prod\""), compiledBigOrders());
  }

  @Test
  void selectedParentsAreBuiltHereAndOnlyTheRestDeferred() {
    mds("build", "--project-dir", branch.dir(), "-s", "stg_orders+", "--exclude", "raw_orders",
        "--defer", "--state", state.toString()).assertOk();

    Path ci = branch.path("shop.duckdb");
    assertEquals(List.of("main.big_orders:BASE TABLE", "main.stg_orders:BASE TABLE"),
        DuckDbFile.relations(ci));
    assertTrue(branch.read("target/compiled/shop/models/stg_orders.sql")
        .contains("\"prod\".\"main\".\"raw_orders\""));
    assertFalse(compiledBigOrders().contains("\"prod\""), compiledBigOrders());
    assertEquals(List.of("3|900"), DuckDbFile.rows(ci, "select id, amount from big_orders"));
    assertEquals(productionSha, ProductionState.sha256(production));
  }

  @Test
  void unselectedParentAlreadyBuiltHereIsReadHereAsInDbt() {
    mds("build", "--project-dir", branch.dir(), "-s", "stg_orders", "--defer", "--state",
        state.toString()).assertOk();
    // The relationships test on big_orders comes along with stg_orders; big_orders is not here.
    String relationships = compiledTest("relationships_big_orders_id");
    assertTrue(relationships.contains("\"prod\".\"main\".\"big_orders\"")
        && !relationships.contains(PROD_REF), relationships);

    mds("run", "--project-dir", branch.dir(), "-s", "big_orders", "--defer", "--state",
        state.toString()).assertOk();

    assertFalse(compiledBigOrders().contains("\"prod\".\"main\".\"stg_orders\""),
        compiledBigOrders());
    assertEquals(List.of("3|900"), DuckDbFile.rows(branch.path("shop.duckdb"),
        "select id, amount from big_orders"), "order 4 is only in production's stg_orders");
  }

  @Test
  void deferredRunReadsSeedsItDoesNotLoadFromProduction() {
    mds("run", "--project-dir", branch.dir(), "-s", "+big_orders", "--defer", "--state",
        state.toString()).assertOk();

    Path ci = branch.path("shop.duckdb");
    assertEquals(List.of("main.big_orders:BASE TABLE", "main.stg_orders:BASE TABLE"),
        DuckDbFile.relations(ci));
    assertTrue(branch.read("target/compiled/shop/models/stg_orders.sql")
        .contains("\"prod\".\"main\".\"raw_orders\""));
    assertEquals(List.of("3|900"), DuckDbFile.rows(ci, "select id, amount from big_orders"));
  }

  @Test
  void deferredTestChecksTheModelBuiltHereAgainstProductionParents() {
    mds("run", "--project-dir", branch.dir(), "-s", "big_orders", "--defer", "--state",
        state.toString()).assertOk();

    CliRun test = mds("test", "--project-dir", branch.dir(), "-s", "big_orders", "--defer",
        "--state", state.toString()).assertOk();

    assertTrue(test.out().contains("PASS=2"), test.describe());
    String relationships = compiledTest("relationships_big_orders_id");
    assertTrue(relationships.contains("\"main\".\"big_orders\"")
        && !relationships.contains("\"prod\".\"main\".\"big_orders\""), relationships);
    assertTrue(relationships.contains(PROD_REF), relationships);
  }

  /** The compiled SQL of the data test whose file name starts with {@code prefix}. */
  private String compiledTest(String prefix) {
    try (var files = Files.walk(branch.path("target/compiled"))) {
      Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError("no compiled " + prefix));
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void deferredCompileRendersProductionRelationsWithoutOpeningAnyDatabase() {
    mds("compile", "--project-dir", branch.dir(), "-s", "big_orders", "--defer", "--state",
        state.toString()).assertOk();

    assertTrue(compiledBigOrders().contains(PROD_REF), compiledBigOrders());
    assertFalse(Files.exists(branch.path("shop.duckdb")));
  }

  @Test
  void missingProductionDatabaseIsAOneLineError() {
    mds("build", "--project-dir", branch.dir(), "-s", "big_orders", "--defer",
        "--defer-database", dir.resolve("nowhere/prod.duckdb").toString())
        .assertProjectError("prod.duckdb", "does not exist");
  }

  @Test
  void deferWithoutStateOrDatabaseIsAOneLineError() {
    mds("build", "--project-dir", branch.dir(), "-s", "big_orders", "--defer")
        .assertProjectError("--defer-database");
  }

  @Test
  void stateFolderWithoutADatabaseIsAOneLineError() throws Exception {
    Path withoutDatabase = Files.createDirectories(dir.resolve("state"));
    Files.copy(state.resolve("manifest.json"), withoutDatabase.resolve("manifest.json"));

    mds("build", "--project-dir", branch.dir(), "-s", "big_orders", "--defer", "--state",
        withoutDatabase.toString()).assertProjectError("0 .duckdb files", "--defer-database");
  }
}
