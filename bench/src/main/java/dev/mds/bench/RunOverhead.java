package dev.mds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.bench.ReplayProcess.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures mds's per-node overhead: times whole {@code mds build} processes on a generated project,
 * then replays the exact statements mds ran (from {@code target/run/}, in run_results order) over
 * one JDBC connection in this JVM. The difference per node is mds's overhead: JVM start, parsing,
 * compiling, and every statement mds sends that is not in {@code target/run/}.
 *
 * <p>Usage: {@code RunOverhead MODELS WORK_DIR MDS [RUNS] [THREADS,...]}. {@code MDS} is the
 * launcher script ({@code ./mds}, what users run) or {@code cli/target/mds.jar}, which is then
 * started with the launcher's JVM flags (its class-data-sharing archive beside the jar if there is
 * one, C1 only, parallel GC). Each thread count gets one warm-up round and {@code RUNS} measured
 * rounds (default 5); a round runs mds and the replay back to back, alternating which goes first,
 * so that drift on a shared machine hits both sides alike.
 *
 * <p>It also compares the run alone: mds's nodes from the first one starting to the last one
 * finishing ({@code run_results.json}) against the replay's statements without opening and closing
 * the database. That ratio is the per-node overhead without the fixed costs (JVM start, parsing,
 * {@code manifest.json}) that the whole-process ratio includes.
 *
 * <p>A third baseline runs the same statements as a process of its own ({@link ReplayProcess}:
 * the JVM flags mds runs with, DuckDB's driver from beside {@code mds.jar} with its native library
 * unpacked, no class-data archive), so that it pays what every JDBC program pays and a warm JVM
 * does not: JVM start, loading DuckDB's native library, a fresh process's memory. Whole process
 * against whole process is what a user's choice between {@code mds build} and a small JDBC
 * program of their own comes down to; the warm in-JVM replay stays, as the stricter figure.
 *
 * <p>On this shared two-core machine the same work takes anywhere from 14 to 24 s within minutes,
 * so ratios of separate runs scatter by ±20%. With one thread it therefore also accounts within
 * each process, where the drift cancels: mds (run with {@code MDS_TIMINGS=1}) reports how long
 * its worker spent inside DuckDB on the work's statements, and {@link ReplayProcess} how long its
 * statements took; the "accounted" ratio is mds's whole process against its own statement time
 * plus the replay process's time outside its statements (JVM start, loading DuckDB, open, close).
 * It holds as long as the statements run as fast in mds as in the replay, which the printed ratio
 * of the two statement times checks.
 *
 * <p>Data tests' queries are in {@code target/run/} (a test's own file, or an audited model's), so
 * the baseline runs them too; a second replay leaves them out, which is how the figures before
 * 2026-11-22 were measured (mds did not write them, so they counted as overhead).
 */
public final class RunOverhead {

  /** The JVM flags of the {@code mds} launcher, for the jar and the replay process alike. */
  private static final List<String> LAUNCHER_FLAGS = launcherFlags();

  private RunOverhead() {
  }

