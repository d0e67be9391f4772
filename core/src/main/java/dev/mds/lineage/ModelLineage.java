package dev.mds.lineage;

import java.util.List;
import java.util.Optional;

/**
 * A model's column lineage.
 *
 * @param columnsKnown false when even the model's column list could not be worked out (for
 *     example {@code select *} over a relation whose columns are unknown); {@code columns} then
 *     holds only the columns that are known
 * @param unknown why lineage is incomplete, one sentence each; empty when it is complete
 */
public record ModelLineage(String model, List<ColumnLineage> columns, boolean columnsKnown,
    List<String> unknown) {

  public ModelLineage {
    columns = List.copyOf(columns);
    unknown = List.copyOf(unknown);
  }

  /** Lineage for a model whose SQL could not be analysed at all. */
  static ModelLineage unknown(String model, String why) {
    return new ModelLineage(model, List.of(), false, List.of(why));
  }

  /** Whether the column list and every column's sources are known. */
  public boolean complete() {
    return columnsKnown && columns.stream().allMatch(ColumnLineage::complete);
  }

  public Optional<ColumnLineage> column(String name) {
    return columns.stream().filter(c -> c.column().equalsIgnoreCase(name)).findFirst();
  }
}
