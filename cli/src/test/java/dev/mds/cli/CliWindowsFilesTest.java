package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.FileInUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a project written on Windows brings along, checked from here: CRLF line ends in every
 * file, non-ASCII file names, Windows paths in YAML, and files that another program holds open.
 */
class CliWindowsFilesTest {

  @TempDir
  Path dir;

  private static Path exampleProject() {
    for (Path candidate : List.of(Path.of("..", "example-project"), Path.of("example-project"))) {
      if (Files.isRegularFile(candidate.resolve("mds_project.yml"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new AssertionError("example-project not found from " + Path.of("").toAbsolutePath());
  }

  /** The example project without what a local build left, every text file's lines ending as asked. */
  private Path copy(String name, boolean crlf) throws IOException {
    Path source = exampleProject();
    Path copy = dir.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : files.toList()) {
        String relative = source.relativize(from).toString();
        if (relative.startsWith("target") || relative.startsWith("logs")
            || relative.startsWith("dbt_packages") || relative.contains(".duckdb")) {
          continue;
        }
        Path to = copy.resolve(relative);
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else if (crlf && relative.matches(".*\\.(sql|yml|yaml|csv|md)")) {
          // Byte for byte (some seeds are Latin-1): only the line ends change.
          Files.writeString(to, Files.readString(from, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
              .replace("\n", "\r\n"), StandardCharsets.ISO_8859_1);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return copy;
  }

  @Test
  void theExampleProjectWithCrlfLineEndsEverywhereBuildsTheSameTables() throws IOException {
    Path unix = copy("unix", false);
    Path windows = copy("windows", true);
    assertTrue(Files.readString(windows.resolve("profiles.yml")).contains("\r\n"));

    mds("build", "--project-dir", unix.toString()).assertOk();
    CliRun run = mds("build", "--project-dir", windows.toString()).assertOk();

    Path a = unix.resolve("retail.duckdb");
    Path b = windows.resolve("retail.duckdb");
    List<String> relations = DuckDbFile.relations(a);
    assertEquals(relations, DuckDbFile.relations(b), run::describe);
    int compared = 0;
    for (String relation : relations) {
      String name = relation.substring(0, relation.indexOf(':'));
      if (name.startsWith("information_schema") || name.startsWith("pg_catalog")) {
        continue;
      }
      String[] parts = name.split("\\.", 2);
      String sql = "select * from \"" + parts[0] + "\".\"" + parts[1] + "\" order by all";
      List<String> rowsA = withoutLoadTimes(DuckDbFile.rows(a, sql));
      List<String> rowsB = withoutLoadTimes(DuckDbFile.rows(b, sql));
      assertEquals(rowsA, rowsB, name);
      assertFalse(rowsB.stream().anyMatch(r -> r.contains("\r")), name + " holds a carriage return");
      compared++;
    }
    assertTrue(compared >= 10, relations::toString);
    // The compiled SQL and the manifest describe the same project.
    assertEquals(Files.exists(unix.resolve("target/manifest.json")),
        Files.exists(windows.resolve("target/manifest.json")));
  }

  /**
   * Snapshot and audit columns hold the time of the build, and snapshot ids hash it: the two
   * builds differ there alone.
   */
  private static List<String> withoutLoadTimes(List<String> rows) {
    List<String> kept = new ArrayList<>();
    for (String row : rows) {
      kept.add(row.replaceAll("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?", "T")
          .replaceAll("\\b[0-9a-f]{32}\\b", "H"));
    }
    kept.sort(null);
    return kept;
  }

  @Test
  void fileAndFolderNamesWithNonAsciiLettersBuild() {
    TempProject project = TempProject.named(dir.resolve("bäckerei"), "baeckerei")
        .file("seeds/brötchen_sorten.csv", "sorte,preis\nKörnerbrötchen,0.85\nLaugenbrezel,0.95\n")
        .file("models/überblick/günstige_brötchen.sql",
            "select sorte from {{ ref('brötchen_sorten') }} where preis < 0.9\n")
        .file("models/überblick/schema.yml", """
            models:
              - name: günstige_brötchen
                columns:
                  - name: sorte
                    tests: [not_null, unique]
            """);

    CliRun run = mds("build", "--project-dir", project.dir().toString()).assertOk();

    assertTrue(run.out().contains("günstige_brötchen"), run::describe);
    assertEquals(List.of("Körnerbrötchen"), DuckDbFile.rows(project.path("baeckerei.duckdb").toAbsolutePath(),
        "select sorte from main.\"günstige_brötchen\""));
    assertTrue(Files.isRegularFile(project.path("target/compiled/baeckerei/models/überblick/günstige_brötchen.sql")));
    mds("ls", "--project-dir", project.dir().toString(), "-s", "path:models\\überblick").assertOk();
  }

  @Test
  void aWindowsPathInDoubleQuotesSaysHowToWriteIt() {
    TempProject project = TempProject.named(dir.resolve("p"), "p")
        .file("models/one.sql", "select 1 as id\n")
        .file("profiles.yml", "p:\r\n  outputs:\r\n    dev:\r\n      type: duckdb\r\n"
            + "      path: \"C:\\Users\\ana\\p.duckdb\"\r\n");

    String error = mds("build", "--project-dir", project.dir().toString())
        .assertProjectError("profiles.yml:5", "single quotes");

    assertTrue(error.contains("forward slashes"), error);
  }

  @Test
  void aFileAnotherProgramHoldsOpenIsNamedWithWhatToDo() {
    Path export = Path.of("exports", "for_excel.csv");

    String windows = FileInUse.describe(new FileSystemException(".for_excel.csv.mds-new-1",
        export.toString(), "The process cannot access the file because it is being used by another process"),
        export);
    String denied = FileInUse.describe(new AccessDeniedException(export.toString()), export);

    for (String message : List.of(windows, denied)) {
      assertTrue(message.startsWith(export + " cannot be replaced or deleted: another program has it open"),
          message);
      assertTrue(message.contains("close it"), message);
    }
  }

  @Test
  void anExportOverAFolderSaysSoAndKeepsTheFolder() throws IOException {
    TempProject project = TempProject.named(dir.resolve("x"), "x")
        .file("models/feed.sql", """
            {{ config(materialized='external', location='exports/feed.csv') }}
            select 1 as id
            """)
        .file("exports/feed.csv/keep.txt", "not mds's");

    CliRun run = mds("build", "--project-dir", project.dir().toString());

    // Linux says "Is a directory", Windows that the folder is not empty: either way, named.
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("export to exports" + java.io.File.separator + "feed.csv failed, the previous file is unchanged: "
        + project.path("exports/feed.csv").toAbsolutePath()), run::describe);
    assertFalse(run.out().contains("Exception"), run::describe);
    assertTrue(Files.exists(project.path("exports/feed.csv/keep.txt")));
  }
}
