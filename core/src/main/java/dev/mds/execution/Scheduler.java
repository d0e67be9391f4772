package dev.mds.execution;

import dev.mds.graph.DependencyGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs selected nodes on a pool of workers, each as soon as the selected nodes it depends on (also
 * through unselected ones) have succeeded. A failure skips everything downstream of it and the rest
 * goes on; with fail-fast, or once cancelled, nothing new starts.
 */
final class Scheduler {

  /** Runs one node; must not throw. */
  interface Work {
    NodeResult run(String uniqueId);
  }

  /**
   * Runs one node and possibly others along with it (a model's audit tests); the node's own result
   * comes first. Must not throw.
   */
  interface BatchWork {
    List<NodeResult> run(String uniqueId);
  }

  /** Told of each result as it arrives (including skips). */
  interface Outcomes {
    void finished(String uniqueId, NodeResult result);
  }

  private final int threads;
  private final boolean failFast;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  Scheduler(int threads, boolean failFast) {
    this.threads = Math.max(1, threads);
    this.failFast = failFast;
  }

  void cancel() {
    cancelled.set(true);
  }

  boolean isCancelled() {
    return cancelled.get();
  }

  /** Runs {@code order} (topologically sorted ids); returns results in completion order. */
  List<NodeResult> run(List<String> order, DependencyGraph graph, Work work, Outcomes outcomes) {
    return run(order, graph::parents, id -> List.of(work.run(id)), outcomes);
  }

  /**
   * Runs {@code order} where {@code parentsOf} gives each node's direct dependencies (selected or
   * not); returns results in completion order.
   */
  List<NodeResult> run(List<String> order, Function<String, Set<String>> parentsOf,
      BatchWork work, Outcomes outcomes) {
    Set<String> selected = new LinkedHashSet<>(order);
    Map<String, Set<String>> parents = new HashMap<>();
    Map<String, List<String>> children = new HashMap<>();
    Map<String, Set<String>> memo = new HashMap<>();
    for (String id : order) {
      Set<String> ps = selectedParents(id, parentsOf, selected, memo);
      parents.put(id, new LinkedHashSet<>(ps));
      for (String p : ps) {
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
      }
    }
    List<String> ready = new ArrayList<>();
    for (String id : order) {
      if (parents.get(id).isEmpty()) {
        ready.add(id);
      }
    }
    Run run = new Run(ready, parents, children, work, outcomes);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(run::work, "mds-worker");
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    try {
      for (Thread t : workers) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      workers.forEach(Thread::interrupt);
      throw new IllegalStateException("Interrupted while waiting for a worker", e);
    }
    if (run.failure != null) {
      throw new IllegalStateException("A worker failed unexpectedly", run.failure);
    }
    Map<String, NodeResult> results = run.results;
    String why = cancelled.get() ? "cancelled (interrupted)" : "skipped: --fail-fast stopped the run";
    for (String id : order) {
      if (!results.containsKey(id)) {
        NodeResult skipped = NodeResult.skipped(id, why);
        results.put(id, skipped);
        outcomes.finished(id, skipped);
      }
    }
    return new ArrayList<>(results.values());
  }

  /**
   * One run's shared state. Each worker takes the next ready node itself and, when it is done,
   * records the results and releases the children, under one lock: no thread hands nodes to
   * another, which on a busy machine cost two thread wake-ups per node.
   */
  private final class Run {

    private final List<String> ready;
    private final Map<String, Set<String>> parents;
    private final Map<String, List<String>> children;
    private final BatchWork work;
    private final Outcomes outcomes;
    private final Map<String, NodeResult> results = new LinkedHashMap<>();
    private int running;
    private boolean stop;
    private Throwable failure;

    Run(List<String> ready, Map<String, Set<String>> parents, Map<String, List<String>> children,
        BatchWork work, Outcomes outcomes) {
      this.ready = ready;
      this.parents = parents;
      this.children = children;
      this.work = work;
      this.outcomes = outcomes;
    }

    void work() {
      while (true) {
        String id;
        synchronized (this) {
          // Take a node only when free to run it: one not yet started must stay skippable by
          // fail-fast and Ctrl-C (the timed wait notices a cancel).
          while (!halted() && ready.isEmpty() && running > 0) {
            try {
              wait(100);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          if (halted() || ready.isEmpty()) {
            notifyAll();
            return;
          }
          id = ready.remove(0);
          running++;
        }
        List<NodeResult> batch;
        try {
          batch = work.run(id);
        } catch (RuntimeException | Error e) {
          synchronized (this) {
            failure = e;
            running--;
            notifyAll();
          }
          return;
        }
        synchronized (this) {
          running--;
          try {
            finished(batch);
          } catch (RuntimeException | Error e) {
            failure = e;
          }
          notifyAll();
        }
      }
    }

    private boolean halted() {
      return stop || failure != null || cancelled.get();
    }

    private void finished(List<NodeResult> batch) {
      for (NodeResult result : batch) {
        if (!results.containsKey(result.uniqueId())) {
          results.put(result.uniqueId(), result);
          outcomes.finished(result.uniqueId(), result);
        }
      }
      // Results that came along (audit tests) before the node's own, so that its children
      // find them done.
      for (int i = batch.size() - 1; i >= 0; i--) {
        NodeResult result = batch.get(i);
        if (result.status().isFailure()) {
          skipDescendants(result.uniqueId(), children, results, outcomes);
          stop |= failFast;
        } else {
          for (String child : children.getOrDefault(result.uniqueId(), List.of())) {
            Set<String> waiting = parents.get(child);
            waiting.remove(result.uniqueId());
            if (waiting.isEmpty() && !results.containsKey(child)) {
              ready.add(child);
            }
          }
        }
      }
    }
  }

  private static void skipDescendants(String failed, Map<String, List<String>> children,
      Map<String, NodeResult> results, Outcomes outcomes) {
    List<String> stack = new ArrayList<>(children.getOrDefault(failed, List.of()));
    while (!stack.isEmpty()) {
      String id = stack.remove(stack.size() - 1);
      if (results.containsKey(id)) {
        continue;
      }
      NodeResult skipped = NodeResult.skipped(id, "skipped because an upstream node failed: "
          + failed);
      results.put(id, skipped);
      outcomes.finished(id, skipped);
      stack.addAll(children.getOrDefault(id, List.of()));
    }
  }

  /** The selected nodes {@code id} waits for: direct parents, or the nearest selected ancestors. */
  private static Set<String> selectedParents(String id,
      Function<String, Set<String>> parentsOf, Set<String> selected,
      Map<String, Set<String>> memo) {
    Set<String> result = new LinkedHashSet<>();
    for (String parent : parentsOf.apply(id)) {
      if (selected.contains(parent)) {
        result.add(parent);
      } else {
        Set<String> inherited = memo.get(parent);
        if (inherited == null) {
          inherited = selectedParents(parent, parentsOf, selected, memo);
          memo.put(parent, inherited);
        }
        result.addAll(inherited);
      }
    }
    return result;
  }
}
