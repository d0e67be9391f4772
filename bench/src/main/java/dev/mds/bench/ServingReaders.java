package dev.mds.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers during builds (issue 19 item 11): readers query the serving copy in a loop while
 * {@code mds build} with {@code publish: true} runs BUILDS times, each build stamping its number
 * into every table.
 * Needs only the JDK and DuckDB's JDBC driver, so it runs without installing mds's modules.
 *
 * <p>The readers, all in this process, each count queries, errors and "mixed" observations (one
 * query, or one transaction, that saw tables of two different builds):
 * <ul>
 *   <li><b>fresh</b>: a new connection for every query, attaching the copy read-only (what
 *       {@code mds show} does, and a BI tool that reconnects; by path, a second connection in one
 *       process would share the first one's DuckDB instance);
 *   <li><b>held</b>: one connection by path, opened before the first build and kept to the end
 *       (an analyst's DBeaver): it must keep seeing the one build it opened;
 *   <li><b>transactions</b>: a new connection per transaction of two statements on different
 *       tables with a pause between them, during which a build may publish;
 *   <li><b>show</b>: {@code mds show} of a view over every table's build id, in a loop, each its
 *       own process.
 * </ul>
 * Before the readers start it times builds with and without publishing in alternation (targets
 * {@code serving} and {@code plain} of the generated profile, one database file).
 *
 * <p>Usage: {@code ServingReaders PROJECT_DIR MDS_LAUNCHER [BUILDS] [TABLES] [ROWS] [PAIRS]},
 * e.g. {@code ServingReaders /tmp/serving ./mds 20 12 500000 5}.
 */
public final class ServingReaders {

  private static final Pattern PUBLISHED =
      Pattern.compile("Published the serving copy .* \\(([0-9.]+) MB in ([0-9.]+) s\\)");

  /** Between one reader's queries. */
  private static final long PAUSE_MILLIS = 10;

  private ServingReaders() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    String mds = args[1];
    int builds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int tables = args.length > 3 ? Integer.parseInt(args[3]) : 12;
    int rows = args.length > 4 ? Integer.parseInt(args[4]) : 500_000;
    int pairs = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    generate(dir, tables, rows);
    Path serving = dir.resolve("serving/serving_bench.duckdb");

    // Build time with and without publishing, alternating, nothing reading.
    build(mds, dir, 0, true);
    List<Double> plain = new ArrayList<>();
    List<Double> publishing = new ArrayList<>();
    List<double[]> copies = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      boolean publishFirst = i % 2 == 1;
      for (boolean publish : publishFirst ? new boolean[] {true, false}
          : new boolean[] {false, true}) {
        Build b = build(mds, dir, 0, publish);
        (publish ? publishing : plain).add(b.seconds);
        if (publish) {
          copies.add(b.copy);
        }
      }
    }

    // The readers, then BUILDS builds with publishing while they run.
    AtomicBoolean stop = new AtomicBoolean();
    Reader fresh = new Reader("fresh");
    Reader held = new Reader("held");
    Reader transactions = new Reader("transactions");
    Reader show = new Reader("mds show");
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Connection heldConnection = DriverManager.getConnection("jdbc:duckdb:" + serving, readOnly);
    long heldBuild = stamps(heldConnection, tables)[0];
    List<Thread> threads = List.of(
        loop(stop, fresh, () -> {
          try (Connection c = attached(serving)) {
            return check(c, tables, -1);
          }
        }),
        loop(stop, held, () -> check(heldConnection, tables, heldBuild)),
        loop(stop, transactions, () -> {
          try (Connection c = attached(serving)) {
            c.setAutoCommit(false);
            long first = single(c, "select min(build_id) from t1");
            Thread.sleep(20);
            long last = single(c, "select max(build_id) from t" + tables);
            c.commit();
            return first == last;
          }
        }),
        loop(stop, show, () -> showConsistent(mds, dir)));
    threads.forEach(Thread::start);
    List<Double> underReaders = new ArrayList<>();
    List<double[]> underCopies = new ArrayList<>();
    int succeeded = 0;
    for (int i = 1; i <= builds; i++) {
      Build b = build(mds, dir, i, true);
      underReaders.add(b.seconds);
      underCopies.add(b.copy);
      succeeded += b.ok ? 1 : 0;
    }
    // Let the readers see the last build, then stop them.
    Thread.sleep(2000);
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    long heldAtEnd = stamps(heldConnection, tables)[0];
    heldConnection.close();
    long lastSeen;
    try (Connection c = attached(serving)) {
      lastSeen = stamps(c, tables)[0];
    }

    System.out.printf(Locale.ROOT, "project: %d tables of %,d rows; serving copy %.1f MB%n",
        tables, rows, Files.size(serving) / 1e6);
    System.out.printf(Locale.ROOT, "without readers, %d alternating pairs: build %s, build"
        + " publishing %s; publishing itself %s s for %s MB%n", pairs, summary(plain),
        summary(publishing), summary(column(copies, 1)), summary(column(copies, 0)));
    System.out.printf(Locale.ROOT, "%d builds publishing under readers: %d succeeded, build %s,"
        + " publishing %s s%n", builds, succeeded, summary(underReaders),
        summary(column(underCopies, 1)));
    for (Reader reader : List.of(fresh, held, transactions, show)) {
      System.out.printf(Locale.ROOT, "reader %-12s queries %,7d  errors %d  mixed builds %d%s%n",
          reader.name, reader.queries.get(), reader.errors.get(), reader.mixed.get(),
          reader.firstError == null ? "" : "  first error: " + reader.firstError);
    }
    System.out.printf("held connection: saw build %d at the start and %d at the end; a new"
        + " connection sees build %d%n", heldBuild, heldAtEnd, lastSeen);
  }

  /** One table per model, each stamped with {@code var('build')}, and a view over all of them. */
  static void generate(Path dir, int tables, int rows) throws IOException {
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("mds_project.yml"), "name: serving_bench\n"
        + "profile: serving_bench\n"
        + "models:\n  serving_bench:\n    +materialized: table\n");
    // Publishing in the profile, not only --publish: then mds show always reads the copy and
    // never opens the database, which would make a build starting meanwhile fail on the lock.
    Files.writeString(dir.resolve("profiles.yml"), "serving_bench:\n  target: serving\n"
        + "  outputs:\n"
        + "    serving: {type: duckdb, path: serving_bench.duckdb, publish: true}\n"
        + "    plain: {type: duckdb, path: serving_bench.duckdb}\n");
    List<String> union = new ArrayList<>();
    for (int t = 1; t <= tables; t++) {
      Files.writeString(dir.resolve("models/t" + t + ".sql"), "select {{ var('build') }}::bigint"
          + " as build_id, range as id, hash(range + {{ var('build') }}) % 1000 as amount,"
          + " 'row ' || range as label from range(" + rows + ")\n");
      union.add("select build_id from {{ ref('t" + t + "') }}");
    }
    Files.writeString(dir.resolve("models/builds_seen.sql"),
        "{{ config(materialized='view') }}\nselect min(build_id) as lo, max(build_id) as hi"
            + " from (\n" + String.join("\nunion all\n", union) + "\n)\n");
  }

  record Build(double seconds, boolean ok, double[] copy) {
  }

  private static Build build(String mds, Path dir, int id, boolean publish) throws Exception {
    List<String> command = new ArrayList<>(List.of(mds, "build", "--project-dir", dir.toString(),
        "--vars", "{build: " + id + "}", "--target", publish ? "serving" : "plain"));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      System.out.println("build " + id + " exited " + code + ":\n" + output);
    }
    Matcher m = PUBLISHED.matcher(output);
    double[] copy = m.find() ? new double[] {Double.parseDouble(m.group(1)),
        Double.parseDouble(m.group(2))} : new double[] {Double.NaN, Double.NaN};
    return new Build(seconds, code == 0, copy);
  }

  /** What one reader did. */
  static final class Reader {
    final String name;
    final AtomicLong queries = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong mixed = new AtomicLong();
    volatile String firstError;

    Reader(String name) {
      this.name = name;
    }
  }

  interface Query {
    /** One query or transaction; false when it saw tables of two builds. */
    boolean consistent() throws Exception;
  }

  private static Thread loop(AtomicBoolean stop, Reader reader, Query query) {
    Thread thread = new Thread(() -> {
      while (!stop.get()) {
        try {
          if (!query.consistent()) {
            reader.mixed.incrementAndGet();
          }
        } catch (Exception e) {
          reader.errors.incrementAndGet();
          if (reader.firstError == null) {
            reader.firstError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
          }
        }
        reader.queries.incrementAndGet();
        try {
          // A dashboard's pace rather than a spin: two cores are shared with the builds.
          Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "reader-" + reader.name);
    thread.setDaemon(true);
    return thread;
  }

  private static Connection attached(Path serving) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = connection.createStatement()) {
      st.execute("attach '" + serving + "' as serving_bench (read_only)");
      st.execute("use serving_bench");
    }
    return connection;
  }

  /** Min and max build id over every table in one query. */
  private static long[] stamps(Connection c, int tables) throws SQLException {
    List<String> union = new ArrayList<>();
    for (int t = 1; t <= tables; t++) {
      union.add("select min(build_id) lo, max(build_id) hi from t" + t);
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "select min(lo), max(hi) from (" + String.join(" union all ", union) + ")")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** One query over all tables saw one build (and, for the held reader, the one it opened). */
  private static boolean check(Connection c, int tables, long expected) throws SQLException {
    long[] seen = stamps(c, tables);
    return seen[0] == seen[1] && (expected < 0 || seen[0] == expected);
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** {@code mds show} of the view over every table: its one row must have lo = hi. */
  private static boolean showConsistent(String mds, Path dir) throws Exception {
    Process process = new ProcessBuilder(mds, "show", "--project-dir", dir.toString(), "-s",
        "builds_seen", "--vars", "{build: 0}").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(output.strip());
    }
    Matcher row = Pattern.compile("(?m)^(\\d+)\\s+\\|\\s+(\\d+)$").matcher(output);
    if (!row.find()) {
      throw new IllegalStateException("no row in: " + output.strip());
    }
    return row.group(1).equals(row.group(2));
  }

  private static double[] column(List<double[]> rows, int index) {
    return rows.stream().mapToDouble(r -> r[index]).toArray();
  }

  private static String summary(List<Double> values) {
    return summary(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Median [min–max]. */
  private static String summary(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", sorted[sorted.length / 2], sorted[0],
        sorted[sorted.length - 1]);
  }
}
