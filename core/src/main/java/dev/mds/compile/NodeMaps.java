package dev.mds.compile;

import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Source;
import dev.mds.schema.ColumnSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nodes as dbt's templates see them ({@code model}, {@code graph.nodes}): maps of dbt's keys. */
final class NodeMaps {

  private NodeMaps() {
  }

  /** One node with the keys templates commonly read. */
  static Map<String, Object> of(Node node, String projectName) {
    return of(node, projectName, "");
  }

  /** @param database the target's database, where a node that names none is */
  static Map<String, Object> of(Node node, String projectName, String database) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("unique_id", node.uniqueId());
    map.put("name", node.name());
    map.put("resource_type", node.resourceType().label());
    map.put("package_name", node.fqn().isEmpty() ? projectName : node.fqn().get(0));
    map.put("fqn", node.fqn());
    map.put("original_file_path", node.file());
    map.put("path", node.file());
    map.put("config", config(node));
    map.put("tags", node.tags());
    map.put("meta", node.config().meta());
    map.put("description", node.description());
    Map<String, Object> columns = new LinkedHashMap<>();
    for (ColumnSpec column : node.columns()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", column.name());
      c.put("description", column.description());
      c.put("data_type", column.dataType().orElse(null));
      c.put("meta", column.meta());
      c.put("tags", List.of());
      c.put("constraints", column.constraints());
      c.put("quote", null);
      columns.put(column.name(), c);
    }
    map.put("columns", columns);
    map.put("depends_on", Map.of("nodes", node.dependsOn(), "macros", List.of()));
    map.put("checksum", Map.of("name", "sha256", "checksum",
        node instanceof Model model ? model.checksum()
            : node instanceof dev.mds.graph.Seed seed ? seed.checksum() : ""));
    if (node.relation() != null) {
      map.put("database", node.relation().database() == null ? database
          : node.relation().database());
      map.put("schema", node.relation().schema());
      map.put("alias", node.relation().identifier());
      map.put("identifier", node.relation().identifier());
      map.put("relation_name", String.valueOf(node.relation()));
    }
    if (node instanceof Model model) {
      map.put("raw_code", model.rawSql());
      map.put("raw_sql", model.rawSql());
      map.put("language", "sql");
    }
    if (node instanceof Source source) {
      map.put("source_name", source.sourceName());
    }
    if (node instanceof dev.mds.graph.DataTest test) {
      map.put("column_name", test.columnName().orElse(null));
      map.put("attached_node", test.attachedTo().orElse(null));
      if (!test.isSingular()) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", test.testName());
        metadata.put("kwargs", test.arguments());
        metadata.put("namespace", null);
        map.put("test_metadata", metadata);
      }
    }
    return map;
  }

  /** The unique ids of the macros a node used, as dbt's {@code depends_on.macros} names them. */
  private static List<String> macros(Node node, Manifest manifest) {
    List<String> macros = new java.util.ArrayList<>();
    if (node instanceof dev.mds.graph.DataTest test && !test.isSingular()
        && DBT_TESTS.contains(test.testName())) {
      macros.add("macro.dbt.test_" + test.testName());
    }
    java.util.Set<String> used = new java.util.TreeSet<>(manifest.macrosUsedBy(node.uniqueId()));
    for (String name : used) {
      if (!name.contains(".") && name.startsWith("test_")
          && (DBT_TESTS.contains(name.substring(5))
              || used.stream().anyMatch(u -> u.endsWith("." + name)))) {
        // The test's own macro, recorded by its bare name: named above or by its package.
        continue;
      }
      macros.add("macro." + (name.contains(".") ? "" : manifest.projectName() + ".") + name);
    }
    return macros;
  }

  private static final java.util.Set<String> DBT_TESTS = java.util.Set.of("unique", "not_null",
      "accepted_values", "relationships");

  /**
   * The node's config with dbt's defaults under what the project set, so that templates reading
   * {@code node.config.enabled} or {@code .on_schema_change} find what dbt would give them.
   */
  private static Map<String, Object> config(Node node) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("enabled", true);
    if (node instanceof Model model) {
      config.put("materialized", model.materialized());
      config.put("on_schema_change", "ignore");
      config.put("on_configuration_change", "apply");
      config.put("contract", Map.of("enforced", false, "alias_types", true));
    } else if (node instanceof dev.mds.graph.Seed) {
      config.put("materialized", "seed");
    } else if (node instanceof dev.mds.graph.DataTest) {
      config.put("materialized", "test");
      config.put("severity", "ERROR");
    }
    config.put("tags", node.tags());
    config.put("meta", node.config().meta());
    config.put("persist_docs", Map.of());
    config.put("quoting", Map.of());
    config.put("column_types", Map.of());
    config.put("docs", Map.of("show", true));
    config.put("grants", Map.of());
    config.put("packages", List.of());
    config.put("full_refresh", null);
    config.putAll(node.config().values());
    return config;
  }

  /** dbt's {@code graph}: nodes (models, seeds, tests) and sources by unique id. */
  static Map<String, Object> graph(Manifest manifest, String database) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    Map<String, Object> sources = new LinkedHashMap<>();
    Map<String, Object> exposures = new LinkedHashMap<>();
    for (Node node : manifest.nodes().values()) {
      Map<String, Object> map = of(node, manifest.projectName(), database);
      map.put("depends_on", Map.of("nodes", node.dependsOn(), "macros", macros(node, manifest)));
      (node instanceof Source ? sources : node instanceof dev.mds.graph.Exposure ? exposures
          : nodes).put(node.uniqueId(), map);
    }
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("nodes", nodes);
    graph.put("sources", sources);
    graph.put("exposures", exposures);
    for (String empty : List.of("metrics", "groups", "semantic_models",
        "saved_queries")) {
      graph.put(empty, Map.of());
    }
    return graph;
  }
}
