package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mds compile} writes its SQL files on a thread of its own while the partial-key check
 * runs (issue 25): every file is there when the command returns, an unchanged file is left alone,
 * a changed one is rewritten, and a file that cannot be written is a one-line error.
 */
class CliCompileFilesTest {

  @TempDir
  Path dir;

  private TempProject project() {
    TempProject project = TempProject.named(dir, "shop");
    for (int i = 0; i < 40; i++) {
      project.file("models/m" + i + ".sql", i == 0 ? "select 1 as id\n"
          : "select id from {{ ref('m" + (i - 1) + "') }}\n");
    }
    return project.file("models/schema.yml", """
        models:
          - name: m0
            columns:
              - name: id
                tests: [unique, not_null]
        """);
  }

  private static Path compiled(TempProject project, String file) {
    return project.path("target/compiled/shop/" + file);
  }

  @Test
  void everyFileIsWrittenBeforeTheCommandReturnsAndOnlyChangedOnesAreRewritten()
      throws Exception {
    TempProject project = project();

    mds("compile", "--project-dir", project.dir()).assertOk();

    for (int i = 0; i < 40; i++) {
      assertTrue(Files.isRegularFile(compiled(project, "models/m" + i + ".sql")), "m" + i);
    }
    assertEquals("select id from \"main\".\"m38\"",
        Files.readString(compiled(project, "models/m39.sql")).strip());
    assertTrue(Files.isRegularFile(
        compiled(project, "models/schema.yml/unique_m0_id.sql")));
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(compiled(project, "models/m5.sql"), old);
    Files.setLastModifiedTime(compiled(project, "models/m6.sql"), old);
    project.file("models/m6.sql", "select id, 2 as two from {{ ref('m5') }}\n");

    mds("compile", "--project-dir", project.dir()).assertOk();

    assertEquals(old, Files.getLastModifiedTime(compiled(project, "models/m5.sql")));
    assertEquals("select id, 2 as two from \"main\".\"m5\"",
        Files.readString(compiled(project, "models/m6.sql")).strip());
  }

  @Test
  void aFileThatCannotBeWrittenIsOneLineNamingIt() throws Exception {
    TempProject project = project();
    // A folder where the compiled file of m7 must go: writing it fails.
    Files.createDirectories(compiled(project, "models/m7.sql"));
    Files.writeString(compiled(project, "models/m7.sql").resolve("keep"), "x");

    mds("compile", "--project-dir", project.dir())
        .assertProjectError("Cannot write", "m7.sql");

    assertTrue(Files.isRegularFile(compiled(project, "models/m8.sql")));
  }
}
