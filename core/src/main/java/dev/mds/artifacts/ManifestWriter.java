package dev.mds.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.FileChecksum;
import dev.mds.compile.ParseResult;
import dev.mds.graph.DataTest;
import dev.mds.graph.DependencyGraph;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.lineage.ProjectLineage;
import dev.mds.schema.ColumnSpec;
import dev.mds.template.DocsBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Writes {@code target/manifest.json} in dbt's layout (nodes, sources, macros, docs, maps). */
public final class ManifestWriter {

  /** Compact, as dbt writes them: indenting a 10,000-node manifest costs more than it helps. */
  static final ObjectMapper JSON = new ObjectMapper();

  private ManifestWriter() {
  }

  /** Writes the manifest; {@code compiled} adds compiled SQL for the nodes it holds. */
  public static Path write(ParseResult parsed, Map<String, CompiledNode> compiled, String version) {
    return write(parsed, compiled, version, ProjectLineage.none());
  }

  /** Writes the manifest with column lineage for the models {@code lineage} holds. */
  public static Path write(ParseResult parsed, Map<String, CompiledNode> compiled, String version,
      ProjectLineage lineage) {
    ObjectNode root = build(parsed, compiled, version, lineage);
    Path file = parsed.project().targetDir().resolve("manifest.json");
    try {
      Files.createDirectories(file.getParent());
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new MdsException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** The manifest as JSON, as it would be written. */
  public static ObjectNode build(ParseResult parsed, Map<String, CompiledNode> compiled,
      String version) {
    return build(parsed, compiled, version, ProjectLineage.none());
  }

  /** The manifest as JSON with column lineage (format: {@link ColumnLineageJson}). */
  public static ObjectNode build(ParseResult parsed, Map<String, CompiledNode> compiled,
      String version, ProjectLineage lineage) {
    Manifest manifest = parsed.manifest();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("mds_version", version);
    metadata.put("generated_at", Instant.now().toString());
    metadata.put("project_name", manifest.projectName());
    metadata.put("adapter_type", parsed.project().target().type());
    metadata.put("target_name", parsed.project().target().name());
    ObjectNode nodes = root.putObject("nodes");
    ObjectNode sources = root.putObject("sources");
    for (Node node : manifest.inOrder()) {
      ObjectNode json = node instanceof Source ? sources.putObject(node.uniqueId())
          : nodes.putObject(node.uniqueId());
      describe(node, json, compiled.get(node.uniqueId()), manifest);
      ColumnLineageJson.describe(node.uniqueId(), lineage, json);
    }
    ObjectNode macros = root.putObject("macros");
    manifest.macros().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      ObjectNode macro = macros.putObject("macro." + manifest.projectName() + "." + e.getKey());
      macro.put("name", e.getKey());
      macro.put("original_file_path", e.getValue());
      macro.putObject("checksum").put("name", "sha256").put("checksum",
          parsed.templates().macroSource(e.getKey()).map(FileChecksum::of)
              .orElseGet(() -> fileChecksum(parsed.project().resolve(e.getValue()))));
    });
    ObjectNode docs = root.putObject("docs");
    manifest.docs().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(block -> describe(block, manifest.projectName(), docs));
    ObjectNode parentMap = root.putObject("parent_map");
    ObjectNode childMap = root.putObject("child_map");
    DependencyGraph graph = manifest.graph();
    for (Node node : manifest.inOrder()) {
      ArrayNode parents = parentMap.putArray(node.uniqueId());
      graph.parents(node.uniqueId()).stream().sorted().forEach(parents::add);
      ArrayNode children = childMap.putArray(node.uniqueId());
      graph.children(node.uniqueId()).stream().sorted().forEach(children::add);
    }
    return root;
  }

  private static void describe(DocsBlock block, String project, ObjectNode docs) {
    ObjectNode json = docs.putObject("doc." + project + "." + block.name());
    json.put("name", block.name());
    json.put("original_file_path", block.file());
    json.put("block_contents", block.content());
  }

  /** A file's checksum, the way nodes' are taken (for a macro whose lines are not known). */
  private static String fileChecksum(Path file) {
    try {
      return FileChecksum.ofBytes(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new MdsException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void describe(Node node, ObjectNode json, CompiledNode compiled,
      Manifest manifest) {
    json.put("unique_id", node.uniqueId());
    json.put("resource_type", node.resourceType().label());
    json.put("name", node.name());
    json.put("original_file_path", node.file());
    ArrayNode fqn = json.putArray("fqn");
    node.fqn().forEach(fqn::add);
    json.put("schema", node.relation().schema());
    json.put("alias", node.relation().identifier());
    json.put("relation_name", node.relation().toString());
    json.put("description", node.description());
    json.set("config", JSON.valueToTree(node.config().values()));
    ArrayNode tags = json.putArray("tags");
    node.tags().forEach(tags::add);
    json.set("meta", JSON.valueToTree(node.config().meta()));
    ObjectNode columns = json.putObject("columns");
    for (ColumnSpec column : node.columns()) {
      ObjectNode c = columns.putObject(column.name());
      c.put("name", column.name());
      c.put("description", column.description());
      column.dataType().ifPresent(t -> c.put("data_type", t));
      c.set("meta", JSON.valueToTree(column.meta()));
    }
    ObjectNode depends = json.putObject("depends_on");
    ArrayNode dependsOn = depends.putArray("nodes");
    node.dependsOn().forEach(dependsOn::add);
    ArrayNode macros = depends.putArray("macros");
    manifest.macrosUsedBy(node.uniqueId()).stream().sorted()
        .forEach(m -> macros.add("macro." + manifest.projectName() + "." + m));
    if (node instanceof Model model) {
      json.put("raw_code", model.rawSql());
      json.putObject("checksum").put("name", "sha256").put("checksum", model.checksum());
      ArrayNode refs = json.putArray("refs");
      model.refs().forEach(r -> refs.addObject().put("name", r.name()));
      ArrayNode sources = json.putArray("sources");
      model.sources().forEach(s -> sources.addArray().add(s.sourceName()).add(s.tableName()));
      if (compiled != null) {
        json.put("compiled", true);
        json.put("compiled_code", compiled.sql());
      }
    } else if (node instanceof Seed seed) {
      json.putObject("checksum").put("name", "sha256").put("checksum", seed.checksum());
    } else if (node instanceof DataTest test) {
      json.put("raw_code", test.rawSql());
      json.putObject("checksum").put("name", "sha256").put("checksum", test.checksum());
      ObjectNode metadata = json.putObject("test_metadata");
      metadata.put("name", test.testName());
      metadata.set("kwargs", JSON.valueToTree(test.arguments()));
      test.attachedTo().ifPresent(id -> json.put("attached_node", id));
      test.columnName().ifPresent(c -> json.put("column_name", c));
      if (compiled != null) {
        json.put("compiled", true);
        json.put("compiled_code", compiled.sql());
      }
    } else if (node instanceof Source source) {
      json.put("source_name", source.sourceName());
      json.put("source_description", source.sourceDescription());
      json.put("identifier", source.relation().identifier());
    }
  }
}
