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
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The verbs on good projects and the command line itself. */
class CliCommandsTest {

  @TempDir
  Path dir;

  private static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Compiled models only: data tests compile into a folder named after their YAML file. */
  private static List<Path> modelsUnder(Path folder) throws IOException {
    return filesUnder(folder).stream()
        .filter(p -> !p.getParent().getFileName().toString().matches(".*\\.ya?ml")).toList();
  }

  @Test
  void compileWritesEveryModelWithRefsResolvedToSchemaAndName() throws Exception {
    TempProject project = TempProject.shop(dir);

    CliRun run = mds("compile", "--project-dir", project.dir()).assertOk();

    for (String count : List.of("4 models", "1 seed", "1 source", "1 macro")) {
      assertTrue(run.out().contains(count), run::describe);
    }
    Path compiled = project.path("target/compiled/shop/models");
    assertEquals(List.of(
            compiled.resolve("intermediate/int_order_totals.sql"),
            compiled.resolve("marts/customers.sql"),
            compiled.resolve("staging/stg_customers.sql"),
            compiled.resolve("staging/stg_orders.sql")),
        modelsUnder(compiled));
    assertEquals("""
            select id, customer_id, round(amount_cents / 100.0, 2) as amount
            from "main"."raw_orders"
            """, project.read("target/compiled/shop/models/staging/stg_orders.sql"));
    assertEquals("select * from \"crm\".\"customers\"\n",
        project.read("target/compiled/shop/models/staging/stg_customers.sql"));
    String customers = project.read("target/compiled/shop/models/marts/customers.sql");
    assertTrue(customers.startsWith("with __mds_cte__int_order_totals as (\n"), customers);
    assertTrue(customers.contains("from \"main\".\"stg_orders\" group by 1"), customers);
    assertTrue(customers.contains("from \"main\".\"stg_customers\" c"), customers);
    for (Path file : filesUnder(compiled)) {
      String sql = Files.readString(file);
      assertFalse(sql.contains("{{") || sql.contains("{%") || sql.contains("ref("), file + ":\n" + sql);
    }
    JsonNode manifest = new ObjectMapper().readTree(project.path("target/manifest.json").toFile());
    assertEquals("table", manifest.at("/nodes/model.shop.customers/config/materialized").asText());
    assertEquals("Orders in EUR.", manifest.at("/nodes/model.shop.stg_orders/description").asText());
  }

  @Test
  void compileWithASelectionWritesOnlyTheSelectedModels() throws Exception {
    TempProject project = TempProject.shop(dir);

    CliRun run = mds("compile", "--project-dir", project.dir(), "-s", "tag:staging").assertOk();

    assertTrue(run.out().contains("Compiled 2 models"), run::describe);
    assertEquals(List.of(project.path("target/compiled/shop/models/staging/stg_customers.sql"),
            project.path("target/compiled/shop/models/staging/stg_orders.sql")),
        modelsUnder(project.path("target/compiled")));
  }

  @Test
  void aSelectionThatMatchesNothingWarnsButSucceeds() {
    CliRun run = mds("compile", "--project-dir", TempProject.shop(dir).dir(), "-s", "nothing_here")
        .assertOk();

    assertTrue(run.out().contains("'nothing_here' does not match any nodes"), run::describe);
  }

  @Test
  void aModelDisabledByConfigIsNotCompiledNorListed() {
    TempProject project = TempProject.shop(dir)
        .file("models/marts/old_report.sql", "{{ config(enabled=false) }}\nselect * from {{ ref('nope') }}\n")
        .file("models/marts/props.yml", """
            models:
              - name: customers_v0
                config: {enabled: false}
            """)
        .file("models/marts/customers_v0.sql", "select 0");

    mds("compile", "--project-dir", project.dir()).assertOk();
    CliRun ls = mds("ls", "--project-dir", project.dir(), "--output", "name").assertOk();

    assertFalse(Files.exists(project.path("target/compiled/shop/models/marts/old_report.sql")));
    assertFalse(Files.exists(project.path("target/compiled/shop/models/marts/customers_v0.sql")));
    assertTrue(Files.exists(project.path("target/compiled/shop/models/marts/customers.sql")));
    assertFalse(ls.out().contains("old_report"), ls::describe);
    assertFalse(ls.out().contains("customers_v0"), ls::describe);
    assertTrue(lines(ls.out()).contains("customers"), ls::describe);
  }

  @Test
  void lsPrintsSelectedNodesInRunOrder() {
    TempProject project = TempProject.shop(dir);

    CliRun run = mds("ls", "--project-dir", project.dir(), "-s", "+customers",
        "--resource-type", "model,seed,source").assertOk();

    assertEquals(List.of(
        "shop.raw_orders",
        "shop.staging.stg_orders",
        "shop.intermediate.int_order_totals",
        "source:shop.crm.customers",
        "shop.staging.stg_customers",
        "shop.marts.customers"), lines(run.out()));
  }

