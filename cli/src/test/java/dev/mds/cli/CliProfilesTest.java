package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dbt-duckdb user's profile works unchanged: profiles.yml found where dbt finds it
 * ({@code --profiles-dir}, {@code DBT_PROFILES_DIR}), {@code --profile}, a {@code dbt.duckdb}
 * file with schema {@code dbt}, models built into {@code attach:}ed files with {@code database},
 * read-only attachments, {@code extensions}, {@code external_root} and dbt-duckdb keys mds does
 * not act on.
 */
class CliProfilesTest {

  @TempDir
  Path dir;

  /** A dbt project with a seed and two models, its profile kept in {@code config/}. */
  private TempProject dbtProject(String profiles) {
    return TempProject.in(dir)
        .file("dbt_project.yml", """
            name: jaffle
            profile: jaffle
            models:
              jaffle:
                +materialized: table
            """)
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n2,32\n")
        .file("models/orders.sql", "select id, amount * 2 as doubled from {{ ref('raw_orders') }}\n")
        .file("models/order_count.sql", "select count(*) as n from {{ ref('orders') }}\n")
        .file("config/profiles.yml", profiles);
  }

  private static final String PROFILES = """
      jaffle:
        target: dev
        outputs:
          dev:
            type: duckdb
            path: warehouse/jaffle.duckdb
            schema: analytics
            threads: 2
      """;

  @Test
  void profilesDirNamesTheOnlyProfilesYmlReadAndDebugShowsIt() {
    TempProject project = dbtProject(PROFILES)
        // A profiles.yml in the project folder would win without --profiles-dir.
        .file("profiles.yml", "jaffle:\n  outputs:\n    dev: {type: duckdb, path: wrong.duckdb}\n");

    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();

    Path database = project.path("warehouse/jaffle.duckdb");
    assertEquals(List.of("1|20", "2|64"),
        DuckDbFile.rows(database, "select * from analytics.orders order by id"));
    assertFalse(Files.exists(project.path("wrong.duckdb")));
    CliRun debug = mds("debug", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();
    assertTrue(debug.out().contains("profiles.yml: " + project.path("config/profiles.yml")),
        debug::describe);
  }

  @Test
  void dbtProfilesDirFromTheEnvironmentIsReadLikeTheOption() throws Exception {
    TempProject project = dbtProject(PROFILES);

    try (JavaProcess build = JavaProcess.start(project.root(), List.of(),
        Map.of("DBT_PROFILES_DIR", project.path("config").toString()), Mds.class, "build")) {
      build.awaitLine("Completed successfully", 60);
      assertTrue(build.process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, build.process.exitValue(), build.output());
    }

    assertEquals(List.of("2"), DuckDbFile.rows(project.path("warehouse/jaffle.duckdb"),
        "select n from analytics.order_count"));
  }

  @Test
  void aProfilesDirWithoutProfilesYmlIsOneLineNamingThePath() {
    TempProject project = dbtProject(PROFILES);

    mds("compile", "--project-dir", project.dir(), "--profiles-dir",
        project.path("seeds").toString())
        .assertProjectError("--profiles-dir", project.path("seeds/profiles.yml").toString());
  }

  @Test
  void profileOptionReplacesTheProjectsProfile() {
    TempProject project = dbtProject(PROFILES + """
        other:
          outputs:
            dev: {type: duckdb, path: other_place.duckdb, schema: elsewhere}
        """);

    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString(), "--profile", "other").assertOk();

    assertEquals(List.of("2"), DuckDbFile.rows(project.path("other_place.duckdb"),
        "select n from elsewhere.order_count"));
    assertFalse(Files.exists(project.path("warehouse/jaffle.duckdb")));
  }

  @Test
  void aDbtDuckdbFileWithSchemaDbtBuildsWithThreePartNames() {
    TempProject project = dbtProject("""
        jaffle:
          outputs:
            dev:
              type: duckdb
              path: dbt.duckdb
              schema: dbt
        """);

    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();

    assertEquals(List.of("1|20", "2|64"),
        DuckDbFile.rows(project.path("dbt.duckdb"), "select * from dbt.dbt.orders order by id"));
    assertEquals(List.of("2"),
        DuckDbFile.rows(project.path("dbt.duckdb"), "select n from dbt.dbt.order_count"));
    assertTrue(project.read("target/compiled/jaffle/models/order_count.sql")
        .contains("\"dbt\".\"dbt\".\"orders\""));
    // Column lineage finds the nodes behind three-part names: nothing to warn about.
    CliRun compile = mds("compile", "--warn-error", "--project-dir", project.dir(),
        "--profiles-dir", project.path("config").toString()).assertOk();
    assertFalse(compile.out().contains("Warning"), compile::describe);
  }