  private static List<String> launcherFlags() {
    List<String> flags = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1",
        "-XX:+UseParallelGC", "-XX:-UsePerfData"));
    if (System.getProperty("os.name").startsWith("Linux")) {
      flags.add("-XX:+UseTransparentHugePages");
    }
    return List.copyOf(flags);
  }

  public static void main(String[] args) throws Exception {
    int models = Integer.parseInt(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    Path mds = Path.of(args[2]).toAbsolutePath().normalize();
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int[] threadCounts = args.length > 4
        ? Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 4};
    Path project = work.resolve("project");
    if (!Files.exists(project.resolve("mds_project.yml"))) {
      ProjectGenerator.generate(models, project);
    }
    List<String> command = mdsCommand(mds);
    System.out.println("mds command: " + String.join(" ", command) + " build ...");
    for (int threads : threadCounts) {
      double[] mdsTimes = new double[runs];
      double[] baseTimes = new double[runs];
      double[] noTestTimes = new double[runs];
      double[] ratios = new double[runs];
      double[] spans = new double[runs];
      double[] statementTimes = new double[runs];
      double[] inRunRatios = new double[runs];
      double[] processTimes = new double[runs];
      double[] processRatios = new double[runs];
      double[] accountedRatios = new double[runs];
      double[] speedRatios = new double[runs];
      Replay replay = null;
      Path statementsFile = work.resolve("statements.txt");
      Path database = work.resolve("baseline.duckdb");
      for (int r = 0; r <= runs; r++) {
        // Even rounds replay first, odd rounds run mds first (the warm-up needs mds's run SQL).
        boolean baselineFirst = r % 2 == 0 && replay != null;
        Times base = null;
        double noTests = 0;
        Times process = null;
        if (baselineFirst) {
          base = replay.times(database);
          noTests = replay.withoutTests().time(database);
          process = replay.timeProcess(mds, statementsFile, database);
        }
        Files.deleteIfExists(project.resolve("bench.duckdb"));
        MdsRun run = timeMds(command, project, threads);
        double mdsSeconds = run.seconds();
        double span = nodeSpan(project);
        if (replay == null) {
          replay = Replay.of(project, "bench");
          Files.writeString(statementsFile,
              String.join(ReplayProcess.SEPARATOR, replay.statements));
        }
        if (!baselineFirst) {
          process = replay.timeProcess(mds, statementsFile, database);
          noTests = replay.withoutTests().time(database);
          base = replay.times(database);
        }
        System.out.printf(Locale.ROOT, "  threads=%d %s mds=%.2fs (nodes %.2fs) baseline=%.2fs"
            + " (statements %.2fs, without data tests %.2fs, as a process %.2fs)%n", threads,
            r == 0 ? "warm-up" : "run " + r, mdsSeconds, span, base.total(), base.statements(),
            noTests, process.total());
        if (r > 0) {
          mdsTimes[r - 1] = mdsSeconds;
          baseTimes[r - 1] = base.total();
          noTestTimes[r - 1] = noTests;
          ratios[r - 1] = mdsSeconds / base.total();
          spans[r - 1] = span;
          statementTimes[r - 1] = base.statements();
          inRunRatios[r - 1] = span / base.statements();
          processTimes[r - 1] = process.total();
          processRatios[r - 1] = mdsSeconds / process.total();
          // The baseline at this round's speed: mds's own statement time plus what the replay
          // process spent outside its statements (JVM start, loading DuckDB, open, close).
          accountedRatios[r - 1] = mdsSeconds / (run.work() + process.total()
              - process.statements());
          speedRatios[r - 1] = run.work() / process.statements();
        }
      }
      double mdsMedian = median(mdsTimes);
      double baseMedian = median(baseTimes);
      double noTestMedian = median(noTestTimes);
      int nodes = models + 1;
      System.out.printf(Locale.ROOT,
          "threads=%d nodes=%d statements=%d (%d data-test queries) runs=%d%n"
              + "  mds build (whole process) median %.2fs [%.2f-%.2f]%n"
              + "  raw JDBC baseline         median %.2fs [%.2f-%.2f]%n"
              + "  ratio of medians %.2f, median of paired ratios %.2f [%.2f-%.2f],"
              + " overhead/node %.1fms%n"
              + "  in the run: mds's nodes (first start to last end) median %.2fs, the replay's"
              + " statements %.2fs; median of paired ratios %.3f [%.3f-%.3f]%n"
              + "  baseline without the data-test queries median %.2fs [%.2f-%.2f]:"
              + " ratio %.2f%n"
              + "  baseline as a process of its own median %.2fs [%.2f-%.2f]: ratio of medians"
              + " %.3f, median of paired ratios %.3f [%.3f-%.3f]%n"
              + "  accounted in each process (1 thread: mds's whole process against its own"
              + " statement time plus the replay process's time outside its statements):"
              + " median %.3f [%.3f-%.3f]; mds's statements against the replay's %.3f"
              + " [%.3f-%.3f]%n",
          threads, nodes, replay.statements.size(), replay.testQueries(), runs,
          mdsMedian, min(mdsTimes), max(mdsTimes), baseMedian, min(baseTimes), max(baseTimes),
          mdsMedian / baseMedian, median(ratios), min(ratios), max(ratios),
          (mdsMedian - baseMedian) * 1000 / nodes, median(spans), median(statementTimes),
          median(inRunRatios), min(inRunRatios), max(inRunRatios), noTestMedian,
          min(noTestTimes), max(noTestTimes), mdsMedian / noTestMedian, median(processTimes),
          min(processTimes), max(processTimes), mdsMedian / median(processTimes),
          median(processRatios), min(processRatios), max(processRatios),
          median(accountedRatios), min(accountedRatios), max(accountedRatios),
          median(speedRatios), min(speedRatios), max(speedRatios));
    }
  }

  /** The launcher script as is, or the jar with the launcher's flags. */
  static List<String> mdsCommand(Path mds) {
    List<String> command = new ArrayList<>();
    if (!mds.toString().endsWith(".jar")) {
      command.add(mds.toString());
      return command;
    }
    command.add("java");
    Path archive = mds.resolveSibling("mds.jsa");
    if (Files.isRegularFile(archive)) {
      command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
          "-Xlog:cds+dynamic=off"));
    }
    command.addAll(LAUNCHER_FLAGS);
    command.addAll(List.of("-Dslf4j.internal.verbosity=ERROR", "-jar", mds.toString()));
    return command;
  }

  /**
   * One {@code mds build}: its wall-clock seconds, and the seconds its workers spent inside
   * DuckDB on the work's statements (what {@code MDS_TIMINGS=1} reports; summed over workers).
   */
  record MdsRun(double seconds, double work) {
  }

  private static final java.util.regex.Pattern WORK =
      java.util.regex.Pattern.compile("in DuckDB: work (\\d+) ms");

  private static MdsRun timeMds(List<String> command, Path project, int threads)
      throws Exception {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("build", "--project-dir", project.toString(), "--threads",
        String.valueOf(threads)));
    Path timings = Files.createTempFile("mds-timings", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(full)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(timings.toFile());
      builder.environment().put("MDS_TIMINGS", "1");
      long start = System.nanoTime();
      int code = builder.start().waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      double work = 0;
      for (String line : Files.readAllLines(timings)) {
        java.util.regex.Matcher m = WORK.matcher(line);
        if (m.find()) {
          work += Long.parseLong(m.group(1)) / 1000.0;
        } else if (!line.startsWith("[timings]")) {
          System.err.println(line);
        }
      }
      if (code != 0) {
        throw new IllegalStateException("mds build exited " + code);
      }
      return new MdsRun(seconds, work);
    } finally {
      Files.deleteIfExists(timings);
    }
  }

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
    Replay replay = Replay.of(project, projectName);
    List<String> statements = new ArrayList<>(setup);
    statements.addAll(replay.statements);
    return new Replay(statements).time(database);
  }

  /** The statements of one mds run, in the order mds ran them. */
  record Replay(List<String> statements) {

    static Replay of(Path project, String projectName) throws IOException {
      ObjectMapper json = new ObjectMapper();
      JsonNode results = json.readTree(project.resolve("target/run_results.json").toFile())
          .get("results");
      JsonNode nodes = json.readTree(project.resolve("target/manifest.json").toFile())
          .get("nodes");
      Path run = project.resolve("target/run").resolve(projectName);
      List<String> statements = new ArrayList<>();
      for (JsonNode result : results) {
        String id = result.get("unique_id").asText();
        JsonNode node = nodes.get(id);
        if (node == null) {
          continue;
        }
        String file = node.get("original_file_path").asText();
        Path path = switch (node.get("resource_type").asText()) {
          case "seed" -> run.resolve(file + ".sql");
          case "test" -> file.endsWith(".sql") ? run.resolve(file)
              : run.resolve(file).resolve(node.get("name").asText() + ".sql");
          default -> run.resolve(file);
        };
        // An audited model's tests ran inside its transaction and are in its file.
        if (!Files.isRegularFile(path)) {
          continue;
        }
        statements.addAll(split(Files.readString(path)));
      }
      return new Replay(statements);
    }

    /**
     * The data tests' queries (an audited model's among its own statements): mds writes no other
     * statement that starts with {@code select}.
     */
    private static boolean isTestQuery(String sql) {
      return sql.regionMatches(true, 0, "select", 0, 6);
    }

    int testQueries() {
      return (int) statements.stream().filter(Replay::isTestQuery).count();
    }

    /** The statements without the data tests' queries (as if those were mds's overhead). */
    Replay withoutTests() {
      return new Replay(statements.stream().filter(sql -> !isTestQuery(sql)).toList());
    }

    private static List<String> split(String text) {
      List<String> statements = new ArrayList<>();
      for (String sql : text.split(";\n\n")) {
        String trimmed = sql.strip();
        if (trimmed.endsWith(";")) {
          trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.isEmpty()) {
          statements.add(trimmed);
        }
      }
      return statements;
    }

    /**
     * Runs the statements (written to {@code statementsFile}) in a new JVM, {@link
     * ReplayProcess}, with the JVM flags mds runs with and DuckDB's driver from mds's {@code lib/}
     * folder; returns the process's wall-clock seconds and its statements' own (as it reports).
     */
    Times timeProcess(Path mds, Path statementsFile, Path database) throws Exception {
      Path lib = (mds.toString().endsWith(".jar") ? mds.getParent()
          : mds.getParent().resolve("cli/target")).resolve("lib");
      Path driver;
      try (var jars = Files.list(lib)) {
        driver = jars.filter(p -> p.getFileName().toString().startsWith("duckdb_jdbc"))
            .findFirst().orElseThrow(() -> new IllegalStateException("no DuckDB driver in " + lib));
      }
      Path bench = Path.of(ReplayProcess.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      List<String> command = new ArrayList<>(List.of("java"));
      command.addAll(LAUNCHER_FLAGS);
      command.addAll(List.of("-cp", bench + java.io.File.pathSeparator + driver,
          ReplayProcess.class.getName(), statementsFile.toString(), database.toString()));
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String printed = new String(process.getInputStream().readAllBytes()).strip();
      int code = process.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (code != 0) {
        throw new IllegalStateException("the replay process exited " + code);
      }
      return new Times(seconds, Double.parseDouble(printed));
    }

    /** Runs the statements on a new database file (opened as mds opens it); returns seconds. */
    double time(Path database) throws Exception {
      return times(database).total();
    }

    /** Like {@link #time}, also timing the statements alone (without opening and closing). */
    Times times(Path database) throws Exception {
      return ReplayProcess.run(statements, database);
    }
  }

  /**
   * How long mds's nodes took from the first one starting to the last one finishing (from
   * {@code run_results.json}): the run without JVM start, parsing, opening and closing the
   * database, so it compares with a replay's statements alone.
   */
  static double nodeSpan(Path project) throws IOException {
    JsonNode results = new ObjectMapper()
        .readTree(project.resolve("target/run_results.json").toFile()).get("results");
    Instant first = null;
    Instant last = null;
    for (JsonNode result : results) {
      for (JsonNode timing : result.path("timing")) {
        Instant started = Instant.parse(timing.get("started_at").asText());
        Instant completed = Instant.parse(timing.get("completed_at").asText());
        first = first == null || started.isBefore(first) ? started : first;
        last = last == null || completed.isAfter(last) ? completed : last;
      }
    }
    return first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
