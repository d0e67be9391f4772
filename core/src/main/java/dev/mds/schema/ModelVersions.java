package dev.mds.schema;

import dev.mds.MdsException;
import dev.mds.graph.ModelVersion;
import dev.mds.project.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model entry with {@code versions:} in schema YAML, expanded as dbt does: one set of properties
 * per version, each with the model's columns (narrowed by {@code include}/{@code exclude}, added to
 * by its own), tests, description and config (overridden by its own).
 */
final class ModelVersions {

  private ModelVersions() {
  }

  /** The expanded versions of one model entry. */
  record Expanded(List<NodeProperties> properties, List<ModelVersion> versions) {
  }

  static Expanded expand(Map<String, Object> entry, String location) {
    String name = String.valueOf(entry.get("name"));
    if (!(entry.get("versions") instanceof List<?> list) || list.isEmpty()) {
      throw MdsException.at(location, "model '" + name + "': 'versions:' must be a list of"
          + " entries, each with a 'v:' (versions: [{v: 1}, {v: 2}])");
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Object item : list) {
      Map<String, Object> version = YamlValues.map(item);
      Object v = version.get("v");
      if (!(item instanceof Map<?, ?>) || v == null || v instanceof Map<?, ?>
          || v instanceof List<?>) {
        throw MdsException.at(location, "model '" + name + "': each entry under 'versions:'"
            + " needs a 'v:' (a version number), got '" + item + "'");
      }
      if (!seen.add(text(v))) {
        throw MdsException.at(location, "model '" + name + "': version " + text(v)
            + " is listed twice");
      }
      entries.add(version);
    }
    String latest;
    if (entry.get("latest_version") != null) {
      latest = text(entry.get("latest_version"));
      if (!seen.contains(latest)) {
        throw MdsException.at(location, "model '" + name + "': latest_version " + latest
            + " is not one of its versions " + seen);
      }
    } else {
      latest = seen.stream().max(ModelVersion::compare).orElseThrow();
    }
    NodeProperties base = SchemaLoader.properties("model", entry, location);
    List<NodeProperties> properties = new ArrayList<>();
    List<ModelVersion> versions = new ArrayList<>();
    for (Map<String, Object> version : entries) {
      String v = text(version.get("v"));
      String definedIn = YamlValues.string(version.get("defined_in"))
          .orElse(ModelVersion.nodeName(name, v));
      ModelVersion model = new ModelVersion(name, v, latest, definedIn);
      versions.add(model);
      Map<String, Object> config = new LinkedHashMap<>(base.config());
      Map<String, Object> own = YamlValues.map(version.get("config"));
      if (!own.isEmpty()) {
        dev.mds.project.NodeConfig.checkValues(own, location);
        config.putAll(own);
      }
      List<TestSpec> tests = new ArrayList<>(base.tests());
      tests.addAll(SchemaLoader.tests(SchemaLoader.testList(version), Optional.empty(),
          location));
      Map<String, Object> meta = new LinkedHashMap<>(base.meta());
      meta.putAll(YamlValues.map(version.get("meta")));
      properties.add(new NodeProperties("model", model.nodeName(),
          YamlValues.string(version.get("description")).orElse(base.description()),
          columns(base.columns(), version, name, v, location), List.copyOf(tests),
          config, meta, location));
    }
    return new Expanded(properties, versions);
  }

  /**
   * A version's columns: the model's, narrowed by an {@code include}/{@code exclude} entry
   * ({@code include: all} or {@code '*'} by default), then its own column entries, which replace
   * the model's of the same name.
   */
  private static List<ColumnSpec> columns(List<ColumnSpec> modelColumns,
      Map<String, Object> version, String name, String v, String location) {
    Object include = "all";
    List<String> exclude = List.of();
    List<Object> own = new ArrayList<>();
    for (Object item : YamlValues.list(version.get("columns"))) {
      Map<String, Object> column = YamlValues.map(item);
      if (column.containsKey("include") || column.containsKey("exclude")) {
        include = column.getOrDefault("include", "all");
        exclude = YamlValues.strings(column.get("exclude"));
      } else {
        own.add(item);
      }
    }
    boolean all = include instanceof String text && (text.equals("all") || text.equals("*"));
    List<String> included = all ? List.of() : YamlValues.strings(include);
    if (!all && !exclude.isEmpty()) {
      throw MdsException.at(location, "model '" + name + "' version " + v + ": 'exclude' is"
          + " allowed only with include: all (or '*')");
    }
    Map<String, ColumnSpec> columns = new LinkedHashMap<>();
    for (ColumnSpec column : modelColumns) {
      if ((all || included.contains(column.name())) && !exclude.contains(column.name())) {
        columns.put(column.name(), column);
      }
    }
    for (ColumnSpec column : SchemaLoader.columns(own, location)) {
      columns.put(column.name(), column);
    }
    return List.copyOf(columns.values());
  }

  /** A version as written: {@code 2}, {@code 2.1} or text; a whole number without ".0". */
  static String text(Object value) {
    if (value instanceof Double d && d == Math.floor(d) && !d.isInfinite()) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(value).trim();
  }
}
