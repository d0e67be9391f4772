package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot histories over four or more runs of {@code mds build}, the source seed rewritten
 * before each run, against the rows expected after every run. With the timestamp strategy the
 * versions' times are the rows' {@code updated_at} (exact); a time the snapshot took itself (a
 * delete, or any version of the check strategy) is shown ranked among such times ({@code now2}),
 * which for the check strategy is the run's number, as every run here changes something.
 */
class CliSnapshotHistoryTest {

  @TempDir
  Path dir;

  /** Writes the source as it is for this run and builds (seed, then snapshot). */
  private static void run(TempProject project, String csv) {
    project.file("seeds/members.csv", csv);
    mds("build", "--project-dir", project.dir()).assertOk();
  }

  /**
   * The history with each time written as a date when it came from the data, or, when the
   * snapshot took it itself (a run's now), as its rank among those ({@code now2}: the second
   * run that took a time).
   */
  private static List<String> history(TempProject project, String table, String columns,
      String validFrom, String validTo, String extra) {
    String times = "with own as (select t, 'now' || dense_rank() over (order by t) as r from"
        + " (select " + validFrom + " as t from " + table + " union select " + validTo + " from "
        + table + ") where t >= date '2025-01-01') ";
    String shown = "case when %1$s is null then '-' when %1$s < date '2025-01-01' then"
        + " strftime(%1$s, '%%Y-%%m-%%d') else (select r from own where t = %1$s) end";
    return DuckDbFile.rows(project.path("club.duckdb"), times + "select " + columns + ", "
        + shown.formatted(validFrom) + ", " + shown.formatted(validTo) + extra + " from "
        + table + " order by all");
  }

  private static List<String> history(TempProject project, String table, String columns) {
    return history(project, table, columns, "dbt_valid_from", "dbt_valid_to", "");
  }

  private TempProject timestampProject(String deletes) {
    return TempProject.named(dir, "club")
        .file("snapshots/members_history.sql", """
            {%% snapshot members_history %%}
            {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at'%s) }}
            select * replace (cast(updated_at as timestamp) as updated_at) from {{ ref('members') }}
            {%% endsnapshot %%}
            """.formatted(deletes));
  }

  @Test
  void timestampStrategyIgnoringDeletesKeepsEveryVersionOfInsertsAndUpdates() {
    TempProject project = timestampProject("");
    run(project, "id,name,tier,updated_at\n1,Ann,gold,2024-01-01\n2,Bob,silver,2024-01-01\n"
        + "3,Cy,bronze,2024-01-01\n");
    assertEquals(List.of("1|Ann|gold|2024-01-01|-", "2|Bob|silver|2024-01-01|-",
        "3|Cy|bronze|2024-01-01|-"), history(project, "members_history", "id, name, tier"));

    // Ann changes tier, Dee is new; Cy is unchanged.
    run(project, "id,name,tier,updated_at\n1,Ann,platinum,2024-02-01\n2,Bob,silver,2024-01-01\n"
        + "3,Cy,bronze,2024-01-01\n4,Dee,gold,2024-02-01\n");
    assertEquals(List.of("1|Ann|gold|2024-01-01|2024-02-01", "1|Ann|platinum|2024-02-01|-",
        "2|Bob|silver|2024-01-01|-", "3|Cy|bronze|2024-01-01|-", "4|Dee|gold|2024-02-01|-"),
        history(project, "members_history", "id, name, tier"));

    // Bob is gone (ignored: his version stays current); Cy changes name and tier.
    run(project, "id,name,tier,updated_at\n1,Ann,platinum,2024-02-01\n3,Cyd,silver,2024-03-01\n"
        + "4,Dee,gold,2024-02-01\n");
    // Bob is back with a change, Ann changes again; a row whose updated_at did not move is not
    // a change even if a column differs (Dee's tier).
    run(project, "id,name,tier,updated_at\n1,Ann,gold,2024-04-01\n2,Bob,gold,2024-04-01\n"
        + "3,Cyd,silver,2024-03-01\n4,Dee,silver,2024-02-01\n");
    assertEquals(List.of(
        "1|Ann|gold|2024-01-01|2024-02-01",
        "1|Ann|gold|2024-04-01|-",
        "1|Ann|platinum|2024-02-01|2024-04-01",
        "2|Bob|gold|2024-04-01|-",
        "2|Bob|silver|2024-01-01|2024-04-01",
        "3|Cy|bronze|2024-01-01|2024-03-01",
        "3|Cyd|silver|2024-03-01|-",
        "4|Dee|gold|2024-02-01|-"), history(project, "members_history", "id, name, tier"));
    // The meta columns as dbt writes them: updated_at of the version, and a unique scd id.
    assertEquals(List.of("8|8|0"), DuckDbFile.rows(project.path("club.duckdb"),
        "select count(*), count(distinct dbt_scd_id), count(*) filter (where dbt_updated_at"
            + " <> dbt_valid_from) from members_history"));
  }

