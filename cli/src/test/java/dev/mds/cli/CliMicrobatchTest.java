package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microbatch incremental models ({@code incremental_strategy='microbatch'}) over several days of
 * events: batches from {@code begin}, {@code lookback} on later runs, inputs filtered by their
 * {@code event_time}, {@code --event-time-start/-end}, and a failing batch retried alone.
 */
class CliMicrobatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** Events in a CSV file read as source raw.events, dated by ordered_at. */
  private TempProject project(String events, String model) {
    return TempProject.named(dir, "shop")
        .file("data/events.csv", events)
        .file("models/sources.yml", """
            sources:
              - name: raw
                tables:
                  - name: events
                    config:
                      location: data/events.csv
                      event_time: ordered_at
            """)
        .file("models/daily_orders.sql", model);
  }

  private static String model(String begin, String extraConfig) {
    return "{{ config(materialized='incremental', incremental_strategy='microbatch',\n"
        + "    event_time='ordered_at', batch_size='day', begin='" + begin + "'" + extraConfig
        + ") }}\n"
        + "select id, ordered_at, cast(amount as integer) as amount\n"
        + "from {{ source('raw', 'events') }}\n";
  }

  private static List<String> rows(TempProject project) {
    return DuckDbFile.rows(project.path("shop.duckdb"),
        "select id, strftime(ordered_at, '%Y-%m-%d %H:%M'), amount from daily_orders order by id");
  }

  private static JsonNode result(TempProject project, String uniqueId) throws IOException {
    for (JsonNode result : JSON.readTree(project.path("target/run_results.json").toFile())
        .path("results")) {
      if (result.path("unique_id").asText().equals(uniqueId)) {
        return result;
      }
    }
    throw new AssertionError(uniqueId + " is not in run_results.json");
  }

  /** The batch labels the console reported building, in order ("Batch i of n START ..."). */
  private static List<String> batchesRun(CliRun run) {
    List<String> batches = new ArrayList<>();
    run.out().lines().filter(l -> l.matches(".*Batch \\d+ of \\d+ START batch .*"))
        .forEach(l -> batches.add(l.replaceAll(".* START batch (\\S+ ?(\\d\\d:\\d\\d:\\d\\d)?)"
            + " of .*", "$1").strip()));
    return batches;
  }

  @Test
  void theFirstRunBuildsEveryDayFromBeginAndALaterRunRedoesOnlyTheLookback() throws IOException {
    // Days relative to today (UTC): the run ends with the current day, as dbt's does.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate d3 = today.minusDays(3);
    LocalDate d2 = today.minusDays(2);
    LocalDate d1 = today.minusDays(1);
    TempProject project = project("id,ordered_at,amount\n"
        + "1," + d3 + " 08:00:00,10\n"
        + "2," + d3 + " 15:30:00,20\n"
        + "3," + d2 + " 09:00:00,30\n"
        + "4," + d1 + " 23:59:59,40\n"
        + "5," + today + " 00:00:00,50\n",
        model(d3.toString(), ""));

    CliRun first = mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of(d3.toString(), d2.toString(), d1.toString(), today.toString()),
        batchesRun(first), first::describe);
    assertTrue(first.out().contains("Batch 4 of 4 OK created batch " + today), first.describe());
    assertEquals(List.of(
        "1|" + d3 + " 08:00|10",
        "2|" + d3 + " 15:30|20",
        "3|" + d2 + " 09:00|30",
        "4|" + d1 + " 23:59|40",
        "5|" + today + " 00:00|50"), rows(project));
    JsonNode model = result(project, "model.shop.daily_orders");
    assertEquals("success", model.path("status").asText());
    assertEquals(4, model.path("batch_results").path("successful").size(), model::toString);
    assertEquals(d3 + "T00:00:00Z",
        model.path("batch_results").path("successful").path(0).path(0).asText());

    // Late rows arrive: one yesterday (inside lookback 1), one three days ago (outside it), and
    // row 3 (two days ago) changes; only yesterday and today are built again.
    project.file("data/events.csv", "id,ordered_at,amount\n"
        + "1," + d3 + " 08:00:00,10\n"
        + "2," + d3 + " 15:30:00,20\n"
        + "3," + d2 + " 09:00:00,33\n"
        + "4," + d1 + " 23:59:59,40\n"
        + "5," + today + " 00:00:00,50\n"
        + "6," + d1 + " 06:00:00,60\n"
        + "7," + d3 + " 12:00:00,70\n");

    CliRun second = mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of(d1.toString(), today.toString()), batchesRun(second),
        second::describe);
    assertEquals(List.of(
        "1|" + d3 + " 08:00|10",
        "2|" + d3 + " 15:30|20",
        "3|" + d2 + " 09:00|30",
        "4|" + d1 + " 23:59|40",
        "5|" + today + " 00:00|50",
        "6|" + d1 + " 06:00|60"), rows(project));

    // A full refresh builds every batch from begin again and picks up the rest.
    CliRun full = mds("run", "--project-dir", project.dir(), "--full-refresh").assertOk();
    assertEquals(4, batchesRun(full).size(), full::describe);
    assertEquals(List.of(
        "1|" + d3 + " 08:00|10",
        "2|" + d3 + " 15:30|20",
        "3|" + d2 + " 09:00|33",
        "4|" + d1 + " 23:59|40",
        "5|" + today + " 00:00|50",
        "6|" + d1 + " 06:00|60",
        "7|" + d3 + " 12:00|70"), rows(project));
  }

  private static final String FOUR_DAYS = "id,ordered_at,amount\n"
      + "1,2025-01-01 08:00:00,10\n"
      + "2,2025-01-02 09:00:00,20\n"
      + "3,2025-01-03 10:00:00,30\n"
      + "4,2025-01-04 11:00:00,40\n";

  @Test
  void eventTimeStartAndEndBuildOnlyTheirBatches() throws IOException {
    // begin as dbt's docs write it: a datetime from the modules context.
    TempProject project = project(FOUR_DAYS, """
        {{ config(materialized='incremental', incremental_strategy='microbatch',
            event_time='ordered_at', batch_size='day',
            begin=modules.datetime.datetime(2025, 1, 1, 0, 0, 0)) }}
        select id, ordered_at, cast(amount as integer) as amount,
          '{{ model.batch.event_time_start.strftime('%d.%m.') }}' as day
        from {{ source('raw', 'events') }}
        """);
    CliRun all = mds("run", "--project-dir", project.dir(), "--event-time-start", "2025-01-01",
        "--event-time-end", "2025-01-05").assertOk();
    assertEquals(List.of("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"),
        batchesRun(all));
    project.file("data/events.csv", FOUR_DAYS.replace(",10\n", ",11\n").replace(",20\n", ",21\n")
        .replace(",30\n", ",31\n").replace(",40\n", ",41\n"));

    CliRun backfill = mds("run", "--project-dir", project.dir(), "--event-time-start",
        "2025-01-02", "--event-time-end", "2025-01-04").assertOk();

    assertEquals(List.of("2025-01-02", "2025-01-03"), batchesRun(backfill), backfill::describe);
    assertEquals(List.of("1|2025-01-01 08:00|10", "2|2025-01-02 09:00|21",
        "3|2025-01-03 10:00|31", "4|2025-01-04 11:00|40"), rows(project));
    assertEquals(List.of("01.01.", "02.01.", "03.01.", "04.01."), DuckDbFile.rows(
        project.path("shop.duckdb"), "select day from daily_orders order by id"));
    assertEquals("2025-01-01T00:00:00", JSON.readTree(project.path("target/manifest.json")
        .toFile()).path("nodes").path("model.shop.daily_orders").path("config").path("begin")
        .asText());
  }

  @Test
  void fullRefreshFalseKeepsTheHistoryOnAFullRefresh() {
    TempProject project = project(FOUR_DAYS, model("2025-01-01", ", full_refresh=false"));
    mds("run", "--project-dir", project.dir(), "--event-time-start", "2025-01-01",
        "--event-time-end", "2025-01-05").assertOk();
    project.file("data/events.csv", FOUR_DAYS.replace(",20\n", ",22\n"));

    CliRun refresh = mds("run", "--project-dir", project.dir(), "--full-refresh",
        "--event-time-start", "2025-01-02", "--event-time-end", "2025-01-03").assertOk();

    assertEquals(List.of("2025-01-02"), batchesRun(refresh), refresh::describe);
    assertEquals(List.of("1|2025-01-01 08:00|10", "2|2025-01-02 09:00|22",
        "3|2025-01-03 10:00|30", "4|2025-01-04 11:00|40"), rows(project));
  }

  @Test
  void aNewColumnIsAddedWithOnSchemaChange() {
    TempProject project = project(FOUR_DAYS,
        model("2025-01-01", ", on_schema_change='append_new_columns'"));
    mds("run", "--project-dir", project.dir(), "--event-time-start", "2025-01-01",
        "--event-time-end", "2025-01-03").assertOk();
    project.file("models/daily_orders.sql", model("2025-01-01",
        ", on_schema_change='append_new_columns'").replace("as amount\n",
            "as amount, amount * 2 as doubled\n"));

    mds("run", "--project-dir", project.dir(), "--event-time-start", "2025-01-02",
        "--event-time-end", "2025-01-04").assertOk();

    assertEquals(List.of("1|10|null", "2|20|40", "3|30|60"), DuckDbFile.rows(
        project.path("shop.duckdb"), "select id, amount, doubled from daily_orders order by id"));
  }

  @Test
  void inputsWithEventTimeAreFilteredToTheBatchAndOthersAreReadWhole() throws IOException {
    TempProject project = project(FOUR_DAYS, "")
        .file("seeds/fx_rates.csv", "currency,rate\nEUR,2\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: fx_rates
            """)
        .file("models/orders.sql", """
            {{ config(materialized='table', event_time='ordered_at') }}
            select id, ordered_at, amount, 'EUR' as currency from {{ source('raw', 'events') }}
            """)
        .file("models/daily_orders.sql", """
            {{ config(materialized='incremental', incremental_strategy='microbatch',
                event_time='ordered_at', batch_size='day', begin='2025-01-01', lookback=0,
                concurrent_batches=true) }}
            select o.id, o.ordered_at, o.amount * r.rate as amount,
              (select count(*) from {{ ref('orders').render() }}) as all_orders,
              '{{ model.batch.id }}' as batch_id
            from {{ ref('orders') }} o
            join {{ ref('fx_rates') }} r using (currency)
            """);

    mds("build", "--project-dir", project.dir(), "--event-time-start", "2025-01-02",
        "--event-time-end", "2025-01-04").assertOk();

    assertEquals(List.of("2|2025-01-02 09:00|40|4|20250102", "3|2025-01-03 10:00|60|4|20250103"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select id,"
            + " strftime(ordered_at, '%Y-%m-%d %H:%M'), amount, all_orders, batch_id"
            + " from daily_orders order by id"));
    String ran = Files.readString(project.path("target/run/shop/models/daily_orders.sql"));
    assertTrue(ran.contains("(select * from \"main\".\"orders\" where ordered_at >="
        + " '2025-01-02 00:00:00+00:00' and ordered_at < '2025-01-03 00:00:00+00:00') o"), ran);
    assertTrue(ran.contains("join \"main\".\"fx_rates\" r"), "fx_rates has no event_time: " + ran);
    assertTrue(ran.contains("count(*) from \"shop\".\"main\".\"orders\")")
        || ran.contains("count(*) from \"main\".\"orders\")"), ".render() opts out: " + ran);
  }

  @Test
  void aFailingBatchLeavesTheOthersCommittedAndRetryBuildsOnlyThatBatch() throws IOException {
    TempProject project = project(FOUR_DAYS.replace(",20\n", ",twenty\n"),
        model("2025-01-01", ""));

    CliRun failed = mds("run", "--project-dir", project.dir(), "--event-time-start",
        "2025-01-01", "--event-time-end", "2025-01-04");

    assertEquals(1, failed.exitCode(), failed::describe);
    assertTrue(failed.out().contains("Batch 2 of 3 ERROR creating batch 2025-01-02"),
        failed.describe());
    assertTrue(failed.out().contains("PARTIAL SUCCESS (2/3)"), failed.describe());
    assertTrue(failed.out().contains("twenty"), failed.describe());
    assertEquals(List.of("1|2025-01-01 08:00|10", "3|2025-01-03 10:00|30"), rows(project));
    JsonNode model = result(project, "model.shop.daily_orders");
    assertEquals("partial success", model.path("status").asText());
    assertEquals("[[\"2025-01-02T00:00:00Z\",\"2025-01-03T00:00:00Z\"]]",
        model.path("batch_results").path("failed").toString());
    assertEquals(2, model.path("batch_results").path("successful").size());

    // The data is fixed, and day 1 changes too: the retry must not build day 1 again.
    project.file("data/events.csv", FOUR_DAYS.replace(",10\n", ",11\n"));
    CliRun retry = mds("retry", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("2025-01-02"), batchesRun(retry), retry::describe);
    assertTrue(retry.out().contains("Batch 1 of 1 OK created batch 2025-01-02"),
        retry.describe());
    assertEquals(List.of("1|2025-01-01 08:00|10", "2|2025-01-02 09:00|20",
        "3|2025-01-03 10:00|30"), rows(project));
    assertEquals("success", result(project, "model.shop.daily_orders").path("status").asText());
    CliRun nothing = mds("retry", "--project-dir", project.dir()).assertOk();
    assertTrue(nothing.out().contains("Nothing to retry"), nothing.describe());
  }

  @Test
  void whenTheBatchThatCreatesTheTableFailsTheRestAreSkippedAndRetriedTogether()
      throws IOException {
    TempProject project = project(FOUR_DAYS.replace(",10\n", ",ten\n"), model("2025-01-01", ""));

    CliRun failed = mds("run", "--project-dir", project.dir(), "--event-time-start",
        "2025-01-01", "--event-time-end", "2025-01-03");

    assertEquals(1, failed.exitCode(), failed::describe);
    assertTrue(failed.out().contains("Batch 2 of 2 SKIP batch 2025-01-02"), failed.describe());
    assertEquals("error", result(project, "model.shop.daily_orders").path("status").asText());
    assertFalse(DuckDbFile.relations(project.path("shop.duckdb")).contains(
        "main.daily_orders:BASE TABLE"));
    project.file("data/events.csv", FOUR_DAYS);
    CliRun retry = mds("retry", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("2025-01-01", "2025-01-02"), batchesRun(retry), retry::describe);
    assertEquals(List.of("1|2025-01-01 08:00|10", "2|2025-01-02 09:00|20"), rows(project));
  }

  @Test
  void badMicrobatchConfigsAndFlagsAreOneLineErrors() {
    String base = "{{ config(materialized='incremental', incremental_strategy='microbatch'";
    String select = ") }}\nselect 1 as id, timestamp '2025-01-01' as ordered_at\n";
    project(FOUR_DAYS, base + ", batch_size='day', begin='2025-01-01'" + select);
    mds("run", "--project-dir", dir.toString())
        .assertProjectError("models/daily_orders.sql", "needs event_time");
    project(FOUR_DAYS, base + ", event_time='ordered_at', begin='2025-01-01'" + select);
    mds("run", "--project-dir", dir.toString())
        .assertProjectError("models/daily_orders.sql", "needs batch_size");
    project(FOUR_DAYS, base + ", event_time='ordered_at', batch_size='week', begin='2025-01-01'"
        + select);
    mds("run", "--project-dir", dir.toString()).assertProjectError("models/daily_orders.sql",
        "batch_size must be hour, day, month or year, got 'week'");
    project(FOUR_DAYS, base + ", event_time='ordered_at', batch_size='day'" + select);
    mds("run", "--project-dir", dir.toString())
        .assertProjectError("models/daily_orders.sql", "needs begin");
    project(FOUR_DAYS, base + ", event_time='ordered_at', batch_size='day', begin='soon'"
        + select);
    mds("run", "--project-dir", dir.toString())
        .assertProjectError("models/daily_orders.sql", "begin must be a date", "'soon'");
    project(FOUR_DAYS, base + ", event_time='ordered_at', batch_size='day',"
        + " begin='2025-01-01', lookback=-1" + select);
    mds("run", "--project-dir", dir.toString())
        .assertProjectError("models/daily_orders.sql", "lookback must be");

    project(FOUR_DAYS, model("2025-01-01", ""));
    mds("run", "--project-dir", dir.toString(), "--event-time-start", "2025-01-02")
        .assertProjectError("--event-time-start and --event-time-end go together");
    mds("build", "--project-dir", dir.toString(), "--event-time-start", "2025-01-02",
        "--event-time-end", "2025-01-02")
        .assertProjectError("must be before --event-time-end");
    mds("run", "--project-dir", dir.toString(), "--event-time-start", "yesterday",
        "--event-time-end", "2025-01-02")
        .assertProjectError("--event-time-start must be a date", "'yesterday'");
    assertFalse(Files.exists(dir.resolve("shop.duckdb")) && DuckDbFile.relations(
        dir.resolve("shop.duckdb")).contains("main.daily_orders:BASE TABLE"));
  }
}
