package dev.mds.execution;

import dev.mds.engine.BatchWindow;
import java.util.List;

/**
 * The batches of a microbatch model's build: those committed and those that failed, which
 * {@code run_results.json} records (dbt's {@code batch_results}) for {@code mds retry}.
 */
public record BatchResults(List<BatchWindow> successful, List<BatchWindow> failed) {
}