  @Test
  void lsSupportsUnionIntersectionExcludeAndOutputFormats() {
    TempProject project = TempProject.shop(dir);
    String root = project.dir();

    CliRun union = mds("ls", "--project-dir", root, "-s", "stg_orders customers", "-o", "name",
        "--resource-type", "model");
    CliRun intersection = mds("ls", "--project-dir", root, "-s", "+customers,tag:staging",
        "--output", "name", "--resource-type", "model");
    CliRun exclude = mds("ls", "--project-dir", root, "--select", "resource_type:model",
        "--exclude", "tag:staging", "-o", "path");
    CliRun children = mds("ls", "--project-dir", root, "-s", "stg_orders+1", "-o", "name",
        "--resource-type", "model");
    CliRun seeds = mds("ls", "--project-dir", root, "--resource-type", "seed", "-o", "name");

    assertEquals(List.of("stg_orders", "customers"), lines(union.assertOk().out()));
    assertEquals(List.of("stg_orders", "stg_customers"), lines(intersection.assertOk().out()));
    assertEquals(List.of("models/intermediate/int_order_totals.sql", "models/marts/customers.sql"),
        lines(exclude.assertOk().out()));
    assertEquals(List.of("stg_orders", "int_order_totals"), lines(children.assertOk().out()));
    assertEquals(List.of("raw_orders"), lines(seeds.assertOk().out()));
  }

  @Test
  void lsJsonOutputIsOneJsonObjectPerLine() throws Exception {
    TempProject project = TempProject.shop(dir);

    CliRun run = mds("ls", "--project-dir", project.dir(), "-s", "customers", "-o", "json")
        .assertOk();

    JsonNode node = new ObjectMapper().readTree(lines(run.out()).get(0));
    assertEquals("model.shop.customers", node.get("unique_id").asText());
    assertEquals("\"main\".\"customers\"", node.get("relation_name").asText());
    assertEquals("table", node.at("/config/materialized").asText());
  }

  @Test
  void debugPrintsTheDuckDbVersionAndTheTarget() {
    TempProject project = TempProject.shop(dir);

    CliRun run = mds("debug", "--project-dir", project.dir()).assertOk();

    assertTrue(Pattern.compile("(?m)^duckdb: v\\d+\\.\\d+").matcher(run.out()).find(), run::describe);
    assertTrue(run.out().contains("database: " + project.path("shop.duckdb")), run::describe);
    assertTrue(run.out().contains("schema main"), run::describe);
  }

  @Test
  void debugUsesTheProfileInTheProjectFolder() {
    TempProject project = TempProject.shop(dir).file("profiles.yml", """
        shop:
          target: local
          outputs:
            local:
              type: duckdb
              path: warehouse/local.duckdb
              schema: analytics
              threads: 2
              settings:
                threads: 2
        """);

    CliRun run = mds("debug", "--project-dir", project.dir()).assertOk();

    assertTrue(run.out().contains("target: local (type duckdb, schema analytics, threads 2)"),
        run::describe);
    assertTrue(Files.exists(project.path("warehouse/local.duckdb")), run::describe);
  }

  @Test
  void debugReportsASettingDuckDbRejects() {
    TempProject project = TempProject.shop(dir).file("profiles.yml", """
        shop:
          outputs:
            dev: {type: duckdb, path: dev.duckdb, settings: {no_such_setting: 1}}
        """);

    mds("debug", "--project-dir", project.dir()).assertProjectError("no_such_setting");
  }

  @Test
  void initCreatesAProjectThatCompiles() {
    CliRun init = mds("init", "my_shop", "--dir", dir.toString()).assertOk();
    Path created = dir.resolve("my_shop");

    CliRun compile = mds("compile", "--project-dir", created.toString()).assertOk();

    assertTrue(init.out().contains("my_shop"), init::describe);
    assertTrue(Files.isRegularFile(created.resolve("mds_project.yml")));
    assertTrue(compile.out().contains("Compiled 2 models"), compile::describe);
    assertTrue(Files.isRegularFile(
        created.resolve("target/compiled/my_shop/models/marts/countries_per_region.sql")));
  }

  @Test
  void initRefusesAnExistingFolderAndABadName() throws Exception {
    Files.createDirectories(dir.resolve("taken"));

    mds("init", "taken", "--dir", dir.toString()).assertProjectError("already exists");
    mds("init", "bad-name", "--dir", dir.toString()).assertProjectError("bad-name");
  }

  @Test
  void cleanRemovesTargetButNotTheDatabase() {
    TempProject project = TempProject.shop(dir);
    mds("debug", "--project-dir", project.dir()).assertOk();
    mds("compile", "--project-dir", project.dir()).assertOk();
    assertTrue(Files.isDirectory(project.path("target/compiled")));

    CliRun run = mds("clean", "--project-dir", project.dir()).assertOk();

    assertFalse(Files.exists(project.path("target")), run::describe);
    assertTrue(Files.isRegularFile(project.path("shop.duckdb")), run::describe);
    assertTrue(Files.isRegularFile(project.path("models/marts/customers.sql")));
  }

