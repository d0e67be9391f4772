package dev.mds.lineage;

import java.util.List;

/**
 * Where one output column of a model comes from: the columns of its direct parents that its
 * expression reads (one hop; follow {@link ProjectLineage} for the whole tree).
 *
 * @param model the model's unique id
 * @param sources the parent columns, sorted; empty for a constant such as {@code 'DE' as market}
 * @param complete false when part of the expression could not be traced (then {@code sources}
 *     lists only what could), never a guess
 */
public record ColumnLineage(String model, String column, List<ColumnRef> sources,
    boolean complete) {

  public ColumnLineage {
    sources = List.copyOf(sources);
  }
}
