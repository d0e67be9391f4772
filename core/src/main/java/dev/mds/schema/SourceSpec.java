package dev.mds.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source as declared in schema YAML: a schema of tables loaded by something other than mds.
 *
 * @param database the catalog holding it (an {@code attach:} alias); empty for the target's own
 */
public record SourceSpec(String name, Optional<String> database, String schema, String description, List<SourceTableSpec> tables,
    Map<String, Object> config, Map<String, Object> meta, String file) {
}
