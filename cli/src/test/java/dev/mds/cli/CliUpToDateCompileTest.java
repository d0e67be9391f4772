package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code mds compile} with nothing changed prints what the first printed and leaves the
 * same files, without compiling ({@link UpToDateCompile}); any change it depends on (a model, a
 * macro, a var, an environment variable, a deleted compiled file) compiles, with the right result.
 * Files are written more than {@link UpToDateCompile#RACY_MILLIS} before the compile that stamps,
 * as the stamp requires.
 */
class CliUpToDateCompileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir, "shop")
        .file("mds_project.yml", "name: shop\nvars:\n  currency: EUR\n")
        .file("macros/cents.sql",
            "{% macro cents(column) %}round({{ column }} / 100.0, 2){% endmacro %}\n")
        .file("models/orders.sql",
            "select 1 as id, {{ cents('250') }} as amount, '{{ var(\"currency\") }}' as cur\n")
        .file("models/totals.sql", "select sum(amount) as total from {{ ref('orders') }}\n");
  }

  private String[] compile(TempProject project, String... more) {
    List<String> args = new ArrayList<>(List.of("compile", "--project-dir", project.dir()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * Compiles with files older than the racy window over an earlier compile's target/, so the
   * compile leaves a stamp.
   */
  private static CliRun stampedCompile(TempProject project, String... args) throws Exception {
    if (!Files.exists(project.path("target/manifest.json"))) {
      mds(args).assertOk();
      assertFalse(Files.exists(stamp(project)), "a first compile leaves no stamp");
    }
    Thread.sleep(UpToDateCompile.RACY_MILLIS + 200);
    CliRun run = mds(args).assertOk();
    assertTrue(Files.isRegularFile(stamp(project)), run::describe);
    return run;
  }

  private static Path stamp(TempProject project) {
    return project.path("target/" + UpToDateCompile.FILE);
  }

  private static String compiled(TempProject project, String model) {
    return project.read("target/compiled/shop/models/" + model + ".sql").strip();
  }

  private static ObjectNode manifestWithoutTime(TempProject project) throws Exception {
    ObjectNode manifest = (ObjectNode) JSON.readTree(project.path("target/manifest.json").toFile());
    ((ObjectNode) manifest.get("metadata")).remove("generated_at");
    return manifest;
  }

  private static String generatedAt(TempProject project) throws Exception {
    return JSON.readTree(project.path("target/manifest.json").toFile()).path("metadata")
        .path("generated_at").asText();
  }

  @Test
  void nothingChangedPrintsTheSameAndLeavesTheSameFilesWithANewGenerationTime()
      throws Exception {
    TempProject project = project();
    String[] args = compile(project);
    CliRun first = stampedCompile(project, args);
    JsonNode manifest = manifestWithoutTime(project);
    String time = generatedAt(project);
    String sql = compiled(project, "totals");

    Optional<String> replayed = UpToDateCompile.replay(args);
    assertEquals(Optional.of(first.out()), replayed);
    CliRun again = mds(args).assertOk();

    assertEquals(first.out(), again.out());
    assertEquals("", again.err());
    assertEquals(manifest, manifestWithoutTime(project));
    assertNotEquals(time, generatedAt(project));
    assertEquals(sql, compiled(project, "totals"));
    assertTrue(Files.isRegularFile(stamp(project)));
    assertTrue(UpToDateCompile.replay(args).isPresent(), "still up to date after a replay");
  }

  @Test
  void aChangedModelOrMacroCompiles() throws Exception {
    TempProject project = project();
    String[] args = compile(project);
    stampedCompile(project, args);

    project.file("models/orders.sql",
        "select 2 as id, {{ cents('250') }} as amount, 'x' as cur\n");
    assertTrue(UpToDateCompile.replay(args).isEmpty());
    mds(args).assertOk();
    assertTrue(compiled(project, "orders").startsWith("select 2 as id"),
        compiled(project, "orders"));

    stampedCompile(project, args);
    project.file("macros/cents.sql",
        "{% macro cents(column) %}({{ column }} / 100){% endmacro %}\n");
    assertTrue(UpToDateCompile.replay(args).isEmpty());
    mds(args).assertOk();
    assertEquals("select 2 as id, (250 / 100) as amount, 'x' as cur", compiled(project, "orders"));
  }

  @Test
  void anotherVarOnTheCommandLineOrInTheProjectFileCompiles() throws Exception {
    TempProject project = project();
    stampedCompile(project, compile(project));

    String[] usd = compile(project, "--vars", "{currency: USD}");
    assertTrue(UpToDateCompile.replay(usd).isEmpty());
    mds(usd).assertOk();
    assertTrue(compiled(project, "orders").endsWith("'USD' as cur"), compiled(project, "orders"));

    stampedCompile(project, usd);
    assertTrue(UpToDateCompile.replay(compile(project)).isEmpty(), "the flags differ");
    project.file("mds_project.yml", "name: shop\nvars:\n  currency: GBP\n");
    String[] plain = compile(project);
    assertTrue(UpToDateCompile.replay(plain).isEmpty());
    mds(plain).assertOk();
    assertTrue(compiled(project, "orders").endsWith("'GBP' as cur"), compiled(project, "orders"));
  }

  @Test
  void aDeletedOrEditedCompiledFileOrADeletedManifestCompiles() throws Exception {
    TempProject project = project();
    String[] args = compile(project);
    stampedCompile(project, args);
    String sql = compiled(project, "totals");

    Files.delete(project.path("target/compiled/shop/models/totals.sql"));
    assertTrue(UpToDateCompile.replay(args).isEmpty());
    mds(args).assertOk();
    assertEquals(sql, compiled(project, "totals"));

    stampedCompile(project, args);
    project.file("target/compiled/shop/models/totals.sql", "select 'edited'\n");
    assertTrue(UpToDateCompile.replay(args).isEmpty());
    mds(args).assertOk();
    assertEquals(sql, compiled(project, "totals"));

    stampedCompile(project, args);
    Files.delete(project.path("target/manifest.json"));
    assertTrue(UpToDateCompile.replay(args).isEmpty());
    mds(args).assertOk();
    assertTrue(Files.isRegularFile(project.path("target/manifest.json")));
  }

  @Test
  void aNewFileInTheProjectOrAnEditWithTheSameSizeAndTimeCompiles() throws Exception {
    TempProject project = project();
    String[] args = compile(project);
    stampedCompile(project, args);

    project.file("models/extra.sql", "select 1 as x\n");
    assertTrue(UpToDateCompile.replay(args).isEmpty());
    mds(args).assertOk();
    assertEquals("select 1 as x", compiled(project, "extra"));

    stampedCompile(project, args);
    // Same length, and the old modification time put back (as cp -p or touch -r would): the
    // change time still differs.
    Path orders = project.path("models/orders.sql");
    var modified = Files.getLastModifiedTime(orders);
    String text = Files.readString(orders);
    Files.writeString(orders, text.replace("select 1 as id", "select 7 as id"));
    Files.setLastModifiedTime(orders, modified);
    assertEquals(text.length(), Files.size(orders));
    assertTrue(UpToDateCompile.replay(args).isEmpty());
    mds(args).assertOk();
    assertTrue(compiled(project, "orders").startsWith("select 7 as id"));
  }

  @Test
  void aCompileThatQueriedTheDatabaseOrLoggedLeavesNoStamp() throws Exception {
    TempProject project = project()
        .file("models/queried.sql", "{% if execute %}{% set rows = run_query('select 42') %}"
            + "{% endif %}select 1 as n\n");
    String[] args = compile(project);
    mds(args).assertOk();
    Thread.sleep(UpToDateCompile.RACY_MILLIS + 200);
    mds(args).assertOk();
    assertFalse(Files.exists(stamp(project)));
    assertTrue(UpToDateCompile.replay(args).isEmpty());

    Files.delete(project.path("models/queried.sql"));
    project.file("models/logged.sql", "{{ log('hello', info=true) }}select 1 as n\n");
    Thread.sleep(UpToDateCompile.RACY_MILLIS + 200);
    CliRun logged = mds(args).assertOk();
    assertTrue(logged.out().contains("hello"), logged::describe);
    assertFalse(Files.exists(stamp(project)));
  }

  @Test
  void aModelReadingTheInvocationGetsThisCommandsValuesAndLeavesNoStamp() throws Exception {
    TempProject project = project()
        .file("models/loaded.sql", "select '{{ invocation_id }}' as loaded_by\n");
    String[] args = compile(project);
    mds(args).assertOk();
    String first = compiled(project, "loaded");
    Thread.sleep(UpToDateCompile.RACY_MILLIS + 200);
    mds(args).assertOk();
    assertFalse(Files.exists(stamp(project)));
    assertFalse(first.equals(compiled(project, "loaded")), first);
  }

  @Test
  void anotherEnvironmentVariableValueCompiles() throws Exception {
    TempProject project = project()
        .file("models/region.sql", "select '{{ env_var(\"SHOP_REGION\", \"none\") }}' as r\n");
    compileInChild(project, Map.of("SHOP_REGION", "north"));
    Thread.sleep(UpToDateCompile.RACY_MILLIS + 200);

    String first = compileInChild(project, Map.of("SHOP_REGION", "north"));
    assertTrue(Files.isRegularFile(stamp(project)), first);
    assertEquals("select 'north' as r", compiled(project, "region"));
    assertEquals(first, compileInChild(project, Map.of("SHOP_REGION", "north")));
    assertEquals("select 'north' as r", compiled(project, "region"));

    assertEquals(first, compileInChild(project, Map.of("SHOP_REGION", "south")));
    assertEquals("select 'south' as r", compiled(project, "region"));
  }

  @Test
  void theShellsOwnVariablesDoNotDefeatTheStamp() throws Exception {
    TempProject project = project()
        .file("models/region.sql", "select '{{ env_var(\"SHOP_REGION\", \"none\") }}' as r\n");
    // MDS_TIMINGS (the same in every run, so part of the same key) tells a replay from a compile.
    compileInChild(project, Map.of("OLDPWD", "/first", "_", "/usr/bin/env", "MDS_TIMINGS", "1"));
    Thread.sleep(UpToDateCompile.RACY_MILLIS + 200);
    String first = compileInChild(project,
        Map.of("OLDPWD", "/first", "_", "/usr/bin/env", "MDS_TIMINGS", "1"));
    assertTrue(Files.isRegularFile(stamp(project)), first);
    assertFalse(first.contains(REPLAYED), first);

    // Another previous folder and another wrapper: the same compile, replayed.
    String again = compileInChild(project,
        Map.of("OLDPWD", "/second", "_", "/bin/sh", "MDS_TIMINGS", "1"));
    assertTrue(again.contains(REPLAYED), again);
    assertEquals(printed(first), printed(again));

    // Any other variable is still part of the key: a compile.
    String other = compileInChild(project,
        Map.of("OLDPWD", "/second", "UNRELATED", "x", "MDS_TIMINGS", "1"));
    assertFalse(other.contains(REPLAYED), other);
    assertEquals(printed(first), printed(other));
  }

  /** The lap MDS_TIMINGS prints when a compile's output is replayed from its stamp. */
  private static final String REPLAYED = "[timings] up to date: the last compile's output";

  /** What a compile printed, less MDS_TIMINGS' lines. */
  private static String printed(String output) {
    return output.lines().filter(line -> !line.startsWith("[timings]"))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  /** {@code mds compile} in a JVM of its own, with {@code env} added to this one's. */
  private String compileInChild(TempProject project, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dslf4j.internal.verbosity=ERROR", "-cp", System.getProperty("java.class.path"),
        Mds.class.getName(), "compile", "--project-dir", project.dir())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
