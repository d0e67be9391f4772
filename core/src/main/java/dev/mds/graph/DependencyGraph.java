package dev.mds.graph;

import dev.mds.MdsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.NotDirectedAcyclicGraphException;
import org.jgrapht.traverse.TopologicalOrderIterator;

/** The DAG of unique ids, edges pointing from a parent to the nodes that depend on it. */
public final class DependencyGraph {

  // A plain directed graph, checked for cycles once: JGraphT's DirectedAcyclicGraph keeps a
  // topological index up to date on every edge insert, which dominated parsing 10,000 models.
  // Vertices are each id's position in sorted order, so the graph hashes and compares integers
  // (the tie-breaking sort compared long, alike ids a million times for 50,000 models).
  private final Graph<Integer, DefaultEdge> dag;
  private final List<String> ids;
  private final Map<String, Integer> index;
  private final List<String> order;

  private DependencyGraph(Graph<Integer, DefaultEdge> dag, List<String> ids,
      Map<String, Integer> index, List<String> order) {
    this.dag = dag;
    this.ids = ids;
    this.index = index;
    this.order = order;
  }

  /**
   * Builds the graph from each node's parents, or throws an error printing one cycle as
   * {@code a -> b -> a} with the files involved.
   */
  public static DependencyGraph of(Collection<? extends Node> nodes) {
    Map<String, Node> byId = new HashMap<>();
    for (Node node : nodes) {
      byId.put(node.uniqueId(), node);
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    ids.sort(null);
    Map<String, Integer> index = new HashMap<>(ids.size() * 2);
    DefaultDirectedGraph<Integer, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
      graph.addVertex(i);
    }
    for (Node node : nodes) {
      Integer child = index.get(node.uniqueId());
      for (String parent : node.dependsOn()) {
        Integer from = index.get(parent);
        if (from != null) {
          graph.addEdge(from, child);
        }
      }
    }
    // The topological sort both orders the nodes and finds out whether there is a cycle: it stops
    // short of the vertex count when one exists. Only then is the cycle itself looked for.
    List<String> order = new ArrayList<>(ids.size());
    try {
      new TopologicalOrderIterator<>(graph, Comparator.<Integer>naturalOrder())
          .forEachRemaining(v -> order.add(ids.get(v)));
    } catch (NotDirectedAcyclicGraphException notADag) {
      // JGraphT signals the cycle by throwing once no vertex is left without parents.
    }
    List<Integer> cycle = order.size() == ids.size() ? List.of() : findCycle(graph);
    if (!cycle.isEmpty()) {
      List<String> names = new ArrayList<>();
      Set<String> files = new LinkedHashSet<>();
      for (Integer v : cycle) {
        names.add(byId.get(ids.get(v)).name());
        files.add(byId.get(ids.get(v)).file());
      }
      throw MdsException.at(byId.get(ids.get(cycle.get(0))).file(), "dependency cycle: "
          + String.join(" -> ", names) + " (files: " + String.join(", ", files) + ")");
    }
    if (order.size() != ids.size()) {
      throw new IllegalStateException("topological sort stopped without a cycle to report");
    }
    return new DependencyGraph(graph, List.copyOf(ids), index, List.copyOf(order));
  }

  /** One cycle as a closed path of vertices (first equals last), or empty if there is none. */
  private static List<Integer> findCycle(Graph<Integer, DefaultEdge> graph) {
    List<Integer> sorted = new ArrayList<>(graph.vertexSet());
    sorted.sort(null);
    for (Integer v : sorted) {
      if (graph.containsEdge(v, v)) {
        return List.of(v, v);
      }
    }
    var sccs = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
    for (Set<Integer> scc : sccs) {
      if (scc.size() < 2) {
        continue;
      }
      Integer start = scc.stream().min(Comparator.naturalOrder()).orElseThrow();
      Graph<Integer, DefaultEdge> sub = new AsSubgraph<>(graph, scc);
      Integer next = Graphs.successorListOf(sub, start).stream().min(Comparator.naturalOrder())
          .orElseThrow();
      GraphPath<Integer, DefaultEdge> back = BFSShortestPath.findPathBetween(sub, next, start);
      List<Integer> cycle = new ArrayList<>();
      cycle.add(start);
      cycle.addAll(back.getVertexList());
      return cycle;
    }
    return List.of();
  }

  /** Every node, parents before children, ties broken by unique id so each run agrees. */
  public List<String> topologicalOrder() {
    return order;
  }

  public Set<String> parents(String id) {
    return named(Graphs.predecessorListOf(dag, vertex(id)));
  }

  public Set<String> children(String id) {
    return named(Graphs.successorListOf(dag, vertex(id)));
  }

  /** Ancestors up to {@code depth} generations away ({@code Integer.MAX_VALUE} for all). */
  public Set<String> ancestors(String id, int depth) {
    return walk(id, depth, true);
  }

  /** Descendants up to {@code depth} generations away ({@code Integer.MAX_VALUE} for all). */
  public Set<String> descendants(String id, int depth) {
    return walk(id, depth, false);
  }

  private Set<String> walk(String id, int depth, boolean up) {
    Set<Integer> seen = new LinkedHashSet<>();
    Set<Integer> frontier = Set.of(vertex(id));
    for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
      Set<Integer> next = new LinkedHashSet<>();
      for (Integer v : frontier) {
        for (Integer w : up ? Graphs.predecessorListOf(dag, v) : Graphs.successorListOf(dag, v)) {
          if (seen.add(w)) {
            next.add(w);
          }
        }
      }
      frontier = next;
    }
    return named(seen);
  }

  public boolean contains(String id) {
    return index.containsKey(id);
  }

  private Integer vertex(String id) {
    Integer v = index.get(id);
    if (v == null) {
      throw new IllegalArgumentException("no node " + id + " in the graph");
    }
    return v;
  }

  private Set<String> named(Collection<Integer> vertices) {
    Set<String> named = new LinkedHashSet<>();
    for (Integer v : vertices) {
      named.add(ids.get(v));
    }
    return named;
  }
}