  @Test
  void timestampStrategyInvalidatingHardDeletesClosesVanishedKeysAndReopensReinsertedOnes() {
    // The legacy switch, as older projects write it.
    TempProject project = timestampProject(", invalidate_hard_deletes=true");
    run(project, "id,name,updated_at\n1,Ann,2024-01-01\n2,Bob,2024-01-01\n3,Cy,2024-01-01\n");
    // Bob is deleted, Ann changes.
    run(project, "id,name,updated_at\n1,Ann B,2024-02-01\n3,Cy,2024-01-01\n");
    assertEquals(List.of("1|Ann|2024-01-01|2024-02-01", "1|Ann B|2024-02-01|-",
        "2|Bob|2024-01-01|now1", "3|Cy|2024-01-01|-"),
        history(project, "members_history", "id, name"));
    // Bob comes back; Cy is deleted.
    run(project, "id,name,updated_at\n1,Ann B,2024-02-01\n2,Bob,2024-03-01\n");
    // Nothing changes but Cy coming back with his old row: a new version from his updated_at.
    run(project, "id,name,updated_at\n1,Ann B,2024-02-01\n2,Bob,2024-03-01\n3,Cy,2024-01-01\n");
    assertEquals(List.of(
        "1|Ann|2024-01-01|2024-02-01",
        "1|Ann B|2024-02-01|-",
        "2|Bob|2024-01-01|now1",
        "2|Bob|2024-03-01|-",
        "3|Cy|2024-01-01|-",
        "3|Cy|2024-01-01|now2"), history(project, "members_history", "id, name"));
  }

  @Test
  void newRecordHardDeletesAddsADeletedVersionAndEndsItWhenTheKeyReturns() {
    TempProject project = timestampProject(", hard_deletes='new_record'");
    run(project, "id,name,updated_at\n1,Ann,2024-01-01\n2,Bob,2024-01-01\n");
    run(project, "id,name,updated_at\n1,Ann,2024-01-01\n");
    assertEquals(List.of("1|Ann|2024-01-01|-|False", "2|Bob|2024-01-01|now1|False",
        "2|Bob|now1|-|True"), history(project, "members_history", "id, name",
        "dbt_valid_from", "dbt_valid_to", ", dbt_is_deleted"));
    // Still deleted: nothing more is recorded for Bob.
    run(project, "id,name,updated_at\n1,Ann,2024-02-01\n");
    // Bob returns, Ann is deleted.
    run(project, "id,name,updated_at\n2,Bob,2024-05-01\n");
    assertEquals(List.of(
        "1|Ann|2024-01-01|2024-02-01|False",
        "1|Ann|2024-02-01|now2|False",
        "1|Ann|now2|-|True",
        "2|Bob|2024-01-01|now1|False",
        "2|Bob|2024-05-01|-|False",
        "2|Bob|now1|2024-05-01|True"), history(project, "members_history", "id, name",
        "dbt_valid_from", "dbt_valid_to", ", dbt_is_deleted"));
  }

