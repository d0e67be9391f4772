package dev.mds.schema;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.YamlCache;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads every {@code *.yml} under the model and seed paths into {@link SchemaSpecs}. */
public final class SchemaLoader {

  /** Test keys that configure the test rather than pass it an argument. */
  static final Set<String> TEST_CONFIG_KEYS = Set.of("severity", "where", "limit", "error_if",
      "warn_if", "store_failures", "store_failures_as", "enabled", "tags", "meta", "alias",
      "schema", "fail_calc");

  private final Project project;
  private final YamlReader yaml;
  private final ProjectFiles files;
  private final YamlCache cache;

  public SchemaLoader(Project project) {
    this(project, new ProjectFiles(project), YamlCache.none());
  }

  /**
   * @param files the project's file listing, shared with the rest of a parse
   * @param cache schema files as the last parse read them
   */
  public SchemaLoader(Project project, ProjectFiles files, YamlCache cache) {
    this.project = project;
    this.yaml = new YamlReader(project.displayRoot());
    this.files = files;
    this.cache = cache;
  }

  /** Reads every schema file, or throws the errors of all files that have one. */
  public SchemaSpecs load() {
    List<MdsException> errors = new ArrayList<>();
    SchemaSpecs specs = load(errors);
    dev.mds.ProjectErrors.throwIfAny(errors);
    return specs;
  }

  /**
   * Reads every schema file; a file with an error adds it to {@code errors} and contributes what
   * was read before the error, so the rest of a parse can go on to find other errors.
   */
  public SchemaSpecs load(List<MdsException> errors) {
    Map<String, NodeProperties> models = new LinkedHashMap<>();
    Map<String, NodeProperties> seeds = new LinkedHashMap<>();
    List<SourceSpec> sources = new ArrayList<>();
    Set<String> sourceTables = new LinkedHashSet<>();
    Map<String, NodeProperties> snapshots = new LinkedHashMap<>();
    Map<String, String> snapshotRelations = new LinkedHashMap<>();
    Map<String, dev.mds.graph.ModelVersion> versions = new LinkedHashMap<>();
    List<ExposureSpec> exposures = new ArrayList<>();
    for (Path file : files.schemaFiles()) {
      try {
        Map<String, Object> doc = read(file, models, seeds, sources, sourceTables, versions,
            exposures);
        snapshots(doc, yaml.display(file), snapshots, snapshotRelations);
      } catch (MdsException e) {
        errors.add(e);
      }
    }
    return new SchemaSpecs(models, seeds, sources, snapshots, snapshotRelations, versions,
        exposures);
  }

  /** dbt's {@code snapshots:} entries; one with {@code relation:} is a snapshot of its own. */
  private static void snapshots(Map<String, Object> doc, String location,
      Map<String, NodeProperties> snapshots, Map<String, String> relations) {
    for (Map<String, Object> entry : entries(doc.get("snapshots"), "snapshots", location)) {
      NodeProperties props = properties("snapshot", entry, location);
      put(snapshots, props);
      Object relation = entry.get("relation");
      if (relation != null) {
        if (!(relation instanceof String text) || text.isBlank()) {
          throw MdsException.at(location, "snapshot '" + props.name() + "': 'relation:' must be"
              + " ref('model') or source('source', 'table'), got " + relation);
        }
        relations.put(props.name(), text.strip());
      }
    }
  }

  private Map<String, Object> read(Path file, Map<String, NodeProperties> models,
      Map<String, NodeProperties> seeds, List<SourceSpec> sources, Set<String> sourceTables,
      Map<String, dev.mds.graph.ModelVersion> versions, List<ExposureSpec> exposures) {
    String location = yaml.display(file);
    Map<String, Object> doc = cache.readMap(yaml, file);
    for (Map<String, Object> entry : entries(doc.get("exposures"), "exposures", location)) {
      exposures.add(new ExposureSpec(String.valueOf(entry.get("name")), entry, location));
    }
    for (Map<String, Object> entry : entries(doc.get("models"), "models", location)) {
      if (entry.get("versions") != null) {
        // One entry per version, named <model>_v<v> as the version's node is.
        ModelVersions.Expanded expanded = ModelVersions.expand(entry, location);
        expanded.properties().forEach(p -> put(models, p));
        expanded.versions().forEach(v -> versions.put(v.nodeName(), v));
        continue;
      }
      put(models, properties("model", entry, location));
    }
    for (Map<String, Object> entry : entries(doc.get("seeds"), "seeds", location)) {
      put(seeds, properties("seed", entry, location));
    }
    for (Map<String, Object> entry : entries(doc.get("sources"), "sources", location)) {
      SourceSpec source = source(entry, location);
      for (SourceTableSpec table : source.tables()) {
        if (!sourceTables.add(source.name() + "." + table.name())) {
          throw MdsException.at(location, "source table '" + source.name() + "." + table.name()
              + "' is declared twice");
        }
      }
      sources.add(source);
    }
    return doc;
  }

