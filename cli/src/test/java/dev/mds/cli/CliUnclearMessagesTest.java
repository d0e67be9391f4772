package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 10's remaining messages: a macro called with too few arguments, a file name that
 * is not UTF-8, and a misspelt model path behind a doc() error are each one line naming the
 * cause, exit 2, and the tables of the last good build stay as they were.
 */
class CliUnclearMessagesTest {

  @TempDir
  Path dir;

  private static final String MACROS = """
      {% macro add(a, b) %}{{ a }} + {{ b }}{% endmacro %}
      {% macro times(a, b) %}{{ return(adapter.dispatch('times')(a, b)) }}{% endmacro %}
      {% macro default__times(a, b) %}{{ a }} * {{ b }}{% endmacro %}
      """;

  private TempProject built() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/arith.sql", MACROS)
        .file("models/sums.sql", "{{ config(materialized='table') }}\nselect\n"
            + "  {{ add(1, 2) }} as s,\n  {{ times(2, 3) }} as p\n");
    mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("3|6"), sums(project));
    return project;
  }

  private static List<String> sums(TempProject project) {
    return DuckDbFile.rows(project.path("shop.duckdb"), "select s, p from sums");
  }

  @Test
  void aMacroCalledWithTooFewArgumentsNamesTheMacroTheArgumentAndTheCall() {
    TempProject project = built();
    project.file("models/sums.sql", "{{ config(materialized='table') }}\nselect\n"
        + "  {{ add(1) }} as s,\n  {{ times(2, 3) }} as p\n");

    String line = mds("build", "--project-dir", project.dir()).assertProjectError(
        "models/sums.sql:3", "macro 'add'", "without its argument 'b'", "macros/arith.sql:1");

    assertFalse(line.contains("Binder") || line.contains("Parser Error"), line);
    assertEquals(List.of("3|6"), sums(project));
  }

  /** dbt's dispatch pattern passes the missing argument on: the first call is still named. */
  @Test
  void anArgumentMissingBeforeADispatchIsNamedAtTheFirstCall() {
    TempProject project = built();
    project.file("models/sums.sql", "{{ config(materialized='table') }}\nselect\n"
        + "  {{ add(1, 2) }} as s,\n  {{ times(2) }} as p\n");

    mds("run", "--project-dir", project.dir()).assertProjectError(
        "models/sums.sql:4", "macro 'times'", "without its argument 'b'", "macros/arith.sql:3");
    assertEquals(List.of("3|6"), sums(project));
  }

  /**
   * Real packages leave optional parameters without a default and test them: undefined is false,
   * not defined, none (as mds had it), takes a default filter and can be passed on.
   */
  @Test
  void optionalArgumentsWithoutDefaultsStillWork() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/opt.sql", """
            {% macro is_none(a, b) %}{% if b is none %}{{ a }}{% else %}{{ a }} + {{ b }}{% endif %}{% endmacro %}
            {% macro is_defined(a, b) %}{% if b is defined %}{{ b }}{% else %}{{ a }}{% endif %}{% endmacro %}
            {% macro truthy(a, b) %}{% if b %}{{ b }}{% else %}{{ a }}{% endif %}{% endmacro %}
            {% macro defaulted(a, b) %}{{ a }} + {{ b | default(10) }}{% endmacro %}
            {% macro passed_on(a, b) %}{{ inner(a, b) }}{% endmacro %}
            {% macro inner(a, b=none) %}{{ a if b is none else b }}{% endmacro %}
            """)
        .file("models/opts.sql", "select {{ is_none(1) }} as n, {{ is_defined(2) }} as d,"
            + " {{ truthy(3) }} as t, {{ defaulted(4) }} as f, {{ passed_on(5) }} as p\n");
    mds("run", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("1|2|3|14|5"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select n, d, t, f, p from opts"));
  }

  /** A name written in Latin-1 from a shell: Java lists it but cannot open it by that name. */
  @Test
  void aFileNameThatIsNotUtf8IsNamedWithItsFolder() throws Exception {
    TempProject project = built();
    Process latin1 = new ProcessBuilder("sh", "-c",
        "printf 'select 1 as x\\n' > \"models/caf$(printf '\\351').sql\"")
        .directory(project.root().toFile()).inheritIO().start();
    assertEquals(0, latin1.waitFor());
    try (var names = Files.list(project.path("models"))) {
      assertEquals(2, names.count(), "the Latin-1 file was not created");
    }

    String line = mds("build", "--project-dir", project.dir()).assertProjectError("models: ",
        "the file name 'caf?.sql' is not valid", "rename it");

    assertFalse(line.contains("does not exist"), line);
    assertEquals(List.of("3|6"), sums(project));
  }

  @Test
  void aMisspeltModelPathIsNamedWhereADocBlockIsNotFound() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\nmodel-paths: ['modelz']\n")
        .file("models/docs.md", "{% docs ids %}The id{% enddocs %}\n")
        .file("seeds/s.csv", "id\n1\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: s
                description: "{{ doc('ids') }}"
            """);

    mds("build", "--project-dir", project.dir()).assertProjectError("seeds/schema.yml",
        "doc('ids')", "model-paths names 'modelz', which does not exist");
  }

  // Found by CliBadInputFuzzTest.

  /** A source file read through location: that gained a row with more values than the header. */
  @Test
  void aCsvSourceRowWithTooManyValuesNamesTheFileAndLine() {
    TempProject project = TempProject.named(dir, "shop")
        .file("data/visits.csv", "customer_id,pages\n1,3\n2,7\n")
        .file("models/sources.yml", """
            sources:
              - name: web
                tables:
                  - name: visits
                    config:
                      location: 'data/visits.csv'
            """)
        .file("models/pages.sql", "{{ config(materialized='table') }}\n"
            + "select sum(pages) as pages from {{ source('web', 'visits') }}\n");
    mds("build", "--project-dir", project.dir()).assertOk();
    project.file("data/visits.csv", "customer_id,pages\n1,3\n2,7,5,5\n");

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("data/visits.csv:3: Expected Number of Columns"),
        run::describe);
    assertFalse(run.out().contains("sniffing"), run::describe);
    assertEquals(List.of("10"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select pages from pages"));
  }

  @Test
  void aProfilePathNamingAFolderSaysSo() {
    TempProject project = TempProject.named(dir, "shop")
        .file("data/keep.txt", "x\n")
        .file("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
            + "      path: data\n")
        .file("models/one.sql", "select 1 as x\n");

    String line = mds("run", "--project-dir", project.dir()).assertProjectError("profiles.yml",
        "shop.outputs.dev.path 'data' is a folder");
    assertFalse(line.contains("Is a directory"), line);
  }

  /** dbt takes column_types (and meta, docs, grants, ...) only as a mapping. */
  @Test
  void aColumnTypesThatIsNotAMappingNamesTheProjectFile() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\nseeds:\n  shop:\n    +column_types: 5\n")
        .file("seeds/s.csv", "id\n1\n");

    mds("seed", "--project-dir", project.dir()).assertProjectError("dbt_project.yml",
        "'+column_types: 5': column_types must be a mapping");
    assertFalse(Files.exists(project.path("shop.duckdb")));
  }

  @Test
  void anUnclosedMacroTestOrDocsBlockNamesTheFileAndTheMissingEndTag() {
    for (String tag : List.of("macro m()", "test t(model)", "docs d", "materialization m")) {
      String word = tag.substring(0, tag.indexOf(' '));
      TempProject project = TempProject.named(dir.resolve(word), "shop")
          .file("macros/open.sql", "{% " + tag + " %}\nx\n")
          .file("models/one.sql", "select 1 as x\n");
      mds("compile", "--project-dir", project.dir()).assertProjectError("macros/open.sql",
          "Missing {% end" + word + " %} for the {% " + word + " %} on line 1");
    }
  }

  /** model-paths: 5 read as no folder at all built a project of no models and said OK. */
  @Test
  void aModelPathsThatIsNotAListNamesTheProjectFile() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\nmodel-paths: 5\n")
        .file("models/one.sql", "select 1 as x\n");

    mds("build", "--project-dir", project.dir()).assertProjectError("dbt_project.yml",
        "'model-paths: 5' must be a list of folders");
  }

  @Test
  void aProfilePathThatIsAListNamesProfilesYml() {
    TempProject project = TempProject.named(dir, "shop")
        .file("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
            + "      path: [a, b]\n")
        .file("seeds/s.csv", "id\n1\n");

    mds("seed", "--project-dir", project.dir()).assertProjectError("profiles.yml",
        "shop.outputs.dev.path must be the DuckDB file's path");
    assertFalse(Files.exists(project.path("[a, b]")));
  }

  @Test
  void aModelsConfigThatIsNotAMappingNamesTheProjectFile() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\nmodels: [a]\n")
        .file("models/one.sql", "select 1 as x\n");

    mds("seed", "--project-dir", project.dir()).assertProjectError("dbt_project.yml",
        "'models:' must be a mapping");
  }
}
