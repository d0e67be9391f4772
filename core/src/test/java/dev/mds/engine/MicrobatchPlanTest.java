package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.project.NodeConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which batches a microbatch model builds, by batch size, lookback and the event-time flags. */
class MicrobatchPlanTest {

  private static MicrobatchConfig config(String size, String begin, Object lookback) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("materialized", "incremental");
    values.put("incremental_strategy", "microbatch");
    values.put("event_time", "ordered_at");
    values.put("batch_size", size);
    values.put("begin", begin);
    if (lookback != null) {
      values.put("lookback", lookback);
    }
    return MicrobatchConfig.of(new NodeConfig(values), "models/m.sql");
  }

  private static List<String> labels(List<BatchWindow> batches) {
    return batches.stream().map(b -> b.label() + ">" + b.end()).toList();
  }

  private static Instant at(String text) {
    return MicrobatchConfig.parseTime(text).orElseThrow();
  }

  @Test
  void aFirstRunGoesFromBeginToTheEndOfTheCurrentPeriod() {
    MicrobatchConfig daily = config("day", "2020-01-01", null);
    assertEquals(List.of("2020-01-01>2020-01-02T00:00:00Z", "2020-01-02>2020-01-03T00:00:00Z",
        "2020-01-03>2020-01-04T00:00:00Z"), labels(MicrobatchPlan.batches(daily, false,
            Optional.empty(), Optional.empty(), at("2020-01-03 13:57:00"))));
  }

  @Test
  void aLaterRunRedoesTheCurrentPeriodAndLookbackMore() {
    MicrobatchConfig daily = config("day", "2020-01-01", null);
    assertEquals(List.of("2020-01-02>2020-01-03T00:00:00Z", "2020-01-03>2020-01-04T00:00:00Z"),
        labels(MicrobatchPlan.batches(daily, true, Optional.empty(), Optional.empty(),
            at("2020-01-03 13:57:00"))));
    MicrobatchConfig three = config("day", "2020-01-01", 3);
    assertEquals(4, MicrobatchPlan.batches(three, true, Optional.empty(), Optional.empty(),
        at("2020-01-10 00:30:00")).size());
    // Never before begin.
    assertEquals(List.of("2020-01-01>2020-01-02T00:00:00Z"),
        labels(MicrobatchPlan.batches(three, true, Optional.empty(), Optional.empty(),
            at("2020-01-01 05:00:00"))));
    MicrobatchConfig none = config("day", "2020-01-01", "0");
    assertEquals(List.of("2020-01-03>2020-01-04T00:00:00Z"),
        labels(MicrobatchPlan.batches(none, true, Optional.empty(), Optional.empty(),
            at("2020-01-03 13:57:00"))));
  }

  @Test
  void theFlagsPickThePeriodsAndTheLastBatchEndsAtTheEndGiven() {
    MicrobatchConfig daily = config("day", "2020-01-01", null);
    assertEquals(List.of("2020-02-01>2020-02-02T00:00:00Z", "2020-02-02>2020-02-02T12:00:00Z"),
        labels(MicrobatchPlan.batches(daily, true, Optional.of(at("2020-02-01 09:00")),
            Optional.of(at("2020-02-02 12:00")), at("2030-01-01"))));
  }

  @Test
  void hoursMonthsAndYears() {
    assertEquals(List.of("2024-02-29 22:00:00>2024-02-29T23:00:00Z",
        "2024-02-29 23:00:00>2024-03-01T00:00:00Z"),
        labels(MicrobatchPlan.batches(config("hour", "2024-02-29 22:15:00", null), false,
            Optional.empty(), Optional.empty(), at("2024-02-29T23:10:00Z"))));
    assertEquals(List.of("2024-01-01>2024-02-01T00:00:00Z", "2024-02-01>2024-03-01T00:00:00Z",
        "2024-03-01>2024-04-01T00:00:00Z"),
        labels(MicrobatchPlan.batches(config("MONTH", "2024-01-15", null), false,
            Optional.empty(), Optional.empty(), at("2024-03-31 23:00:00"))));
    assertEquals(List.of("2023-01-01>2024-01-01T00:00:00Z", "2024-01-01>2025-01-01T00:00:00Z"),
        labels(MicrobatchPlan.batches(config("year", "2023-06-01", null), true,
            Optional.empty(), Optional.empty(), at("2024-07-01"))));
    assertEquals("2024022922", new BatchWindow(at("2024-02-29 22:00"), at("2024-02-29 23:00"),
        BatchSize.HOUR).id());
  }

  @Test
  void aBeginInTheFutureBuildsNothing() {
    assertTrue(MicrobatchPlan.batches(config("day", "2030-01-01", null), false,
        Optional.empty(), Optional.empty(), at("2025-01-01")).isEmpty());
  }

  @Test
  void timesAreReadAsDbtTakesThem() {
    assertEquals(Instant.parse("2024-01-31T00:00:00Z"), at("2024-01-31"));
    assertEquals(Instant.parse("2024-01-31T06:30:00Z"), at("2024-01-31 06:30:00"));
    assertEquals(Instant.parse("2024-01-31T06:30:00Z"), at("2024-01-31T06:30"));
    assertEquals(Instant.parse("2024-01-31T04:30:00Z"), at("2024-01-31 06:30:00+02:00"));
    assertEquals(Instant.parse("2024-01-31T06:30:00Z"), at("2024-01-31 06:30:00+00"));
    assertTrue(MicrobatchConfig.parseTime("31.01.2024").isEmpty());
    MdsException bad = assertThrows(MdsException.class, () -> config("fortnight", "2024-01-01",
        null));
    assertTrue(bad.getMessage().startsWith("models/m.sql"), bad.getMessage());
  }
}
