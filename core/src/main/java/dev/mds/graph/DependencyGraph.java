package dev.mds.graph;

import dev.mds.MdsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
  private final Graph<String, DefaultEdge> dag;
  private final List<String> order;

  private DependencyGraph(Graph<String, DefaultEdge> dag, List<String> order) {
    this.dag = dag;
    this.order = order;
  }

  /**
   * Builds the graph from each node's parents, or throws an error printing one cycle as
   * {@code a -> b -> a} with the files involved.
   */
  public static DependencyGraph of(Collection<? extends Node> nodes) {
    DefaultDirectedGraph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    Map<String, Node> byId = new LinkedHashMap<>();
    for (Node node : nodes) {
      graph.addVertex(node.uniqueId());
      byId.put(node.uniqueId(), node);
    }
    for (Node node : nodes) {
      for (String parent : node.dependsOn()) {
        if (graph.containsVertex(parent)) {
          graph.addEdge(parent, node.uniqueId());
        }
      }
    }
    // The topological sort both orders the nodes and finds out whether there is a cycle: it stops
    // short of the vertex count when one exists. Only then is the cycle itself looked for.
    List<String> order = new ArrayList<>(graph.vertexSet().size());
    try {
      new TopologicalOrderIterator<>(graph, Comparator.<String>naturalOrder())
          .forEachRemaining(order::add);
    } catch (NotDirectedAcyclicGraphException notADag) {
      // JGraphT signals the cycle by throwing once no vertex is left without parents.
    }
    List<String> cycle = order.size() == graph.vertexSet().size() ? List.of() : findCycle(graph);
    if (!cycle.isEmpty()) {
      List<String> names = new ArrayList<>();
      Set<String> files = new LinkedHashSet<>();
      for (String id : cycle) {
        names.add(byId.get(id).name());
        files.add(byId.get(id).file());
      }
      throw MdsException.at(byId.get(cycle.get(0)).file(), "dependency cycle: "
          + String.join(" -> ", names) + " (files: " + String.join(", ", files) + ")");
    }
    if (order.size() != graph.vertexSet().size()) {
      throw new IllegalStateException("topological sort stopped without a cycle to report");
    }
    return new DependencyGraph(graph, List.copyOf(order));
  }

  /** One cycle as a closed path of vertices (first equals last), or empty if there is none. */
  private static List<String> findCycle(Graph<String, DefaultEdge> graph) {
    List<String> sorted = new ArrayList<>(graph.vertexSet());
    sorted.sort(null);
    for (String v : sorted) {
      if (graph.containsEdge(v, v)) {
        return List.of(v, v);
      }
    }
    var sccs = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
    for (Set<String> scc : sccs) {
      if (scc.size() < 2) {
        continue;
      }
      String start = scc.stream().min(Comparator.naturalOrder()).orElseThrow();
      Graph<String, DefaultEdge> sub = new AsSubgraph<>(graph, scc);
      String next = Graphs.successorListOf(sub, start).stream().min(Comparator.naturalOrder())
          .orElseThrow();
      GraphPath<String, DefaultEdge> back = BFSShortestPath.findPathBetween(sub, next, start);
      List<String> cycle = new ArrayList<>();
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
    return new LinkedHashSet<>(Graphs.predecessorListOf(dag, id));
  }

  public Set<String> children(String id) {
    return new LinkedHashSet<>(Graphs.successorListOf(dag, id));
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
    Set<String> seen = new LinkedHashSet<>();
    Set<String> frontier = Set.of(id);
    for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
      Set<String> next = new LinkedHashSet<>();
      for (String v : frontier) {
        for (String w : up ? Graphs.predecessorListOf(dag, v) : Graphs.successorListOf(dag, v)) {
          if (seen.add(w)) {
            next.add(w);
          }
        }
      }
      frontier = next;
    }
    return seen;
  }

  public boolean contains(String id) {
    return dag.containsVertex(id);
  }
}
