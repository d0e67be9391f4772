package dev.mds.compile;

import dev.mds.graph.RefCall;
import dev.mds.graph.Relation;
import dev.mds.graph.SourceCall;
import dev.mds.project.Target;
import dev.mds.template.NodeContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parse pass's view of a node: it records {@code ref}, {@code source} and {@code config} calls
 * and renders placeholders, since the final relations are known only once every node is parsed.
 */
final class ParseContext implements NodeContext {

  private final Target target;
  private final String schema;
  private final String name;
  private final List<RefCall> refs = new ArrayList<>();
  private final List<SourceCall> sources = new ArrayList<>();
  private final Map<String, Object> config = new LinkedHashMap<>();
  /** Told once per macro call (a dozen per model with layered package macros): sorted on read. */
  private final java.util.Set<String> macros = new java.util.HashSet<>();
  private final Map<String, String> envVars = new java.util.TreeMap<>();
  private boolean introspective;
  private boolean invocationRead;

  private final Map<String, Object> baseConfig;
  private final List<String> fqn;
  private final String file;

  /** A context for a node with no config of its own yet (a test). */
  ParseContext(Target target, String schema, String name) {
    this(target, schema, name, Map.of(), List.of(), "");
  }

  /**
   * @param target names the placeholders as the final relations of the same schema and name
   *     would be (see {@link Relation}), so that the parse's SQL can serve as the compiled SQL
   * @param baseConfig the node's config before its own {@code config()} calls (folders, YAML)
   */
  ParseContext(Target target, String schema, String name, Map<String, Object> baseConfig,
      List<String> fqn, String file) {
    this.target = target;
    this.schema = schema;
    this.name = name;
    this.baseConfig = baseConfig;
    this.fqn = fqn;
    this.file = file;
  }

  @Override
  public String packageName() {
    return fqn.isEmpty() ? null : fqn.get(0);
  }

  @Override
  public Map<String, Object> model() {
    Map<String, Object> merged = new LinkedHashMap<>(baseConfig);
    merged.putAll(config);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("unique_id", "model." + (fqn.isEmpty() ? "" : fqn.get(0) + ".") + name);
    model.put("name", name);
    model.put("package_name", fqn.isEmpty() ? null : fqn.get(0));
    model.put("resource_type", "model");
    model.put("fqn", fqn);
    model.put("original_file_path", file);
    model.put("path", file);
    model.put("config", merged);
    model.put("schema", schema);
    model.put("alias", name);
    Map<String, Object> batch = EventTimeFilter.placeholder(merged);
    if (batch != null) {
      model.put("batch", batch);
    }
    return model;
  }

  @Override
  public Object ref(Optional<String> packageName, String name, Optional<String> version,
      String file, int line) {
    return ref(packageName, version.map(v -> dev.mds.graph.ModelVersion.nodeName(name, v))
        .orElse(name), file, line);
  }

  @Override
  public Object ref(Optional<String> packageName, String model, String file, int line) {
    refs.add(new RefCall(packageName, model, file, line));
    return target.relation(Optional.empty(), schema, model);
  }

  @Override
  public Object source(String sourceName, String tableName, String file, int line) {
    sources.add(new SourceCall(sourceName, tableName, file, line));
    return target.relation(Optional.empty(), sourceName, tableName);
  }

  @Override
  public void config(Map<String, Object> values) {
    dev.mds.project.NodeConfig.checkValues(values, file);
    // A datetime value (a microbatch model's begin) is kept as its text: the manifest and the
    // parse cache hold JSON.
    values.forEach((key, value) -> config.put(key,
        dev.mds.template.context.BatchTimes.plain(value)));
  }

  @Override
  public void macroCalled(String name) {
    macros.add(name);
  }

  @Override
  public void envVarRead(String name, String value) {
    envVars.put(name, value);
  }

  @Override
  public void introspected() {
    introspective = true;
  }

  @Override
  public void invocationRead() {
    invocationRead = true;
  }

  /** Whether a macro the render called reads the invocation's time or id. */
  boolean readInvocation() {
    return invocationRead;
  }

  /** Whether the render tested {@code execute} or asked the database: it must render again. */
  boolean introspective() {
    return introspective;
  }

  @Override
  public boolean isIncremental() {
    return false;
  }

  @Override
  public Object thisRelation() {
    return target.relation(Optional.empty(), schema, name);
  }

  List<RefCall> refs() {
    return refs;
  }

  List<SourceCall> sources() {
    return sources;
  }

  /** The macros the node called, directly or through other macros. */
  java.util.Set<String> macros() {
    return new java.util.TreeSet<>(macros);
  }

  Map<String, Object> config() {
    return config;
  }

  /** Each environment variable the render read, with its value then (null when unset). */
  Map<String, String> envVars() {
    return envVars;
  }
}
