package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dbt-duckdb project written with dbt's Jinja runtime (fixture {@code dbt_runtime_project}):
 * return values and adapter.dispatch, namespaced calls with keyword arguments, varargs/kwargs,
 * trailing commas, a project generate_schema_name, a source in files through dbt-duckdb's
 * external_location, run_query / statement / load_result / get_columns_in_relation at run time,
 * model and config.get, and a custom {% materialization %} with hooks. Built end to end, its data checked.
 */
class DbtRuntimeProjectTest {

  @TempDir
  Path dir;

  private TempProject project;

  @BeforeEach
  void copyFixture() throws Exception {
    TempProject.copy(Path.of(getClass().getResource("/dbt_runtime_project").toURI()), dir);
    project = TempProject.in(dir);
  }

  private List<String> rows(String sql) {
    return DuckDbFile.rows(project.path("retail.duckdb"), sql);
  }

  @Test
  void buildsUnchangedAndEveryFigureIsRight() {
    CliRun run = mds("build", "--project-dir", project.dir()).assertOk();
    assertTrue(run.out().contains("PASS=7"), run::describe);

    // generate_schema_name: the seed lands in raw (dbt's default would be main_raw), marts in
    // main_marts.
    assertEquals(List.of("4"), rows("select count(*) from raw.members"));
    // dispatch picked duckdb__cents_to_amount; the namespaced call passed scale=0 by keyword.
    assertEquals(List.of("DE|1|9.90|10", "DE|2|1.00|1", "UK|1|12.50|13", "UK|2|50.00|50"),
        rows("select market, order_no, amount, amount_rounded from main.stg_orders order by 1, 2"));
    // var list with a trailing comma filters markets; varargs/kwargs fill coalesce.
    assertEquals(List.of("DE|1001|Bruno|silver", "UK|1001|Alice|gold", "UK|1002|Chloe|silver"),
        rows("select * from main.stg_members order by 1, 2"));
    // get_columns_in_relation dropped tier; statement/load_result counted every order; model and
    // config.get were read at run time.
    assertEquals(List.of("DE|1001|Bruno|2|10.90|4|member_orders|table",
        "UK|1001|Alice|1|12.50|4|member_orders|table",
        "UK|1002|Chloe|1|50.00|4|member_orders|table"),
        rows("select * from main_marts.member_orders order by 1, 2"));
    // run_query found the markets after stg_orders was built: one column per market.
    assertEquals(List.of("10.90|62.50|4"),
        rows("select amount_de, amount_uk, orders from main_marts.amount_by_market"));
    // The project's {% materialization replace_table %} built the model and ran its post-hook.
    assertEquals(List.of("gold|1", "silver|2"),
        rows("select * from main_marts.tier_counts order by 1"));
    assertEquals(List.of("2"), rows("select n from main_marts.tier_counts_audit"));
    // on-run-end saw every model's result.
    assertEquals(List.of("amount_by_market|success", "member_orders|success",
        "stg_members|success", "stg_orders|success", "tier_counts|success"),
        rows("select * from main.run_log order by 1"));
  }

  @Test
  void aCustomMaterializationThatFailsKeepsYesterdaysTable() {
    mds("build", "--project-dir", project.dir()).assertOk();
    project.file("models/marts/tier_counts.sql", "{{ config(materialized='replace_table') }}\n"
        + "select tier, count(*) as members from {{ ref('stg_members') }} group by tierr\n");
    CliRun run = mds("run", "--project-dir", project.dir(), "-s", "tier_counts");
    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(List.of("gold|1", "silver|2"),
        rows("select * from main_marts.tier_counts order by 1"));
  }

  @Test
  void compileRunsTheTemplatesQueriesAgainstTheDatabaseAsDbtDoes() {
    mds("build", "--project-dir", project.dir()).assertOk();
    mds("compile", "--project-dir", project.dir()).assertOk();
    String compiled = project.read("target/compiled/retail/models/marts/amount_by_market.sql");
    assertTrue(compiled.contains("as amount_de") && compiled.contains("as amount_uk"), compiled);
  }

  @Test
  void aMacroFromAPackageThatIsNotInstalledIsOneLineNamingThePackage() {
    project.file("models/marts/keys.sql",
        "select {{ dbt_utils.generate_surrogate_key(['market', 'member_no']) }} as k\n"
        + "from {{ ref('stg_members') }}\n");
    mds("compile", "--project-dir", project.dir()).assertProjectError(
        "models/marts/keys.sql:1", "package 'dbt_utils' is not installed");
  }

  @Test
  void dispatchToAMacroNoPackageDefinesNamesWhatItSearched() {
    project.file("models/marts/nothing.sql",
        "select {{ adapter.dispatch('nothing_here', 'retail')() }} as x\n");
    mds("compile", "--project-dir", project.dir()).assertProjectError(
        "models/marts/nothing.sql:1", "retail.duckdb__nothing_here", "dbt.default__nothing_here");
  }
}
