package dev.mds.compile;

import dev.mds.engine.BatchWindow;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.template.ThisRelation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a microbatch model's {@code ref} and {@code source} render as while one batch is built: an
 * input that declares {@code event_time} in its config is read through a subquery keeping only
 * the batch's rows, as dbt renders it; any other input is read whole. {@code .render()} on the
 * result gives the plain relation name, dbt's way to opt out of the filter.
 */
record EventTimeFilter(BatchWindow batch) {

  /** What {@code input}, rendering as {@code relation}, renders as inside the batch. */
  Object apply(Node input, Object relation) {
    Optional<String> column = input.config().get("event_time").map(String::valueOf)
        .map(String::strip).filter(c -> !c.isEmpty());
    if (column.isEmpty() || input instanceof Model m && m.isEphemeral()) {
      return relation;
    }
    return new Filtered(relation, batch.condition(column.get()));
  }

  /** dbt's {@code model.batch}: the batch's id and its bounds as UTC datetimes. */
  Map<String, Object> modelBatch() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", batch.id());
    values.put("event_time_start", dev.mds.template.context.BatchTimes.utc(batch.start()));
    values.put("event_time_end", dev.mds.template.context.BatchTimes.utc(batch.end()));
    return values;
  }

  /**
   * {@code model.batch} outside a batch (parsing, {@code mds compile}) for a microbatch model: the
   * first batch from {@code begin}, so that SQL reading {@code model.batch.id} renders; null for
   * other models.
   */
  static Map<String, Object> placeholder(Map<String, Object> config) {
    dev.mds.project.NodeConfig values = new dev.mds.project.NodeConfig(config);
    if (!dev.mds.engine.MicrobatchConfig.is(values)) {
      return null;
    }
    try {
      dev.mds.engine.MicrobatchConfig microbatch =
          dev.mds.engine.MicrobatchConfig.of(values, "");
      return new EventTimeFilter(new BatchWindow(microbatch.begin(),
          microbatch.batchSize().plus(microbatch.begin(), 1), microbatch.batchSize()))
          .modelBatch();
    } catch (dev.mds.MdsException incomplete) {
      // The parse reports a bad config; until then the batch has no bounds.
      Map<String, Object> empty = new LinkedHashMap<>();
      empty.put("id", "");
      empty.put("event_time_start", null);
      empty.put("event_time_end", null);
      return empty;
    }
  }

  /** An input read through the batch's filter. */
  record Filtered(Object relation, String condition)
      implements ThisRelation.RelationLike {

    @Override
    public Object attribute(String attribute) {
      return relation instanceof ThisRelation.RelationLike like ? like.attribute(attribute)
          : null;
    }

    /**
     * The subquery without an alias: dbt names it {@code _dbt_et_filter_subq_<table>}, which
     * makes {@code from {{ ref('orders') }} o} a syntax error; DuckDB needs no alias, so the
     * project's own one can follow.
     */
    @Override
    public String toString() {
      return "(select * from " + relation + " where " + condition + ")";
    }
  }
}
