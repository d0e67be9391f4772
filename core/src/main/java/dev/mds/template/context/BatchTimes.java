package dev.mds.template.context;

import java.time.Instant;

/** A microbatch's bounds as templates see them ({@code model.batch.event_time_start}). */
public final class BatchTimes {

  private BatchTimes() {
  }

  /**
   * A config value as the manifest keeps it: a Python date or datetime (dbt's
   * {@code begin=modules.datetime.datetime(2024, 1, 1)}) as its ISO text, anything else as it is.
   */
  public static Object plain(Object value) {
    if (value instanceof PyDateTime time) {
      return time.isoformat("T");
    }
    return value instanceof PyDate date ? date.toString() : value;
  }

  /** {@code time} as a Python datetime aware of UTC, as dbt passes batch bounds. */
  public static Object utc(Instant time) {
    return PyDateTime.at(time, PyTimezone.UTC);
  }
}
