package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    // Data tests compile into a folder named after their YAML file, as in dbt; singular tests
    // under tests/.
    List<Path> models = compiled.stream()
        .filter(p -> p.startsWith(copy.resolve("target/compiled/retail/models")))
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

  /** A copy of the example project without anything a local build left behind. */
  private Path freshCopy() throws IOException {
    Path copy = dir.resolve("example-project");
    TempProject.copy(exampleProject(), copy);
    deleteTree(copy.resolve("target"));
    deleteTree(copy.resolve("logs"));
    try (Stream<Path> files = Files.list(copy)) {
      for (Path file : files.filter(p -> p.getFileName().toString().contains(".duckdb")).toList()) {
        Files.delete(file);
      }
    }
    return copy;
  }

  @Test
  void exampleProjectBuildsWithCompositeKeyCustomAndSingularTestsAllPassing() throws Exception {
    Path copy = freshCopy();

    CliRun run = mds("build", "--project-dir", copy.toString()).assertOk();

    ObjectMapper json = new ObjectMapper();
    Map<String, String> statuses = new TreeMap<>();
    for (JsonNode result : json.readTree(copy.resolve("target/run_results.json").toFile())
        .get("results")) {
      statuses.put(result.get("unique_id").asText(), result.get("status").asText());
    }
    JsonNode nodes = json.readTree(copy.resolve("target/manifest.json").toFile()).get("nodes");
    List<String> tests = new ArrayList<>();
    Map<String, List<String>> compositeKeys = new TreeMap<>();
    List<String> custom = new ArrayList<>();
    List<String> singular = new ArrayList<>();
    // With the dbt_expectations test the example calls through packages.yml, which mds's
    // built-in dbt_expectations serves when the package is not installed.
    Set<String> builtIn = Set.of("unique", "not_null", "accepted_values", "relationships",
        "unique_combination_of_columns", "accepted_range", "expression_is_true", "singular",
        "expect_column_values_to_be_between");
    nodes.fields().forEachRemaining(entry -> {
      JsonNode node = entry.getValue();
      if (!node.get("resource_type").asText().equals("test")) {
        return;
      }
      String id = entry.getKey();
      tests.add(id);
      assertEquals("pass", statuses.get(id), id + " in " + statuses);
      String kind = node.at("/test_metadata/name").asText();
      JsonNode kwargs = node.at("/test_metadata/kwargs");
      boolean composite = (kind.equals("unique") && kwargs.path("columns").size() >= 2)
          || (kind.equals("unique_combination_of_columns")
              && kwargs.path("combination_of_columns").size() >= 2);
      if (composite) {
        compositeKeys.computeIfAbsent(node.path("attached_node").asText(),
            k -> new ArrayList<>()).add(id);
      }
      if (!builtIn.contains(kind)) {
        custom.add(kind);
      }
      if (kind.equals("singular")) {
        assertTrue(node.get("original_file_path").asText().startsWith("tests/"), id);
        assertTrue(node.get("depends_on").get("nodes").toString().contains("model.retail."), id);
        singular.add(id);
      }
    });
    for (String fact : List.of("model.retail.fct_orders", "model.retail.dim_customers")) {
      assertTrue(compositeKeys.containsKey(fact), fact + " has no composite-key test: "
          + compositeKeys);
    }
    assertFalse(custom.isEmpty(), "no custom generic test");
    for (String kind : custom) {
      try (Stream<Path> files = Stream.concat(sqlFiles(copy.resolve("macros")).stream(),
          sqlFiles(copy.resolve("tests/generic")).stream())) {
        assertTrue(files.anyMatch(f -> read(f).contains("{% test " + kind + "(")),
            kind + " is not defined in macros/ or tests/generic/");
      }
    }
    assertFalse(singular.isEmpty(), "no singular test");
    assertTrue(tests.size() >= 20, tests::toString);
    assertTrue(run.out().contains("ERROR=0 SKIP=0"), run::describe);
    // Nothing installed: the example builds offline on mds's built-in packages.
    assertFalse(Files.exists(copy.resolve("dbt_packages")));
    assertTrue(run.out().contains("using mds's built-in dbt_utils")
        || run.err().contains("using mds's built-in dbt_utils"), run::describe);
    assertEquals(List.of("true"), DuckDbFile.rows(copy.resolve("retail.duckdb"),
        "select count(distinct customer_sk) = count(*) and min(length(customer_sk)) = 32"
            + " from main.dim_customers"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
