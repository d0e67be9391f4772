package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mds diff}: a branch's built tables compared with production's on their unique key, in
 * the console and in {@code target/summary.md}.
 */
class CliDiffTest {

  /** Production and the branch, both built once; each test only diffs. */
  @TempDir
  static Path dir;

  private static TempProject branch;
  private static Path state;
  private static String productionSha;

  /*
   * Members are numbered per market, so the key is (market, member_no). Against production the
   * branch removes DE 2, adds IT 1 and JP 2, renames and upgrades UK 1 (two columns) and blanks
   * DE 1's points (one column).
   */
  @BeforeAll
  static void buildProductionAndBranch() {
    TempProject prod = TempProject.named(dir.resolve("prod"), "club")
        .file("seeds/raw_members.csv", """
            market,member_no,name,tier,points
            UK,1,Ann,gold,100
            UK,2,Ben,silver,50
            DE,1,Carl,gold,30
            DE,2,Dora,bronze,10
            JP,1,Eiko,silver,70
            """)
        .file("models/members.sql", """
            {{ config(materialized='table', unique_key=['market', 'member_no']) }}
            select * from {{ ref('raw_members') }}
            """)
        .file("models/points_by_tier.sql", """
            {{ config(materialized='table') }}
            select tier, sum(points) as points from {{ ref('members') }} group by tier
            """);
    ProductionState.build(prod);
    state = ProductionState.copyState(prod, dir.resolve("state"), true);
    productionSha = ProductionState.sha256(state.resolve("club.duckdb"));
    branch = ProductionState.branch(prod, dir.resolve("branch"))
        .file("seeds/raw_members.csv", """
            market,member_no,name,tier,points
            UK,1,Anne,platinum,100
            UK,2,Ben,silver,50
            DE,1,Carl,gold,
            IT,1,Ivo,bronze,5
            JP,1,Eiko,silver,70
            JP,2,Jun,gold,20
            """)
        .file("models/vip_members.sql", """
            {{ config(materialized='table', unique_key=['market', 'member_no']) }}
            select * from {{ ref('members') }} where tier in ('gold', 'platinum')
            """);
    mds("build", "--project-dir", branch.dir()).assertOk();
  }

  /** The console table row for {@code relation}, cell by cell. */
  private static List<String> row(CliRun run, String relation) {
    return run.out().lines().filter(l -> l.startsWith(relation + " "))
        .map(l -> Arrays.stream(l.split(" \\| ")).map(String::strip).toList())
        .findFirst().orElseThrow(() -> new AssertionError("no row for " + relation + ":\n"
            + run.describe()));
  }

  @Test
  void diffCountsAddedRemovedAndChangedRowsOnACompositeKey() throws Exception {
    CliRun run = mds("diff", "--project-dir", branch.dir(), "-s", "members", "--state",
        state.toString()).assertOk();

    assertEquals(List.of("members", "market, member_no", "2", "1", "2",
        "name 1, tier 1, points 1"), row(run, "members"));
    assertTrue(run.out().contains("members added: (IT, 1), (JP, 2)"), run.describe());
    assertTrue(run.out().contains("members removed: (DE, 2)"), run.describe());
    assertTrue(run.out().contains("members changed: (DE, 1), (UK, 1)"), run.describe());
    assertEquals(productionSha, ProductionState.sha256(state.resolve("club.duckdb")));
  }

  @Test
  void modelsWithoutAKeyOrProductionRelationReportTheProblem() {
    CliRun run = mds("diff", "--project-dir", branch.dir(), "-s", "points_by_tier",
        "vip_members", "--defer-database", state.resolve("club.duckdb").toString()).assertOk();

    List<String> noKey = row(run, "points_by_tier");
    assertTrue(noKey.get(5).contains("no unique key"), run.describe());
    List<String> isNew = row(run, "vip_members");
    assertTrue(isNew.get(5).contains("not in production"), run.describe());
  }

  @Test
  void summaryMarkdownGetsADataDiffSectionAfterTheBuildSummary() throws Exception {
    String buildSummary = branch.read("target/summary.md");

    mds("diff", "--project-dir", branch.dir(), "-s", "members", "points_by_tier", "--state",
        state.toString()).assertOk();

    String summary = branch.read("target/summary.md");
    assertTrue(summary.startsWith(buildSummary), summary);
    String section = summary.substring(buildSummary.length());
    assertTrue(section.contains("## Data diff against production"), section);
    assertTrue(section.contains(
        "| members | market, member_no | 2 | 1 | 2 | `name` 1, `tier` 1, `points` 1 |"), section);
    assertTrue(section.lines().anyMatch(l -> l.startsWith("| points_by_tier |")
        && l.contains("no unique key")), section);
    assertTrue(section.contains("- members, added: `(IT, 1)`; `(JP, 2)`"), section);
    assertTrue(section.contains("- members, removed: `(DE, 2)`"), section);
    assertTrue(section.contains("- members, changed: `(DE, 1)`; `(UK, 1)`"), section);
  }

  @Test
  void diffWithoutProductionIsAOneLineError(@TempDir Path empty) throws Exception {
    Files.copy(state.resolve("manifest.json"), empty.resolve("manifest.json"));

    mds("diff", "--project-dir", branch.dir(), "-s", "members", "--state", empty.toString())
        .assertProjectError("--defer-database");
    mds("diff", "--project-dir", branch.dir(), "-s", "members", "--defer-database",
        empty.resolve("club.duckdb").toString()).assertProjectError("does not exist");
    CliRun neither = mds("diff", "--project-dir", branch.dir(), "-s", "members");
    neither.assertProjectError("Production is needed: pass --defer-database PATH, or --state DIR");
    assertEquals(1, neither.err().strip().lines().count(), neither.describe());
  }
}
