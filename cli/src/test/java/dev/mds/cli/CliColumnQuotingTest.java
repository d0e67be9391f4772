package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column names from schema YAML in generic tests' SQL: a name that is not a plain identifier is
 * quoted (quotes doubled), so it is a column and never SQL; plain names read as written;
 * {@code quote: true} quotes, {@code quote: false} passes an expression as in dbt.
 */
class CliColumnQuotingTest {

  private static final String INJECTION = "x\"); drop table keep; --";

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir.resolve("shop"), "shop")
        .file("models/keep.sql", "select 1 as id\n")
        .file("models/odd.sql", """
            select 1 as id, 2 as "a""b", 3 as "order date", 4 as "x""); drop table keep; --",
              null as a, 5 as b
            """);
  }

  private static String compiledTests(TempProject project) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(project.path("target/compiled"))) {
      for (Path file : files.filter(f -> f.toString().contains("schema.yml")
          && Files.isRegularFile(f)).toList()) {
        all.append(Files.readString(file)).append('\n');
      }
    }
    return all.toString();
  }

  @Test
  void namesThatAreNotPlainIdentifiersAreQuotedInEveryBuiltInTest() throws IOException {
    TempProject project = project().file("models/schema.yml", """
        models:
          - name: odd
            config:
              grain: ['a"b', "order date"]
            columns:
              - name: id
                tests: [not_null, unique]
              - name: 'a"b'
                tests:
                  - not_null
                  - unique
                  - accepted_values: {values: [2], quote: false}
                  - relationships: {to: ref('odd'), field: '"a""b"'}
              - name: order date
                tests: [not_null, unique]
              - name: 'x"); drop table keep; --'
                tests: [not_null, unique, {accepted_values: {values: ['4']}}]
              - name: coalesce(a, b)
                quote: false
                tests: [not_null]
              - name: B
                quote: true
                tests: [not_null]
        """);

    CliRun build = mds("build", "--project-dir", project.dir()).assertOk();

    assertTrue(build.out().contains("PASS=16"), build::describe);
    Path database = project.path("shop.duckdb");
    assertEquals(List.of("1"), DuckDbFile.rows(database, "select id from keep"));
    String sql = compiledTests(project);
    assertTrue(sql.contains("where \"a\"\"b\" is null"), sql);
    assertTrue(sql.contains("where \"order date\" is null"), sql);
    assertTrue(sql.contains("where \"x\"\"); drop table keep; --\" is null"), sql);
    assertTrue(sql.contains("where coalesce(a, b) is null"), sql);
    assertTrue(sql.contains("where \"B\" is null"), sql);
    // Plain names read as dbt writes them.
    assertTrue(sql.contains("where id is null"), sql);
  }

  @Test
  void anInjectionInAColumnNameOnlyNamesAColumnThatIsNotThere() {
    TempProject project = project().file("models/schema.yml", """
        models:
          - name: keep
            columns:
              - name: 'id"); drop table keep; --'
                tests: [not_null]
        """);

    CliRun build = mds("build", "--project-dir", project.dir());

    assertEquals(1, build.exitCode(), build::describe);
    assertTrue(build.out().contains("id\"); drop table keep; --"), build::describe);
    assertTrue(build.out().toLowerCase().contains("not found"), build::describe);
    assertEquals(List.of("1"), DuckDbFile.rows(project.path("shop.duckdb"), "select id from keep"));
  }

  @Test
  void aQuoteThatIsNotABooleanIsAnErrorNamingTheFile() {
    TempProject project = project().file("models/schema.yml", """
        models:
          - name: keep
            columns:
              - name: id
                quote: maybe
                tests: [not_null]
        """);

    mds("build", "--project-dir", project.dir())
        .assertProjectError("models/schema.yml", "column 'id': quote must be true or false");
    assertTrue(!Files.exists(project.path("shop.duckdb")), "nothing was built");
  }

  @Test
  void quoteColumnsInUniqueCombinationOfColumnsQuotesThem() {
    TempProject project = project().file("models/schema.yml", """
        models:
          - name: odd
            tests:
              - unique_combination_of_columns:
                  combination_of_columns: ['a"b', 'order date']
                  quote_columns: true
        """);

    mds("build", "--project-dir", project.dir()).assertOk();
  }
}
