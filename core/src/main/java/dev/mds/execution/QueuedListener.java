package dev.mds.execution;

import dev.mds.Background;
import dev.mds.graph.Node;
import java.util.concurrent.ExecutorService;

/**
 * Passes a run's progress to another listener on a thread of its own, in the order the events
 * happened, so that a worker goes on to its next node while the console and log lines of the last
 * one are printed (~0.1 ms a node that would otherwise sit between two nodes' statements).
 * Finished nodes' results pass through {@link RowCounts#complete} on that thread first, so their
 * tables' rows are counted there too. {@link #close} waits until every event has been passed on.
 */
final class QueuedListener implements RunListener, AutoCloseable {

  private final RunListener target;
  private final RowCounts counts;
  private final ExecutorService thread = Background.queue("progress");

  QueuedListener(RunListener target, RowCounts counts) {
    this.target = target;
    this.counts = counts;
  }

  @Override
  public void runStarted(int total, int threads) {
    thread.execute(() -> target.runStarted(total, threads));
  }

  @Override
  public void nodeStarted(Node node, int index, int total) {
    thread.execute(() -> target.nodeStarted(node, index, total));
  }

  @Override
  public void nodeFinished(Node node, NodeResult result, int index, int total) {
    thread.execute(() -> target.nodeFinished(node, counts.complete(result), index, total));
  }

  @Override
  public void info(String message) {
    thread.execute(() -> target.info(message));
  }

  /** Returns once every event so far has reached the target listener. */
  @Override
  public void close() {
    Background.drain(thread);
  }
}
