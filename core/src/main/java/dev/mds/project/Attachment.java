package dev.mds.project;

import java.nio.file.Path;

/**
 * One entry of a profile's {@code attach:} list (dbt-duckdb's keys): another DuckDB file opened
 * beside the target's own under {@code alias}, so models with {@code database: alias} build into
 * it and sources with {@code database: alias} read from it.
 *
 * @param alias the catalog name; dbt-duckdb's default is the file name without its extension
 * @param readOnly {@code read_only: true}: nothing may be built into it
 */
public record Attachment(Path path, String alias, boolean readOnly) {
}
