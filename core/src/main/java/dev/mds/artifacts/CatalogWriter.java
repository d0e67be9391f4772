package dev.mds.artifacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.Secrets;
import dev.mds.engine.CatalogColumn;
import dev.mds.engine.CatalogReader;
import dev.mds.engine.CatalogRelation;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code target/catalog.json} in dbt's layout: for every model, seed and source that exists
 * in the warehouse, its relation type, columns (name, type, index) and, for tables, the row count.
 */
public final class CatalogWriter {

  private CatalogWriter() {
  }

  /** Reads the catalog of the manifest's relations from {@code warehouse} and writes it. */
  public static Path write(Project project, Manifest manifest, Warehouse warehouse,
      String version) {
    Set<Relation> relations = new LinkedHashSet<>();
    catalogued(manifest).forEach(node -> relations.add(node.relation()));
    return write(project, manifest, warehouse.catalog(relations), version);
  }

  /** Writes a catalog of the relations described in {@code catalog} (empty when never built). */
  public static Path write(Project project, Manifest manifest,
      Map<Relation, CatalogRelation> catalog, String version) {
    ObjectNode root = ManifestWriter.JSON.createObjectNode();
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/catalog/v1.json");
    metadata.put("mds_version", version);
    metadata.put("generated_at", Instant.now().toString());
    metadata.putNull("invocation_id");
    metadata.putObject("env");
    ObjectNode nodes = root.putObject("nodes");
    ObjectNode sources = root.putObject("sources");
    for (Node node : catalogued(manifest)) {
      CatalogRelation relation = catalog.get(node.relation());
      if (relation != null) {
        describe(node, relation, (node instanceof Source ? sources : nodes)
            .putObject(node.uniqueId()));
      }
    }
    root.putNull("errors");
    Path file = project.targetDir().resolve("catalog.json");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Secrets.scrubJson(ManifestWriter.JSON.writeValueAsString(root)));
    } catch (IOException e) {
      throw new MdsException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** Nodes that occupy a relation: ephemeral models are inlined and tests are queries. */
  private static List<Node> catalogued(Manifest manifest) {
    return manifest.inOrder().stream()
        .filter(n -> n instanceof Seed || n instanceof Source
            || (n instanceof Model && !n.config().materialized().equals("ephemeral")))
        .toList();
  }

  private static void describe(Node node, CatalogRelation relation, ObjectNode json) {
    ObjectNode metadata = json.putObject("metadata");
    metadata.put("type", relation.type());
    metadata.put("schema", node.relation().schema());
    metadata.put("name", node.relation().identifier());
    metadata.put("database", relation.database());
    metadata.put("comment", relation.comment().orElse(null));
    metadata.putNull("owner");
    ObjectNode columns = json.putObject("columns");
    for (CatalogColumn column : relation.columns()) {
      ObjectNode c = columns.putObject(column.name());
      c.put("type", column.type());
      c.put("index", column.index());
      c.put("name", column.name());
      c.put("comment", column.comment().orElse(null));
    }
    ObjectNode stats = json.putObject("stats");
    boolean counted = relation.rowCount().isPresent();
    stats.putObject("has_stats").put("id", "has_stats").put("label", "Has Stats?")
        .put("value", counted).put("include", false)
        .put("description", "Indicates whether there are statistics for this table");
    relation.rowCount().ifPresent(rows -> stats.putObject("row_count").put("id", "row_count")
        .put("label", "Row Count").put("value", rows).put("include", true)
        .put("description", "Rows in the table when the catalog was collected"));
    json.put("unique_id", node.uniqueId());
  }
}
