package dev.mds.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** The period one microbatch covers; batches start on the period's boundary in UTC, as dbt's. */
public enum BatchSize {
  HOUR, DAY, MONTH, YEAR;

  static Optional<BatchSize> parse(String text) {
    for (BatchSize size : values()) {
      if (size.name().equalsIgnoreCase(text.strip())) {
        return Optional.of(size);
      }
    }
    return Optional.empty();
  }

  /** The start of the period {@code time} falls in. */
  public Instant truncate(Instant time) {
    ZonedDateTime t = time.atZone(ZoneOffset.UTC);
    ZonedDateTime start = switch (this) {
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> t.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
    };
    return start.toInstant();
  }

  /** {@code time} moved by {@code periods} of this size (back when negative). */
  public Instant plus(Instant time, long periods) {
    ZonedDateTime t = time.atZone(ZoneOffset.UTC);
    ZonedDateTime moved = switch (this) {
      case HOUR -> t.plusHours(periods);
      case DAY -> t.plusDays(periods);
      case MONTH -> t.plusMonths(periods);
      case YEAR -> t.plusYears(periods);
    };
    return moved.toInstant();
  }

  /** The lower-case name dbt's config uses. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
