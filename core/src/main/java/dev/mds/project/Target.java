package dev.mds.project;

import java.nio.file.Path;
import java.util.Map;

/**
 * The warehouse a run writes to: a profile output ({@code type: duckdb}) or the embedded default.
 *
 * @param settings DuckDB settings applied when the database opens (memory_limit, threads, ...)
 */
public record Target(String profileName, String name, String type, Path databasePath,
    String schema, int threads, Map<String, String> settings) {
}
