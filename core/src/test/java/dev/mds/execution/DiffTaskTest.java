package dev.mds.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.ResourceType;
import dev.mds.graph.Selector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds diff}'s comparison of a built relation with production's, by its unique key. */
class DiffTaskTest {

  @TempDir
  Path dir;

  private Path production() {
    return dir.resolve("prod.duckdb");
  }

  /** Builds the project's seeds and models into its own DuckDB file. */
  private static ParseResult build(TempProject project) {
    ParseResult parsed = ProjectParser.parse(project.load());
    RunTask.Outcome outcome = RunTask.run(parsed, new RunTask.Options(
        Set.of(ResourceType.SEED, ResourceType.MODEL), Selector.all(), 1, false, false, 0),
        RunListener.NONE);
    assertFalse(outcome.failed(), outcome.results()::toString);
    return parsed;
  }

  private void production(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + production());
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  private List<DiffTask.RelationDiff> diff(ParseResult parsed, String... select) {
    return DiffTask.run(parsed, Selector.of(List.of(select), List.of()), production(), 0);
  }

  /*
   * Production: UK 1, UK 2, DE 1, DE 2, JP 1, and a NULL-numbered walk-in. The branch drops
   * DE 2, adds IT 1 and JP 2, changes UK 1 in name and tier and DE 1's points to NULL; it also
   * adds an email column and no longer has legacy_code.
   */
  @Test
  void countsRowsAndColumnValuesOnACompositeKeyFromAUniqueCombinationTest() throws Exception {
    production("create table members (market varchar, member_no integer, name varchar,"
        + " tier varchar, points integer, legacy_code varchar)",
        "insert into members values ('UK', 1, 'Ann', 'gold', 100, 'a'),"
            + " ('UK', 2, 'Ben', 'silver', 50, 'b'), ('DE', 1, 'Carl', 'gold', 30, 'c'),"
            + " ('DE', 2, 'Dora', 'bronze', 10, 'd'), ('JP', 1, 'Eiko', 'silver', 70, 'e'),"
            + " ('UK', null, 'Walk-in', 'none', 0, 'f')");
    TempProject project = TempProject.named(dir.resolve("branch"), "club")
        .file("seeds/raw_members.csv", """
            market,member_no,name,tier,points,email
            UK,1,Anne,platinum,100,anne@example.com
            UK,2,Ben,silver,50,
            DE,1,Carl,gold,,
            IT,1,Ivo,bronze,5,
            JP,1,Eiko,silver,70,
            JP,2,Jun,gold,20,
            UK,,Walk-in,none,0,
            """)
        .file("models/members.sql", """
            {{ config(materialized='table') }}
            select * from {{ ref('raw_members') }}
            """)
        .file("models/schema.yml", """
            models:
              - name: members
                tests:
                  - unique_combination_of_columns:
                      combination_of_columns: [market, member_no]
            """);
    ParseResult parsed = build(project);

    List<DiffTask.RelationDiff> diffs = diff(parsed, "members");

    assertEquals(1, diffs.size());
    DiffTask.RelationDiff d = diffs.get(0);
    assertEquals(Optional.empty(), d.problem());
    assertEquals(List.of("market", "member_no"), d.key());
    assertEquals(2, d.added());
    assertEquals(1, d.removed());
    assertEquals(2, d.changed());
    Map<String, Long> byColumn = new LinkedHashMap<>();
    byColumn.put("name", 1L);
    byColumn.put("tier", 1L);
    byColumn.put("points", 1L);
    assertEquals(byColumn, d.changedByColumn());
    assertEquals(List.of("email"), d.addedColumns());
    assertEquals(List.of("legacy_code"), d.removedColumns());
    assertEquals(List.of("IT, 1", "JP, 2"), d.examples().get("added"));
    assertEquals(List.of("DE, 2"), d.examples().get("removed"));
    assertEquals(List.of("DE, 1", "UK, 1"), d.examples().get("changed"));
  }

