package dev.mds.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which batches a microbatch model builds, by dbt's rules: the run ends at {@code
 * --event-time-end}, or at the end of the period holding "now"; it starts at {@code
 * --event-time-start}, or, when the table exists (and is not being fully refreshed), {@code
 * lookback} periods before the current one, or else at {@code begin}. One batch per period; the
 * last one ends exactly at the end. None when the start is not before the end.
 */
public final class MicrobatchPlan {

  private MicrobatchPlan() {
  }

  /**
   * @param incremental whether the model's table exists and is added to
   * @param start {@code --event-time-start}, if given
   * @param end {@code --event-time-end}, if given
   * @param now when the invocation started
   */
  public static List<BatchWindow> batches(MicrobatchConfig config, boolean incremental,
      Optional<Instant> start, Optional<Instant> end, Instant now) {
    BatchSize size = config.batchSize();
    Instant last = end.orElseGet(() -> ceiling(size, now));
    Instant first;
    if (start.isPresent()) {
      first = size.truncate(start.get());
    } else if (incremental) {
      // The period holding the end is the current batch; lookback more before it.
      Instant current = size.truncate(last).equals(last) ? size.plus(last, -1)
          : size.truncate(last);
      first = size.plus(current, -config.lookback());
      if (first.isBefore(config.begin())) {
        first = config.begin();
      }
    } else {
      first = config.begin();
    }
    List<BatchWindow> batches = new ArrayList<>();
    if (!first.isBefore(last)) {
      // begin (or the start asked for) is not before the end: no period to build.
      return batches;
    }
    Instant batchStart = first;
    do {
      Instant batchEnd = size.plus(batchStart, 1);
      if (!batchEnd.isBefore(last)) {
        batchEnd = last;
      }
      batches.add(new BatchWindow(batchStart, batchEnd, size));
      batchStart = batchEnd;
    } while (batchStart.isBefore(last));
    return batches;
  }

  private static Instant ceiling(BatchSize size, Instant time) {
    Instant floor = size.truncate(time);
    return floor.equals(time) ? time : size.plus(floor, 1);
  }
}
