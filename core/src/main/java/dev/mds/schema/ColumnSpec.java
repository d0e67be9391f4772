package dev.mds.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A column as described in schema YAML. */
public record ColumnSpec(String name, String description, Optional<String> dataType,
    List<TestSpec> tests, Map<String, Object> meta, Map<String, Object> config) {
}
