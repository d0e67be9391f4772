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
  private final java.util.Set<String> macros = new java.util.TreeSet<>();
  private final Map<String, String> envVars = new java.util.TreeMap<>();

  /**
   * @param target names the placeholders as the final relations of the same schema and name
   *     would be (see {@link Relation}), so that the parse's SQL can serve as the compiled SQL
   */
  ParseContext(Target target, String schema, String name) {
    this.target = target;
    this.schema = schema;
    this.name = name;
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
    config.putAll(values);
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
    return macros;
  }

  Map<String, Object> config() {
    return config;
  }

  /** Each environment variable the render read, with its value then (null when unset). */
  Map<String, String> envVars() {
    return envVars;
  }
}