  @Test
  void anOrdinaryProjectKeepsTwoPartNames() {
    TempProject project = dbtProject(PROFILES).file("models/names.sql", "select"
        + " '{{ this.database }}.{{ this.schema }}' as here,"
        + " '{{ ref('orders').database }}' as there, '{{ target.database }}' as t\n");

    mds("compile", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();

    assertEquals("select count(*) as n from \"analytics\".\"orders\"\n",
        project.read("target/compiled/jaffle/models/order_count.sql"));
    assertEquals("select 'jaffle.analytics' as here, 'jaffle' as there, 'jaffle' as t\n",
        project.read("target/compiled/jaffle/models/names.sql"));
  }

  private static final String ATTACHING = """
      jaffle:
        outputs:
          dev:
            type: duckdb
            path: jaffle.duckdb
            schema: main
            extensions: [parquet, json]
            attach:
              - path: marts/other.duckdb
              - path: lookup.duckdb
                alias: lookups
                read_only: true
            plugins:
              - module: excel
            filesystems: [{fs: s3}]
            module_paths: [./plugins]
            disable_transactions: false
      """;

  /** A read-only file holding a table a source reads. */
  private void lookupFile(TempProject project) {
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
        "jdbc:duckdb:" + project.path("lookup.duckdb"));
        java.sql.Statement st = connection.createStatement()) {
      st.execute("create table main.rates as select 2 as factor");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aModelWithADatabaseBuildsIntoTheAttachedFile() throws Exception {
    TempProject project = dbtProject(ATTACHING)
        .file("models/exported.sql", """
            {{ config(database='other') }}
            select o.id, o.doubled * r.factor as quadrupled
            from {{ ref('orders') }} o cross join {{ source('ref_data', 'rates') }} r
            """)
        .file("models/reads_exported.sql", "select sum(quadrupled) as total from {{ ref('exported') }}\n")
        .file("models/growing.sql", """
            {{ config(materialized='incremental', database='other', unique_key='id') }}
            select id, {% if is_incremental() %}'again'{% else %}'first'{% endif %} as pass
            from {{ ref('orders') }}
            """)
        .file("models/sources.yml", """
            sources:
              - name: ref_data
                database: lookups
                schema: main
                tables:
                  - name: rates
            """);
    lookupFile(project);

    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();

    assertEquals(List.of("1|40", "2|128"), DuckDbFile.rows(project.path("marts/other.duckdb"),
        "select * from main.exported order by id"));
    assertEquals(List.of(), DuckDbFile.rows(project.path("jaffle.duckdb"),
        "select table_name from information_schema.tables where table_name = 'exported'"));
    assertEquals(List.of("168"), DuckDbFile.rows(project.path("jaffle.duckdb"),
        "select total from main.reads_exported"));
    assertTrue(project.read("target/compiled/jaffle/models/reads_exported.sql")
        .contains("\"other\".\"main\".\"exported\""));
    JsonNode node = new ObjectMapper().readTree(project.path("target/manifest.json").toFile())
        .path("nodes").path("model.jaffle.exported");
    assertEquals("other", node.path("database").asText());
    assertEquals("\"other\".\"main\".\"exported\"", node.path("relation_name").asText());
    assertEquals("jaffle", new ObjectMapper().readTree(project.path("target/manifest.json")
        .toFile()).path("nodes").path("model.jaffle.orders").path("database").asText());

    // A second build finds the relations of the attached file; lineage finds their nodes.
    CliRun again = mds("build", "--warn-error", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();
    assertFalse(again.out().contains("Warning"), again::describe);
    assertEquals(List.of("1|again", "2|again"), DuckDbFile.rows(project.path("marts/other.duckdb"),
        "select * from main.growing order by id"));
    mds("docs", "generate", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();
    JsonNode exported = new ObjectMapper().readTree(project.path("target/catalog.json").toFile())
        .path("nodes").path("model.jaffle.exported");
    assertEquals("other", exported.path("metadata").path("database").asText());
    assertEquals(2, exported.path("stats").path("row_count").path("value").asInt());
  }

  @Test
  void aDatabaseNoAttachProvidesIsOneLineListingTheCatalogs() {
    TempProject project = dbtProject(ATTACHING)
        .file("models/misplaced.sql", "{{ config(database='nowhere') }}\nselect 1 as id\n");
    lookupFile(project);

    mds("compile", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString())
        .assertProjectError("models/misplaced.sql", "'nowhere'", "jaffle, other, lookups");
  }

  @Test
  void buildingIntoAReadOnlyAttachmentIsRefused() {
    TempProject project = dbtProject(ATTACHING)
        .file("models/schema.yml", """
            models:
              - name: forbidden
                config:
                  database: lookups
            """)
        .file("models/forbidden.sql", "select 1 as id\n");
    lookupFile(project);

    mds("run", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString())
        .assertProjectError("models/forbidden.sql", "'lookups'", "read_only");
    assertEquals(List.of("rates"), DuckDbFile.rows(project.path("lookup.duckdb"),
        "select table_name from information_schema.tables"));
  }

  @Test
  void anExtensionDuckDbDoesNotHaveIsOneLineNamingTheProfileAndTheExtension() {
    TempProject project = dbtProject("""
        jaffle:
          outputs:
            dev:
              type: duckdb
              path: jaffle.duckdb
              extensions: [parquet, httpfs]
        """);

    mds("run", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString())
        .assertProjectError("profile 'jaffle'", "extension 'httpfs'", "offline");
  }

  @Test
  void dbtDuckdbKeysMdsDoesNotUseAreAcceptedAndListedWithDebug() {
    TempProject project = dbtProject(ATTACHING);
    lookupFile(project);

    CliRun debug = mds("debug", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();
    assertTrue(debug.out().contains("profile keys accepted but not used by mds: plugins,"
        + " filesystems, module_paths, disable_transactions"), debug::describe);
    assertTrue(debug.out().contains("attach: lookups = " + project.path("lookup.duckdb")
        + " (read-only)"), debug::describe);

    CliRun run = mds("build", "--debug", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();
    assertTrue(run.err().contains("plugins, filesystems, module_paths"), run::describe);
    CliRun quiet = mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();
    assertFalse(quiet.err().contains("plugins"), quiet::describe);
  }

  @Test
  void externalModelsWithoutALocationAreWrittenUnderExternalRoot() {
    TempProject project = dbtProject("""
        jaffle:
          outputs:
            dev:
              type: duckdb
              path: jaffle.duckdb
              external_root: lake/exports
        """)
        .file("models/orders_file.sql",
            "{{ config(materialized='external') }}\nselect * from {{ ref('orders') }}\n");

    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();

    Path file = project.path("lake/exports/orders_file.parquet");
    assertTrue(Files.isRegularFile(file), "no export at " + file);
    assertEquals(List.of("2"), DuckDbFile.rows(project.path("jaffle.duckdb"),
        "select count(*) from read_parquet('" + file + "')"));
  }

  @Test
  void queryCommentIsRenderedAndAddedToEachStatementOfANode() {
    TempProject project = dbtProject(PROFILES);
    project.file("dbt_project.yml", project.read("dbt_project.yml")
        + "query-comment: \"mds {{ target.name }} builds {{ this }} */ {{ node.unique_id }}\"\n");

    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();

    String run = project.read("target/run/jaffle/models/orders.sql");
    String comment = "/* mds dev builds \"analytics\".\"orders\" * / model.jaffle.orders */\n";
    assertTrue(run.contains(comment + "create or replace table \"analytics\".\"orders\""), run);
    assertFalse(run.contains(comment + "begin"), run);
    assertEquals(List.of("1|20", "2|64"), DuckDbFile.rows(project.path("warehouse/jaffle.duckdb"),
        "select * from analytics.orders order by id"));
    assertTrue(project.read("target/run/jaffle/seeds/raw_orders.csv.sql")
        .contains("/* mds dev builds \"analytics\".\"raw_orders\" * / seed.jaffle.raw_orders */"));
  }

  @Test
  void queryCommentWithAppendGoesAfterTheStatementAndNoneIsAddedByDefault() {
    TempProject project = dbtProject(PROFILES);
    mds("run", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString(), "-s", "orders");
    assertFalse(project.read("target/run/jaffle/models/orders.sql").contains("/*"));

    project.file("dbt_project.yml", project.read("dbt_project.yml") + """
        query-comment:
          comment: "profile {{ target.profile_name }}"
          append: true
        """);
    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();

    String run = project.read("target/run/jaffle/models/order_count.sql");
    assertTrue(run.contains("\"analytics\".\"orders\"\n/* profile jaffle */;"), run);
  }

  @Test
  void aDeferredRefToAModelInAnAttachedDatabaseReadsThatDatabase() throws Exception {
    TempProject project = dbtProject(ATTACHING)
        .file("models/exported.sql", "{{ config(database='other') }}\nselect 7 as id\n")
        .file("models/reads_exported.sql", "select id from {{ ref('exported') }}\n")
        .file("models/order_count.sql", "select count(*) as n from {{ ref('orders') }}"
            + " where 0 < (select count(*) from {{ ref('reads_exported') }})\n");
    lookupFile(project);
    mds("build", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString()).assertOk();
    Path production = dir.resolve("production.duckdb");
    Files.copy(project.path("jaffle.duckdb"), production);

    // A compile opens no database, so every unselected parent is deferred but this one.
    mds("compile", "--project-dir", project.dir(), "--profiles-dir",
        project.path("config").toString(), "-s", "reads_exported order_count", "--defer",
        "--defer-database", production.toString()).assertOk();
    assertTrue(project.read("target/compiled/jaffle/models/order_count.sql")
        .contains("\"prod\".\"main\".\"orders\""));

    String compiled = project.read("target/compiled/jaffle/models/reads_exported.sql");
    assertTrue(compiled.contains("from \"other\".\"main\".\"exported\""), compiled);
  }
}