  @Test
  void cleanRefusesACleanTargetHoldingTheDatabase() {
    TempProject project = TempProject.shop(dir)
        .file("mds_project.yml", "name: shop\nclean-targets: [data]\n")
        .file("profiles.yml", "shop:\n  outputs:\n    dev: {type: duckdb, path: data/shop.duckdb}\n")
        .file("data/shop.duckdb", "not really a database");

    mds("clean", "--project-dir", project.dir()).assertProjectError("data");

    assertTrue(Files.exists(project.path("data/shop.duckdb")));
  }

  @Test
  void versionPrintsTheVersion() {
    CliRun run = mds("--version").assertOk();

    assertTrue(run.out().startsWith("mds "), run::describe);
  }

  @Test
  void helpWorksOnEveryVerb() {
    List<String> verbs = Mds.commandLine(new String[0]).getSubcommands().values().stream()
        .map(CommandLine::getCommandName).distinct().toList();
    assertTrue(verbs.containsAll(List.of("compile", "ls", "debug", "init", "clean")), verbs::toString);
    for (String verb : verbs) {
      CliRun run = mds(verb, "--help");

      assertEquals(0, run.exitCode(), () -> verb + " --help:\n" + run.describe());
      assertTrue(run.out().contains("Usage: mds " + verb), () -> verb + " --help:\n" + run.describe());
    }
    CliRun top = mds("--help").assertOk();
    assertTrue(top.out().contains("compile"), top::describe);
  }

  @Test
  void unknownOptionExitsTwo() {
    CliRun run = mds("compile", "--no-such-option");

    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("--no-such-option"), run::describe);
    assertFalse(run.err().contains("\tat "), run::describe);
  }

  @Test
  void unknownVerbExitsTwo() {
    CliRun run = mds("frobnicate");

    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("frobnicate"), run::describe);
  }

  @Test
  void aMistypedVerbGetsTheClosestVerbsSuggested() {
    CliRun run = mds("compil");

    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.err().contains("Did you mean: mds compile"), run::describe);
  }

  @Test
  void helpNamesAVerbsOptions() {
    CliRun run = mds("help", "compile").assertOk();

    assertTrue(run.out().contains("Usage: mds compile"), run::describe);
    assertTrue(run.out().contains("--lineage"), run::describe);
  }

  @Test
  void mdsTimingsPrintsEachPhaseOfACompile() throws Exception {
    TempProject project = TempProject.named(dir, "shop").file("models/a.sql", "select 1 as id");
    try (JavaProcess compile = JavaProcess.start(project.root(), List.of(),
        java.util.Map.of("MDS_TIMINGS", "1"), Mds.class, "compile")) {
      compile.awaitLine("[timings] parse models (1 rendered)", 60);
      compile.awaitLine("[timings] manifest.json", 60);
      compile.awaitLine("Compiled 1 model", 60);
    }
  }

  @Test
  void profilesYmlReadsTheDatabasePathFromTheEnvironmentAsDbtDoes() throws Exception {
    TempProject project = TempProject.named(dir, "shop").file("models/a.sql", "select 1 as id")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: "{{ env_var('MDS_TEST_SHOP_DB') }}"
                  threads: "{{ env_var('MDS_TEST_THREADS', 1) | as_number }}"
            """);
    Path database = dir.resolve("elsewhere/shop_dev.duckdb");
    try (JavaProcess build = JavaProcess.start(project.root(), List.of(),
        java.util.Map.of("MDS_TEST_SHOP_DB", database.toString()), Mds.class, "build")) {
      build.awaitLine("Completed successfully", 60);
    }
    assertTrue(Files.isRegularFile(database), "no database at " + database);

    CliRun unset = mds("build", "--project-dir", project.dir());
    assertEquals(2, unset.exitCode(), unset.out() + unset.err());
    assertEquals("Error: profiles.yml (shop.outputs.dev.path): environment variable"
        + " 'MDS_TEST_SHOP_DB' is not set and env_var() was given no default",
        unset.err().strip());
  }

  @Test
  void aProjectProfilesYmlWithoutTheProfileStopsBeforeBuildingAnything() {
    TempProject project = TempProject.named(dir, "shop").file("models/a.sql", "select 1 as id")
        .file("profiles.yml", """
            warehouse:
              outputs:
                dev: {type: duckdb, path: warehouse.duckdb}
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals("Error: profiles.yml: there is no profile 'shop' (profiles: warehouse); name one"
        + " with 'profile:' in the project file, or add a 'shop' profile", run.err().strip());
    assertFalse(Files.exists(project.path("shop.duckdb")), "no default database was created");
    assertFalse(Files.exists(project.path("warehouse.duckdb")));
  }
}
