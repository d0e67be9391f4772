package dev.mds.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The bench's events pipeline (bench {@code EventsPipeline}) on Spark: the same five models in
 * Spark SQL (portable where it can be: {@code dbt.datediff}, {@code group by all}, aggregate
 * filters), built by {@code mds build} on a {@code local[*]} session, against the statements mds
 * ran replayed in a JVM of their own on a session with mds's settings. Both sides are whole
 * processes (JVM and Spark start included) on an emptied schema; per node, mds's node time
 * ({@code run_results.json}) against the replay's statement time. Not a test: run as
 *
 * <pre>
 * SparkEventsPipeline EVENTS WORK_DIR MDS_JAR [RUNS]     (the measurement)
 * SparkEventsPipeline replay PROJECT_DIR                  (one raw side, used by the above)
 * </pre>
 *
 * with the spark module's test class path and Spark's JVM options (bench/README.md).
 */
public final class SparkEventsPipeline {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "events_bench";
  private static final List<String> MODELS = List.of("events", "sessions", "funnel", "rfm",
      "basket_pairs");

  private SparkEventsPipeline() {
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("replay")) {
      replay(Path.of(args[1]));
      return;
    }
    long events = Long.parseLong(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    Path jar = Path.of(args[2]).toAbsolutePath();
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Path project = work.resolve("events");
    generate(events, project);
    String javaOptions = System.getProperty("bench.jvm", "");
    List<String> mdsCommand = new ArrayList<>(List.of("java"));
    mdsCommand.addAll(List.of(javaOptions.split(" ")));
    mdsCommand.addAll(List.of("-jar", jar.toString(), "build", "--threads", "1",
        "--project-dir", project.toString()));
    List<String> replayCommand = new ArrayList<>(List.of("java"));
    replayCommand.addAll(List.of(javaOptions.split(" ")));
    replayCommand.addAll(List.of("-cp", System.getProperty("java.class.path"),
        SparkEventsPipeline.class.getName(), "replay", project.toString()));
    double[] mds = new double[runs];
    double[] raw = new double[runs];
    double[] mdsCpu = new double[runs];
    double[] rawCpu = new double[runs];
    Map<String, double[]> nodeRatios = new LinkedHashMap<>();
    for (int r = 0; r < runs; r++) {
      boolean rawFirst = r % 2 == 1;
      Map<String, Double> rawNodes = new LinkedHashMap<>();
      double[] rawTimes = null;
      if (rawFirst) {
        rawTimes = run(replayCommand, work.resolve("replay-" + (r + 1) + ".txt"), rawNodes);
      }
      double[] mdsTimes = run(mdsCommand, work.resolve("mds-" + (r + 1) + ".txt"), null);
      Map<String, Double> mdsNodes = nodeTimes(project);
      if (!rawFirst) {
        rawTimes = run(replayCommand, work.resolve("replay-" + (r + 1) + ".txt"), rawNodes);
      }
      mds[r] = mdsTimes[0];
      mdsCpu[r] = mdsTimes[1];
      raw[r] = rawTimes[0];
      rawCpu[r] = rawTimes[1];
      System.out.printf(Locale.ROOT, "run %d (%s first): mds %.1fs raw %.1fs ratio %.3f;"
          + " CPU mds %.1fs raw %.1fs ratio %.3f; load %s%n", r + 1, rawFirst ? "raw" : "mds",
          mds[r], raw[r], mds[r] / raw[r], mdsCpu[r], rawCpu[r], mdsCpu[r] / rawCpu[r],
          Files.readString(Path.of("/proc/loadavg")).strip());
      for (String model : MODELS) {
        double ratio = mdsNodes.getOrDefault(model, Double.NaN) / rawNodes.getOrDefault(model,
            Double.NaN);
        nodeRatios.computeIfAbsent(model, m -> new double[runs])[r] = ratio;
        System.out.printf(Locale.ROOT, "  %-13s mds %.2fs raw %.2fs ratio %.3f%n", model,
            mdsNodes.get(model), rawNodes.get(model), ratio);
      }
    }
    System.out.printf(Locale.ROOT, "events=%d runs=%d: mds build median %.1fs, raw Spark median"
        + " %.1fs, ratio %.3f%n", events, runs, median(mds), median(raw),
        median(mds) / median(raw));
    System.out.printf(Locale.ROOT, "  CPU (user + system): mds median %.1fs, raw median %.1fs,"
        + " ratio %.3f%n", median(mdsCpu), median(rawCpu), median(mdsCpu) / median(rawCpu));
    nodeRatios.forEach((model, ratios) -> System.out.printf(Locale.ROOT,
        "  %-13s median node ratio %.3f%n", model, median(ratios)));
  }

