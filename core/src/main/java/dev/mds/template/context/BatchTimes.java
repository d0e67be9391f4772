package dev.mds.template.context;

import java.time.Instant;

/** A microbatch's bounds as templates see them ({@code model.batch.event_time_start}). */
public final class BatchTimes {

  private BatchTimes() {
  }

  /** {@code time} as a Python datetime aware of UTC, as dbt passes batch bounds. */
  public static Object utc(Instant time) {
    return PyDateTime.at(time, PyTimezone.UTC);
  }
}