  @Test
  void checkStrategyOnACompositeKeyRecordsChangesInTheCheckedColumnsOnly() {
    // member_no restarts in every market: only (market, member_no) is a member.
    TempProject project = TempProject.named(dir, "club")
        .file("snapshots/members.sql", """
            {% snapshot members_history %}
            {{ config(unique_key=['market', 'member_no'], strategy='check',
                      check_cols=['tier', 'city']) }}
            select market, member_no, tier, city, visits from {{ ref('members') }}
            {% endsnapshot %}
            """);
    String header = "market,member_no,tier,city,visits\n";
    run(project, header + "UK,1,gold,London,5\nDE,1,silver,Berlin,2\n");
    // UK/1 changes tier and city; DE/1 only visits (not checked); IT/1 is new.
    run(project, header + "UK,1,silver,Leeds,6\nDE,1,silver,Berlin,3\nIT,1,gold,Rome,1\n");
    // DE/1 changes city; UK/1 is deleted (ignored).
    run(project, header + "DE,1,silver,Munich,3\nIT,1,gold,Rome,1\n");
    // UK/1 returns with its last values (no change), IT/1 changes tier and back to nothing else.
    run(project, header + "UK,1,silver,Leeds,9\nDE,1,silver,Munich,3\nIT,1,bronze,Rome,1\n");
    assertEquals(List.of(
        "DE|1|silver|Berlin|2|now1|now3",
        "DE|1|silver|Munich|3|now3|-",
        "IT|1|bronze|Rome|1|now4|-",
        "IT|1|gold|Rome|1|now2|now4",
        "UK|1|gold|London|5|now1|now2",
        "UK|1|silver|Leeds|6|now2|-"),
        history(project, "members_history", "market, member_no, tier, city, visits"));
  }

  @Test
  void checkStrategyOnAllColumnsWithInvalidateRecordsAnyChange() {
    TempProject project = TempProject.named(dir, "club")
        .file("snapshots/members.sql", """
            {% snapshot members_history %}
            {{ config(unique_key='id', strategy='check', check_cols='all',
                      hard_deletes='invalidate') }}
            select id, name, visits from {{ ref('members') }}
            {% endsnapshot %}
            """);
    run(project, "id,name,visits\n1,Ann,1\n2,Bob,1\n");
    run(project, "id,name,visits\n1,Ann,2\n2,Bob,1\n3,Cy,1\n");
    run(project, "id,name,visits\n1,Ann,2\n3,Cy,1\n");
    run(project, "id,name,visits\n1,Ann,2\n2,Bobby,1\n3,Cy,\n");
    assertEquals(List.of(
        "1|Ann|1|now1|now2",
        "1|Ann|2|now2|-",
        "2|Bob|1|now1|now3",
        "2|Bobby|1|now4|-",
        "3|Cy|1|now2|now4",
        "3|Cy|null|now4|-"), history(project, "members_history", "id, name, visits"));
  }