  /**
   * Runs one side as a process; returns its wall-clock seconds and its CPU seconds (user and
   * system, from {@code /usr/bin/time}; NaN without it): on a machine shared with other work the
   * CPU a side spends is steadier than its wall clock.
   */
  private static double[] run(List<String> command, Path output, Map<String, Double> nodes)
      throws Exception {
    // Both sides start from nothing: no metastore, no tables, no Delta history.
    Path warehouse = Path.of(command.get(command.size() - 1)).resolve("spark-warehouse");
    if (Files.isDirectory(warehouse)) {
      try (var paths = Files.walk(warehouse)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    new ProcessBuilder("sync").inheritIO().start().waitFor();
    long start = System.nanoTime();
    Path cpu = Path.of(output + ".cpu");
    Files.deleteIfExists(cpu);
    List<String> timed = new ArrayList<>(command);
    if (Files.isExecutable(Path.of("/usr/bin/time"))) {
      timed.addAll(0, List.of("/usr/bin/time", "-f", "%U %S", "-o", cpu.toString()));
    }
    ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    // mds's phases and each call into Spark (SparkConnection.trace), for where the time goes.
    builder.environment().put("MDS_TIMINGS", "1");
    Process process = builder.start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + output);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (nodes != null) {
      for (String line : Files.readAllLines(output)) {
        if (line.startsWith("node ")) {
          String[] parts = line.split(" ");
          nodes.put(parts[1], Double.parseDouble(parts[2]));
        }
      }
    }
    double cpuSeconds = Double.NaN;
    if (Files.isRegularFile(cpu)) {
      String[] userSystem = Files.readString(cpu).strip().split("\\s+");
      cpuSeconds = Double.parseDouble(userSystem[userSystem.length - 2])
          + Double.parseDouble(userSystem[userSystem.length - 1]);
    }
    return new double[] {seconds, cpuSeconds};
  }

  /** Each model's execution time in mds's last run. */
  private static Map<String, Double> nodeTimes(Path project) throws IOException {
    Map<String, Double> times = new LinkedHashMap<>();
    for (JsonNode result : JSON.readTree(project.resolve("target/run_results.json").toFile())
        .path("results")) {
      String id = result.path("unique_id").asText();
      times.put(id.substring(id.lastIndexOf('.') + 1), result.path("execution_time").asDouble());
    }
    return times;
  }

  /**
   * The raw side: a session with mds's settings for the project's profile, the schema emptied,
   * then each model's statements as mds wrote them to {@code target/run/}, timed one by one.
   */
  static void replay(Path project) throws Exception {
    SparkProfile profile = new SparkProfile(SparkProfile.SESSION, "local[*]", Optional.empty(),
        Map.of(), project.resolve("spark-warehouse"));
    long opening = System.nanoTime();
    SparkSession spark = SparkSessions.open(profile);
    spark.sql("create database if not exists " + SCHEMA);
    System.out.printf(Locale.ROOT, "phase open %.3f (JVM up %.3f)%n",
        (System.nanoTime() - opening) / 1e9, sinceJvmStart());
    Path run = project.resolve("target/run/events/models");
    for (String model : buildOrder(project)) {
      String sql = Files.readString(run.resolve(model + ".sql"));
      long start = System.nanoTime();
      for (String statement : sql.split(Pattern.quote(SparkDialect.NEXT_STATEMENT))) {
        if (!statement.isBlank()) {
          spark.sql(statement);
        }
      }
      System.out.printf(Locale.ROOT, "node %s %.3f%n", model, (System.nanoTime() - start) / 1e9);
    }
    System.out.printf(Locale.ROOT, "phase built (JVM up %.3f)%n", sinceJvmStart());
    spark.stop();
  }

  /**
   * The order mds built the models in (its last {@code run_results.json}, one thread), so both
   * sides run the same statements in the same sequence: the statement after {@code events} is the
   * slow one on either side, and comparing different orders node by node measured the order.
   */
  private static List<String> buildOrder(Path project) throws IOException {
    List<String> order = new ArrayList<>(nodeTimes(project).keySet());
    order.retainAll(MODELS);
    return order.size() == MODELS.size() ? order : MODELS;
  }

  private static double sinceJvmStart() {
    return (System.currentTimeMillis()
        - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The project: a Spark target, and the pipeline's models in Spark SQL. */
  static void generate(long events, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("models"));
    write(dir, "dbt_project.yml", """
        name: events
        profile: events
        vars:
          events: %d
        models:
          events:
            +materialized: table
        """.formatted(events));
    write(dir, "profiles.yml", """
        events:
          target: bench
          outputs:
            bench:
              type: spark
              method: session
              master: "local[*]"
              schema: %s
              threads: 1
        """.formatted(SCHEMA));
    // The same shape as DuckDB's: ~20 events a session, ~12 sessions a user, 50,000 products,
    // a quarter's worth of seconds (Spark's hash differs from DuckDB's, so the rows do too).
    write(dir, "models/events.sql", """
        select
            id as event_id,
            (id div 240) % 5000000 as user_id,
            md5(cast(id div 20 as string)) as session_id,
            element_at(array('view', 'view', 'view', 'view', 'add_to_cart', 'add_to_cart', 'purchase'), cast(1 + pmod(xxhash64(id), 7) as int)) as event_type,
            cast(pmod(xxhash64(id * 31), 50000) as int) as product_id,
            round(pmod(xxhash64(id * 17), 20000) / 100.0, 2) as price,
            timestamp_seconds(1704067200 + pmod(id * 7919, 7776000)) as event_at
        from range({{ var('events') }})
        """);
    write(dir, "models/sessions.sql", """
        select
            session_id,
            any_value(user_id) as user_id,
            min(event_at) as started_at,
            max(event_at) as ended_at,
            count(*) as events,
            count(*) filter (where event_type = 'purchase') as purchases,
            sum(price) filter (where event_type = 'purchase') as revenue
        from {{ ref('events') }}
        group by session_id
        """);
    write(dir, "models/funnel.sql", """
        with steps as (
            select
                session_id,
                cast(min(event_at) as date) as day,
                bool_or(event_type = 'view') as viewed,
                bool_or(event_type = 'add_to_cart') as carted,
                bool_or(event_type = 'purchase') as purchased
            from {{ ref('events') }}
            group by session_id
        )
        select
            day,
            count(*) filter (where viewed) as sessions_viewing,
            count(*) filter (where viewed and carted) as sessions_carting,
            count(*) filter (where viewed and carted and purchased) as sessions_buying
        from steps
        group by day
        """);
    write(dir, "models/rfm.sql", """
        with per_user as (
            select
                user_id,
                {{ dbt.datediff('max(ended_at)', "timestamp '2024-04-01'", 'day') }} as recency_days,
                count(*) filter (where purchases > 0) as frequency,
                coalesce(sum(revenue), 0) as monetary
            from {{ ref('sessions') }}
            group by user_id
        )
        select
            *,
            ntile(5) over (order by recency_days desc) as r_score,
            ntile(5) over (order by frequency) as f_score,
            ntile(5) over (order by monetary) as m_score
        from per_user
        """);
    write(dir, "models/basket_pairs.sql", """
        with bought as (
            select distinct session_id, product_id
            from {{ ref('events') }}
            where event_type = 'purchase'
        )
        select a.product_id as product_a, b.product_id as product_b, count(*) as sessions
        from bought as a
        join bought as b
          on a.session_id = b.session_id
         and a.product_id < b.product_id
        group by all
        having count(*) > 1
        """);
  }

  private static void write(Path dir, String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text);
  }
}
