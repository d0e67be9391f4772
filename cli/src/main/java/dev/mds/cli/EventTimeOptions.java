package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.engine.BatchWindow;
import dev.mds.engine.MicrobatchConfig;
import dev.mds.execution.MicrobatchOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The microbatch options of run and build: which periods to (re)build. */
final class EventTimeOptions {

  @Option(names = "--event-time-start", paramLabel = "TIME",
      description = "Microbatch models build the batches from the period holding this date or"
          + " time (UTC; with --event-time-end).")
  String start;

  @Option(names = "--event-time-end", paramLabel = "TIME",
      description = "Microbatch models build batches up to this date or time, exclusive (UTC;"
          + " with --event-time-start).")
  String end;

  /** Written by {@code mds retry}: a model's failed batches, {@code model=start/end}. */
  @Option(names = RETRY_OPTION, hidden = true, paramLabel = "MODEL=START/END")
  List<String> retryBatches = new ArrayList<>();

  static final String RETRY_OPTION = "--retry-batches";

  /** The options checked: both times or neither, each readable, the start before the end. */
  MicrobatchOptions options() {
    if ((start == null) != (end == null)) {
      throw new MdsException("--event-time-start and --event-time-end go together: give both"
          + " or neither");
    }
    Optional<Instant> from = Optional.ofNullable(start).map(t -> time("--event-time-start", t));
    Optional<Instant> to = Optional.ofNullable(end).map(t -> time("--event-time-end", t));
    if (from.isPresent() && !from.get().isBefore(to.get())) {
      throw new MdsException("--event-time-start (" + start + ") must be before"
          + " --event-time-end (" + end + ")");
    }
    Map<String, List<BatchWindow>> retry = new LinkedHashMap<>();
    for (String entry : retryBatches) {
      int eq = entry.indexOf('=');
      int slash = entry.indexOf('/', eq + 1);
      if (eq < 1 || slash < 0) {
        throw new MdsException(RETRY_OPTION + " takes model=start/end, got '" + entry + "'");
      }
      retry.computeIfAbsent(entry.substring(0, eq), k -> new ArrayList<>()).add(new BatchWindow(
          time(RETRY_OPTION, entry.substring(eq + 1, slash)),
          time(RETRY_OPTION, entry.substring(slash + 1)), null));
    }
    return new MicrobatchOptions(from, to, retry);
  }

  private static Instant time(String option, String text) {
    return MicrobatchConfig.parseTime(text).orElseThrow(() -> new MdsException(option
        + " must be a date or a time such as 2024-01-31 or '2024-01-31 06:00:00', got '" + text
        + "'"));
  }
}
