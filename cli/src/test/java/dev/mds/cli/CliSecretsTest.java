package dev.mds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret environment variables as dbt has them ({@code DBT_ENV_SECRET_*}, and mds's own
 * {@code MDS_ENV_SECRET_*}): read only in profiles.yml, and shown as {@code *****} in every file
 * under target/ and logs/ and on the console. Runs mds in a second JVM to give it an environment.
 */
class CliSecretsTest {

  private static final String DB_SECRET = "zq7-db-secret-81";
  private static final String TOKEN = "tok_Secret_55x";

  @TempDir
  Path dir;

  /** A second {@code mds} with {@code env} added: its exit code and everything it printed. */
  private static CliRun mds(Path project, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    try (JavaProcess process = JavaProcess.start(project, List.of(), env, Mds.class, args)) {
      assertTrue(process.process.waitFor(120, TimeUnit.SECONDS), "mds did not end");
      // The output is read on another thread: let it reach the end of the stream.
      Thread.sleep(200);
      return new CliRun(process.process.exitValue(), process.output(), "");
    }
  }

  private static List<Path> filesUnder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under target/ and logs/ that holds {@code text}, as bytes (any encoding). */
  private static List<Path> filesHolding(TempProject project, String text) throws IOException {
    List<Path> holding = new ArrayList<>();
    for (Path file : Stream.concat(filesUnder(project.path("target")).stream(),
        filesUnder(project.path("logs")).stream()).toList()) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      if (content.contains(text)) {
        holding.add(file);
      }
    }
    return holding;
  }

  private TempProject project() {
    return TempProject.named(dir.resolve("shop"), "shop")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: "{{ env_var('DBT_ENV_SECRET_DB') }}.duckdb"
            """)
        .file("models/where_am_i.sql", "select '{{ target.path }}' as db, 1 as id\n")
        .file("models/schema.yml", """
            models:
              - name: where_am_i
                columns:
                  - name: id
                    tests: [not_null]
            """);
  }

  @Test
  void aSecretReadInProfilesYmlIsUsedButShownAsStarsInEveryArtifactLogAndConsoleLine()
      throws Exception {
    TempProject project = project();
    Map<String, String> env = Map.of("DBT_ENV_SECRET_DB", DB_SECRET, "MDS_ENV_SECRET_TOKEN", TOKEN);

    CliRun build = mds(project.root(), env, "build", "--project-dir", project.dir());
    assertEquals(0, build.exitCode(), build::describe);
    CliRun debug = mds(project.root(), env, "debug", "--project-dir", project.dir());
    assertEquals(0, debug.exitCode(), debug::describe);
    CliRun docs = mds(project.root(), env, "docs", "generate", "--project-dir", project.dir());
    assertEquals(0, docs.exitCode(), docs::describe);

    // The connection used the real value: the database file is named by it.
    Path database = project.path(DB_SECRET + ".duckdb");
    assertTrue(Files.isRegularFile(database), "no database at " + database);
    assertEquals(List.of(database.toString()),
        DuckDbFile.rows(database, "select db from where_am_i"));
    for (CliRun run : List.of(build, debug, docs)) {
      assertFalse(run.out().contains(DB_SECRET), run::describe);
    }
    Path masked = project.root().resolve(Secrets.MASK + ".duckdb");
    assertTrue(debug.out().contains("database: " + masked), debug::describe);
    assertEquals(List.of(), filesHolding(project, DB_SECRET));
    assertFalse(filesUnder(project.path("target")).isEmpty());
    // The run log was written, so its check above is not vacuous.
    assertTrue(project.read("logs/mds.log").contains("mds build"), project.read("logs/mds.log"));
    assertTrue(project.read("target/compiled/shop/models/where_am_i.sql").contains("*****.duckdb"),
        project.read("target/compiled/shop/models/where_am_i.sql"));
    assertTrue(project.read("target/manifest.json").contains("*****.duckdb"));
  }

  @Test
  void aDatabaseErrorQuotingASecretConnectionSettingShowsStars() throws Exception {
    String bad = "not-a-size-" + TOKEN;
    TempProject project = TempProject.named(dir.resolve("mem"), "mem")
        .file("models/a.sql", "select 1 as id\n")
        .file("profiles.yml", """
            mem:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: mem.duckdb
                  settings:
                    memory_limit: "{{ env_var('MDS_ENV_SECRET_MEMORY') }}"
            """);

    CliRun debug = mds(project.root(), Map.of("MDS_ENV_SECRET_MEMORY", bad), "debug",
        "--project-dir", project.dir());
    CliRun build = mds(project.root(), Map.of("MDS_ENV_SECRET_MEMORY", bad), "build",
        "--project-dir", project.dir());

    for (CliRun run : List.of(debug, build)) {
      assertTrue(run.exitCode() != 0, run::describe);
      assertFalse(run.out().contains(TOKEN), run::describe);
      assertTrue(run.out().contains(Secrets.MASK), run::describe);
    }
    assertEquals(List.of(), filesHolding(project, TOKEN));
    // The failed runs were logged (with the error), and the log holds only the stars.
    assertTrue(project.read("logs/mds.log").contains(Secrets.MASK), project.read("logs/mds.log"));
  }

  @Test
  void aSecretReadInAModelIsAnErrorNamingTheFileAsInDbt() throws Exception {
    TempProject project = project()
        .file("models/leak.sql", "select '{{ env_var(\"MDS_ENV_SECRET_TOKEN\") }}' as t\n");
    Map<String, String> env = Map.of("DBT_ENV_SECRET_DB", DB_SECRET, "MDS_ENV_SECRET_TOKEN", TOKEN);

    CliRun build = mds(project.root(), env, "build", "--project-dir", project.dir());

    assertEquals(2, build.exitCode(), build::describe);
    String error = build.out().lines().filter(l -> l.startsWith("Error: ")).findFirst()
        .orElseThrow(() -> new AssertionError(build.describe()));
    assertTrue(error.contains("models/leak.sql:1"), error);
    assertTrue(error.contains("env_var('MDS_ENV_SECRET_TOKEN')"), error);
    assertTrue(error.contains("only profiles.yml may read"), error);
    assertFalse(build.out().contains(TOKEN), build::describe);
    assertFalse(build.out().contains("\tat "), build::describe);
    assertFalse(Files.exists(project.path(DB_SECRET + ".duckdb")), "nothing was built");
    assertEquals(List.of(), filesHolding(project, TOKEN));
  }

  @Test
  void aSecretInTheProjectFileOrAHookIsRefusedToo() throws Exception {
    TempProject project = project()
        .file("dbt_project.yml", """
            name: shop
            on-run-start:
              - "select '{{ env_var('DBT_ENV_SECRET_DB') }}'"
            """);
    project.path("mds_project.yml").toFile().delete();
    Map<String, String> env = Map.of("DBT_ENV_SECRET_DB", DB_SECRET);

    CliRun build = mds(project.root(), env, "build", "--project-dir", project.dir());

    // Hooks render when they run, so this is the hook's failure (exit 1), as in dbt.
    assertEquals(1, build.exitCode(), build::describe);
    assertTrue(build.out().contains("on-run-start hook 1 failed: dbt_project.yml: env_var("
        + "'DBT_ENV_SECRET_DB') reads a secret"),
        build::describe);
    assertFalse(build.out().contains(DB_SECRET), build::describe);
    assertEquals(List.of(), filesHolding(project, DB_SECRET));
  }

  @Test
  void thePartialParseCacheHoldsADigestOfEachEnvironmentValueNeverTheValue() throws Exception {
    String region = "eu-private-region-417";
    TempProject project = TempProject.named(dir.resolve("p"), "p")
        .file("models/a.sql", """
            {% if env_var('MDS_TEST_REGION') | length > 3 %}select 1 as id
            {% else %}select 2 as id{% endif %}
            """);

    CliRun first = mds(project.root(), Map.of("MDS_TEST_REGION", region), "build",
        "--project-dir", project.dir());
    assertEquals(0, first.exitCode(), first::describe);
    String cache = project.read("target/partial_parse.json");
    assertTrue(cache.contains("MDS_TEST_REGION"), cache);
    assertFalse(cache.contains(region), cache);

    // The digest still tells a changed value: the model renders again and picks the other branch.
    CliRun second = mds(project.root(), Map.of("MDS_TEST_REGION", "eu"), "build",
        "--project-dir", project.dir());
    assertEquals(0, second.exitCode(), second::describe);
    assertEquals(List.of("2"), DuckDbFile.rows(project.path("p.duckdb"), "select id from a"));
  }
}
