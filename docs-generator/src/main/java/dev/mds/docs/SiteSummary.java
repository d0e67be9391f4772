package dev.mds.docs;

import java.nio.file.Path;

/**
 * What {@link DocsSite#generate} wrote.
 *
 * @param layoutMillis time the lineage layout took, measured on its own thread
 * @param unchanged the site was already made from the same inputs, so nothing was written
 */
public record SiteSummary(Path index, int pages, int graphNodes, int graphEdges,
    long layoutMillis, long totalMillis, boolean unchanged) {

  public SiteSummary(Path index, int pages, int graphNodes, int graphEdges, long layoutMillis,
      long totalMillis) {
    this(index, pages, graphNodes, graphEdges, layoutMillis, totalMillis, false);
  }
}
