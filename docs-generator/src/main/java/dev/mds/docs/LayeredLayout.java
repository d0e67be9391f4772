package dev.mds.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layered (Sugiyama) layout of our own for large lineage graphs, where ELK's cost (seconds at
 * 5,000 nodes, most of it class loading and JIT on a cold JVM) buys nothing a reader sees: each node
 * in the layer after its deepest parent, an edge that skips layers passes through a slot of its own
 * in every layer it crosses (so it runs between boxes, never beneath one), and the order within a
 * layer comes from a few barycentre sweeps that reduce crossings.
 */
final class LayeredLayout {

  static final double LAYER_GAP = 70;
  static final double ROW_GAP = 14;
  static final double SLOT = 8;
  static final double SLOT_GAP = 6;
  static final double PADDING = 24;
  private static final int SWEEPS = 4;

  private LayeredLayout() {
  }

  static LaidOutGraph layout(List<String> ids, List<LineageLayout.Link> links) {
    long start = System.nanoTime();
    int n = ids.size();
    if (n == 0) {
      return new LaidOutGraph(List.of(), List.of(), 0, 0, 0);
    }
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(ids.get(i), i);
    }
    List<int[]> edges = new ArrayList<>();
    List<LineageLayout.Link> kept = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (LineageLayout.Link link : links) {
      Integer from = index.get(link.from());
      Integer to = index.get(link.to());
      if (from != null && to != null && !from.equals(to)
          && seen.add(((long) from << 32) | to)) {
        edges.add(new int[] {from, to});
        kept.add(link);
      }
    }
    int[] layer = layers(n, edges);
    // Virtual nodes: 0..n-1 are the graph's, the rest are slots of edges that skip layers.
    List<Integer> virtualLayer = new ArrayList<>();
    for (int l : layer) {
      virtualLayer.add(l);
    }
    List<List<Integer>> ups = new ArrayList<>();
    List<List<Integer>> downs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ups.add(new ArrayList<>());
      downs.add(new ArrayList<>());
    }
    int[][] slotsOf = new int[edges.size()][];
    for (int e = 0; e < edges.size(); e++) {
      int from = edges.get(e)[0];
      int to = edges.get(e)[1];
      int span = layer[to] - layer[from];
      int[] slots = new int[Math.max(0, span - 1)];
      int previous = from;
      for (int s = 0; s < slots.length; s++) {
        int v = virtualLayer.size();
        virtualLayer.add(layer[from] + s + 1);
        ups.add(new ArrayList<>());
        downs.add(new ArrayList<>());
        link(ups, downs, previous, v);
        slots[s] = v;
        previous = v;
      }
      link(ups, downs, previous, to);
      slotsOf[e] = slots;
    }
    int layerCount = 0;
    for (int l : virtualLayer) {
      layerCount = Math.max(layerCount, l + 1);
    }
    List<List<Integer>> order = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      order.add(new ArrayList<>());
    }
    for (int v = 0; v < virtualLayer.size(); v++) {
      order.get(virtualLayer.get(v)).add(v);
    }
    double[] rank = new double[virtualLayer.size()];
    for (List<Integer> members : order) {
      for (int r = 0; r < members.size(); r++) {
        rank[members.get(r)] = r;
      }
    }
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      boolean down = sweep % 2 == 0;
      for (int k = 1; k < layerCount; k++) {
        int l = down ? k : layerCount - 1 - k;
        sortByBarycentre(order.get(l), down ? ups : downs, rank);
      }
    }
    // Rows stacked in order, each layer centred on the tallest.
    double[] y = new double[virtualLayer.size()];
    double[] heights = new double[layerCount];
    double tallest = 0;
    for (int l = 0; l < layerCount; l++) {
      double at = 0;
      for (int v : order.get(l)) {
        boolean real = v < n;
        y[v] = at;
        at += real ? LineageLayout.NODE_HEIGHT + ROW_GAP : SLOT + SLOT_GAP;
      }
      heights[l] = at;
      tallest = Math.max(tallest, at);
    }
    for (int l = 0; l < layerCount; l++) {
      double shift = PADDING + (tallest - heights[l]) / 2;
      for (int v : order.get(l)) {
        y[v] += shift;
      }
    }
    double step = LineageLayout.NODE_WIDTH + LAYER_GAP;
    List<LaidOutGraph.Placed> placed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      placed.add(new LaidOutGraph.Placed(ids.get(i), PADDING + layer[i] * step, y[i], layer[i]));
    }
    List<LaidOutGraph.Route> routes = new ArrayList<>(edges.size());
    double half = LineageLayout.NODE_HEIGHT / 2;
    for (int e = 0; e < edges.size(); e++) {
      int from = edges.get(e)[0];
      int to = edges.get(e)[1];
      double[] points = new double[4 + slotsOf[e].length * 4];
      points[0] = PADDING + layer[from] * step + LineageLayout.NODE_WIDTH;
      points[1] = y[from] + half;
      int p = 2;
      for (int slot : slotsOf[e]) {
        double x = PADDING + virtualLayer.get(slot) * step;
        points[p++] = x;
        points[p++] = y[slot] + SLOT / 2;
        points[p++] = x + LineageLayout.NODE_WIDTH;
        points[p++] = y[slot] + SLOT / 2;
      }
      points[p++] = PADDING + layer[to] * step;
      points[p] = y[to] + half;
      routes.add(new LaidOutGraph.Route(kept.get(e).from(), kept.get(e).to(), points));
    }
    double width = 2 * PADDING + (layerCount - 1) * step + LineageLayout.NODE_WIDTH;
    double height = 2 * PADDING + tallest;
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new LaidOutGraph(placed, routes, width, height, millis);
  }

  private static void link(List<List<Integer>> ups, List<List<Integer>> downs, int from, int to) {
    downs.get(from).add(to);
    ups.get(to).add(from);
  }

  /**
   * Longest path from the left: a node sits one layer after its deepest parent, so sources and
   * seeds (no parents) share the first layer. A cycle (which dbt refuses) cannot hang the walk:
   * what is left over goes after the last layer reached.
   */
  private static int[] layers(int n, List<int[]> edges) {
    int[] missing = new int[n];
    List<List<Integer>> children = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      children.add(new ArrayList<>());
    }
    for (int[] edge : edges) {
      children.get(edge[0]).add(edge[1]);
      missing[edge[1]]++;
    }
    int[] layer = new int[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      if (missing[i] == 0) {
        queue[tail++] = i;
      }
    }
    boolean[] done = new boolean[n];
    while (head < tail) {
      int v = queue[head++];
      done[v] = true;
      for (int c : children.get(v)) {
        layer[c] = Math.max(layer[c], layer[v] + 1);
        if (--missing[c] == 0) {
          queue[tail++] = c;
        }
      }
    }
    if (tail < n) {
      int last = Arrays.stream(layer).max().orElse(0);
      for (int i = 0; i < n; i++) {
        if (!done[i]) {
          layer[i] = last + 1;
        }
      }
      // Keep every edge pointing right: a child left of its parent would break the slots.
      for (int[] edge : edges) {
        if (layer[edge[1]] <= layer[edge[0]]) {
          layer[edge[1]] = layer[edge[0]] + 1;
        }
      }
    }
    return layer;
  }

  private static void sortByBarycentre(List<Integer> members, List<List<Integer>> neighbours,
      double[] rank) {
    double[] key = new double[members.size()];
    Integer[] byKey = new Integer[members.size()];
    for (int r = 0; r < members.size(); r++) {
      int v = members.get(r);
      List<Integer> next = neighbours.get(v);
      double sum = 0;
      for (int m : next) {
        sum += rank[m];
      }
      key[r] = next.isEmpty() ? rank[v] : sum / next.size();
      byKey[r] = r;
    }
    Arrays.sort(byKey, (a, b) -> Double.compare(key[a], key[b]));
    List<Integer> sorted = new ArrayList<>(members.size());
    for (Integer r : byKey) {
      sorted.add(members.get(r));
    }
    for (int r = 0; r < sorted.size(); r++) {
      members.set(r, sorted.get(r));
      rank[sorted.get(r)] = r;
    }
  }
}
