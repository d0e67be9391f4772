package dev.mds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures mds's per-node overhead: times whole {@code mds build} processes on a generated project,
 * then replays the exact statements mds ran (from {@code target/run/}) over one JDBC connection in
 * the same order, in the same JVM session. The difference per node is mds's overhead.
 *
 * <p>Usage: {@code RunOverhead MODELS WORK_DIR MDS_JAR [RUNS]}.
 */
public final class RunOverhead {

  private RunOverhead() {
  }

  public static void main(String[] args) throws Exception {
    int models = Integer.parseInt(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    Path jar = Path.of(args[2]).toAbsolutePath();
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path project = work.resolve("project");
    if (!Files.exists(project.resolve("mds_project.yml"))) {
      ProjectGenerator.generate(models, project);
    }
    for (int threads : new int[] {1, 4}) {
      double[] mdsTimes = new double[runs];
      double[] baseTimes = new double[runs];
      for (int r = 0; r < runs + 1; r++) {
        Files.deleteIfExists(project.resolve("bench.duckdb"));
        double mds = timeMds(jar, project, threads);
        double base = timeBaseline(project, work.resolve("baseline.duckdb"));
        if (r > 0) {
          mdsTimes[r - 1] = mds;
          baseTimes[r - 1] = base;
        }
      }
      double mdsMedian = median(mdsTimes);
      double baseMedian = median(baseTimes);
      int nodes = models + 1;
      System.out.printf(Locale.ROOT,
          "threads=%d nodes=%d mds build=%.2fs (whole process) baseline=%.2fs ratio=%.2f"
              + " overhead/node=%.1fms%n",
          threads, nodes, mdsMedian, baseMedian, mdsMedian / baseMedian,
          (mdsMedian - baseMedian) * 1000 / nodes);
    }
  }

  private static double timeMds(Path jar, Path project, int threads) throws Exception {
    long start = System.nanoTime();
    Process process = new ProcessBuilder("java", "-Dslf4j.internal.verbosity=ERROR", "-jar",
        jar.toString(), "build", "--project-dir", project.toString(), "--threads",
        String.valueOf(threads))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    int code = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("mds build exited " + code);
    }
    return seconds;
  }

  /** Replays target/run/ statements in run_results order over one connection. */
  /** Replays mds's statements from target/run/ in run_results order over one connection. */
  static double timeBaseline(Path project, Path database) throws Exception {
    return timeBaseline(project, database, "bench", List.of());
  }

  /**
   * @param projectName the folder under target/run/ that holds the run SQL
   * @param setup statements to run first (such as the profile's settings)
   */
  static double timeBaseline(Path project, Path database, String projectName, List<String> setup)
      throws Exception {
    List<String> statements = new java.util.ArrayList<>(setup);
    statements.addAll(statementsInRunOrder(project, projectName));
    Files.deleteIfExists(database);
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database)) {
      for (String sql : statements) {
        try (Statement st = connection.createStatement()) {
          st.execute(sql);
        }
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static List<String> statementsInRunOrder(Path project, String projectName)
      throws IOException {
    JsonNode results = new ObjectMapper().readTree(project.resolve("target/run_results.json")
        .toFile()).get("results");
    List<String> statements = new ArrayList<>();
    for (JsonNode result : results) {
      String id = result.get("unique_id").asText();
      String name = id.substring(id.lastIndexOf('.') + 1);
      Path file = id.startsWith("seed.")
          ? project.resolve("target/run/" + projectName + "/seeds/" + name + ".csv.sql")
          : project.resolve("target/run/" + projectName + "/models/" + name + ".sql");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      for (String sql : Files.readString(file).split(";\n\n")) {
        String trimmed = sql.strip();
        if (trimmed.endsWith(";")) {
          trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.isEmpty()) {
          statements.add(trimmed);
        }
      }
    }
    return statements;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