  @Test
  void keyComesFromUniqueKeyThenGrainThenAUniqueTest() throws Exception {
    production("create table by_key (id integer, v integer)",
        "insert into by_key values (1, 1), (2, 2)",
        "create table by_grain (day integer, shop varchar, v integer)",
        "insert into by_grain values (1, 'a', 1)",
        "create table by_test (code varchar, v integer)",
        "insert into by_test values ('x', 1)",
        "create table keyless (v integer)", "insert into keyless values (1)");
    TempProject project = TempProject.named(dir.resolve("branch"), "shop")
        .file("models/by_key.sql", "{{ config(materialized='table', unique_key='id') }}\n"
            + "select * from (values (1, 1), (2, 3)) t(id, v)\n")
        .file("models/by_grain.sql", "{{ config(materialized='table', grain=['day', 'shop']) }}\n"
            + "select * from (values (1, 'a', 1), (1, 'b', 1)) t(day, shop, v)\n")
        .file("models/by_test.sql", "{{ config(materialized='table') }}\n"
            + "select * from (values ('x', 1)) t(code, v)\n")
        .file("models/keyless.sql", "{{ config(materialized='table') }}\nselect 1 as v\n")
        .file("models/schema.yml", """
            models:
              - name: by_test
                columns:
                  - name: code
                    tests: [unique]
            """);
    ParseResult parsed = build(project);

    Map<String, DiffTask.RelationDiff> diffs = new LinkedHashMap<>();
    diff(parsed, "by_key", "by_grain", "by_test", "keyless").forEach(d -> diffs.put(d.name(), d));

    assertEquals(List.of("id"), diffs.get("by_key").key());
    assertEquals(List.of(0L, 0L, 1L), counts(diffs.get("by_key")));
    assertEquals(Map.of("v", 1L), diffs.get("by_key").changedByColumn());
    assertEquals(List.of("day", "shop"), diffs.get("by_grain").key());
    assertEquals(List.of(1L, 0L, 0L), counts(diffs.get("by_grain")));
    assertEquals(List.of("code"), diffs.get("by_test").key());
    assertEquals(List.of(0L, 0L, 0L), counts(diffs.get("by_test")));
    assertTrue(diffs.get("keyless").problem().orElseThrow().contains("no unique key"),
        diffs.get("keyless").toString());
  }

  @Test
  void relationsMissingOnOneSideAreReportedNotCompared() throws Exception {
    production("create table old_only (id integer)");
    TempProject project = TempProject.named(dir.resolve("branch"), "shop")
        .file("models/brand_new.sql", "{{ config(materialized='table', unique_key='id') }}\n"
            + "select 1 as id\n")
        .file("models/old_only.sql", "{{ config(materialized='table', unique_key='code') }}\n"
            + "select 1 as id\n");
    ParseResult parsed = build(project);

    Map<String, DiffTask.RelationDiff> diffs = new LinkedHashMap<>();
    diff(parsed, "brand_new", "old_only").forEach(d -> diffs.put(d.name(), d));

    assertTrue(diffs.get("brand_new").problem().orElseThrow().contains("not in production"));
    assertTrue(diffs.get("old_only").problem().orElseThrow().contains("'code'"),
        diffs.get("old_only").toString());
  }

  @Test
  void selectionWithoutBuiltRelationsIsAnError() throws Exception {
    production("create table t (id integer)");
    TempProject project = TempProject.named(dir.resolve("branch"), "shop")
        .file("models/eph.sql", "{{ config(materialized='ephemeral') }}\nselect 1 as id\n");
    ParseResult parsed = ProjectParser.parse(project.load());

    MdsException e = assertThrows(MdsException.class, () -> diff(parsed, "eph"));
    assertTrue(e.getMessage().contains("selection has none"), e.getMessage());
  }

  private static List<Long> counts(DiffTask.RelationDiff d) {
    assertEquals(Optional.empty(), d.problem(), d::toString);
    return List.of(d.added(), d.removed(), d.changed());
  }
}
