package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mds.TempProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFilesTest {

  @TempDir
  Path dir;

  private List<String> relative(List<Path> files) {
    return files.stream().map(f -> dir.relativize(f).toString().replace('\\', '/')).toList();
  }

  @Test
  void eachKindIsFoundInEveryFolderSortedAndOnlyThatKind() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/staging/stg_b.sql", "select 1")
        .file("models/staging/stg_a.sql", "select 1")
        .file("models/orders.sql", "select 1")
        .file("models/schema.yml", "version: 2")
        .file("models/more.yaml", "version: 2")
        .file("models/overview.md", "{% docs x %}x{% enddocs %}")
        .file("models/notes.txt", "not a model")
        .file("models/.hidden/h.sql", "select 1")
        .file("models/deep/er/still.sql", "select 1")
        .file("seeds/markets.csv", "market\nuk\n");
    ProjectFiles files = new ProjectFiles(project.load());

    assertEquals(List.of("models/.hidden/h.sql", "models/deep/er/still.sql", "models/orders.sql",
        "models/staging/stg_a.sql", "models/staging/stg_b.sql"), relative(files.models()));
    assertEquals(List.of("models/more.yaml", "models/schema.yml"), relative(files.schemaFiles()));
    assertEquals(List.of("models/overview.md"), relative(files.docs()));
    assertEquals(List.of("seeds/markets.csv"), relative(files.seeds()));
  }

  @Test
  void aFolderNamedLikeAModelIsTakenForOneAndReadingItFailsWithItsName() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/odd.sql/inner.sql", "select 1")
        .file("models/orders.sql", "select 1");

    dev.mds.MdsException error = org.junit.jupiter.api.Assertions.assertThrows(
        dev.mds.MdsException.class, () -> dev.mds.compile.ProjectParser.parse(project.load()));

    String message = error.getMessage().replace('\\', '/');
    org.junit.jupiter.api.Assertions.assertTrue(
        message.startsWith("models/odd.sql") && message.contains("cannot read file"), message);
  }

  @Test
  void linksToFilesCountAndAnEditorsBrokenLockLinkDoesNot() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("elsewhere/shared.sql", "select 1")
        .file("models/orders.sql", "select 1");
    try {
      Files.createSymbolicLink(dir.resolve("models/shared.sql"),
          dir.resolve("elsewhere/shared.sql"));
      // Emacs's lock file: a hidden link to a name that does not exist.
      Files.createSymbolicLink(dir.resolve("models/.#orders.sql"), Path.of("me@host.123"));
    } catch (UnsupportedOperationException | java.io.IOException noLinks) {
      org.junit.jupiter.api.Assumptions.abort("this file system has no symbolic links");
    }
    ProjectFiles files = new ProjectFiles(project.load());

    assertEquals(List.of("models/orders.sql", "models/shared.sql"), relative(files.models()));
  }

  @Test
  void propertyYamlIsReadFromEveryResourcePathAndTestSqlIsStillSortedIntoItsKind() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders.sql", "select 1")
        .file("models/schema.yml", "version: 2")
        .file("seeds/seeds.yml", "version: 2")
        .file("snapshots/snapshots.yml", "version: 2")
        .file("analyses/analyses.yml", "version: 2")
        .file("macros/macros.yml", "version: 2")
        .file("macros/money.sql", "{% macro m() %}1{% endmacro %}")
        .file("tests/schema.yml", "version: 2")
        .file("tests/assert_positive.sql", "select 1 where false")
        .file("tests/generic/is_even.sql", "{% test is_even(model, column_name) %}1{% endtest %}")
        .file("tests/generic/generic.yml", "version: 2");
    ProjectFiles files = new ProjectFiles(project.load());

    assertEquals(List.of("analyses/analyses.yml", "macros/macros.yml", "models/schema.yml",
        "seeds/seeds.yml", "snapshots/snapshots.yml", "tests/generic/generic.yml",
        "tests/schema.yml"), relative(files.schemaFiles()));
    assertEquals(List.of("tests/assert_positive.sql"), relative(files.singularTests()));
    assertEquals(List.of("macros/money.sql", "tests/generic/is_even.sql"),
        relative(files.macros()));
    assertEquals(List.of("models/orders.sql"), relative(files.models()));
  }

  @Test
  void customTestAndSnapshotPathsAreRead() {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\ntest-paths: [checks]\nsnapshot-paths: [snaps]\n")
        .file("checks/props.yml", "version: 2")
        .file("snaps/props.yml", "version: 2")
        .file("tests/ignored.yml", "version: 2");
    ProjectFiles files = new ProjectFiles(project.load());

    assertEquals(List.of("checks/props.yml", "snaps/props.yml"), relative(files.schemaFiles()));
  }
}
