package dev.mds.lineage;

import dev.mds.graph.Model;
import java.nio.charset.StandardCharsets;

/**
 * Turns DuckDB's {@code query_location} (a byte offset into the compiled SQL) into a place a user
 * can open: {@code models/x.sql:12} when the compiled SQL has the model file's lines (plain
 * {@code ref()}s and expressions), else {@code models/x.sql (compiled line 12)}, since loops,
 * multi-line macros and inlined ephemeral models move lines around.
 */
final class SourceLines {

  private final String file;
  private final byte[] compiled;
  private final boolean sameLines;

  SourceLines(Model model, String compiledSql) {
    this.file = model.file();
    this.compiled = compiledSql.getBytes(StandardCharsets.UTF_8);
    String raw = model.rawSql();
    this.sameLines = !raw.contains("{%") && !raw.contains("{#")
        && !compiledSql.contains("__mds_cte__")
        && raw.stripTrailing().lines().count() == compiledSql.stripTrailing().lines().count();
  }

  String at(long offset) {
    if (offset < 0 || offset > compiled.length) {
      return file;
    }
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (compiled[i] == '\n') {
        line++;
      }
    }
    return sameLines ? file + ":" + line : file + " (compiled line " + line + ")";
  }
}
