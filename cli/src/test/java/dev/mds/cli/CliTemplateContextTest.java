package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt's context functions end to end: log() on the console and in logs/mds.log, raised errors. */
class CliTemplateContextTest {

  @TempDir
  Path dir;

  @Test
  void aCompilerErrorRaisedInAMacroExitsTwoNamingTheMacrosFileAndLine() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/checks.sql", """
            {% macro positive(x) %}
              {% if x <= 0 %}
                {{ exceptions.raise_compiler_error('bad input') }}
              {% endif %}
              {{ x }}
            {% endmacro %}
            """)
        .file("models/orders.sql", "select {{ positive(0) }} as n\n");

    String line = mds("run", "--project-dir", project.dir())
        .assertProjectError("macros/checks.sql:3", "bad input");
    assertEquals("Error: macros/checks.sql:3: bad input", line);
  }

  @Test
  void logWithInfoShowsOnTheConsoleAndEveryLogLineIsInTheLogFile() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/say.sql", """
            {% macro say() %}
              {% do log('hello', info=True) %}
              {% do log('only in the file') %}
            {% endmacro %}
            """)
        .file("models/orders.sql", "{{ say() }}select 1 as n\n");

    CliRun run = mds("run", "--project-dir", project.dir());
    assertEquals(Mds.OK, run.exitCode(), run::toString);
    assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d  hello$").matcher(run.out()).find(),
        run.out());
    assertTrue(!run.out().contains("only in the file"), run.out());
    String log = Files.readString(dir.resolve("logs/mds.log"));
    assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d  hello$").matcher(log).find(), log);
    assertTrue(log.contains("  only in the file"), log);
  }

  @Test
  void compileLogsToo() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders.sql", "{{ log('compiling ' ~ flags.WHICH, info=True) }}"
            + "{{ print('printed') }}select 1 as n\n");

    CliRun run = mds("compile", "--project-dir", project.dir());
    assertEquals(Mds.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("  compiling compile\n"), run.out());
    assertTrue(run.out().contains("\nprinted\n") || run.out().startsWith("printed\n"), run.out());
    assertTrue(Files.readString(dir.resolve("logs/mds.log")).contains("  compiling compile"));
  }

  @Test
  void docsGenerateLogsAsCompileDoesAndWritesTheCompiledSql() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders.sql", "{{ log('compiling ' ~ flags.WHICH, info=True) }}"
            + "select 1 as n\n");

    CliRun run = mds("docs", "generate", "--project-dir", project.dir());
    assertEquals(Mds.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("  compiling generate\n"), run.out());
    assertEquals("select 1 as n",
        project.read("target/compiled/shop/models/orders.sql").strip());
  }

  @Test
  void flagsReflectTheCommandLine() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders.sql", "{{ log('full_refresh=' ~ flags.FULL_REFRESH ~ ' which='"
            + " ~ flags.WHICH ~ ' version=' ~ (dbt_version | length > 0), info=True) }}"
            + "select 1 as n\n");

    CliRun run = mds("build", "--project-dir", project.dir(), "--full-refresh");
    assertEquals(Mds.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("full_refresh=true which=build version=true"), run.out());
  }

  @Test
  void modelsLoggingInParallelLoseNoLine() throws Exception {
    TempProject project = TempProject.named(dir, "shop");
    for (int i = 0; i < 12; i++) {
      project.file("models/m" + i + ".sql", "{{ log('model " + i + " says hi', info=True) }}"
          + "select " + i + " as n\n");
    }

    CliRun run = mds("run", "--project-dir", project.dir(), "--threads", "4");
    assertEquals(Mds.OK, run.exitCode(), run::toString);
    String log = Files.readString(dir.resolve("logs/mds.log"));
    for (int i = 0; i < 12; i++) {
      Pattern line = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d  model " + i + " says hi$");
      assertTrue(line.matcher(run.out()).find(), run.out());
      assertTrue(line.matcher(log).find(), log);
    }
  }

  @Test
  void queryResultsAreAgateTablesHoldingPythonDates() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/dated.sql", """
            {% set t = run_query("select date '2024-01-05' as d, timestamp '2024-01-05 14:00:00' as ts, 7 as n") %}
            {% set parts = [] %}
            {% if execute %}
              {% for name, column in t.columns.items() %}{% do parts.append(name ~ '=' ~ column.values()[0]) %}{% endfor %}
              {% do parts.append(t.columns['d'].values()[0].strftime('%d/%m')) %}
              {% do parts.append(t.columns.keys() | join('+')) %}
              {% do parts.append(t[0].values() | length) %}
            {% endif %}
            select '{{ parts | join(' ') }}' as parts
            """);

    mds("run", "--project-dir", project.dir()).assertOk();

    // Python prints a datetime without JDBC's trailing ".0".
    assertEquals(java.util.List.of("d=2024-01-05 ts=2024-01-05 14:00:00 n=7 05/01 d+ts+n 3"),
        DuckDbFile.rows(dir.resolve("shop.duckdb"), "select parts from main.dated"));
  }

  @Test
  void aModelThatReadsTheDatabaseBuildsAgainOnTheDatabaseItBuilt() {
    // The partial-key join check before a run renders such a model offline (it reads a model
    // with a two-column key), reading the target read-only; that connection must be closed
    // before the run opens the file to write.
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "id,amount\n1,10\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: orders
                tests:
                  - unique_combination_of_columns:
                      combination_of_columns: [id, amount]
            """)
        .file("models/columns.sql", """
            {% set cols = adapter.get_columns_in_relation(ref('orders')) %}
            select {{ cols | length }} as n_columns
            """);

    mds("build", "--project-dir", project.dir()).assertOk();
    mds("build", "--project-dir", project.dir()).assertOk();

    assertEquals(java.util.List.of("2"),
        DuckDbFile.rows(dir.resolve("shop.duckdb"), "select n_columns from main.columns"));
  }

  @Test
  void aModelKnowsItsPackageWhileItIsParsed() {
    // dbt_utils.surrogate_key's parse-time error names "<package>.<model>".
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders.sql", "{{ exceptions.raise_compiler_error('in ' ~ model.package_name"
            + " ~ '.' ~ model.name) }}\n");
    mds("compile", "--project-dir", project.dir()).assertProjectError("in shop.orders");
  }
}
