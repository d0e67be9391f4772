package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers and builds never block each other: a build publishes a read-only serving copy, a reader
 * holding it keeps one whole build while the next build runs and replaces it, and mds show and
 * docs generate read it while a build holds the database.
 */
@Timeout(120)
class CliServingCopyTest {

  @TempDir
  Path dir;

  /** Every table carries the build id given with --vars, so a reader can tell builds apart. */
  private TempProject project(String profileOutput) {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\nprofile: shop\n"
            + "models:\n  shop:\n    +materialized: table\n")
        .file("models/orders.sql", "select {{ var('build') }} as build_id, range as id"
            + " from range(100)\n")
        .file("models/customers.sql", "select {{ var('build') }} as build_id, count(*) as n"
            + " from {{ ref('orders') }}\n")
        .file("models/combined.sql", "{{ config(materialized='view') }}\n"
            + "select o.build_id as orders_build, c.build_id as customers_build"
            + " from {{ ref('orders') }} o cross join {{ ref('customers') }} c limit 1\n");
    if (profileOutput != null) {
      project.file("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev: " + profileOutput
          + "\n");
    }
    return project;
  }

  private static CliRun build(TempProject project, int buildId, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("build", "--project-dir",
        project.dir(), "--vars", "{build: " + buildId + "}"));
    args.addAll(List.of(extra));
    return mds(args.toArray(String[]::new));
  }

  /** A reader as a BI tool opens the copy: read-only, by its path. */
  private static Connection readOnly(Path file) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + file, properties);
  }

  /**
   * A fresh reader in this JVM: DuckDB keeps one instance per opened path in a process, so a
   * second connection by path would share the held one's (old) file; attaching opens it anew,
   * as a new process (a BI tool reconnecting) does.
   */
  private static Connection fresh(Path file) throws Exception {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = connection.createStatement()) {
      st.execute("attach '" + file + "' as shop (read_only)");
      st.execute("use shop");
    }
    return connection;
  }

  private static String builds(Connection connection) throws Exception {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("select o.build_id, c.build_id, b.orders_build,"
            + " b.customers_build, (select count(*) from orders) from orders o, customers c,"
            + " combined b limit 1")) {
      assertTrue(rs.next());
      return rs.getInt(1) + "," + rs.getInt(2) + "," + rs.getInt(3) + "," + rs.getInt(4) + ","
          + rs.getInt(5);
    }
  }

  @Test
  void aHeldReaderKeepsItsBuildWhileTheNextBuildPublishesAndANewReaderSeesTheNewOne()
      throws Exception {
    TempProject project = project(null);
    Path serving = project.path("serving/shop.duckdb");

    CliRun first = build(project, 1, "--publish").assertOk();

    assertTrue(first.out().contains("Published the serving copy " + serving), first::describe);
    try (Connection held = readOnly(serving)) {
      held.setAutoCommit(false);
      assertEquals("1,1,1,1,100", builds(held));

      CliRun second = build(project, 2, "--publish").assertOk();

      assertTrue(second.out().contains("Published the serving copy"), second::describe);
      // The held connection still reads build 1, whole, in and after its transaction.
      assertEquals("1,1,1,1,100", builds(held));
      held.commit();
      assertEquals("1,1,1,1,100", builds(held));
      try (Connection next = fresh(serving)) {
        assertEquals("2,2,2,2,100", builds(next));
      }
    }
    assertEquals(List.of("2"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select distinct build_id from customers"));
    try (var leftovers = Files.list(serving.getParent())) {
      assertEquals(List.of("shop.duckdb"), leftovers.map(p -> p.getFileName().toString())
          .toList(), "only the copy itself, no temporary file");
    }
  }

  @Test
  void showAndDocsReadTheServingCopyWhileAnotherProcessHoldsTheDatabase() throws Exception {
    TempProject project = project(null);
    Path db = project.path("shop.duckdb");
    build(project, 7, "--publish").assertOk();

    try (JavaProcess holder = JavaProcess.start(dir, LockHolder.class, db.toString())) {
      holder.awaitLine("locked", 30);

      CliRun show = mds("show", "--project-dir", project.dir(), "-s", "customers",
          "--vars", "{build: 8}").assertOk();
      CliRun docs = mds("docs", "generate", "--project-dir", project.dir(),
          "--vars", "{build: 8}").assertOk();
      // A build meanwhile is refused in one line naming the holder and pointing readers away.
      String refused = build(project, 8, "--publish").assertProjectError(db.toString(),
          "process " + holder.pid() + " (", "serving copy");

      assertTrue(show.out().contains("Reading the serving copy "
          + project.path("serving/shop.duckdb")), show::describe);
      assertTrue(show.out().contains("process " + holder.pid()), show::describe);
      // The query ran against build 7's tables: count(*) of orders is 100.
      assertTrue(show.out().lines().anyMatch(l -> l.matches("8\\s+\\|\\s+100")), show::describe);
      assertTrue(docs.out().contains("Reading the serving copy"), docs::describe);
      String catalog = project.read("target/catalog.json");
      assertTrue(catalog.contains("\"model.shop.customers\""), catalog);
      assertTrue(catalog.contains("\"build_id\""), catalog);
      assertFalse(refused.contains("\n"));
    }
  }

  @Test
  void anAnalystOnTheServingCopyNeverStopsTheBuildButOneOnTheDatabaseDoesAndIsNamed()
      throws Exception {
    TempProject project = project(null);
    Path db = project.path("shop.duckdb");
    Path serving = project.path("serving/shop.duckdb");
    build(project, 1, "--publish").assertOk();

    try (JavaProcess dashboard = JavaProcess.start(dir, ReadOnlyReader.class,
        serving.toString())) {
      dashboard.awaitLine("reading", 30);
      build(project, 2, "--publish").assertOk();
      build(project, 3, "--publish").assertOk();
    }
    try (Connection reader = fresh(serving)) {
      assertEquals("3,3,3,3,100", builds(reader));
    }

    try (JavaProcess analyst = JavaProcess.start(dir, ReadOnlyReader.class, db.toString())) {
      analyst.awaitLine("reading", 30);
      build(project, 4, "--publish").assertProjectError(db.toString(),
          "process " + analyst.pid() + " (", "open the serving copy instead");
    }
  }

  @Test
  void aProfileThatPublishesServesReadersFromItsServingPathAlways() throws Exception {
    TempProject project = project("{type: duckdb, path: shop.duckdb, serving_path: out/shop.duckdb}");
    Path serving = project.path("out/shop.duckdb");

    CliRun run = build(project, 3).assertOk();

    assertTrue(run.out().contains("Published the serving copy " + serving), run::describe);
    assertFalse(Files.exists(project.path("serving")));
    CliRun show = mds("show", "--project-dir", project.dir(), "-s", "orders", "--limit", "1",
        "--vars", "{build: 4}").assertOk();
    assertTrue(show.out().contains("Reading the serving copy " + serving), show::describe);
    try (Connection reader = readOnly(serving)) {
      assertEquals("3,3,3,3,100", builds(reader));
    }
  }

  @Test
  void aFailedBuildLeavesTheLastGoodServingCopy() throws Exception {
    TempProject project = project("{type: duckdb, path: shop.duckdb, publish: true}");
    Path serving = project.path("serving/shop.duckdb");
    build(project, 5).assertOk();
    byte[] published = Files.readAllBytes(serving);
    project.file("models/broken.sql", "select * from no_such_table\n");

    CliRun failed = build(project, 6);

    assertEquals(1, failed.exitCode(), failed::describe);
    assertTrue(failed.out().contains("not replaced: the run had failures"), failed::describe);
    assertTrue(java.util.Arrays.equals(published, Files.readAllBytes(serving)),
        "the serving copy is byte for byte the last good build's");
    try (Connection reader = fresh(serving)) {
      assertEquals("5,5,5,5,100", builds(reader));
    }
  }

  @Test
  void nonsenseServingSettingsAreOneLineErrorsNamingTheProfile() {
    TempProject project = project("{type: duckdb, path: shop.duckdb, publish: maybe}");
    build(project, 1).assertProjectError("profiles.yml", "shop.outputs.dev.publish",
        "true or false");
    project.file("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev: {type: duckdb,"
        + " path: shop.duckdb, serving_path: shop.duckdb}\n");
    build(project, 1).assertProjectError("profiles.yml", "serving_path", "the database itself");
    assertFalse(Files.exists(project.path("shop.duckdb")), "nothing was built");
  }
}
