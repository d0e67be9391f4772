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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data tests run against a real DuckDB file: failure counts, thresholds, severity, limit,
 * store_failures, and write-audit-publish of table models.
 */
class DataTestExecutionTest {

  @TempDir
  Path dir;

  /** A seed of 20 rows (id 1..20) whose {@code v} is null for ids up to {@code nulls}. */
  private static String numbers(int nulls) {
    return "id,v\n" + IntStream.rangeClosed(1, 20)
        .mapToObj(i -> i + "," + (i <= nulls ? "" : String.valueOf(i * 10)))
        .collect(Collectors.joining("\n")) + "\n";
  }

  private TempProject project(String schemaYml) {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_numbers.csv", numbers(8))
        .file("models/numbers.sql", "select * from {{ ref('raw_numbers') }}\n")
        .file("models/schema.yml", schemaYml);
  }

  private static RunTask.Outcome build(TempProject project, boolean audit) {
    return RunTask.run(ProjectParser.parse(project.load()), new RunTask.Options(
        Set.of(ResourceType.SEED, ResourceType.MODEL, ResourceType.TEST), Selector.all(), 2,
        false, false, 0, audit), RunListener.NONE);
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

  @Test
  void failingTestCountsItsRowsAndKeepsFiveOfThemWithTheirColumns() throws Exception {
    TempProject project = project("""
        models:
          - name: numbers
            columns:
              - name: v
                tests: [not_null]
              - name: id
                tests: [not_null]
        """);

    RunTask.Outcome outcome = build(project, false);

    NodeResult failed = result(outcome, "test.shop.not_null_numbers_v");
    assertEquals(RunStatus.FAIL, failed.status());
    assertEquals("Got 8 results, configured to fail if != 0", failed.message());
    assertEquals(8, failed.rows().orElseThrow());
    TestFailures found = failed.failures().orElseThrow();
    assertEquals(8, found.count());
    assertEquals(List.of("id", "v"), found.columns());
    assertEquals(5, found.sampleRows().size());
    assertTrue(found.sampleRows().stream().allMatch(row -> row.get(1).equals("NULL")),
        found.sampleRows()::toString);
    assertEquals("target/compiled/shop/models/schema.yml/not_null_numbers_v.sql",
        found.compiledPath());
    assertTrue(Files.isRegularFile(project.path(found.compiledPath())));
    NodeResult passed = result(outcome, "test.shop.not_null_numbers_id");
    assertEquals(RunStatus.PASS, passed.status());
    assertEquals(0, passed.rows().orElseThrow());
    assertTrue(outcome.failed());
  }

  @Test
  void warnIfAndErrorIfCompareTheFailureCount() {
    // 8 nulls among ids 1..20; the where clause leaves 3 of them.
    TempProject project = project("""
        models:
          - name: numbers
            columns:
              - name: v
                tests:
                  - not_null:
                      name: three_failures
                      config: {where: "id <= 3", warn_if: ">5", error_if: ">10"}
                  - not_null:
                      name: eight_failures
                      config: {warn_if: ">5", error_if: ">10"}
                  - not_null:
                      name: eight_failures_error_if_8
                      config: {warn_if: ">5", error_if: ">=8"}
                  - not_null:
                      name: eight_failures_warn_only
                      config: {severity: warn, error_if: ">1"}
        """);

    RunTask.Outcome outcome = build(project, false);

    assertEquals(RunStatus.PASS, result(outcome, "test.shop.three_failures").status());
    NodeResult warned = result(outcome, "test.shop.eight_failures");
    assertEquals(RunStatus.WARN, warned.status());
    assertEquals("Got 8 results, configured to warn if >5", warned.message());
    NodeResult failed = result(outcome, "test.shop.eight_failures_error_if_8");
    assertEquals(RunStatus.FAIL, failed.status());
    assertEquals("Got 8 results, configured to fail if >=8", failed.message());
    assertEquals(RunStatus.WARN, result(outcome, "test.shop.eight_failures_warn_only").status());
    assertEquals(List.of("test.shop.eight_failures_error_if_8"), outcome.results().stream()
        .filter(r -> r.status().isFailure()).map(NodeResult::uniqueId).toList());
  }

  @Test
  void severityWarnNeverFailsTheRun() {
    TempProject project = project("""
        models:
          - name: numbers
            columns:
              - name: v
                tests:
                  - not_null:
                      config: {severity: warn}
        """);

    RunTask.Outcome outcome = build(project, false);

    NodeResult warned = result(outcome, "test.shop.not_null_numbers_v");
    assertEquals(RunStatus.WARN, warned.status());
    assertEquals(8, warned.failures().orElseThrow().count());
    assertFalse(outcome.failed());
  }

  @Test
  void storeFailuresKeepsTheFailingRowsInTheAuditSchema() throws Exception {
    TempProject project = project("""
        models:
          - name: numbers
            columns:
              - name: v
                tests:
                  - not_null:
                      config: {store_failures: true}
        """);

    build(project, false);

    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), rows(project,
        "select id from \"main_audit\".\"not_null_numbers_v\" order by id"));
  }

  @Test
  void limitCapsTheCountTheSampleAndTheStoredFailures() throws Exception {
    TempProject project = project("""
        models:
          - name: numbers
            columns:
              - name: v
                tests:
                  - not_null:
                      config: {limit: 3, store_failures: true}
        """);

    NodeResult failed = result(build(project, false), "test.shop.not_null_numbers_v");

    assertEquals(RunStatus.FAIL, failed.status());
    assertEquals(3, failed.failures().orElseThrow().count());
    assertEquals(3, failed.failures().orElseThrow().sampleRows().size(),
        failed.failures().orElseThrow().sampleRows()::toString);
    assertEquals(List.of("3"),
        rows(project, "select count(*) from \"main_audit\".\"not_null_numbers_v\""));
  }

  @Test
  void anUnreadableThresholdIsAnErrorNamingTheTest() {
    TempProject project = project("""
        models:
          - name: numbers
            columns:
              - name: v
                tests:
                  - not_null:
                      config: {error_if: "lots"}
        """);

    NodeResult errored = result(build(project, false), "test.shop.not_null_numbers_v");

    assertEquals(RunStatus.ERROR, errored.status());
    assertTrue(errored.message().contains("not_null_numbers_v")
        && errored.message().contains("error_if: 'lots'")
        && errored.message().contains("'>10'"), errored.message());
  }

  private TempProject audited(String config) {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_members.csv", "market,member_no\nUK,1\nDE,1\n")
        .file("models/members.sql", "{{ config(materialized='table') }}\n"
            + "select * from {{ ref('raw_members') }}\n")
        .file("models/schema.yml", """
            models:
              - name: members
                tests:
                  - unique:
                      columns: [market, member_no]
                      config: %s
            """.formatted(config));
  }

  /** Today's export repeats (UK, 1). */
  private static void duplicateArrives(TempProject project) {
    project.file("seeds/raw_members.csv", "market,member_no\nUK,1\nDE,1\nUK,1\n");
  }

  @Test
  void auditedTableKeepsItsPreviousVersionWhenTheNewDataFailsItsTests() throws Exception {
    TempProject project = audited("{}");
    assertFalse(build(project, true).failed());
    duplicateArrives(project);

    RunTask.Outcome outcome = build(project, true);

    NodeResult model = result(outcome, "model.shop.members");
    assertEquals(RunStatus.ERROR, model.status());
    assertEquals("audit failed: unique_members_market__member_no fails on the new data, so"
        + " \"main\".\"members\" keeps its previous version", model.message());
    assertEquals(RunStatus.FAIL,
        result(outcome, "test.shop.unique_members_market__member_no").status());
    assertEquals(List.of("DE|1", "UK|1"), rows(project, "select * from members order by all"));
    assertEquals(List.of("3"), rows(project, "select count(*) from raw_members"),
        "the seed itself is not audited");
  }

  @Test
  void anAuditedTableWhoseFirstVersionFailsIsNotCreated() throws Exception {
    TempProject project = audited("{}");
    duplicateArrives(project);

    RunTask.Outcome outcome = build(project, true);

    assertEquals("audit failed: unique_members_market__member_no fails on the new data, so"
        + " \"main\".\"members\" is not created", result(outcome, "model.shop.members").message());
    assertEquals(List.of("0"), rows(project, "select count(*) from information_schema.tables"
        + " where table_name = 'members'"));
  }

  @Test
  void auditedTableStillStoresTheFailingRowsOfTheRejectedVersion() throws Exception {
    TempProject project = audited("{store_failures: true}");
    build(project, true);
    duplicateArrives(project);

    build(project, true);

    assertEquals(List.of("DE|1", "UK|1"), rows(project, "select * from members order by all"));
    assertEquals(List.of("UK|1|2"), rows(project,
        "select * from \"main_audit\".\"unique_members_market__member_no\""));
  }

  @Test
  void warnSeverityTestsDoNotStopPublishing() throws Exception {
    TempProject project = audited("{severity: warn}");
    build(project, true);
    duplicateArrives(project);

    RunTask.Outcome outcome = build(project, true);

    assertEquals(RunStatus.SUCCESS, result(outcome, "model.shop.members").status());
    assertEquals(RunStatus.WARN,
        result(outcome, "test.shop.unique_members_market__member_no").status());
    assertEquals(List.of("3"), rows(project, "select count(*) from members"));
  }

  @Test
  void auditFalsePublishesBeforeTestingAsDbtDoes() throws Exception {
    TempProject project = audited("{}");
    project.file("models/members.sql", "{{ config(materialized='table', audit=false) }}\n"
        + "select * from {{ ref('raw_members') }}\n");
    build(project, true);
    duplicateArrives(project);

    RunTask.Outcome outcome = build(project, true);

    assertEquals(RunStatus.SUCCESS, result(outcome, "model.shop.members").status());
    assertEquals(RunStatus.FAIL,
        result(outcome, "test.shop.unique_members_market__member_no").status());
    assertEquals(List.of("3"), rows(project, "select count(*) from members"));
  }

  @Test
  void theQueriesATestRanAreWrittenToTargetRunAndAnAuditsToItsModelsFile() throws Exception {
    TempProject project = project("""
        models:
          - name: numbers
            config: {materialized: table}
            columns:
              - name: id
                tests: [not_null]
        """).file("models/raw_numbers_view.sql", "select * from {{ ref('numbers') }}\n")
        .file("models/more.yml", """
            models:
              - name: raw_numbers_view
                columns:
                  - name: v
                    tests: [not_null]
            """);

    RunTask.Outcome outcome = build(project, true);

    assertEquals(RunStatus.FAIL, result(outcome, "test.shop.not_null_raw_numbers_view_v").status());
    String standalone = Files.readString(project.path(
        "target/run/shop/models/more.yml/not_null_raw_numbers_view_v.sql"));
    // The count, then the sample of failing rows shown on the console.
    assertTrue(standalone.startsWith("select count(*) as failures"), standalone);
    assertTrue(standalone.contains(") dbt_sample limit 5;\n"), standalone);
    assertFalse(Files.exists(project.path("target/run/shop/models/schema.yml")));
    String audited = Files.readString(project.path("target/run/shop/models/numbers.sql"));
    int create = audited.indexOf("create or replace table");
    int test = audited.indexOf("select count(*) as failures");
    int commit = audited.indexOf("commit;");
    assertTrue(create >= 0 && create < test && test < commit, audited);
  }

  @Test
  void aBuildReusesGenericTestSqlFromTheLastRunOnlyWhileItsArgumentsAreUnchanged()
      throws Exception {
    String schema = """
        models:
          - name: numbers
            columns:
              - name: v
                tests: [not_null]
              - name: id
                tests: [{accepted_values: {values: %s, quote: false}}]
        """;
    TempProject project = project(schema.formatted(
        IntStream.rangeClosed(1, 20).boxed().toList()));
    assertEquals(RunStatus.FAIL, result(build(project, false), "test.shop.not_null_numbers_v")
        .status());
    Path cache = project.path("target/partial_compile.json");
    String cached = Files.readString(cache);
    assertTrue(cached.contains("not_null_numbers_v"), cached);

    // The second build takes the test's SQL from the cache: a doctored entry shows it was used.
    Files.writeString(cache, cached.replace("where v is null", "where v is not null"));
    NodeResult reused = result(build(project, false), "test.shop.not_null_numbers_v");
    assertEquals(12, reused.rows().orElseThrow(), reused::toString);

    // New arguments are a new input: rendered again, never the cached SQL.
    assertEquals(RunStatus.PASS, acceptedValues(build(project, false)).status());
    project.file("models/schema.yml", schema.formatted("[1, 2]"));
    NodeResult narrowed = acceptedValues(build(project, false));
    assertEquals(RunStatus.FAIL, narrowed.status());
    assertEquals(18, narrowed.rows().orElseThrow(), narrowed::toString);
  }

  private static NodeResult acceptedValues(RunTask.Outcome outcome) {
    return outcome.results().stream()
        .filter(r -> r.uniqueId().startsWith("test.shop.accepted_values_numbers_")).findFirst()
        .orElseThrow(() -> new AssertionError("no accepted_values test: " + outcome.results()));
  }
}
