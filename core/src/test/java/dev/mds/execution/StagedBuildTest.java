package dev.mds.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.ResourceType;
import dev.mds.graph.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write-audit-publish on an engine without transactions: real DuckDB opened through the engine
 * registry with transactions switched off ({@code type: duckdb_no_transactions}), driven the way
 * mds drives Spark. A failing audit keeps yesterday's rows, a kill between any two statements
 * leaves the table in place, and incremental strategies give the rows they give with
 * transactions.
 */
class StagedBuildTest {

  @TempDir
  Path dir;

  private TempProject audited() {
    return audited("duckdb_no_transactions");
  }

  private TempProject audited(String type) {
    return TempProject.named(dir, "shop")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: %s
                  path: shop.duckdb
            """.formatted(type))
        .file("seeds/raw_members.csv", "market,member_no\nUK,1\nDE,1\n")
        .file("models/members.sql", "{{ config(materialized='table') }}\n"
            + "select * from {{ ref('raw_members') }}\n")
        .file("models/schema.yml", """
            models:
              - name: members
                tests:
                  - unique:
                      columns: [market, member_no]
            """);
  }

  private static RunTask.Outcome build(TempProject project) {
    return RunTask.run(ProjectParser.parse(project.load()), new RunTask.Options(
        Set.of(ResourceType.SEED, ResourceType.MODEL, ResourceType.TEST), Selector.all(), 2,
        false, false, 0, true), RunListener.NONE);
  }

  private static NodeResult result(RunTask.Outcome outcome, String uniqueId) {
    return outcome.results().stream().filter(r -> r.uniqueId().equals(uniqueId)).findFirst()
        .orElseThrow(() -> new AssertionError(uniqueId + " did not run: " + outcome.results()));
  }

  private static List<String> rows(TempProject project, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"
        + project.path("shop.duckdb"));
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  private static List<String> tables(TempProject project) throws Exception {
    return rows(project, "select table_name from information_schema.tables order by 1");
  }

  @Test
  void aFailingAuditKeepsYesterdaysRowsAndLeavesNoStage() throws Exception {
    TempProject project = audited();
    assertFalse(build(project).failed());
    project.file("seeds/raw_members.csv", "market,member_no\nUK,1\nDE,1\nUK,1\n");

    RunTask.Outcome outcome = build(project);

    NodeResult model = result(outcome, "model.shop.members");
    assertEquals(RunStatus.ERROR, model.status());
    assertEquals("audit failed: unique_members_market__member_no fails on the new data, so"
        + " \"main\".\"members\" keeps its previous version", model.message());
    assertEquals(List.of("DE|1", "UK|1"), rows(project, "select * from members order by all"));
    assertEquals(List.of("members", "raw_members"), tables(project));
    String run = Files.readString(project.path("target/run/shop/models/members.sql"));
    assertTrue(run.contains("\"main\".\"members__mds_stage\""), run);
    assertFalse(run.contains("begin transaction"), run);
  }

  @Test
  void aPassingAuditPublishesTheStagedVersion() throws Exception {
    TempProject project = audited();
    assertFalse(build(project).failed());
    project.file("seeds/raw_members.csv", "market,member_no\nUK,1\nDE,1\nIT,7\n");

    assertFalse(build(project).failed());

    assertEquals(List.of("DE|1", "IT|7", "UK|1"),
        rows(project, "select * from members order by all"));
    assertEquals(List.of("members", "raw_members"), tables(project));
  }

  @Test
  void anAuditedTableWhoseFirstVersionFailsIsNotCreated() throws Exception {
    TempProject project = audited();
    project.file("seeds/raw_members.csv", "market,member_no\nUK,1\nUK,1\n");

    RunTask.Outcome outcome = build(project);

    assertEquals(RunStatus.ERROR, result(outcome, "model.shop.members").status());
    assertEquals(List.of("raw_members"), tables(project));
  }

  @Test
  void incrementalStrategiesGiveTheRowsTheyGiveWithTransactions() throws Exception {
    incrementalStrategies(audited());
  }

  /**
   * The same on DuckDB driven as Spark with Delta is: no temp tables (staging tables next to the
   * target), seeds read by mds and written as SQL.
   */
  @Test
  void incrementalStrategiesAndSeedsWorkWithoutTempTablesOrFileFunctions() throws Exception {
    incrementalStrategies(audited("duckdb_like_spark"));
  }

  @Test
  void aSeedWrittenAsSqlKeepsItsTypesLeadingZerosAndDecimalCommas() throws Exception {
    TempProject project = audited("duckdb_like_spark")
        .file("models/schema.yml", "models: []\n")
        .file("models/members.sql", "select 1 as x\n")
        .file("seeds/raw_members.csv", "member_no;points;joined\n007;1,5;2024-01-31\n"
            + "010;2,25;2024-02-29\n");

    assertFalse(build(project).failed());

    assertEquals(List.of("007|1.50|2024-01-31", "010|2.25|2024-02-29"),
        rows(project, "select member_no, cast(points as decimal(5,2)), joined"
            + " from raw_members order by 1"));
    assertEquals(List.of("VARCHAR", "DATE"), rows(project, "select data_type from"
        + " information_schema.columns where table_name = 'raw_members'"
        + " and column_name in ('member_no', 'joined') order by column_name desc"));
  }

  @Test
  void insertOverwriteReplacesThePartitionsTheNewRowsFallInOnDuckDb() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "day,order_no,amount\n1,1,10\n1,2,20\n2,3,30\n")
        .file("models/orders.sql", "{{ config(materialized='incremental',"
            + " incremental_strategy='insert_overwrite', partition_by='day') }}\n"
            + "select * from {{ ref('raw_orders') }}\n"
            + "{% if is_incremental() %}where day >= 2{% endif %}\n");
    assertFalse(build(project).failed());
    project.file("seeds/raw_orders.csv", "day,order_no,amount\n1,1,99\n2,4,40\n3,5,50\n");

    assertFalse(build(project).failed());

    assertEquals(List.of("1|1|10", "1|2|20", "2|4|40", "3|5|50"),
        rows(project, "select * from orders order by all"));
  }

  private void incrementalStrategies(TempProject given) throws Exception {
    TempProject project = given
        .file("models/schema.yml", "models: []\n")
        .file("seeds/raw_members.csv", "market,member_no,points\nUK,1,10\nDE,1,20\n")
        .file("models/members.sql", "{{ config(materialized='incremental',"
            + " unique_key=['market', 'member_no'], incremental_strategy='delete+insert') }}\n"
            + "select * from {{ ref('raw_members') }}\n")
        .file("models/merged.sql", "{{ config(materialized='incremental',"
            + " unique_key=['market', 'member_no'], incremental_strategy='merge') }}\n"
            + "select * from {{ ref('raw_members') }}\n")
        .file("models/appended.sql", "{{ config(materialized='incremental') }}\n"
            + "select * from {{ ref('raw_members') }}\n"
            + "{% if is_incremental() %}where points > 15{% endif %}\n");
    assertFalse(build(project).failed());
    project.file("seeds/raw_members.csv", "market,member_no,points\nUK,1,11\nIT,3,30\n");

    assertFalse(build(project).failed());

    List<String> expected = List.of("DE|1|20", "IT|3|30", "UK|1|11");
    assertEquals(expected, rows(project, "select * from members order by all"));
    assertEquals(expected, rows(project, "select * from merged order by all"));
    assertEquals(List.of("DE|1|20", "IT|3|30", "UK|1|10"),
        rows(project, "select * from appended order by all"));
    assertEquals(List.of("appended", "members", "merged", "raw_members"), tables(project));
  }

  /**
   * Kills a build of a changed, audited table just before each of its statements in turn (the
   * stage, the audit, the swap, the stage's removal): every time, the table is there, with
   * yesterday's rows or today's.
   */
  @Test
  void aKillBetweenAnyTwoStatementsNeverLeavesTheTableMissing() throws Exception {
    TempProject project = audited();
    assertFalse(build(project).failed());
    project.file("seeds/raw_members.csv", "market,member_no\nUK,1\nDE,1\nIT,7\n");
    List<String> yesterday = List.of("DE|1", "UK|1");
    List<String> today = List.of("DE|1", "IT|7", "UK|1");
    String[] steps = {
        "create or replace table \"main\".\"members__mds_stage\"",
        "dbt_internal_test",
        "create or replace table \"main\".\"members\" as\nselect * from",
        "drop table \"main\".\"members__mds_stage\""};
    for (String step : steps) {
      Path paused = dir.resolve("paused");
      Files.deleteIfExists(paused);
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          "-Dmds.test.pauseBefore=" + step, "-Dmds.test.pausedFile=" + paused,
          StagedBuildChild.class.getName(), project.root().toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(paused) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(paused), "never reached '" + step + "': "
          + Files.readString(dir.resolve("child.log")));
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      List<String> members = rows(project, "select * from members order by all");
      assertTrue(members.equals(yesterday) || members.equals(today),
          "after a kill before '" + step + "': " + members);
    }
    assertFalse(build(project).failed(), "the next build replaces any stage left behind");
    assertEquals(today, rows(project, "select * from members order by all"));
    assertEquals(List.of("members", "raw_members"), tables(project));
  }
}
