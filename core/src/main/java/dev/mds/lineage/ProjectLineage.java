package dev.mds.lineage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The column lineage of a set of models, walkable upstream and downstream one hop at a time. */
public final class ProjectLineage {

  private static final ProjectLineage NONE = new ProjectLineage(Map.of());

  private final Map<String, ModelLineage> models;

  public ProjectLineage(Map<String, ModelLineage> models) {
    this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  /** No lineage: what writers get when it was not computed. */
  public static ProjectLineage none() {
    return NONE;
  }

  public Map<String, ModelLineage> models() {
    return models;
  }

  public Optional<ModelLineage> model(String uniqueId) {
    return Optional.ofNullable(models.get(uniqueId));
  }

  /** The lineage of one column, if its model was analysed and has it. */
  public Optional<ColumnLineage> column(ColumnRef column) {
    return model(column.node()).flatMap(m -> m.column(column.column()));
  }

  /** The columns {@code column} is computed from (empty for seeds, sources and constants). */
  public List<ColumnRef> upstream(ColumnRef column) {
    return column(column).map(ColumnLineage::sources).orElse(List.of());
  }

  /** The model columns computed directly from {@code column}, sorted. */
  public List<ColumnRef> downstream(ColumnRef column) {
    List<ColumnRef> children = new ArrayList<>();
    for (ModelLineage model : models.values()) {
      for (ColumnLineage c : model.columns()) {
        if (c.sources().stream().anyMatch(column::sameAs)) {
          children.add(new ColumnRef(c.model(), c.column()));
        }
      }
    }
    Collections.sort(children);
    return children;
  }
}
