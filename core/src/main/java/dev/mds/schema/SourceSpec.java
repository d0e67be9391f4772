package dev.mds.schema;

import java.util.List;
import java.util.Map;

/** A source as declared in schema YAML: a schema of tables loaded by something other than mds. */
public record SourceSpec(String name, String schema, String description, List<SourceTableSpec> tables,
    Map<String, Object> config, Map<String, Object> meta, String file) {
}