  private static void put(Map<String, NodeProperties> target, NodeProperties props) {
    NodeProperties previous = target.putIfAbsent(props.name(), props);
    if (previous != null) {
      throw MdsException.at(props.file(), props.resourceType() + " '" + props.name()
          + "' is described twice (also in " + previous.file() + "); keep one entry");
    }
  }

  private static List<Map<String, Object>> entries(Object value, String key, String location) {
    List<Map<String, Object>> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (!(value instanceof List<?> list)) {
      throw MdsException.at(location, "'" + key + ":' must be a list of entries (each starting '- name:')");
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?>)) {
        throw MdsException.at(location, "each entry under '" + key + ":' must be a mapping with a name, got '"
            + item + "'");
      }
      Map<String, Object> entry = YamlValues.map(item);
      if (YamlValues.string(entry.get("name")).isEmpty()) {
        throw MdsException.at(location, "an entry under '" + key + ":' has no name");
      }
      if (entry.get("name") instanceof List<?> || entry.get("name") instanceof Map<?, ?>) {
        throw MdsException.at(location, "an entry under '" + key + ":' has 'name:' "
            + entry.get("name") + "; a name must be text");
      }
      String name = String.valueOf(entry.get("name"));
      if (entry.get("description") instanceof List<?> || entry.get("description") instanceof Map<?, ?>) {
        throw MdsException.at(location, "'" + name + "': 'description:' must be text, got "
            + entry.get("description"));
      }
      if (entry.get("config") instanceof Map<?, ?> config) {
        dev.mds.project.NodeConfig.checkValues(YamlValues.map(config), location);
      }
      for (String mapKey : List.of("config", "meta")) {
        if (entry.get(mapKey) != null && !(entry.get(mapKey) instanceof Map<?, ?>)) {
          throw MdsException.at(location, "'" + name + "': '" + mapKey + ":' must be a mapping"
              + " (" + mapKey + ": {key: value}), got " + entry.get(mapKey));
        }
      }
      result.add(entry);
    }
    return result;
  }

  static NodeProperties properties(String type, Map<String, Object> entry, String location) {
    String name = String.valueOf(entry.get("name"));
    return new NodeProperties(type, name, description(entry),
        columns(entry.get("columns"), location),
        tests(testList(entry), Optional.empty(), location),
        dev.mds.engine.Contract.withModelConstraints(withAccess(entry), entry, location),
        YamlValues.map(entry.get("meta")), location);
  }

  private static SourceSpec source(Map<String, Object> entry, String location) {
    String name = String.valueOf(entry.get("name"));
    List<SourceTableSpec> tables = new ArrayList<>();
    for (Map<String, Object> table : entries(entry.get("tables"), "tables", location)) {
      String tableName = String.valueOf(table.get("name"));
      tables.add(new SourceTableSpec(tableName,
          YamlValues.string(table.get("identifier")).orElse(tableName),
          description(table),
          columns(table.get("columns"), location),
          tests(testList(table), Optional.empty(), location),
          SourceFreshness.intoConfig(table, withExternalLocation(table)),
          YamlValues.map(table.get("meta"))));
    }
    return new SourceSpec(name, YamlValues.string(entry.get("database")),
        YamlValues.string(entry.get("schema")).orElse(name),
        description(entry), tables,
        SourceFreshness.intoConfig(entry, YamlValues.map(entry.get("config"))),
        YamlValues.map(entry.get("meta")), location);
  }

  /**
   * The table's config, with dbt-external-tables' {@code external: {location: ...}} read as
   * dbt-duckdb's {@code external_location}: on DuckDB that package's staged view reads the file
   * at the location, which is what mds's source then does directly.
   */
  private static Map<String, Object> withExternalLocation(Map<String, Object> table) {
    Map<String, Object> config = YamlValues.map(table.get("config"));
    if (table.get("external") instanceof Map<?, ?> external && external.get("location") != null
        && !config.containsKey("external_location") && !config.containsKey("location")) {
      config = new java.util.LinkedHashMap<>(config);
      config.put("external_location", String.valueOf(external.get("location")));
    }
    return config;
  }

  private static String description(Map<String, Object> entry) {
    return YamlValues.string(entry.get("description")).orElse("");
  }

  /**
   * The entry's {@code config}, with {@code access} and {@code group} written as properties of
   * the model (as dbt also allows) moved in, unless the config sets them itself.
   */
  private static Map<String, Object> withAccess(Map<String, Object> entry) {
    Map<String, Object> config = YamlValues.map(entry.get("config"));
    if ((entry.get("access") == null || config.containsKey("access"))
        && (entry.get("group") == null || config.containsKey("group"))) {
      return config;
    }
    config = new LinkedHashMap<>(config);
    for (String key : List.of("access", "group")) {
      if (entry.get(key) != null) {
        config.putIfAbsent(key, entry.get(key));
      }
    }
    return config;
  }

  static Object testList(Map<String, Object> entry) {
    return entry.containsKey("data_tests") ? entry.get("data_tests") : entry.get("tests");
  }

  static List<ColumnSpec> columns(Object value, String location) {
    List<ColumnSpec> columns = new ArrayList<>();
    for (Map<String, Object> col : entries(value, "columns", location)) {
      String name = String.valueOf(col.get("name"));
      Optional<Boolean> quote = quote(col.get("quote"), name, location);
      List<TestSpec> tests = tests(testList(col), Optional.of(name), location).stream()
          .map(t -> new TestSpec(t.testName(), t.customName(), t.columnName(), t.arguments(),
              t.config(), t.file(), Optional.of(Relation.column(name, quote))))
          .toList();
      columns.add(new ColumnSpec(name, description(col),
          YamlValues.string(col.containsKey("data_type") ? col.get("data_type") : col.get("type")),
          tests,
          YamlValues.map(col.get("meta")), YamlValues.map(col.get("config")),
          dev.mds.engine.Contract.constraintEntries(col.get("constraints"), name, location)));
    }
    return columns;
  }

  /** A column's {@code quote:}: true, false, or unset. */
  private static Optional<Boolean> quote(Object value, String column, String location) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean flag) {
      return Optional.of(flag);
    }
    throw MdsException.at(location, "column '" + column + "': quote must be true or false, got '"
        + value + "'");
  }

  static List<TestSpec> tests(Object value, Optional<String> column, String location) {
    List<TestSpec> tests = new ArrayList<>();
    for (Object item : YamlValues.list(value)) {
      if (item instanceof String name) {
        tests.add(new TestSpec(name, Optional.empty(), column, Map.of(), Map.of(), location));
      } else if (item instanceof Map<?, ?> raw && !raw.isEmpty()) {
        tests.add(test(YamlValues.map(raw), column, location));
      } else {
        throw MdsException.at(location, "a test must be a name or a mapping, got '" + item + "'");
      }
    }
    return tests;
  }

  private static TestSpec test(Map<String, Object> raw, Optional<String> column, String location) {
    String testName;
    Map<String, Object> body;
    if (raw.size() == 1 && !raw.containsKey("test_name")) {
      testName = raw.keySet().iterator().next();
      Object value = raw.get(testName);
      if (value != null && !(value instanceof Map<?, ?>)) {
        throw MdsException.at(location, "test '" + testName + "' takes a mapping of arguments"
            + " (- " + testName + ": {where: \"...\"}) or none (- " + testName + "), got '"
            + value + "'");
      }
      body = YamlValues.map(value);
    } else if (raw.containsKey("test_name")) {
      testName = String.valueOf(raw.get("test_name"));
      body = new LinkedHashMap<>(raw);
      body.remove("test_name");
    } else {
      throw MdsException.at(location, "cannot read test " + raw
          + ": write '- test_name: {arguments}' with one key");
    }
    Map<String, Object> arguments = new LinkedHashMap<>();
    if (body.get("config") != null && !(body.get("config") instanceof Map<?, ?>)) {
      throw MdsException.at(location, "test '" + testName + "': 'config:' must be a mapping"
          + " (config: {severity: warn}), got " + body.get("config"));
    }
    Map<String, Object> config = new LinkedHashMap<>(YamlValues.map(body.get("config")));
    Optional<String> customName = YamlValues.string(body.get("name"));
    body.forEach((key, v) -> {
      switch (key) {
        case "config", "name", "description" -> { }
        case "arguments" -> arguments.putAll(YamlValues.map(v));
        default -> {
          if (TEST_CONFIG_KEYS.contains(key)) {
            config.put(key, v);
          } else {
            arguments.put(key, v);
          }
        }
      }
    });
    dev.mds.project.NodeConfig.checkValues(config, location);
    checkBuiltinArguments(testName, arguments, location);
    return new TestSpec(testName, customName, column, arguments, config, location);
  }

  /**
   * dbt's own generic tests with the arguments they cannot run without: a missing one would
   * otherwise surface as a SQL error far from the YAML that caused it.
   */
  private static void checkBuiltinArguments(String testName, Map<String, Object> arguments,
      String location) {
    String name = testName.startsWith("dbt.") ? testName.substring(4) : testName;
    if (name.equals("accepted_values")) {
      Object values = arguments.get("values");
      // A templated list ("{{ var('tiers') }}") is rendered later, to the var's own list.
      boolean templated = values instanceof String text && text.contains("{{");
      if (!templated && (!(values instanceof List<?> list) || list.isEmpty())) {
        throw MdsException.at(location, "accepted_values needs a non-empty list of 'values:'"
            + " (values: ['placed', 'shipped']), got " + (values == null ? "none"
                : "'" + values + "'"));
      }
    } else if (name.equals("relationships")) {
      for (String required : List.of("to", "field")) {
        if (YamlValues.string(arguments.get(required)).filter(s -> !s.isBlank()).isEmpty()) {
          throw MdsException.at(location, "relationships needs '" + required + ":' (to:"
              + " ref('customers'), field: customer_id)");
        }
      }
    }
  }
}
