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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots as nodes: the {@code mds snapshot} verb, selection, tests on snapshots, a model that
 * refs one, the artifacts, runs that must fail without touching the history, and bad config.
 */
class CliSnapshotCommandsTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir, "club")
        .file("seeds/members.csv", "id,name,updated_at\n1,Ann,2024-01-01\n2,Bob,2024-01-01\n")
        .file("models/stg_members.sql", "select * from {{ ref('members') }}\n")
        // Two snapshots in one file, as dbt allows.
        .file("snapshots/members.sql", """
            {% snapshot members_history %}
            {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }}
            select * from {{ ref('stg_members') }}
            {% endsnapshot %}

            {% snapshot member_names %}
            {{ config(unique_key='id', strategy='check', check_cols=['name']) }}
            select id, name from {{ ref('stg_members') }}
            {% endsnapshot %}
            """)
        .file("snapshots/schema.yml", """
            snapshots:
              - name: members_history
                description: Each version of a member.
                columns:
                  - name: dbt_scd_id
                    tests: [unique]
                  - name: id
                    tests: [not_null]
            """)
        .file("models/current_members.sql", """
            select id, name from {{ ref('members_history') }} where dbt_valid_to is null
            """);
  }

  private static List<String> ls(TempProject project, String... select) {
    List<String> args = new ArrayList<>(List.of("ls", "--project-dir", project.dir(), "-o",
        "name"));
    args.addAll(List.of(select));
    CliRun run = mds(args.toArray(String[]::new)).assertOk();
    return run.out().lines().filter(l -> !l.isBlank() && !l.contains(" ")).sorted().toList();
  }

  @Test
  void buildRunsSnapshotsInDagOrderWithTheirTestsAndAModelReadsTheHistory() throws IOException {
    TempProject project = project();
    CliRun build = mds("build", "--project-dir", project.dir()).assertOk();
    assertTrue(build.out().contains("Found 2 models, 2 snapshots"), build.describe());
    // The history's tests ran: unique on dbt_scd_id, not_null on id.
    assertTrue(build.out().contains("unique_members_history_dbt_scd_id"), build.describe());
    assertTrue(build.out().contains("not_null_members_history_id"), build.describe());
    assertEquals(List.of("1|Ann", "2|Bob"), DuckDbFile.rows(project.path("club.duckdb"),
        "select * from current_members order by 1"));
    assertEquals(List.of("1|Ann", "2|Bob"), DuckDbFile.rows(project.path("club.duckdb"),
        "select id, name from member_names where dbt_valid_to is null order by 1"));

    // The manifest lists them as dbt does; run_results has a result for each.
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(project.path("target/manifest.json").toFile());
    JsonNode node = manifest.get("nodes").get("snapshot.club.members_history");
    assertEquals("snapshot", node.get("resource_type").asText());
    assertEquals("snapshot", node.get("config").get("materialized").asText());
    assertEquals("snapshots/members.sql", node.get("original_file_path").asText());
    assertTrue(manifest.get("nodes").get("model.club.current_members").get("depends_on")
        .get("nodes").toString().contains("snapshot.club.members_history"));
    assertTrue(manifest.get("nodes").get("snapshot.club.member_names").get("depends_on")
        .get("nodes").toString().contains("model.club.stg_members"));
    JsonNode results = json.readTree(project.path("target/run_results.json").toFile())
        .get("results");
    List<String> ids = new ArrayList<>();
    results.forEach(r -> ids.add(r.get("unique_id").asText() + ":" + r.get("status").asText()));
    assertTrue(ids.contains("snapshot.club.members_history:success"), ids.toString());
    assertTrue(ids.contains("snapshot.club.member_names:success"), ids.toString());

    // The docs site lists snapshots as it lists models, each with a page of its own.
    mds("docs", "generate", "--project-dir", project.dir()).assertOk();
    String page = Files.readString(project.path(
        "target/docs/nodes/snapshot.club.members_history.html"));
    assertTrue(page.contains("Snapshot · timestamp"), page);
    assertTrue(page.contains("Each version of a member."), page);
    assertTrue(Files.readString(project.path("target/docs/index.html")).contains("Snapshots"));

    // mds run builds models only; the snapshots keep their history.
    CliRun run = mds("run", "--project-dir", project.dir()).assertOk();
    assertFalse(run.out().contains("snapshot \""), run.describe());
  }

  @Test
  void snapshotVerbAndSelectorsPickSnapshots() throws IOException {
    TempProject project = project();
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("run", "--project-dir", project.dir(), "-s", "stg_members").assertOk();
    CliRun snapshot = mds("snapshot", "--project-dir", project.dir(), "-s", "member_names")
        .assertOk();
    assertTrue(snapshot.out().contains("OK snapshot \"main\".\"member_names\""),
        snapshot.describe());
    assertTrue(snapshot.out().contains("1 of 1"), snapshot.describe());
    assertEquals(List.of("2"), DuckDbFile.rows(project.path("club.duckdb"),
        "select count(*) from member_names"));
    assertTrue(DuckDbFile.relations(project.path("club.duckdb")).stream()
        .noneMatch(r -> r.contains("members_history")));
    mds("snapshot", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("2"), DuckDbFile.rows(project.path("club.duckdb"),
        "select count(*) from members_history"));

    assertEquals(List.of("member_names", "members_history"),
        ls(project, "--resource-type", "snapshot"));
    // As in dbt, selecting a node selects its tests too (indirect selection).
    assertEquals(List.of("member_names", "members_history", "not_null_members_history_id",
        "unique_members_history_dbt_scd_id"), ls(project, "-s", "resource_type:snapshot"));
    assertEquals(List.of("current_members", "members_history", "not_null_members_history_id",
        "unique_members_history_dbt_scd_id"), ls(project, "-s", "members_history+"));
    assertEquals(List.of("members", "members_history", "stg_members"),
        ls(project, "-s", "+members_history", "--resource-type", "snapshot,model,seed"));

    // mds compile writes the snapshot's SELECT with its refs resolved.
    CliRun compile = mds("compile", "--project-dir", project.dir(), "-s", "members_history");
    compile.assertOk();
    assertTrue(compile.out().contains("Compiled 0 models and 1 snapshot to"), compile.describe());
    String compiled = Files.readString(project.path(
        "target/compiled/club/snapshots/members.sql"));
    assertTrue(compiled.contains("\"main\".\"stg_members\""), compiled);
    assertFalse(compiled.contains("snapshot"), compiled);
  }

  @Test
  void aYamlSnapshotOfASourceDependsOnTheSource() throws IOException {
    TempProject project = TempProject.named(dir, "club")
        .file("seeds/members.csv", "id,name\n1,Ann\n2,Bob\n")
        .file("models/sources.yml", """
            sources:
              - name: crm
                schema: main
                tables:
                  - name: members
            snapshots:
              - name: members_from_crm
                relation: source('crm', 'members')
                config:
                  unique_key: id
                  strategy: check
                  check_cols: all
                  target_schema: history
            """);
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("snapshot", "--project-dir", project.dir()).assertOk();
    project.file("seeds/members.csv", "id,name\n1,Ann\n2,Bobby\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("snapshot", "--project-dir", project.dir(), "-s", "source:crm+").assertOk();
    assertEquals(List.of("1|Ann|true", "2|Bob|false", "2|Bobby|true"),
        DuckDbFile.rows(project.path("club.duckdb"), "select id, name, dbt_valid_to is null"
            + " from history.members_from_crm order by all"));
    JsonNode node = new ObjectMapper().readTree(project.path("target/manifest.json").toFile())
        .get("nodes").get("snapshot.club.members_from_crm");
    assertEquals("[\"source.club.crm.members\"]", node.get("depends_on").get("nodes").toString());
    assertTrue(Files.exists(project.path(
        "target/compiled/club/models/sources.yml/members_from_crm.sql")));
  }

  @Test
  void aChangedSnapshotIsStateModified() {
    TempProject prod = project();
    ProductionState.build(prod);
    Path state = ProductionState.copyState(prod, dir.resolve("state"), false);
    TempProject branch = ProductionState.branch(prod, dir.resolve("branch"));
    assertEquals(List.of(), ls(branch, "--state", state.toString(), "-s", "state:modified"));
    branch.file("snapshots/members.sql", branch.read("snapshots/members.sql")
        .replace("select id, name from", "select id, name, 1 as flag from"));
    // Both snapshots of the changed file, and the tests on them.
    assertEquals(List.of("member_names", "members_history", "not_null_members_history_id",
        "unique_members_history_dbt_scd_id"),
        ls(branch, "--state", state.toString(), "-s", "state:modified"));
  }

  @Test
  void aFailingRunLeavesTheHistoryAsItWas() {
    TempProject project = project();
    mds("build", "--project-dir", project.dir()).assertOk();
    project.file("seeds/members.csv", "id,name,updated_at\n1,Ann B,2024-02-01\n");
    project.file("snapshots/members.sql", """
        {% snapshot members_history %}
        {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at',
                  hard_deletes='invalidate') }}
        select id, name, updated_at, cast(case when id = 1 then 'x' end as integer) as boom
        from {{ ref('stg_members') }}
        {% endsnapshot %}
        """);
    CliRun failed = mds("build", "--project-dir", project.dir());
    assertEquals(1, failed.exitCode(), failed.describe());
    assertEquals(List.of("1|Ann|null", "2|Bob|null"), DuckDbFile.rows(
        project.path("club.duckdb"),
        "select id, name, dbt_valid_to from members_history order by all"));
  }

  @Test
  void aRunFailingAfterItsChangesWereWrittenRollsThemAllBack() {
    TempProject project = project();
    mds("build", "--project-dir", project.dir()).assertOk();
    // Ann changes, Bob is deleted, Cy is new: every kind of write happens, then the post-hook
    // (which runs inside the snapshot's transaction) fails.
    project.file("seeds/members.csv", "id,name,updated_at\n1,Ann B,2024-02-01\n3,Cy,2024-02-01\n");
    project.file("snapshots/members.sql", """
        {% snapshot members_history %}
        {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at',
                  hard_deletes='new_record', post_hook="select error('late failure')") }}
        select * from {{ ref('stg_members') }}
        {% endsnapshot %}
        """);
    CliRun failed = mds("build", "--project-dir", project.dir());
    assertEquals(1, failed.exitCode(), failed.describe());
    assertTrue(failed.out().contains("late failure"), failed.describe());
    assertEquals(List.of("1|Ann|null", "2|Bob|null"), DuckDbFile.rows(
        project.path("club.duckdb"),
        "select id, name, dbt_valid_to from members_history order by all"));
  }

  @Test
  void duplicateKeysFailTheRunNamingTheKeyAndKeepTheHistory() {
    TempProject project = project();
    mds("build", "--project-dir", project.dir()).assertOk();
    project.file("seeds/members.csv",
        "id,name,updated_at\n1,Ann,2024-01-01\n2,Bob,2024-03-01\n2,Bobby,2024-03-02\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    CliRun failed = mds("snapshot", "--project-dir", project.dir(), "-s", "members_history");
    assertEquals(1, failed.exitCode(), failed.describe());
    assertTrue(failed.out().contains("snapshots/members.sql: snapshot 'members_history'"),
        failed.describe());
    assertTrue(failed.out().contains("unique_key id = '2' (2 rows)"), failed.describe());
    assertEquals(List.of("1|Ann|null", "2|Bob|null"), DuckDbFile.rows(
        project.path("club.duckdb"),
        "select id, name, dbt_valid_to from members_history order by all"));
  }

  private CliRun withConfig(String config) {
    TempProject project = TempProject.named(dir, "club")
        .file("seeds/members.csv", "id,name,updated_at\n1,Ann,2024-01-01\n")
        .file("snapshots/bad.sql", """
            {%% snapshot members_history %%}
            {{ config(%s) }}
            select * from {{ ref('members') }}
            {%% endsnapshot %%}
            """.formatted(config));
    CliRun run = mds("build", "--project-dir", project.dir());
    assertFalse(Files.exists(project.path("club.duckdb")) && DuckDbFile.relations(
        project.path("club.duckdb")).stream().anyMatch(r -> r.contains("members")),
        "something was built:\n" + run.describe());
    return run;
  }

  @Test
  void badSnapshotConfigIsOneLineNamingTheFileBeforeAnythingIsBuilt() {
    withConfig("strategy='timestamp', updated_at='updated_at'")
        .assertProjectError("snapshots/bad.sql", "members_history", "has no unique_key");
    withConfig("unique_key='id'")
        .assertProjectError("snapshots/bad.sql", "has no strategy");
    withConfig("unique_key='id', strategy='latest'")
        .assertProjectError("snapshots/bad.sql", "unknown strategy 'latest'");
    withConfig("unique_key='id', strategy='timestamp'")
        .assertProjectError("snapshots/bad.sql", "has no updated_at");
    withConfig("unique_key='id', strategy='check'")
        .assertProjectError("snapshots/bad.sql", "has no check_cols");
    withConfig("unique_key='id', strategy='check', check_cols=['name'], hard_deletes='purge'")
        .assertProjectError("snapshots/bad.sql", "hard_deletes 'purge'");
  }

  @Test
  void aSnapshotBlockWithoutItsEndTagSaysWhichTagIsMissing() {
    TempProject project = TempProject.named(dir, "club")
        .file("seeds/members.csv", "id,name\n1,Ann\n")
        .file("snapshots/open.sql", """
            {% snapshot members_history %}
            {{ config(unique_key='id', strategy='check', check_cols='all') }}
            select * from {{ ref('members') }}
            """);
    mds("build", "--project-dir", project.dir()).assertProjectError("snapshots/open.sql",
        "Missing {% endsnapshot %} for the {% snapshot %} on line 1");
  }

  @Test
  void checkColsNamingAMissingColumnFailsTheSnapshotNamingItsFile() {
    TempProject project = TempProject.named(dir, "club")
        .file("seeds/members.csv", "id,name,updated_at\n1,Ann,2024-01-01\n")
        .file("snapshots/bad.sql", """
            {% snapshot members_history %}
            {{ config(unique_key='id', strategy='check', check_cols=['name', 'tier']) }}
            select * from {{ ref('members') }}
            {% endsnapshot %}
            """);
    CliRun run = mds("build", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run.describe());
    assertTrue(run.out().contains("snapshots/bad.sql: snapshot 'members_history': check_cols"
        + " names 'tier', which its query does not return"), run.describe());
    assertFalse(DuckDbFile.relations(project.path("club.duckdb")).stream()
        .anyMatch(r -> r.contains("members_history")));

    // Its input exists now and `mds snapshot` does not rebuild it: the query is described first
    // and the snapshot refused as a project error, before anything runs.
    CliRun snapshot = mds("snapshot", "--project-dir", project.dir());
    assertEquals(2, snapshot.exitCode(), snapshot.describe());
    assertTrue(snapshot.err().contains("snapshots/bad.sql: snapshot 'members_history': check_cols"
        + " names 'tier', which its query does not return (it returns id, name, updated_at)"),
        snapshot.describe());
    assertFalse(snapshot.out().contains("START"), snapshot.describe());
    assertFalse(DuckDbFile.relations(project.path("club.duckdb")).stream()
        .anyMatch(r -> r.contains("members_history")));
  }
}
