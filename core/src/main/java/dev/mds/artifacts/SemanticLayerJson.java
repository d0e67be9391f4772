package dev.mds.artifacts;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mds.graph.Model;
import dev.mds.graph.ModelVersion;
import dev.mds.graph.SemanticLayer;
import dev.mds.graph.SemanticResource;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The manifest's {@code semantic_models}, {@code metrics}, {@code saved_queries} and
 * {@code groups}, and each model's governance fields ({@code group}, {@code access},
 * {@code version}, {@code latest_version}, {@code time_spine}), in dbt's layout.
 */
final class SemanticLayerJson {

  private SemanticLayerJson() {
  }

  static void write(SemanticLayer layer, JsonGenerator json) throws IOException {
    section(json, "semantic_models", layer.semanticModels());
    section(json, "metrics", layer.metrics());
    section(json, "saved_queries", layer.savedQueries());
    section(json, "groups", layer.groups());
  }

  private static void section(JsonGenerator json, String field, List<SemanticResource> resources)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (SemanticResource resource : resources) {
      json.writeFieldName(resource.uniqueId());
      json.writeObject(resource.properties());
    }
    json.writeEndObject();
  }

  static void governance(Model model, SemanticLayer layer, JsonGenerator json)
      throws IOException {
    Object group = model.config().values().get("group");
    json.writeFieldName("group");
    json.writeObject(group == null ? null : String.valueOf(group).trim());
    json.writeStringField("access", model.config().string("access").map(String::trim)
        .orElse("protected"));
    ModelVersion version = model.version().orElse(null);
    json.writeFieldName("version");
    writeVersion(json, version == null ? null : version.version());
    json.writeFieldName("latest_version");
    writeVersion(json, version == null ? null : version.latestVersion());
    Map<String, Object> spine = layer.timeSpines().get(model.uniqueId());
    if (spine != null) {
      json.writeFieldName("time_spine");
      json.writeObject(spine);
    }
  }

  /** A whole-number version as a number, as dbt writes {@code v: 2}; any other as text. */
  private static void writeVersion(JsonGenerator json, String version) throws IOException {
    if (version == null) {
      json.writeNull();
    } else if (version.matches("\\d{1,9}")) {
      json.writeNumber(Integer.parseInt(version));
    } else {
      json.writeString(version);
    }
  }
}
