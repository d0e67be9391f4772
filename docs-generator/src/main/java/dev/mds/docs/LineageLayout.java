package dev.mds.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

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
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(24));
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 14.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 70.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
    // Each node as far left as its inputs allow: staging models line up beside their sources,
    // so columns read as stages of the pipeline.
    root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.LONGEST_PATH_SOURCE);
    // One port per side: edges leave a node from one point and arrive at one, which is how a
    // lineage graph reads, and it spares ELK a port per edge (three times faster at 5,000 nodes).
    root.setProperty(LayeredOptions.MERGE_EDGES, true);
    Map<String, ElkNode> elkNodes = new HashMap<>();
    for (String id : ids) {
      ElkNode node = ElkGraphUtil.createNode(root);
      node.setDimensions(NODE_WIDTH, NODE_HEIGHT);
      if (entries.contains(id)) {
        // Where data enters (sources, seeds) reads best down the left edge, as in dbt's graph.
        node.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.FIRST);
      }
      elkNodes.put(id, node);
    }
    List<ElkEdge> edges = new ArrayList<>();
    List<Link> drawn = new ArrayList<>();
    for (Link link : links) {
      ElkNode from = elkNodes.get(link.from());
      ElkNode to = elkNodes.get(link.to());
      if (from != null && to != null && from != to) {
        edges.add(ElkGraphUtil.createSimpleEdge(from, to));
        drawn.add(link);
      }
    }
    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
    // Every box has the same width, so the boxes of one layer share one x.
    TreeSet<Long> columns = new TreeSet<>();
    for (ElkNode node : root.getChildren()) {
      columns.add(Math.round(node.getX()));
    }
    List<Long> columnList = new ArrayList<>(columns);
    Map<Long, Integer> layerOf = new HashMap<>();
    for (int i = 0; i < columnList.size(); i++) {
      layerOf.put(columnList.get(i), i);
    }
    List<LaidOutGraph.Placed> placed = new ArrayList<>();
    for (String id : ids) {
      ElkNode node = elkNodes.get(id);
      placed.add(new LaidOutGraph.Placed(id, node.getX(), node.getY(),
          layerOf.get(Math.round(node.getX()))));
    }
    List<LaidOutGraph.Route> routes = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      routes.add(new LaidOutGraph.Route(drawn.get(i).from(), drawn.get(i).to(),
          points(edges.get(i))));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new LaidOutGraph(placed, routes, root.getWidth(), root.getHeight(), millis);
  }

  private static double[] points(ElkEdge edge) {
    List<Double> xy = new ArrayList<>();
    for (ElkEdgeSection section : edge.getSections()) {
      xy.add(section.getStartX());
      xy.add(section.getStartY());
      for (ElkBendPoint bend : section.getBendPoints()) {
        xy.add(bend.getX());
        xy.add(bend.getY());
      }
      xy.add(section.getEndX());
      xy.add(section.getEndY());
    }
    double[] points = new double[xy.size()];
    for (int i = 0; i < points.length; i++) {
      points[i] = xy.get(i);
    }
    return points;
  }
}
