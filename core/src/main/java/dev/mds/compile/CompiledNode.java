package dev.mds.compile;

import java.nio.file.Path;

/**
 * A node's final SQL.
 *
 * @param sql the SELECT with refs resolved and ephemeral models inlined as CTEs
 * @param path where the SQL was written under {@code target/compiled/}
 */
public record CompiledNode(String uniqueId, String sql, Path path) {
}
