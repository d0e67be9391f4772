package dev.mds;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Work started on a thread of its own while the caller goes on, for independent steps of one
 * command (reading schema YAML while macros compile, writing the manifest while SQL is checked).
 * Not the common pool: on a two-core machine it has a single worker.
 */
public final class Background {

  private Background() {
  }

  /** Starts {@code work} on a new daemon thread named {@code name}. */
  public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, task -> {
      Thread thread = new Thread(task, "mds-" + name);
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Waits until every piece of work has ended, however it ended. */
  public static void await(CompletableFuture<?>... works) {
    for (CompletableFuture<?> work : works) {
      if (work != null) {
        try {
          work.join();
        } catch (RuntimeException endedWithAnError) {
          // The caller reports its own error, or joins this work to get this one.
        }
      }
    }
  }

  /** The work's result once done; its own unchecked exception is rethrown as it was. */
  public static <T> T join(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * A queue of tasks run one after another, in order, on a daemon thread named {@code mds-name}
   * (progress lines, files written off a worker's path); {@link #drain} ends it.
   */
  public static ExecutorService queue(String name) {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "mds-" + name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Returns once every task given to {@code queue} has run; it takes no more. */
  public static void drain(ExecutorService queue) {
    queue.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (queue.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
