package dev.mds.graph;

/** One {@code source()} call in a template, with where it was made. */
public record SourceCall(String sourceName, String tableName, String file, int line) {
}
