package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds seed}, {@code mds run} and {@code mds build} end to end on a real DuckDB file. */
class CliRunModelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /**
   * Orders in three markets (order_no restarts per market), a staging view, an ephemeral filter,
   * and two tables.
   */
  private TempProject shop() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", """
            market,order_no,amount
            UK,1,10
            UK,2,15
            DE,1,20
            JP,1,30
            """)
        .file("models/stg_orders.sql",
            "select market, order_no, amount from {{ ref('raw_orders') }}\n")
        .file("models/int_uk_orders.sql", """
            {{ config(materialized='ephemeral') }}
            select * from {{ ref('stg_orders') }} where market = 'UK'
            """)
        .file("models/uk_orders.sql", """
            {{ config(materialized='table') }}
            select order_no, amount from {{ ref('int_uk_orders') }}
            """)
        .file("models/revenue_by_market.sql", """
            {{ config(materialized='table') }}
            select market, sum(amount) as revenue from {{ ref('stg_orders') }} group by market
            """);
  }

  private Path database(TempProject project) {
    return project.path("shop.duckdb");
  }

  @Test
  void buildCreatesViewsAndTablesWithTheRightRows() {
    TempProject project = shop();

    CliRun run = mds("build", "--project-dir", project.dir());

    run.assertOk();
    Path db = database(project);
    assertEquals(List.of("main.raw_orders:BASE TABLE", "main.revenue_by_market:BASE TABLE",
        "main.stg_orders:VIEW", "main.uk_orders:BASE TABLE"), DuckDbFile.relations(db));
    assertEquals(List.of("DE|20", "JP|30", "UK|25"),
        DuckDbFile.rows(db, "select market, revenue from revenue_by_market order by 1"));
    assertEquals(List.of("1|10", "2|15"),
        DuckDbFile.rows(db, "select order_no, amount from uk_orders order by 1"));
    assertEquals(List.of("4"), DuckDbFile.rows(db, "select count(*) from stg_orders"));
    assertTrue(run.out().contains("PASS=4") && run.out().contains("ERROR=0"), run.describe());
  }

  @Test
  void aRunSqlFolderThatCannotBeWrittenWarnsButKeepsWhatWasBuilt() throws IOException {
    TempProject project = shop();
    Files.createDirectories(project.path("target/run"));
    Files.writeString(project.path("target/run/shop"), "a file where the folder would go");

    CliRun run = mds("build", "--project-dir", project.dir());

    run.assertOk();
    assertTrue(run.out().contains("Warning: could not write 4 compiled or run SQL files"),
        run.describe());
    assertTrue(run.out().contains("PASS=4") && run.out().contains("ERROR=0"), run.describe());
    assertEquals(List.of("DE|20", "JP|30", "UK|25"), DuckDbFile.rows(database(project),
        "select market, revenue from revenue_by_market order by 1"));
  }

  @Test
  void seedThenRunBuildsTheSameAsBuild() {
    TempProject project = shop();

    mds("seed", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("main.raw_orders:BASE TABLE"), DuckDbFile.relations(database(project)));
    mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("DE|20", "JP|30", "UK|25"), DuckDbFile.rows(database(project),
        "select market, revenue from revenue_by_market order by 1"));
  }

  @Test
  void profilePathChoosesTheDatabaseFile() {
    TempProject project = shop().file("profiles.yml", """
        shop:
          target: dev
          outputs:
            dev:
              type: duckdb
              path: warehouse/dev.duckdb
              threads: 2
        """);

    mds("build", "--project-dir", project.dir()).assertOk();

    assertFalse(Files.exists(database(project)), "the default file must not be created");
    assertEquals(List.of("DE|20", "JP|30", "UK|25"), DuckDbFile.rows(
        project.path("warehouse/dev.duckdb"),
        "select market, revenue from revenue_by_market order by 1"));
  }

  @Test
  void wideGraphBuildsInParallelAgainAndAgainWithoutConflicts() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/numbers.csv", "n\n1\n2\n3\n");
    for (int i = 0; i < 12; i++) {
      project.file("models/t" + i + ".sql", "{{ config(materialized='table') }}\n"
          + "select n * " + i + " as v from {{ ref('numbers') }}\n");
      project.file("models/v" + i + ".sql", "{{ config(schema='reporting') }}\n"
          + "select sum(v) as total from {{ ref('t" + i + "') }}\n");
      project.file("models/i" + i + ".sql", "{{ config(materialized='incremental',"
          + " unique_key='v', schema='reporting') }}\nselect v from {{ ref('t" + i + "') }}\n");
    }

    for (int run = 0; run < 2; run++) {
      CliRun build = mds("build", "--project-dir", project.dir(), "--threads", "8");
      build.assertOk();
      assertTrue(build.out().contains("PASS=37"), build.describe());
    }

    Path db = database(project);
    assertEquals(List.of("main|12", "main_reporting|24"), DuckDbFile.rows(db, "select table_schema,"
        + " count(*) from information_schema.tables where table_name <> 'numbers' group by 1"
        + " order by 1"));
    assertEquals(List.of("396"), DuckDbFile.rows(db, "select sum(total) from ("
        + String.join(" union all ", java.util.stream.IntStream.range(0, 12)
            .mapToObj(i -> "select total from main_reporting.v" + i).toList()) + ")"));
    assertEquals(List.of("36"), DuckDbFile.rows(db, "select count(*) from ("
        + String.join(" union all ", java.util.stream.IntStream.range(0, 12)
            .mapToObj(i -> "select v from main_reporting.i" + i).toList()) + ")"));
  }

  @Test
  void ephemeralModelLeavesNoRelationAndIsInlinedAsACte() {
    TempProject project = shop();

    mds("build", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("0"), DuckDbFile.rows(database(project),
        "select count(*) from information_schema.tables where table_name = 'int_uk_orders'"));
    String compiled = project.read("target/compiled/shop/models/uk_orders.sql");
    assertTrue(compiled.startsWith("with __mds_cte__int_uk_orders as ("), compiled);
    assertTrue(compiled.contains("where market = 'UK'"), compiled);
    assertTrue(compiled.contains("from __mds_cte__int_uk_orders"), compiled);
    assertTrue(compiled.contains("\"main\".\"stg_orders\""), compiled);
  }

  @Test
  void failingTableModelKeepsYesterdaysRows() {
    TempProject project = shop();
    mds("build", "--project-dir", project.dir()).assertOk();
    project.file("models/revenue_by_market.sql", """
        {{ config(materialized='table') }}
        select market, sum(no_such_column) as revenue from {{ ref('stg_orders') }} group by 1
        """);

    CliRun run = mds("run", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run.describe());
    assertTrue(run.out().contains("no_such_column"), run.describe());
    assertEquals(List.of("DE|20", "JP|30", "UK|25"), DuckDbFile.rows(database(project),
        "select market, revenue from revenue_by_market order by 1"));
  }

  @Test
  void failureSkipsDownstreamAlsoThroughEphemeralsAndUnrelatedNodesStillBuild() throws IOException {
    TempProject project = shop()
        .file("models/broken.sql", "select no_such_column from {{ ref('stg_orders') }}\n")
        .file("models/after_broken.sql", "select * from {{ ref('broken') }}\n")
        .file("models/eph_after_broken.sql",
            "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('broken') }}\n")
        .file("models/table_after_eph.sql",
            "{{ config(materialized='table') }}\nselect * from {{ ref('eph_after_broken') }}\n");

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run.describe());
    Map<String, String> statuses = statuses(project);
    assertEquals("error", statuses.get("model.shop.broken"));
    assertEquals("skipped", statuses.get("model.shop.after_broken"));
    assertEquals("skipped", statuses.get("model.shop.table_after_eph"));
    assertEquals("success", statuses.get("model.shop.revenue_by_market"));
    assertEquals("success", statuses.get("model.shop.uk_orders"));
    assertTrue(run.out().lines().anyMatch(l -> l.contains("SKIP") && l.contains("after_broken")),
        run.describe());
    assertTrue(run.out().lines().anyMatch(l -> l.contains("SKIP") && l.contains("table_after_eph")),
        run.describe());
    assertTrue(run.out().contains("SKIP=2"), run.describe());
    List<String> relations = DuckDbFile.relations(database(project));
    assertTrue(relations.contains("main.revenue_by_market:BASE TABLE"), relations.toString());
    assertFalse(relations.stream().anyMatch(r -> r.contains("after")), relations.toString());
  }

  @Test
  void failFastSkipsEverythingNotYetStarted() throws IOException {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/a_broken.sql", "select no_such_column from (select 1 as id)\n")
        .file("models/b_fine.sql", "select 1 as id\n")
        .file("models/c_fine.sql", "select 2 as id\n");

    CliRun run = mds("run", "--project-dir", project.dir(), "--fail-fast", "--threads", "1");

    assertEquals(1, run.exitCode(), run.describe());
    Map<String, String> statuses = statuses(project);
    assertEquals(Map.of("model.shop.a_broken", "error", "model.shop.b_fine", "skipped",
        "model.shop.c_fine", "skipped"), statuses);
    assertEquals(List.of(), DuckDbFile.relations(project.path("shop.duckdb")));

    CliRun without = mds("run", "--project-dir", project.dir(), "--threads", "1");

    assertEquals(1, without.exitCode(), without.describe());
    assertEquals(List.of("main.b_fine:VIEW", "main.c_fine:VIEW"),
        DuckDbFile.relations(project.path("shop.duckdb")));
  }

  @Test
  void modelHooksAndProjectHooksRunInOrder() {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", """
            name: shop
            on-run-start:
              - "create table if not exists audit (what varchar)"
              - "insert into audit values ('start')"
            on-run-end:
              - "insert into audit values ('end')"
            models:
              shop:
                hooked_in_yaml:
                  +post-hook: "insert into audit values ('yaml post {{ this }}')"
            """)
        .file("models/first.sql", """
            {{ config(materialized='table',
                pre_hook="insert into audit values ('pre {{ this }}')",
                post_hook="insert into audit select 'post {{ this }} rows ' || count(*) from {{ this }}") }}
            select * from range(3) r(id)
            """)
        .file("models/hooked_in_yaml/second.sql", "select * from {{ ref('first') }}\n");

    mds("run", "--project-dir", project.dir(), "--threads", "1").assertOk();

    assertEquals(List.of("start", "pre \"main\".\"first\"", "post \"main\".\"first\" rows 3",
        "yaml post \"main\".\"second\"", "end"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select what from audit order by rowid"));
  }

  @Test
  void failingOnRunStartHookBuildsNothingAndExitsOne() {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\non-run-start: [\"insert into nowhere values (1)\"]\n")
        .file("models/a.sql", "select 1 as id\n");

    CliRun run = mds("run", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run.describe());
    assertTrue(run.out().contains("on-run-start"), run.describe());
    assertEquals(List.of(), DuckDbFile.relations(project.path("shop.duckdb")));
  }

  @Test
  void runResultsRecordStatusTimingRowsAndMessage() throws IOException {
    TempProject project = shop();
    mds("build", "--project-dir", project.dir()).assertOk();

    JsonNode root = JSON.readTree(project.path("target/run_results.json").toFile());

    Map<String, JsonNode> byId = new LinkedHashMap<>();
    root.get("results").forEach(r -> byId.put(r.get("unique_id").asText(), r));
    assertEquals(List.of("model.shop.revenue_by_market", "model.shop.stg_orders",
        "model.shop.uk_orders", "seed.shop.raw_orders"),
        byId.keySet().stream().sorted().toList());
    JsonNode table = byId.get("model.shop.revenue_by_market");
    assertEquals("success", table.get("status").asText());
    assertEquals(3, table.get("rows_affected").asLong());
    assertEquals("SELECT 3", table.get("message").asText());
    assertTrue(table.get("execution_time").asDouble() >= 0);
    JsonNode timing = table.get("timing").get(0);
    assertFalse(timing.get("started_at").asText().isEmpty());
    assertTrue(timing.get("completed_at").asText().compareTo(timing.get("started_at").asText()) >= 0);
    JsonNode seed = byId.get("seed.shop.raw_orders");
    assertEquals(4, seed.get("rows_affected").asLong());
    assertEquals("INSERT 4", seed.get("message").asText());
    assertEquals("CREATE VIEW", byId.get("model.shop.stg_orders").get("message").asText());
    assertTrue(root.get("elapsed_time").asDouble() > 0);
  }

  @Test
  void jsonLogFormatPrintsOneJsonObjectPerLineAlsoForFailures() throws IOException {
    TempProject project = shop().file("models/broken.sql", "select nope from {{ ref('uk_orders') }}\n");

    CliRun run = mds("build", "--project-dir", project.dir(), "--log-format", "json");

    assertEquals(1, run.exitCode(), run.describe());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.size() > 8, run.describe());
    List<String> finished = new java.util.ArrayList<>();
    List<String> events = new java.util.ArrayList<>();
    for (String line : lines) {
      JsonNode event = JSON.readTree(line);
      assertTrue(event.isObject() && event.hasNonNull("event") && event.hasNonNull("ts"), line);
      events.add(event.get("event").asText());
      if (event.get("event").asText().equals("node_finished")) {
        finished.add(event.get("unique_id").asText() + ":" + event.get("status").asText());
      }
      if (event.get("event").asText().equals("failure")) {
        assertTrue(event.get("message").asText().contains("nope"), line);
      }
    }
    assertEquals(List.of("model.shop.broken:error", "model.shop.revenue_by_market:success",
        "model.shop.stg_orders:success", "model.shop.uk_orders:success",
        "seed.shop.raw_orders:success"), finished.stream().sorted().toList());
    assertTrue(events.containsAll(List.of("run_started", "node_started", "failure", "done")),
        events.toString());
  }

  @Test
  void logFileRecordsEachInvocation() {
    TempProject project = shop();

    mds("build", "--project-dir", project.dir()).assertOk();
    mds("run", "--project-dir", project.dir(), "--select", "uk_orders").assertOk();

    String log = project.read("logs/mds.log");
    assertEquals(2, log.lines().filter(l -> l.startsWith("==== ")).count(), log);
    assertTrue(log.contains("build --project-dir"), log);
    assertTrue(log.contains("OK table model \"main\".\"revenue_by_market\""), log);
    assertTrue(log.contains("--select uk_orders"), log);
    assertTrue(log.contains("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1"), log);
  }

  private static Map<String, String> statuses(TempProject project) throws IOException {
    JsonNode root = JSON.readTree(project.path("target/run_results.json").toFile());
    Map<String, String> statuses = new LinkedHashMap<>();
    root.get("results").forEach(r -> statuses.put(r.get("unique_id").asText(),
        r.get("status").asText()));
    return statuses;
  }
}
