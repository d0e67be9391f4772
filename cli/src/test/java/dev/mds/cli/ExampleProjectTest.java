package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds compile --project-dir example-project} works on a copy of the shipped example. */
class ExampleProjectTest {

  @TempDir
  Path dir;

  /** The example project: {@code ../example-project} under Maven (working dir cli/). */
  private static Path exampleProject() {
    for (Path candidate : List.of(Path.of("..", "example-project"), Path.of("example-project"))) {
      if (Files.isRegularFile(candidate.resolve("mds_project.yml"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new AssertionError("example-project not found from " + Path.of("").toAbsolutePath());
  }

  private static List<Path> sqlFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
  }

  @Test
  void exampleProjectCompilesWithEveryTemplateResolved() throws Exception {
    Path example = exampleProject();
    Path copy = dir.resolve("example-project");
    TempProject.copy(example, copy);
    deleteTree(copy.resolve("target"));

    CliRun run = mds("compile", "--project-dir", copy.toString()).assertOk();

    List<Path> compiled = sqlFiles(copy.resolve("target/compiled"));
    // Data tests compile into a folder named after their YAML file, as in dbt.
    List<Path> models = compiled.stream()
        .filter(p -> !p.getParent().getFileName().toString().endsWith(".yml")).toList();
    assertEquals(sqlFiles(example.resolve("models")).size(), models.size(), run::describe);
    assertFalse(compiled.isEmpty());
    for (Path file : compiled) {
      String sql = Files.readString(file);
      assertFalse(sql.contains("{{"), file + " still has {{:\n" + sql);
      assertFalse(sql.contains("{%"), file + " still has {%:\n" + sql);
      assertFalse(sql.contains("ref("), file + " still has ref(:\n" + sql);
      assertFalse(sql.contains("source("), file + " still has source(:\n" + sql);
    }
    assertTrue(Files.isRegularFile(copy.resolve("target/manifest.json")));
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
