package dev.mds.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Lays the lineage graph out left to right with the Eclipse Layout Kernel's layered (Sugiyama)
 * algorithm: longest-path layers from the left (sources and seeds pinned to the first), crossings
 * reduced by layer sweeps, polyline edges.
 *
 * <p>Large graphs (above {@link #LARGE} nodes) are laid out by {@link LayeredLayout} instead:
 * ELK took 1-6 s for 5,000 nodes on a cold JVM on the bench machine (most of it loading and
 * compiling ELK itself), ours takes tens of milliseconds, and the browser draws them on a canvas
 * where ELK's finer placement is not what a reader sees.
 */
final class LineageLayout {

  static final double NODE_WIDTH = 200;
  static final double NODE_HEIGHT = 36;
  /** Above this many nodes, trade layout polish for speed. */
  static final int LARGE = 500;

  private LineageLayout() {
  }

  /** One parent-to-child edge. */
  record Link(String from, String to) {
  }

  /** Lays the graph out on a thread of its own, so pages can be written meanwhile. */
  static CompletableFuture<LaidOutGraph> start(List<String> ids, Set<String> entries,
      List<Link> links) {
    return start(ids, entries, links, null);
  }

  /**
   * As {@link #start(List, Set, List)}, reusing the layout cached in {@code cache} when the graph
   * is the same as last time, and caching the new one otherwise.
   */
  static CompletableFuture<LaidOutGraph> start(List<String> ids, Set<String> entries,
      List<Link> links, Path cache) {
    CompletableFuture<LaidOutGraph> result = new CompletableFuture<>();
    // ELK walks components and layers recursively: a 5,000-node chain overflows a default stack.
    Thread worker = new Thread(null, () -> {
      try {
        if (cache == null) {
          result.complete(layoutHere(ids, entries, links));
          return;
        }
        long started = System.nanoTime();
        byte[] digest = LayoutCache.digest(ids, entries, links);
        Optional<LaidOutGraph> cached = LayoutCache.read(cache, digest, ids);
        if (cached.isPresent()) {
          LaidOutGraph hit = cached.get();
          result.complete(new LaidOutGraph(hit.nodes(), hit.edges(), hit.width(), hit.height(),
              (System.nanoTime() - started) / 1_000_000));
          return;
        }
        LaidOutGraph laidOut = layoutHere(ids, entries, links);
        // Written before the result is handed over, so the cache is whole when generate returns.
        LayoutCache.write(cache, digest, ids, laidOut);
        result.complete(laidOut);
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "mds-lineage-layout", 512L << 20);
    worker.setDaemon(true);
    worker.start();
    return result;
  }

  /** Lays the graph out and waits for the result. */
  static LaidOutGraph layout(List<String> ids, Set<String> entries, List<Link> links) {
    try {
      return start(ids, entries, links).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocsException("Interrupted while laying out the lineage graph", e);
    } catch (ExecutionException e) {
      throw new DocsException("Cannot lay out the lineage graph: " + e.getCause(), e.getCause());
    }
  }

  private static LaidOutGraph layoutHere(List<String> ids, Set<String> entries,
      List<Link> links) {
    long start = System.nanoTime();
    if (ids.isEmpty()) {
      return new LaidOutGraph(List.of(), List.of(), 0, 0, 0);
    }
    if (ids.size() > LARGE) {
      // Sources and seeds have no parents, so the longest-path layers put them first anyway.
      return LayeredLayout.layout(ids, links);
    }
    // Only small graphs load ELK, whose jars are signed: opening one checks its signatures
    // (~0.1 s of a 5,000-model run that never uses ELK).
    return ElkLayout.layout(ids, entries, links, start);
  }
}
