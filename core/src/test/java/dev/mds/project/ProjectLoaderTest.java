package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {

  @TempDir
  Path dir;

  @Test
  void readsNameAndDefaultPathsFromMdsProjectFile() {
    Project project = TempProject.named(dir, "shop").load();

    assertEquals("shop", project.name());
    assertEquals(dir.resolve("mds_project.yml").toAbsolutePath().normalize(), project.projectFile());
    assertEquals(List.of("models"), project.config().modelPaths());
    assertEquals(List.of("seeds"), project.config().seedPaths());
    assertEquals(List.of("tests"), project.config().testPaths());
    assertEquals(List.of("macros"), project.config().macroPaths());
    assertEquals("target", project.config().targetPath());
    assertEquals(dir.toAbsolutePath().normalize().resolve("target"), project.targetDir());
  }

  @Test
  void fallsBackToDbtProjectFileWhenThereIsNoMdsProjectFile() {
    Project project = TempProject.in(dir).file("dbt_project.yml", """
        name: 'jaffle_shop'
        version: '0.1'
        profile: 'jaffle'
        config-version: 2
        """).load();

    assertEquals("jaffle_shop", project.name());
    assertEquals("dbt_project.yml", project.projectFile().getFileName().toString());
    assertEquals("jaffle", project.config().profile());
    assertEquals("0.1", project.config().version());
  }

  @Test
  void mdsProjectFileWinsWhenBothExist() {
    Project project = TempProject.in(dir)
        .file("dbt_project.yml", "name: from_dbt\n")
        .file("mds_project.yml", "name: from_mds\n")
        .load();

    assertEquals("from_mds", project.name());
  }

  @Test
  void missingProjectFileNamesBothFileNames() {
    MdsException e = assertThrows(MdsException.class, () -> TempProject.in(dir).load());

    assertTrue(e.getMessage().contains("mds_project.yml"), e.getMessage());
    assertTrue(e.getMessage().contains("dbt_project.yml"), e.getMessage());
  }

  @Test
  void projectWithoutNameIsAnErrorNamingTheFile() {
    MdsException e = assertThrows(MdsException.class,
        () -> TempProject.in(dir).file("mds_project.yml", "version: 1\n").load());

    assertTrue(e.getMessage().startsWith("mds_project.yml: "), e.getMessage());
    assertTrue(e.getMessage().contains("name"), e.getMessage());
  }

  @Test
  void readsCustomPathsWithDashesOrUnderscores() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        model-paths: ["transform", "more_models"]
        seed_paths: ["data"]
        test-paths: ["checks"]
        macro-paths: ["lib"]
        docs-paths: ["docs"]
        target-path: "build"
        """).load();

    assertEquals(List.of("transform", "more_models"), project.config().modelPaths());
    assertEquals(List.of("data"), project.config().seedPaths());
    assertEquals(List.of("checks"), project.config().testPaths());
    assertEquals(List.of("lib"), project.config().macroPaths());
    assertEquals(List.of("docs"), project.config().docsPaths());
    assertEquals(project.root().resolve("build"), project.targetDir());
  }

  @Test
  void docsPathsDefaultToEveryResourcePath() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        model-paths: ["transform"]
        """).load();

    assertEquals(List.of("transform", "seeds", "tests", "macros"), project.config().docsPaths());
  }

  @Test
  void folderConfigsWorkWithAndWithoutPlusPrefix() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        models:
          shop:
            +materialized: table
            staging:
              materialized: view
              +schema: stg
        """).load();
    FolderConfigs models = project.config().models();

    NodeConfig mart = models.resolve(List.of("marts", "fct_orders"));
    NodeConfig staging = models.resolve(List.of("staging", "stg_orders"));

    assertEquals("table", mart.materialized());
    assertEquals("view", staging.materialized());
    assertEquals("stg", staging.schema().orElseThrow());
  }

  @Test
  void deeperFoldersOverrideShallowerOnesAndTagsAccumulate() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        models:
          +tags: [everywhere]
          shop:
            +materialized: view
            +tags: project
            marts:
              +materialized: table
              +tags: [marts]
              finance:
                +materialized: incremental
                +tags: [finance]
        """).load();
    FolderConfigs models = project.config().models();

    NodeConfig finance = models.resolve(List.of("marts", "finance", "revenue"));
    NodeConfig marts = models.resolve(List.of("marts", "orders"));
    NodeConfig top = models.resolve(List.of("orders"));

    assertEquals("incremental", finance.materialized());
    assertEquals(List.of("everywhere", "project", "marts", "finance"), finance.tags());
    assertEquals("table", marts.materialized());
    assertEquals(List.of("everywhere", "project", "marts"), marts.tags());
    assertEquals("view", top.materialized());
  }

  @Test
  void aKeyNamedAfterAModelConfiguresOnlyThatModel() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        models:
          shop:
            staging:
              +materialized: view
              stg_big:
                +materialized: table
                enabled: false
        """).load();
    FolderConfigs models = project.config().models();

    NodeConfig big = models.resolve(List.of("staging", "stg_big"));
    NodeConfig other = models.resolve(List.of("staging", "stg_small"));

    assertEquals("table", big.materialized());
    assertEquals(false, big.enabled());
    assertEquals("view", other.materialized());
    assertEquals(true, other.enabled());
  }

  @Test
  void mapValuedConfigsAreConfigsNotFoldersWithOrWithoutPlus() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        models:
          shop:
            meta:
              owner: finance
            staging:
              +meta:
                contains_pii: true
        """).load();

    NodeConfig config = project.config().models().resolve(List.of("staging", "stg_orders"));

    assertEquals(Map.of("owner", "finance", "contains_pii", true), config.meta());
  }

  @Test
  void dashedConfigKeysAreNormalisedAndHooksAccumulate() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        models:
          shop:
            +post-hook: "select 1"
            staging:
              post_hook: ["select 2"]
        """).load();

    NodeConfig config = project.config().models().resolve(List.of("staging", "stg_orders"));

    assertEquals(List.of("select 1", "select 2"), config.postHooks());
  }

  @Test
  void unknownKeysAreIgnored() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        config-version: 2
        require-dbt-version: [">=1.0.0", "<2.0.0"]
        analysis-paths: ["analyses"]
        flags:
          send_anonymous_usage_stats: false
        some_future_key: {nested: [1, 2]}
        models:
          shop:
            +materialized: table
            +made_up_config: 42
        """).load();

    NodeConfig config = project.config().models().resolve(List.of("orders"));

    assertEquals("shop", project.name());
    assertEquals("table", config.materialized());
  }

  @Test
  void seedFolderConfigsAreReadToo() {
    Project project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        seeds:
          shop:
            +schema: raw
            lookups:
              +tags: [lookup]
        """).load();

    NodeConfig config = project.config().seeds().resolve(List.of("lookups", "countries"));

    assertEquals("raw", config.schema().orElseThrow());
    assertEquals(List.of("lookup"), config.tags());
  }

  @Test
  void withoutAProfileTheTargetIsAnEmbeddedDuckDbFileNamedAfterTheProject() {
    Project project = TempProject.named(dir, "shop").load();
    Target target = project.target();

    assertEquals(dir.toAbsolutePath().normalize().resolve("shop.duckdb"), target.databasePath());
    assertEquals("main", target.schema());
    assertEquals("duckdb", target.type());
    assertEquals("dev", target.name());
  }

  @Test
  void unknownTargetWithoutAProfileIsAnError() {
    TempProject project = TempProject.named(dir, "shop");

    MdsException e = assertThrows(MdsException.class, () -> project.load("prod", null));

    assertTrue(e.getMessage().contains("'prod'"), e.getMessage());
  }

  @Test
  void profilesYmlInTheProjectFolderDefinesTheTarget() {
    Project project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\nprofile: warehouse\n")
        .file("profiles.yml", """
            warehouse:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: data/dev.duckdb
                  schema: analytics
                  threads: 8
                  settings:
                    memory_limit: 2GB
                    preserve_insertion_order: false
                prod:
                  type: duckdb
                  path: prod.duckdb
                  threads: 2
            """).load();
    Target target = project.target();

    assertEquals("warehouse", target.profileName());
    assertEquals("dev", target.name());
    assertEquals(project.root().resolve("data/dev.duckdb"), target.databasePath());
    assertEquals("analytics", target.schema());
    assertEquals(8, target.threads());
    assertEquals(Map.of("memory_limit", "2GB", "preserve_insertion_order", "false"),
        target.settings());
  }

  @Test
  void targetOptionPicksAnotherOutputOfTheProfile() {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\n")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev: {type: duckdb, path: dev.duckdb}
                prod: {type: duckdb, path: prod.duckdb, threads: 2}
            """);

    Target target = project.load("prod", null).target();

    assertEquals("prod", target.name());
    assertEquals(project.root().toAbsolutePath().normalize().resolve("prod.duckdb"),
        target.databasePath());
    assertEquals(2, target.threads());
    assertEquals("main", target.schema());
  }

  @Test
  void unknownTargetInAProfileIsAnErrorNamingProfilesYml() {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\n")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev: {type: duckdb, path: dev.duckdb}
            """);

    MdsException e = assertThrows(MdsException.class, () -> project.load("staging", null));

    assertTrue(e.getMessage().startsWith("profiles.yml: "), e.getMessage());
    assertTrue(e.getMessage().contains("'staging'"), e.getMessage());
    assertTrue(e.getMessage().contains("dev"), e.getMessage());
  }

  @Test
  void aProjectProfilesYmlWithoutTheProjectsProfileIsAnErrorNotAFallback() {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\nprofile: shopp\n")
        .file("profiles.yml", """
            shop:
              outputs:
                dev: {type: duckdb, path: dev.duckdb}
            warehouse:
              outputs:
                dev: {type: duckdb, path: wh.duckdb}
            """);

    MdsException e = assertThrows(MdsException.class, project::load);

    assertEquals("profiles.yml: there is no profile 'shopp' (profiles: shop, warehouse); name one"
        + " with 'profile:' in the project file, or add a 'shopp' profile", e.getMessage());
  }

  @Test
  void aProfileForAnotherEngineIsAnError() {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\n")
        .file("profiles.yml", """
            shop:
              outputs:
                dev: {type: postgres, host: localhost}
            """);

    MdsException e = assertThrows(MdsException.class, project::load);

    assertTrue(e.getMessage().contains("postgres"), e.getMessage());
  }

  @Test
  void projectVarsAreReadAndVarsOptionOverridesThem() {
    TempProject project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        vars:
          currency: EUR
          start_date: '2024-01-01'
          shop:
            scoped: yes_please
        """);

    Map<String, Object> plain = project.load().vars();
    Map<String, Object> overridden = project.load(null, "{currency: GBP, extra: 3}").vars();

    assertEquals("EUR", plain.get("currency"));
    assertEquals("yes_please", plain.get("scoped"));
    assertEquals("GBP", overridden.get("currency"));
    assertEquals(3, overridden.get("extra"));
    assertEquals("2024-01-01", overridden.get("start_date"));
  }

  @Test
  void datesInYamlStayTheTextTheyWereWrittenAs() {
    TempProject project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        vars:
          start_date: 2024-01-01
          stamp: 2024-01-01 10:30:00
        """);

    Map<String, Object> vars = project.load(null, "{end_date: 2024-12-31}").vars();

    assertEquals("2024-01-01", vars.get("start_date"));
    assertEquals("2024-01-01 10:30:00", vars.get("stamp"));
    assertEquals("2024-12-31", vars.get("end_date"));
  }

  @Test
  void unreadableVarsOptionIsAnErrorNamingVars() {
    TempProject project = TempProject.named(dir, "shop");

    MdsException e = assertThrows(MdsException.class, () -> project.load(null, "{currency: [GBP"));

    assertTrue(e.getMessage().startsWith("--vars"), e.getMessage());
  }

  @Test
  void invalidYamlInTheProjectFileNamesFileAndLine() {
    TempProject project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        models:
          shop:
            +materialized: [table
        vars: {}
        """);

    MdsException e = assertThrows(MdsException.class, project::load);

    assertTrue(e.getMessage().matches("mds_project\\.yml:\\d+: invalid YAML: .*"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
