package dev.mds.template.context;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The Python values dbt's query results (agate tables) hold for DuckDB's date and time values,
 * so that templates can call {@code .strftime()} on them and print them as Python does
 * ({@code 2024-01-05 14:00:00}, not JDBC's {@code 2024-01-05 14:00:00.0}): a DATE is a
 * {@code datetime.date}, a TIMESTAMP a naive {@code datetime.datetime}, a TIMESTAMPTZ an aware
 * one, a TIME a {@code datetime.time}. Other values are as JDBC gives them.
 */
public final class DatabaseValues {

  private DatabaseValues() {
  }

  /** The value a template sees for {@code value} read from the database. */
  public static Object python(Object value) {
    if (value instanceof java.sql.Timestamp timestamp) {
      return new PyDateTime(timestamp.toLocalDateTime(), null);
    }
    if (value instanceof java.sql.Date date) {
      return new PyDate(date.toLocalDate());
    }
    if (value instanceof java.sql.Time time) {
      return new PyTime(time.toLocalTime());
    }
    if (value instanceof LocalDate date) {
      return new PyDate(date);
    }
    if (value instanceof LocalDateTime local) {
      return new PyDateTime(local, null);
    }
    if (value instanceof LocalTime time) {
      return new PyTime(time);
    }
    if (value instanceof OffsetDateTime offset) {
      return new PyDateTime(offset.toLocalDateTime(), new PyTimezone(offset.getOffset()));
    }
    if (value instanceof ZonedDateTime zoned) {
      return new PyDateTime(zoned.toLocalDateTime(), new PyTimezone(zoned.getZone()));
    }
    return value;
  }
}
