package dev.mds.graph;

import dev.mds.template.DocsBlock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed project: every enabled node by unique id, the graph between them, the macros and the
 * docs blocks.
 */
public final class Manifest {

  private final String projectName;
  private final Map<String, Node> nodes;
  private final DependencyGraph graph;
  private final Map<String, String> macros;
  private final Map<String, DocsBlock> docs;
  private final Map<String, java.util.Set<String>> macroUses;
  private final List<Node> inOrder;
  private final SemanticLayer semanticLayer;

  public Manifest(String projectName, Collection<? extends Node> nodes, Map<String, String> macros,
      Map<String, DocsBlock> docs) {
    this(projectName, nodes, macros, docs, Map.of());
  }

  /** @param macroUses for each node's unique id, the project macros its template called */
  public Manifest(String projectName, Collection<? extends Node> nodes, Map<String, String> macros,
      Map<String, DocsBlock> docs, Map<String, java.util.Set<String>> macroUses) {
    this(projectName, nodes, macros, docs, macroUses, SemanticLayer.none());
  }

  /** @param semanticLayer semantic models, metrics, saved queries, groups and time spines */
  public Manifest(String projectName, Collection<? extends Node> nodes, Map<String, String> macros,
      Map<String, DocsBlock> docs, Map<String, java.util.Set<String>> macroUses,
      SemanticLayer semanticLayer) {
    this.semanticLayer = semanticLayer;
    this.projectName = projectName;
    Map<String, Node> byId = new LinkedHashMap<>();
    for (Node node : nodes) {
      byId.put(node.uniqueId(), node);
    }
    this.nodes = byId;
    this.graph = DependencyGraph.of(nodes);
    this.macros = Map.copyOf(macros);
    this.docs = Map.copyOf(docs);
    this.macroUses = Map.copyOf(macroUses);
    List<Node> ordered = new ArrayList<>(byId.size());
    for (String id : graph.topologicalOrder()) {
      ordered.add(byId.get(id));
    }
    this.inOrder = java.util.Collections.unmodifiableList(ordered);
  }

  /** The project macros a node's template called (directly or through other macros), sorted. */
  public java.util.Set<String> macrosUsedBy(String uniqueId) {
    return macroUses.getOrDefault(uniqueId, java.util.Set.of());
  }

  /** Semantic models, metrics, saved queries, groups and time spines (never built). */
  public SemanticLayer semanticLayer() {
    return semanticLayer;
  }

  public String projectName() {
    return projectName;
  }

  public Map<String, Node> nodes() {
    return nodes;
  }

  public Optional<Node> node(String uniqueId) {
    return Optional.ofNullable(nodes.get(uniqueId));
  }

  public DependencyGraph graph() {
    return graph;
  }

  /** Macro name to defining file. */
  public Map<String, String> macros() {
    return macros;
  }

  public Map<String, DocsBlock> docs() {
    return docs;
  }

  /** All nodes in a deterministic topological order. */
  public List<Node> inOrder() {
    return inOrder;
  }

  public <T extends Node> List<T> nodesOf(Class<T> type) {
    List<T> result = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (type.isInstance(node)) {
        result.add(type.cast(node));
      }
    }
    return result;
  }
}
