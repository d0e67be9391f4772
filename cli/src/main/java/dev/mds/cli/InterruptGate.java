package dev.mds.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during a run: the run's own hook cancels the running statements and skips the nodes not
 * started; this one keeps the JVM alive (up to 30 s) until {@code run_results.json} and the summary
 * are written, so an interrupted run still reports what it finished. Before the run starts, Ctrl-C
 * ends mds at once, as before.
 */
final class InterruptGate implements AutoCloseable {

  private final CountDownLatch reported = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final Thread hook = new Thread(this::hold, "mds-report-on-interrupt");

  InterruptGate() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** From now on, Ctrl-C waits for the report. */
  void runStarting() {
    running.set(true);
  }

  /** Whether Ctrl-C (or another shutdown) has begun. */
  boolean interrupted() {
    return interrupted.get();
  }

  private void hold() {
    interrupted.set(true);
    if (!running.get()) {
      return;
    }
    try {
      reported.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The report is written (or will not be): shutting down may go on. */
  @Override
  public void close() {
    reported.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C arrived: the hook is running and has just been released.
    }
  }
}
