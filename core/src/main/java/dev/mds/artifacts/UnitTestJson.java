package dev.mds.artifacts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.graph.Manifest;
import dev.mds.graph.UnitTest;
import java.io.IOException;

/** The {@code unit_tests} section of manifest.json, in dbt's shape. */
final class UnitTestJson {

  private UnitTestJson() {
  }

  static void write(Manifest manifest, JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("unit_tests");
    for (UnitTest test : manifest.nodesOf(UnitTest.class)) {
      json.writeFieldName(test.uniqueId());
      json.writeTree(describe(test, manifest));
    }
    json.writeEndObject();
  }

  private static ObjectNode describe(UnitTest test, Manifest manifest) {
    ObjectNode node = ManifestWriter.JSON.createObjectNode();
    node.put("unique_id", test.uniqueId());
    node.put("resource_type", "unit_test");
    node.put("name", test.name());
    node.put("package_name", manifest.projectName());
    node.put("original_file_path", test.file());
    node.put("path", test.file());
    String model = manifest.node(test.model()).map(n -> n.name()).orElse(test.model());
    node.put("model", model);
    node.put("description", test.description());
    ArrayNode fqn = node.putArray("fqn");
    test.fqn().forEach(fqn::add);
    node.set("config", ManifestWriter.JSON.valueToTree(test.config().values()));
    ArrayNode tags = node.putArray("tags");
    test.tags().forEach(tags::add);
    ArrayNode given = node.putArray("given");
    for (UnitTest.Fixture fixture : test.given()) {
      given.add(fixture(fixture).put("input", fixture.input()));
    }
    node.set("expect", fixture(test.expect()));
    ObjectNode overrides = node.putObject("overrides");
    overrides.set("macros", ManifestWriter.JSON.valueToTree(test.macroOverrides()));
    overrides.set("vars", ManifestWriter.JSON.valueToTree(test.varOverrides()));
    overrides.set("env_vars", ManifestWriter.JSON.valueToTree(test.envOverrides()));
    ArrayNode nodes = node.putObject("depends_on").putArray("nodes");
    nodes.add(test.model());
    return node;
  }

  private static ObjectNode fixture(UnitTest.Fixture fixture) {
    ObjectNode node = ManifestWriter.JSON.createObjectNode();
    node.put("format", fixture.format());
    node.set("rows", ManifestWriter.JSON.valueToTree(fixture.rows()));
    fixture.file().ifPresent(f -> node.put("fixture", f));
    return node;
  }
}
