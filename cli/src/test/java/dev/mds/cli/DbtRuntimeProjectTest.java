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
 * A dbt-duckdb project written with dbt's Jinja runtime (fixture {@code dbt_runtime_project}, its
 * profiles.yml in {@code config/} used through {@code --profiles-dir}): return values and
 * adapter.dispatch, namespaced calls with keyword arguments, varargs/kwargs, trailing commas, a
 * project generate_schema_name, a source in files through dbt-duckdb's external_location,
 * run_query / statement / load_result / get_columns_in_relation at run time, model and
 * config.get, a custom {% materialization %} with hooks, on-run-end's results, dbt's own macros,
 * a model built into an attached database, a templated folder config, property YAML under tests/
 * with a templated test argument, modules.datetime, log, loop.cycle, slicing and % formatting.
 * Built end to end, its data checked.
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

  /** Runs {@code verb} on the project with its profiles folder, as a dbt user would. */
  private CliRun mdsIn(String verb, String... extra) {
    String[] args = new String[extra.length + 5];
    args[0] = verb;
    args[1] = "--project-dir";
    args[2] = project.dir();
    args[3] = "--profiles-dir";
    args[4] = project.path("config").toString();
    System.arraycopy(extra, 0, args, 5, extra.length);
    return mds(args);
  }

  @Test
  void buildsUnchangedAndEveryFigureIsRight() {
    CliRun run = mdsIn("build").assertOk();
    assertTrue(run.out().contains("PASS=10"), run::describe);

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
    assertEquals(List.of("amount_by_market|success", "member_labels|success",
        "member_orders|success", "orders_by_month|success", "stg_members|success",
        "stg_orders|success", "tier_counts|success"),
        rows("select * from main.run_log order by 1"));
    // database: archive built the model into the attached file, with dbt's date macros.
    assertEquals(List.of("0"), rows("select count(*) from information_schema.tables"
        + " where table_name = 'orders_by_month' and table_catalog = 'retail'"));
    assertEquals(List.of("2024-01-01 00:00:00.0|TEXT|2|1", "2024-02-01 00:00:00.0|TEXT|2|1"),
        DuckDbFile.rows(project.path("archive.duckdb"),
            "select * from main.orders_by_month order by 1"));
    // modules.datetime, loop.cycle, % formatting and slicing; log() reached console and log file.
    assertEquals(List.of("DE|1001|name_a|tier_b|RET|2024-02-01",
        "UK|1001|name_a|tier_b|RET|2024-02-01", "UK|1002|name_a|tier_b|RET|2024-02-01"),
        rows("select * from main_marts.member_labels order by 1, 2"));
    assertTrue(run.out().contains("labelling members from 2024-02-01"), run::describe);
    assertTrue(project.read("logs/mds.log").contains("labelling members from 2024-02-01"));
    // tests/schema.yml was read and its templated accepted_values ran.
    assertTrue(run.out().contains("accepted_values_stg_members_tier"), run::describe);
  }

  @Test
  void aTemplatedFolderConfigFollowsVars() {
    CliRun run = mdsIn("build", "--vars", "{archive_enabled: false}").assertOk();
    assertTrue(run.out().contains("PASS=9"), run::describe);
    assertTrue(!run.out().contains("orders_by_month"), run::describe);
  }

  @Test
  void raiseCompilerErrorIsOneLineWithTheMacrosFileAndLine() {
    project.file("macros/guard.sql", "{% macro guard(x) %}\n"
        + "  {% if x < 0 %}{{ exceptions.raise_compiler_error('x must not be negative') }}"
        + "{% endif %}\n{% endmacro %}\n")
        .file("models/marts/guarded.sql", "select {{ guard(-1) }} 1 as x\n");
    String error = mdsIn("compile").assertProjectError("macros/guard.sql:2",
        "x must not be negative");
    assertTrue(!error.contains("Exception"), error);
  }

  @Test
  void aCustomMaterializationThatFailsKeepsYesterdaysTable() {
    mdsIn("build").assertOk();
    project.file("models/marts/tier_counts.sql", "{{ config(materialized='replace_table') }}\n"
        + "select tier, count(*) as members from {{ ref('stg_members') }} group by tierr\n");
    CliRun run = mdsIn("run", "-s", "tier_counts");
    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(List.of("gold|1", "silver|2"),
        rows("select * from main_marts.tier_counts order by 1"));
  }

  @Test
  void compileRunsTheTemplatesQueriesAgainstTheDatabaseAsDbtDoes() {
    mdsIn("build").assertOk();
    mdsIn("compile").assertOk();
    String compiled = project.read("target/compiled/retail/models/marts/amount_by_market.sql");
    assertTrue(compiled.contains("as amount_de") && compiled.contains("as amount_uk"), compiled);
  }

  @Test
  void aMacroFromAPackageThatIsNotInstalledIsOneLineNamingThePackage() {
    project.file("models/marts/keys.sql",
        "select {{ dbt_utils.generate_surrogate_key(['market', 'member_no']) }} as k\n"
        + "from {{ ref('stg_members') }}\n");
    mdsIn("compile").assertProjectError(
        "models/marts/keys.sql:1", "package 'dbt_utils' is not installed");
  }

  @Test
  void dispatchToAMacroNoPackageDefinesNamesWhatItSearched() {
    project.file("models/marts/nothing.sql",
        "select {{ adapter.dispatch('nothing_here', 'retail')() }} as x\n");
    mdsIn("compile").assertProjectError(
        "models/marts/nothing.sql:1", "retail.duckdb__nothing_here", "dbt.default__nothing_here");
  }
}
