package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.project.NodeConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The config of an {@code incremental_strategy='microbatch'} model, as dbt ≥ 1.9 reads it: the
 * column that dates each row ({@code event_time}), the period one batch covers
 * ({@code batch_size}), where the first build starts ({@code begin}), how many batches before the
 * current one a later build redoes ({@code lookback}, default 1), and whether batches may run at
 * once ({@code concurrent_batches}: DuckDB has one writer, so mds always runs them one by one).
 * Checked when the project is parsed, so a bad value stops the first build.
 */
public record MicrobatchConfig(String eventTime, BatchSize batchSize, Instant begin, int lookback) {

  /** Whether {@code config} is a microbatch incremental model. */
  public static boolean is(NodeConfig config) {
    return config.materialized().equals("incremental")
        && config.string("incremental_strategy").map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter("microbatch"::equals).isPresent();
  }

  /** Reads and checks the config; a missing or bad value fails naming {@code location}. */
  public static MicrobatchConfig of(NodeConfig config, String location) {
    String eventTime = config.get("event_time").map(String::valueOf).map(String::strip)
        .filter(s -> !s.isEmpty()).orElseThrow(() -> MdsException.at(location,
            "a microbatch model needs event_time: the column that dates each row"
                + " (event_time='ordered_at')"));
    Object size = config.get("batch_size").orElseThrow(() -> MdsException.at(location,
        "a microbatch model needs batch_size: hour, day, month or year"));
    BatchSize batchSize = BatchSize.parse(String.valueOf(size)).orElseThrow(() ->
        MdsException.at(location, "batch_size must be hour, day, month or year, got '" + size
            + "'"));
    Object beginValue = config.get("begin").orElseThrow(() -> MdsException.at(location,
        "a microbatch model needs begin: the time its first build starts from"
            + " (begin='2024-01-01')"));
    Instant begin = parseTime(String.valueOf(beginValue)).orElseThrow(() ->
        MdsException.at(location, "begin must be a date or a timestamp such as '2024-01-01' or"
            + " '2024-01-01 06:00:00', got '" + beginValue + "'"));
    Object lookbackValue = config.get("lookback").orElse(1);
    int lookback;
    try {
      lookback = lookbackValue instanceof Number n && n.doubleValue() == n.intValue()
          ? n.intValue() : Integer.parseInt(String.valueOf(lookbackValue).strip());
    } catch (NumberFormatException e) {
      lookback = -1;
    }
    if (lookback < 0) {
      throw MdsException.at(location, "lookback must be a whole number of batches (0 or more),"
          + " got '" + lookbackValue + "'");
    }
    return new MicrobatchConfig(eventTime, batchSize, batchSize.truncate(begin), lookback);
  }

  /**
   * A time as dbt takes {@code begin} and {@code --event-time-start}: a date, or a date and time
   * ({@code T} or a space between), read as UTC unless it carries an offset.
   */
  public static Optional<Instant> parseTime(String text) {
    String value = text.strip();
    try {
      return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notADate) {
      // Try the longer forms.
    }
    String iso = value.replace(' ', 'T');
    try {
      return Optional.of(OffsetDateTime.parse(normaliseOffset(iso)).toInstant());
    } catch (DateTimeParseException noOffset) {
      // A local time, read as UTC.
    }
    try {
      return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static final java.util.regex.Pattern OFFSET =
      java.util.regex.Pattern.compile("(?<=T[0-9:.]{1,20})([+-])(\\d\\d):?(\\d\\d)?$");

  /** {@code +00} and {@code +0000} as Java reads offsets: {@code +00:00}. */
  private static String normaliseOffset(String iso) {
    java.util.regex.Matcher m = OFFSET.matcher(iso);
    if (!m.find()) {
      return iso;
    }
    return iso.substring(0, m.start()) + m.group(1) + m.group(2) + ":"
        + (m.group(3) == null ? "00" : m.group(3));
  }
}
