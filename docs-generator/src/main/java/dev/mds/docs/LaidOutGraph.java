package dev.mds.docs;

import java.util.List;

/**
 * The lineage graph with coordinates: every node's box (all boxes share one size) and layer, and
 * every edge's route as a polyline, in one coordinate space of {@code width} by {@code height}.
 */
record LaidOutGraph(List<Placed> nodes, List<Route> edges, double width, double height,
    long millis) {

  /** A node's top-left corner and its layer (0 = leftmost column). */
  record Placed(String id, double x, double y, int layer) {
  }

  /**
   * An edge's polyline as x,y pairs from the parent's right side to the child's left side. A flat
   * array keeps 10,000 routes cheap; nothing compares routes for equality.
   */
  record Route(String from, String to, double[] points) {
  }
}
