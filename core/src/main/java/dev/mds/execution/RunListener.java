package dev.mds.execution;

import dev.mds.graph.Node;

/**
 * Progress of a run, reported as it happens. Called from worker threads; implementations must be
 * thread-safe.
 */
public interface RunListener {

  /** Called once before any node starts. */
  default void runStarted(int total, int threads) {
  }

  default void nodeStarted(Node node, int index, int total) {
  }

  default void nodeFinished(Node node, NodeResult result, int index, int total) {
  }

  /** A line worth logging that is not a node event (hooks, waits). */
  default void info(String message) {
  }

  RunListener NONE = new RunListener() {
  };
}
