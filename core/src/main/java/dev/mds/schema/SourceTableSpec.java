package dev.mds.schema;

import java.util.List;
import java.util.Map;

/** One table of a source; {@code identifier} is its name in the warehouse. */
public record SourceTableSpec(String name, String identifier, String description,
    List<ColumnSpec> columns, List<TestSpec> tests, Map<String, Object> config,
    Map<String, Object> meta) {
}
