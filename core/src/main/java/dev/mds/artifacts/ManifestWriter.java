package dev.mds.artifacts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.Secrets;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.FileChecksum;
import dev.mds.compile.ParseResult;
import dev.mds.graph.Analysis;
import dev.mds.graph.DataTest;
import dev.mds.graph.Exposure;
import dev.mds.graph.DependencyGraph;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.lineage.ProjectLineage;
import dev.mds.schema.ColumnSpec;
import dev.mds.schema.SourceFreshness;
import dev.mds.template.DocsBlock;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
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
    return write(parsed, compiled, version, lineage, null);
  }

  /**
   * As {@link #write(ParseResult, Map, String, ProjectLineage)}, and the manifest as a tree,
   * parsed from the bytes written while they are written (on another thread), for a reader in
   * this process (the docs site) that would otherwise read the file back. The tree fails (and
   * the file is still written) only if the parse does.
   */
  public static WrittenManifest writeAndRead(ParseResult parsed,
      Map<String, CompiledNode> compiled, String version, ProjectLineage lineage) {
    ReadAsWritten copy = new ReadAsWritten("manifest-tree");
    try {
      return new WrittenManifest(write(parsed, compiled, version, lineage, copy), copy.tree());
    } finally {
      copy.end();
    }
  }

  /** The manifest file written and its tree, once parsed. */
  public record WrittenManifest(Path file, java.util.concurrent.CompletableFuture<JsonNode> tree) {
  }

  private static Path write(ParseResult parsed, Map<String, CompiledNode> compiled,
      String version, ProjectLineage lineage, ReadAsWritten copy) {
    Path file = parsed.project().targetDir().resolve("manifest.json");
    // Through a temporary file: state comparison and the docs read it, and must not see half.
    Path temp = file.resolveSibling("manifest.json." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream written = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
          OutputStream out = copy == null ? written : copy.tee(written)) {
        if (Secrets.any()) {
          // Masked as text after the fact: a secret can reach the manifest only inside strings
          // (a path, SQL), and this costs one copy only where secrets are set.
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
          stream(parsed, compiled, version, lineage, bytes);
          out.write(Secrets.scrubJson(bytes.toString(StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8));
        } else {
          stream(parsed, compiled, version, lineage, out);
        }
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

  /**
   * For each package mds's built-in version served (named in packages.yml, not installed), the
   * macros and generic tests the project used from it ({@code mds docs} lists them): the names a
   * project calls, not the built-in's own helpers ({@code _x}, {@code default__x}).
   */
  public static ObjectNode builtinPackagesUsed(ParseResult parsed) {
    java.util.Set<String> builtin = parsed.templates().builtinPackages();
    Map<String, java.util.TreeSet<String>> macros = new java.util.TreeMap<>();
    Map<String, java.util.TreeSet<String>> tests = new java.util.TreeMap<>();
    for (Node node : parsed.manifest().inOrder()) {
      for (String used : parsed.manifest().macrosUsedBy(node.uniqueId())) {
        int dot = used.indexOf('.');
        String pkg = dot < 0 ? "" : used.substring(0, dot);
        String name = used.substring(dot + 1);
        if (!builtin.contains(pkg) || name.startsWith("_") || name.contains("__")) {
          continue;
        }
        if (name.startsWith("test_")) {
          tests.computeIfAbsent(pkg, p -> new java.util.TreeSet<>()).add(name.substring(5));
        } else {
          macros.computeIfAbsent(pkg, p -> new java.util.TreeSet<>()).add(name);
        }
      }
    }
    ObjectNode used = JSON.createObjectNode();
    java.util.Set<String> packages = new java.util.TreeSet<>(macros.keySet());
    packages.addAll(tests.keySet());
    for (String pkg : packages) {
      ObjectNode entry = used.putObject(pkg);
      macros.getOrDefault(pkg, new java.util.TreeSet<>()).forEach(entry.putArray("macros")::add);
      tests.getOrDefault(pkg, new java.util.TreeSet<>()).forEach(entry.putArray("tests")::add);
    }
    return used;
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
   * Writes the manifest as it goes, node by node, without a tree of it in memory (for 10,000
   * models building that tree took longer than writing the file).
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
      ObjectNode builtins = builtinPackagesUsed(parsed);
      if (!builtins.isEmpty()) {
        metadata.set("mds_builtin_packages_used", builtins);
      }
      json.writeFieldName("metadata");
      json.writeTree(metadata);
      for (boolean sources : new boolean[] {false, true}) {
        json.writeObjectFieldStart(sources ? "sources" : "nodes");
        for (Node node : manifest.inOrder()) {
          if (node instanceof Source == sources && !(node instanceof Exposure)
              && !(node instanceof dev.mds.graph.UnitTest)) {
            json.writeFieldName(node.uniqueId());
            describe(node, json, compiled.get(node.uniqueId()), manifest, lineage,
                parsed.project().target().database());
          }
        }
        json.writeEndObject();
      }
      UnitTestJson.write(manifest, json);
      json.writeObjectFieldStart("exposures");
      for (Exposure exposure : manifest.nodesOf(Exposure.class)) {
        json.writeFieldName(exposure.uniqueId());
        json.writeTree(ExposureJson.describe(exposure, manifest));
      }
      json.writeEndObject();
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
      SemanticLayerJson.write(manifest.semanticLayer(), json);
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

  /** @param database the target's own database, where nodes that name none are */
  private static void describe(Node node, JsonGenerator json, CompiledNode compiled,
      Manifest manifest, ProjectLineage lineage, String database) throws IOException {
    json.writeStartObject();
    json.writeStringField("unique_id", node.uniqueId());
    json.writeStringField("resource_type", node.resourceType().label());
    json.writeStringField("name", node instanceof Model versioned
        && versioned.version().isPresent() ? versioned.version().get().modelName() : node.name());
    json.writeStringField("package_name", node.fqn().isEmpty() ? manifest.projectName()
        : node.fqn().get(0));
    json.writeStringField("original_file_path", node.file());
    strings(json, "fqn", node.fqn());
    json.writeStringField("database", node.relation().database() != null
        ? node.relation().database() : database);
    json.writeStringField("schema", node.relation().schema());
    json.writeStringField("alias", node.relation().identifier());
    json.writeStringField("relation_name", node.relation().toString());
    json.writeStringField("description", node.description());
    plainField(json, "config", node.config().values());
    strings(json, "tags", node.tags());
    plainField(json, "meta", node.config().meta());
    json.writeObjectFieldStart("columns");
    for (ColumnSpec column : node.columns()) {
      json.writeObjectFieldStart(column.name());
      json.writeStringField("name", column.name());
      json.writeStringField("description", column.description());
      if (column.dataType().isPresent()) {
        json.writeStringField("data_type", column.dataType().get());
      }
      plainField(json, "meta", column.meta());
      ContractJson.columnConstraints(json, column.constraints());
      json.writeEndObject();
    }
    json.writeEndObject();
    if (node instanceof Model model) {
      ContractJson.contract(json, model);
    }
    json.writeObjectFieldStart("depends_on");
    strings(json, "nodes", node.dependsOn());
    // A package's macro is recorded as package.name: macro.dbt_utils.star, as dbt names it.
    strings(json, "macros", manifest.macrosUsedBy(node.uniqueId()).stream().sorted()
        .map(m -> "macro." + (m.contains(".") ? "" : manifest.projectName() + ".") + m).toList());
    json.writeEndObject();
    if (node instanceof Model model) {
      json.writeStringField("raw_code", model.rawSql());
      json.writeStringField("language", model.language());
      SemanticLayerJson.governance(model, manifest.semanticLayer(), json);
      checksum(json, model.checksum());
      json.writeArrayFieldStart("refs");
      for (var ref : model.refs()) {
        json.writeStartObject();
        json.writeStringField("name", ref.name());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("sources");
      for (var source : model.sources()) {
        json.writeStartArray();
        json.writeString(source.sourceName());
        json.writeString(source.tableName());
        json.writeEndArray();
      }
      json.writeEndArray();
      compiled(json, compiled);
    } else if (node instanceof Seed seed) {
      checksum(json, seed.checksum());
    } else if (node instanceof DataTest test) {
      json.writeStringField("raw_code", test.rawSql());
      checksum(json, test.checksum());
      json.writeObjectFieldStart("test_metadata");
      json.writeStringField("name", test.testName());
      plainField(json, "kwargs", test.arguments());
      json.writeEndObject();
      if (test.attachedTo().isPresent()) {
        json.writeStringField("attached_node", test.attachedTo().get());
      }
      if (test.columnName().isPresent()) {
        json.writeStringField("column_name", test.columnName().get());
      }
      compiled(json, compiled);
    } else if (node instanceof Source source) {
      json.writeStringField("source_name", source.sourceName());
      json.writeStringField("source_description", source.sourceDescription());
      json.writeStringField("identifier", source.relation().identifier());
      json.writeStringField("loaded_at_field",
          source.config().string(SourceFreshness.LOADED_AT_FIELD).orElse(null));
      plainField(json, "freshness", SourceFreshness.of(source.config())
          .map(SourceFreshness::toMap).orElse(null));
    } else if (node instanceof Analysis analysis) {
      json.writeStringField("raw_code", analysis.rawSql());
      json.writeStringField("language", "sql");
      checksum(json, analysis.checksum());
      compiled(json, compiled);
    }
    if (lineage.model(node.uniqueId()).isPresent()) {
      ObjectNode traced = JSON.createObjectNode();
      ColumnLineageJson.describe(node.uniqueId(), lineage, traced);
      for (var field : (Iterable<Map.Entry<String, JsonNode>>) traced::fields) {
        json.writeFieldName(field.getKey());
        json.writeTree(field.getValue());
      }
    }
    json.writeEndObject();
  }

  private static void plainField(JsonGenerator json, String field, Object value)
      throws IOException {
    json.writeFieldName(field);
    plain(json, value);
  }

  /**
   * Writes YAML- and template-made values (string-keyed maps, lists, strings, whole numbers,
   * doubles, booleans, null) through the generator itself, as the mapper would write them; anything
   * else goes to the mapper. {@code writeObject} sets up the mapper's serializers on every call,
   * which was 28% of this writer's time for 10,000 models (four calls a node).
   */
  private static void plain(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value instanceof Integer number) {
      json.writeNumber(number);
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else if (value instanceof Double number) {
      json.writeNumber(number);
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        plain(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Map<?, ?> map
        && map.keySet().stream().allMatch(String.class::isInstance)) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName((String) entry.getKey());
        plain(json, entry.getValue());
      }
      json.writeEndObject();
    } else {
      json.writeObject(value);
    }
  }

  private static void strings(JsonGenerator json, String field, Iterable<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void checksum(JsonGenerator json, String checksum) throws IOException {
    json.writeObjectFieldStart("checksum");
    json.writeStringField("name", "sha256");
    json.writeStringField("checksum", checksum);
    json.writeEndObject();
  }

  private static void compiled(JsonGenerator json, CompiledNode compiled) throws IOException {
    if (compiled != null) {
      json.writeBooleanField("compiled", true);
      json.writeStringField("compiled_code", compiled.sql());
    }
  }

}
