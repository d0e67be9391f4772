package dev.mds.compile;

import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Relation;
import dev.mds.graph.Source;
import dev.mds.template.NodeContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compile pass's view of a node: refs render as the relations they point to, or as the CTE
 * name of an ephemeral model, which is remembered for inlining.
 */
final class CompileContext implements NodeContext {

  private final Manifest manifest;
  private final Map<String, Node> byName;
  private final Map<String, Source> sources;
  private final java.util.function.Function<Source, Object> sourceSql;
  private final java.util.function.Function<Node, Object> refTarget;
  private final Relation self;
  private final boolean incremental;
  private final Set<String> ephemerals = new LinkedHashSet<>();
  private final dev.mds.template.Database database;
  private final Optional<Node> node;
  private final java.util.function.Supplier<Map<String, Object>> graph;
  private Map<String, Object> model;
  private final Map<String, Object> statementResults = new java.util.HashMap<>();
  private int outsideReads;
  /** While a microbatch model's batch renders: the filter its inputs are read through. */
  private EventTimeFilter batch;

  CompileContext(Manifest manifest, Map<String, Node> byName, Map<String, Source> sources,
      java.util.function.Function<Source, Object> sourceSql,
      java.util.function.Function<Node, Object> refTarget, dev.mds.template.Database database,
      Optional<Node> node, java.util.function.Supplier<Map<String, Object>> graph,
      Relation self, boolean incremental) {
    this.database = database;
    this.node = node;
    this.graph = graph;
    this.refTarget = refTarget;
    this.manifest = manifest;
    this.sourceSql = sourceSql;
    this.byName = byName;
    this.sources = sources;
    this.self = self;
    this.incremental = incremental;
  }

  @Override
  public Object ref(Optional<String> packageName, String name, Optional<String> version,
      String file, int line) {
    return ref(packageName, version.map(v -> dev.mds.graph.ModelVersion.nodeName(name, v))
        .orElse(name), file, line);
  }

  @Override
  public Object ref(Optional<String> packageName, String name, String file, int line) {
    outsideReads++;
    Node node = VersionedRefs.resolve(byName, name);
    if (node == null) {
      // The parse pass validated every ref it saw; one seen only now sits in a branch that parse
      // did not take (such as is_incremental()).
      throw dev.mds.MdsException.at(file + ":" + line, "ref('" + name
          + "') does not name an enabled model or seed");
    }
    if (node instanceof Model model && model.isEphemeral() && !ephemeralsAsInputs) {
      ephemerals.add(model.uniqueId());
      return new EphemeralName(model.name());
    }
    Object target = refTarget.apply(node);
    return batch == null ? target : batch.apply(node, target);
  }

  @Override
  public Object source(String sourceName, String tableName, String file, int line) {
    outsideReads++;
    Source source = sources.get(sourceName + "." + tableName);
    if (source == null) {
      throw dev.mds.MdsException.at(file + ":" + line, "source('" + sourceName + "', '"
          + tableName + "') is not declared in schema YAML");
    }
    Object sql = sourceSql.apply(source);
    return batch == null ? sql : batch.apply(source, sql);
  }

  private Map<String, Object> varOverrides = Map.of();
  private Map<String, String> envOverrides = Map.of();
  private boolean ephemeralsAsInputs;

  /**
   * Renders for a unit test: {@code var()} and {@code env_var()} read these first, and an
   * ephemeral model is an input like any other (its fixture), not inlined.
   */
  void unitTest(Map<String, Object> vars, Map<String, String> env) {
    this.varOverrides = vars;
    this.envOverrides = env;
    this.ephemeralsAsInputs = true;
  }

  @Override
  public Map<String, Object> varOverrides() {
    return varOverrides;
  }

  @Override
  public Map<String, String> envOverrides() {
    return envOverrides;
  }

  /** Renders the node for one microbatch: inputs with event_time are filtered to it. */
  void batch(EventTimeFilter filter) {
    this.batch = filter;
  }

  @Override
  public void config(Map<String, Object> values) {
    // Configs are read at parse time (a generic test's definition's too, see TestParser).
  }

  @Override
  public void envVarRead(String name, String value) {
    outsideReads++;
  }

  /**
   * How many times rendering reached beyond its arguments and the project-wide inputs: refs,
   * sources and environment variables. A render that did not can be reused while those are
   * unchanged.
   */
  int outsideReads() {
    return outsideReads;
  }

  @Override
  public boolean execute() {
    return true;
  }

  @Override
  public dev.mds.template.Database database() {
    return database;
  }

  /** The run's results an on-run-end hook sees (also inside the macros it calls). */
  private List<?> results = List.of();

  void results(List<?> results) {
    this.results = results;
  }

  @Override
  public List<?> results() {
    return results;
  }

  @Override
  public String packageName() {
    return node.map(n -> n.fqn().isEmpty() ? null : n.fqn().get(0)).orElse(null);
  }

  @Override
  public Map<String, Object> model() {
    if (model == null) {
      model = node.map(n -> NodeMaps.of(n, manifest.projectName(),
          n.relation() == null || n.relation().database() == null ? "" : n.relation().database()))
          .orElse(Map.of());
      Map<String, Object> modelBatch = batch != null ? batch.modelBatch()
          : node.filter(Model.class::isInstance)
              .map(n -> EventTimeFilter.placeholder(n.config().values())).orElse(null);
      if (modelBatch != null) {
        model = new java.util.LinkedHashMap<>(model);
        model.put("batch", modelBatch);
      }
    }
    return model;
  }

  @Override
  public Map<String, Object> graph() {
    return graph.get();
  }

  @Override
  public Map<String, Object> statementResults() {
    return statementResults;
  }

  @Override
  public void introspected() {
    // A render that asked the database cannot be reused by a later compile either.
    outsideReads++;
  }

  @Override
  public boolean isIncremental() {
    return incremental;
  }

  @Override
  public Object thisRelation() {
    return self;
  }

  /** Unique ids of the ephemeral models this node refers to directly. */
  Set<String> ephemerals() {
    return ephemerals;
  }

  Manifest manifest() {
    return manifest;
  }

  /** The CTE name an ephemeral model is inlined under. */
  record EphemeralName(String model) implements dev.mds.template.ThisRelation.RelationLike {
    @Override
    public Object attribute(String name) {
      return switch (name) {
        case "identifier", "name", "table" -> cteName(model);
        case "type" -> "cte";
        default -> null;
      };
    }

    @Override
    public boolean isCte() {
      return true;
    }

    @Override
    public String toString() {
      return cteName(model);
    }
  }

  static String cteName(String model) {
    return dev.mds.template.ThisRelation.RelationLike.EPHEMERAL_PREFIX + model;
  }
}
