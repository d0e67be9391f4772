package dev.mds.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * The Eclipse Layout Kernel's layered (Sugiyama) layout of a small lineage graph (see
 * {@link LineageLayout}); a class of its own so that large graphs never load ELK.
 */
final class ElkLayout {

  private ElkLayout() {
  }

  /** @param start when the layout began ({@link System#nanoTime}), for its reported time */
  static LaidOutGraph layout(List<String> ids, Set<String> entries,
      List<LineageLayout.Link> links, long start) {
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
      node.setDimensions(LineageLayout.NODE_WIDTH, LineageLayout.NODE_HEIGHT);
      if (entries.contains(id)) {
        // Where data enters (sources, seeds) reads best down the left edge, as in dbt's graph.
        node.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.FIRST);
      }
      elkNodes.put(id, node);
    }
    List<ElkEdge> edges = new ArrayList<>();
    List<LineageLayout.Link> drawn = new ArrayList<>();
    for (LineageLayout.Link link : links) {
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