  @Test
  void yamlSnapshotOfASourceHonoursMetaColumnNamesValidToCurrentAndSchema() {
    TempProject project = TempProject.named(dir, "club")
        .file("models/staging/members_raw.sql", "select * from {{ ref('members') }}\n")
        .file("snapshots/snapshots.yml", """
            snapshots:
              - name: members_history
                relation: ref('members_raw')
                description: Every version of a member.
                config:
                  schema: history
                  unique_key: id
                  strategy: timestamp
                  updated_at: updated_at
                  hard_deletes: invalidate
                  dbt_valid_to_current: "date '9999-12-31'"
                  snapshot_meta_column_names:
                    dbt_valid_from: valid_from
                    dbt_valid_to: valid_to
                    dbt_scd_id: version_id
                    dbt_updated_at: version_updated_at
                columns:
                  - name: version_id
                    tests: [unique, not_null]
            """)
        .file("models/current_members.sql", """
            select id, name from {{ ref('members_history') }}
            where valid_to = date '9999-12-31'
            """);
    run(project, "id,name,updated_at\n1,Ann,2024-01-01\n2,Bob,2024-01-01\n");
    run(project, "id,name,updated_at\n1,Ann B,2024-02-01\n2,Bob,2024-01-01\n");
    run(project, "id,name,updated_at\n1,Ann B,2024-02-01\n");
    run(project, "id,name,updated_at\n1,Ann C,2024-03-01\n2,Bob,2024-04-01\n");
    // schema goes through generate_schema_name: the target schema, then the custom one.
    assertEquals(List.of(
        "1|Ann|2024-01-01|2024-02-01",
        "1|Ann B|2024-02-01|2024-03-01",
        "1|Ann C|2024-03-01|9999-12-31",
        "2|Bob|2024-01-01|now1",
        "2|Bob|2024-04-01|9999-12-31"), history(project, "main_history.members_history",
        "id, name", "valid_from", "case when valid_to = date '9999-12-31' then null else valid_to"
            + " end", "").stream().map(r -> r.endsWith("|-") ? r.substring(0, r.length() - 1)
                + "9999-12-31" : r).toList());
    assertEquals(List.of("1|Ann C", "2|Bob"), DuckDbFile.rows(project.path("club.duckdb"),
        "select * from current_members order by all"));
    assertEquals(List.of("5|5"), DuckDbFile.rows(project.path("club.duckdb"),
        "select count(distinct version_id), count(version_updated_at)"
            + " from main_history.members_history"));
  }

  @Test
  void anExpressionKeyIdentifiesRowsAcrossRuns() {
    TempProject project = TempProject.named(dir, "club")
        .file("snapshots/members.sql", """
            {% snapshot members_history %}
            {{ config(unique_key="market || '/' || member_no", strategy='timestamp',
                      updated_at='updated_at', hard_deletes='invalidate') }}
            select market, member_no, tier, cast(updated_at as timestamp) as updated_at
            from {{ ref('members') }}
            {% endsnapshot %}
            """);
    String header = "market,member_no,tier,updated_at\n";
    run(project, header + "UK,1,gold,2024-01-01\nDE,1,gold,2024-01-01\n");
    run(project, header + "UK,1,silver,2024-02-01\nDE,1,gold,2024-01-01\nUK,2,gold,2024-02-01\n");
    run(project, header + "UK,1,silver,2024-02-01\nUK,2,bronze,2024-03-01\n");
    run(project, header + "UK,1,silver,2024-02-01\nUK,2,bronze,2024-03-01\nDE,1,silver,2024-04-01\n");
    assertEquals(List.of(
        "DE|1|gold|2024-01-01|now1",
        "DE|1|silver|2024-04-01|-",
        "UK|1|gold|2024-01-01|2024-02-01",
        "UK|1|silver|2024-02-01|-",
        "UK|2|bronze|2024-03-01|-",
        "UK|2|gold|2024-02-01|2024-03-01"),
        history(project, "members_history", "market, member_no, tier"));
  }

  @Test
  void legacyTargetSchemaIsUsedAsWrittenAndFolderConfigsApply() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: club
            snapshots:
              club:
                +target_schema: snapshots
                +strategy: timestamp
                +updated_at: updated_at
            """)
        .file("snapshots/members.sql", """
            {% snapshot members_history %}
            {{ config(unique_key='id') }}
            select * from {{ ref('members') }}
            {% endsnapshot %}
            """);
    run(project, "id,name,updated_at\n1,Ann,2024-01-01\n");
    assertTrue(DuckDbFile.relations(project.path("club.duckdb"))
        .contains("snapshots.members_history:BASE TABLE"));
  }
}
