package dev.mds.execution;

import dev.mds.engine.BatchWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a run picks microbatch models' batches.
 *
 * @param start {@code --event-time-start}: the first batch is the period holding it
 * @param end {@code --event-time-end}: batches stop there (else at the end of the current period)
 * @param retry for {@code mds retry}: per model name, the batches that failed last time, built
 *     instead of the ones the rules would pick
 */
public record MicrobatchOptions(Optional<Instant> start, Optional<Instant> end,
    Map<String, List<BatchWindow>> retry) {

  /** No flags: batches by the models' configs and the clock. */
  public static final MicrobatchOptions NONE =
      new MicrobatchOptions(Optional.empty(), Optional.empty(), Map.of());
}
