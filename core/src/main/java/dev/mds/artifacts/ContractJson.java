package dev.mds.artifacts;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mds.graph.Model;
import dev.mds.project.YamlValues;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A model's contract and constraints in manifest.json as dbt lays them out: the node's
 * {@code contract} ({@code enforced}, {@code alias_types}, {@code checksum}), its model-level
 * {@code constraints} and each column's {@code constraints}.
 */
final class ContractJson {

  private ContractJson() { }

  static void contract(JsonGenerator json, Model model) throws IOException {
    Map<String, Object> config = YamlValues.map(model.config().values().get("contract"));
    json.writeObjectFieldStart("contract");
    json.writeBooleanField("enforced", YamlValues.bool(config.get("enforced"), false));
    json.writeBooleanField("alias_types", YamlValues.bool(config.get("alias_types"), true));
    json.writeNullField("checksum");
    json.writeEndObject();
    json.writeArrayFieldStart("constraints");
    for (Object entry : YamlValues.list(model.config().values().get("constraints"))) {
      Map<String, Object> constraint = YamlValues.map(entry);
      constraint(json, constraint, YamlValues.strings(constraint.get("columns")));
    }
    json.writeEndArray();
  }

  static void columnConstraints(JsonGenerator json, List<Map<String, Object>> constraints)
      throws IOException {
    json.writeArrayFieldStart("constraints");
    for (Map<String, Object> constraint : constraints) {
      constraint(json, constraint, null);
    }
    json.writeEndArray();
  }

  private static void constraint(JsonGenerator json, Map<String, Object> constraint,
      List<String> columns) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", String.valueOf(constraint.get("type")));
    if (columns != null) {
      json.writeArrayFieldStart("columns");
      for (String column : columns) {
        json.writeString(column);
      }
      json.writeEndArray();
    }
    json.writeStringField("name", YamlValues.string(constraint.get("name")).orElse(null));
    json.writeStringField("expression",
        YamlValues.string(constraint.get("expression")).orElse(null));
    json.writeBooleanField("warn_unenforced",
        YamlValues.bool(constraint.get("warn_unenforced"), true));
    json.writeBooleanField("warn_unsupported",
        YamlValues.bool(constraint.get("warn_unsupported"), true));
    json.writeStringField("to", YamlValues.string(constraint.get("to")).orElse(null));
    json.writeArrayFieldStart("to_columns");
    for (String column : YamlValues.strings(constraint.get("to_columns"))) {
      json.writeString(column);
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
