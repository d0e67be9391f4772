package dev.mds.docs;

import java.nio.file.Path;

/**
 * What {@link DocsSite#generate} wrote.
 *
 * @param layoutMillis time the lineage layout took, measured on its own thread
 */
public record SiteSummary(Path index, int pages, int graphNodes, int graphEdges,
    long layoutMillis, long totalMillis) {
}
