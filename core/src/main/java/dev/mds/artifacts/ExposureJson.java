package dev.mds.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.graph.Exposure;
import dev.mds.graph.Manifest;
import dev.mds.graph.Node;
import dev.mds.graph.Source;

/** An exposure as manifest.json's {@code exposures} section holds it, in dbt's layout. */
final class ExposureJson {

  private ExposureJson() {
  }

  static ObjectNode describe(Exposure exposure, Manifest manifest) {
    ObjectNode json = ManifestWriter.JSON.createObjectNode();
    json.put("unique_id", exposure.uniqueId());
    json.put("resource_type", "exposure");
    json.put("name", exposure.name());
    json.put("label", exposure.label());
    json.put("package_name", exposure.fqn().get(0));
    json.put("path", exposure.file());
    json.put("original_file_path", exposure.file());
    exposure.fqn().forEach(json.putArray("fqn")::add);
    json.put("type", exposure.type());
    ObjectNode owner = json.putObject("owner");
    owner.put("name", exposure.ownerName().orElse(null));
    owner.put("email", exposure.ownerEmail().orElse(null));
    json.put("description", exposure.description());
    json.put("maturity", exposure.maturity().orElse(null));
    json.put("url", exposure.url().orElse(null));
    json.set("meta", ManifestWriter.JSON.valueToTree(exposure.meta()));
    exposure.tags().forEach(json.putArray("tags")::add);
    json.set("config", ManifestWriter.JSON.valueToTree(
        exposure.config().merge(java.util.Map.of("enabled", true)).values()));
    ObjectNode dependsOn = json.putObject("depends_on");
    dependsOn.putArray("macros");
    ArrayNode nodes = dependsOn.putArray("nodes");
    ArrayNode refs = json.putArray("refs");
    ArrayNode sources = json.putArray("sources");
    for (String id : exposure.dependsOn()) {
      nodes.add(id);
      Node parent = manifest.nodes().get(id);
      if (parent instanceof Source source) {
        sources.addArray().add(source.sourceName()).add(source.name());
      } else if (parent != null) {
        refs.addObject().put("name", parent.name()).putNull("package").putNull("version");
      }
    }
    json.putArray("metrics");
    return json;
  }
}
