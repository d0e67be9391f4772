package dev.mds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An e-commerce clickstream pipeline for measuring {@code mds build} against raw DuckDB on the
 * same SQL: N events (user, session, event type, product, price, timestamp) generated inside
 * DuckDB, then sessions, a purchase funnel, RFM segments and market-basket product pairs (a
 * self-join), under a 4 GB {@code memory_limit}.
 *
 * <p>Usage: {@code EventsPipeline EVENTS WORK_DIR MDS_JAR [RUNS]}, e.g. 100000000 events. mds runs
 * as {@code mds build} with the launcher's JVM flags ({@link RunOverhead#mdsCommand}); each round
 * times it and a replay of its statements back to back, alternating which goes first.
 */
public final class EventsPipeline {

  private EventsPipeline() {
  }

  public static void main(String[] args) throws Exception {
    long events = Long.parseLong(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    Path jar = Path.of(args[2]).toAbsolutePath();
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Path project = work.resolve("events");
    generate(events, project);
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M"));
    command.addAll(RunOverhead.mdsCommand(jar));
    command.addAll(List.of("build", "--project-dir", project.toString(), "--threads", "1"));
    System.out.println("mds command: " + String.join(" ", command));
    double[] mds = new double[runs];
    double[] raw = new double[runs];
    double[] ratios = new double[runs];
    long peakKb = 0;
    for (int r = 0; r < runs; r++) {
      // The first round needs mds's run SQL; later rounds alternate which side goes first, so
      // that drift on a shared machine (and the other side's file still being flushed) hits both.
      boolean rawFirst = r % 2 == 1;
      if (rawFirst) {
        raw[r] = replay(project, work);
      }
      sync();
      Files.deleteIfExists(project.resolve("events.duckdb"));
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(work.resolve("time.txt").toFile())
          .start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("mds build failed; see " + project.resolve("logs/mds.log"));
      }
      mds[r] = (System.nanoTime() - start) / 1e9;
      List<String> lines = Files.readAllLines(work.resolve("time.txt"));
      peakKb = Math.max(peakKb, Long.parseLong(lines.get(lines.size() - 1).trim()));
      if (!rawFirst) {
        raw[r] = replay(project, work);
      }
      ratios[r] = mds[r] / raw[r];
      System.out.printf(Locale.ROOT, "  run %d (%s first): mds %.1fs raw %.1fs ratio %.3f%n", r + 1,
          rawFirst ? "raw" : "mds", mds[r], raw[r], ratios[r]);
    }
    System.out.printf(Locale.ROOT, "events=%d runs=%d%n"
        + "  mds build (whole process) median %.1fs [%.1f-%.1f]%n"
        + "  raw DuckDB, same SQL      median %.1fs [%.1f-%.1f]%n"
        + "  ratio of medians %.3f, median of paired ratios %.3f [%.3f-%.3f], peak RSS %.2f GB%n",
        events, runs, RunOverhead.median(mds), min(mds), max(mds), RunOverhead.median(raw),
        min(raw), max(raw), RunOverhead.median(mds) / RunOverhead.median(raw),
        RunOverhead.median(ratios), min(ratios), max(ratios), peakKb / 1024.0 / 1024.0);
  }

  /** Replays mds's statements over one connection, after flushing what the disk still holds. */
  private static double replay(Path project, Path work) throws Exception {
    sync();
    return RunOverhead.timeBaseline(project, work.resolve("raw.duckdb"), "events",
        List.of("set memory_limit = '4GB'"));
  }

  private static void sync() throws Exception {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  static void generate(long events, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("models"));
    write(dir, "mds_project.yml", """
        name: events
        version: "1.0"
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
              type: duckdb
              path: events.duckdb
              threads: 1
              settings:
                memory_limit: 4GB
        """);
    // ~20 events a session, ~12 sessions a user, 50,000 products, a quarter's worth of seconds.
    write(dir, "models/events.sql", """
        select
            i as event_id,
            (i // 240) % 5000000 as user_id,
            md5(cast(i // 20 as varchar)) as session_id,
            (['view', 'view', 'view', 'view', 'add_to_cart', 'add_to_cart', 'purchase'])[1 + (hash(i) % 7)::int] as event_type,
            (hash(i * 31) % 50000)::int as product_id,
            round((hash(i * 17) % 20000) / 100.0, 2) as price,
            timestamp '2024-01-01' + to_seconds(((i * 7919) % 7776000)::bigint) as event_at
        from range({{ var('events') }}) as t(i)
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
        order by day
        """);
    write(dir, "models/rfm.sql", """
        with per_user as (
            select
                user_id,
                date_diff('day', max(ended_at), timestamp '2024-04-01') as recency_days,
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
    Path path = dir.resolve(file);
    Files.writeString(path, text);
  }
}
