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
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

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
    Path file = parsed.project().targetDir().resolve("manifest.json");
    // Through a temporary file: state comparison and the docs read it, and must not see half.
    Path temp = file.resolveSibling("manifest.json." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        stream(parsed, compiled, version, lineage, out);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new MdsException("Cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Left behind only if the folder became unwritable meanwhile.
      }
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
    // Read back from the written form, so the tree and the file can never disagree.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      stream(parsed, compiled, version, lineage, bytes);
      return (ObjectNode) JSON.readTree(bytes.toByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the manifest is written to memory", e);
    }
  }

  /**
   * Writes the manifest as it goes: one small tree per node, no tree of the whole manifest (for
   * 10,000 models that tree took longer to build than the file took to write).
   */
  private static void stream(ParseResult parsed, Map<String, CompiledNode> compiled,
      String version, ProjectLineage lineage, OutputStream out) throws IOException {
    Manifest manifest = parsed.manifest();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      ObjectNode metadata = JSON.createObjectNode();
      metadata.put("mds_version", version);
      metadata.put("generated_at", Instant.now().toString());
      metadata.put("project_name", manifest.projectName());
      metadata.put("adapter_type", parsed.project().target().type());
      metadata.put("target_name", parsed.project().target().name());
      json.writeFieldName("metadata");
      json.writeTree(metadata);
      for (boolean sources : new boolean[] {false, true}) {
        json.writeObjectFieldStart(sources ? "sources" : "nodes");
        for (Node node : manifest.inOrder()) {
          if (node instanceof Source == sources) {
            ObjectNode described = JSON.createObjectNode();
            describe(node, described, compiled.get(node.uniqueId()), manifest);
            ColumnLineageJson.describe(node.uniqueId(), lineage, described);
            json.writeFieldName(node.uniqueId());
            json.writeTree(described);
          }
        }
        json.writeEndObject();
      }
      ObjectNode macros = JSON.createObjectNode();
      manifest.macros().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
        ObjectNode macro = macros.putObject("macro." + manifest.projectName() + "." + e.getKey());
        macro.put("name", e.getKey());
        macro.put("original_file_path", e.getValue());
        macro.putObject("checksum").put("name", "sha256").put("checksum",
            parsed.templates().macroSource(e.getKey()).map(FileChecksum::of)
                .orElseGet(() -> fileChecksum(parsed.project().resolve(e.getValue()))));
      });
      json.writeFieldName("macros");
      json.writeTree(macros);
      ObjectNode docs = JSON.createObjectNode();
      manifest.docs().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
          .forEach(block -> describe(block, manifest.projectName(), docs));
      json.writeFieldName("docs");
      json.writeTree(docs);
      DependencyGraph graph = manifest.graph();
      for (boolean parents : new boolean[] {true, false}) {
        json.writeObjectFieldStart(parents ? "parent_map" : "child_map");
        for (Node node : manifest.inOrder()) {
          json.writeArrayFieldStart(node.uniqueId());
          for (String id : new TreeSet<>(parents ? graph.parents(node.uniqueId())
              : graph.children(node.uniqueId()))) {
            json.writeString(id);
          }
          json.writeEndArray();
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    }
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
    json.putPOJO("config", node.config().values());
    ArrayNode tags = json.putArray("tags");
    node.tags().forEach(tags::add);
    json.putPOJO("meta", node.config().meta());
    ObjectNode columns = json.putObject("columns");
    for (ColumnSpec column : node.columns()) {
      ObjectNode c = columns.putObject(column.name());
      c.put("name", column.name());
      c.put("description", column.description());
      column.dataType().ifPresent(t -> c.put("data_type", t));
      c.putPOJO("meta", column.meta());
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
      metadata.putPOJO("kwargs", test.arguments());
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
