package dev.mds.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One microbatch: the rows whose {@code event_time} is at or after {@code start} and before
 * {@code end} (UTC).
 */
public record BatchWindow(Instant start, Instant end, BatchSize size) {

  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * How dbt names the batch in its log: the date the batch starts on, with the time for hourly
   * batches.
   */
  public String label() {
    String time = SQL_TIME.format(start);
    return size == BatchSize.HOUR ? time : time.substring(0, 10);
  }

  /**
   * dbt's {@code model.batch.id}: the start's date as {@code 20240131}, with the hour for hourly
   * batches.
   */
  public String id() {
    String digits = SQL_TIME.format(start).replaceAll("[^0-9]", "");
    return digits.substring(0, size == BatchSize.HOUR ? 10 : 8);
  }

  /**
   * A time as the filters write it, as dbt renders a UTC datetime:
   * {@code 2024-01-01 00:00:00+00:00}, which DuckDB compares with DATE, TIMESTAMP and
   * TIMESTAMPTZ columns alike.
   */
  public static String literal(Instant time) {
    return "'" + SQL_TIME.format(time) + "+00:00'";
  }

  /** The SQL condition that keeps this batch's rows of {@code column} (an expression as given). */
  public String condition(String column) {
    return column + " >= " + literal(start) + " and " + column + " < " + literal(end);
  }
}
