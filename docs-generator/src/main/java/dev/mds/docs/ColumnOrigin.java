package dev.mds.docs;

import java.util.List;

/**
 * Where a model column's values come from, from the manifest's {@code column_lineage}.
 *
 * @param sources the parent columns, one hop up; empty and complete for a constant
 * @param complete false when part could not be traced: the sources are certain, more may exist
 * @param unknown why lineage is incomplete (the model's reasons); empty when complete
 * @param kind passthrough, rename, transformed, aggregate, constant or unknown; empty in
 *     manifests written before columns were classified
 * @param expression the SQL computing a column that is not passed through, else empty
 */
record ColumnOrigin(List<ColumnSource> sources, boolean complete, String unknown, String kind,
    String expression) {

  ColumnOrigin(List<ColumnSource> sources, boolean complete, String unknown) {
    this(sources, complete, unknown, "", "");
  }
}
