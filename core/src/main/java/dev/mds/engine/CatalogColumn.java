package dev.mds.engine;

import java.util.Optional;

/** One column as DuckDB describes it: name, type, 1-based position and any {@code COMMENT ON}. */
public record CatalogColumn(String name, String type, int index, Optional<String> comment) {
}
