package dev.mds.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.lineage.ColumnLineage;
import dev.mds.lineage.ColumnRef;
import dev.mds.lineage.ModelLineage;
import dev.mds.lineage.ProjectLineage;

/**
 * Adds a model's column lineage to its {@code manifest.json} node, when lineage was computed
 * ({@code mds compile --lineage}, {@code mds docs generate}, {@code mds lineage}):
 *
 * <pre>
 * "lineage_complete": false,
 * "column_lineage": {
 *   "amount_eur": {"complete": true, "kind": "transformed",
 *                  "expression": "(o.amount_local * m.eur_rate)",
 *                  "sources": [{"node": "model.retail.stg_orders", "column": "amount_local"}]},
 *   "market":     {"complete": true, "kind": "constant", "expression": "'DE'", "sources": []}
 * },
 * "lineage_unknown": ["a PIVOT without an IN list has columns that depend on the data"]
 * </pre>
 *
 * <p>{@code column_lineage} lists every output column in order with the direct parent columns
 * it is computed from (one hop; follow the parents' own entries upstream; seeds and sources have
 * none). {@code sources: []} with {@code complete: true} is a constant. {@code complete: false}
 * means part could not be traced: the listed sources are certain, there may be more. A node
 * whose column list itself is unknown has {@code lineage_complete: false} and lists the columns it
 * could name. {@code lineage_unknown} says why, and is left out when lineage is complete. The
 * entry sits beside dbt's {@code columns} (which holds only documented columns) rather than in
 * it, so state comparison of descriptions does not see lineage changes. {@code kind} is
 * passthrough, rename, transformed, aggregate, constant or unknown; {@code expression} is the SQL
 * that computes a column that is not passed through (see {@code ColumnLineage});
 * {@code same_meaning: true} marks a column holding its one source column's values, passed on or
 * only respelled (a cast, {@code lower()}), whose description the docs site carries down.
 */
final class ColumnLineageJson {

  private ColumnLineageJson() {
  }

  static void describe(String uniqueId, ProjectLineage lineage, ObjectNode json) {
    lineage.model(uniqueId).ifPresent(model -> describe(model, json));
  }

  private static void describe(ModelLineage model, ObjectNode json) {
    json.put("lineage_complete", model.complete());
    ObjectNode columns = json.putObject("column_lineage");
    for (ColumnLineage column : model.columns()) {
      ObjectNode entry = columns.putObject(column.column());
      entry.put("complete", column.complete());
      entry.put("kind", column.kind().label());
      if (!column.expression().isEmpty()) {
        entry.put("expression", column.expression());
      }
      if (column.sameMeaning()) {
        entry.put("same_meaning", true);
      }
      ArrayNode sources = entry.putArray("sources");
      for (ColumnRef source : column.sources()) {
        sources.addObject().put("node", source.node()).put("column", source.column());
      }
    }
    if (!model.complete()) {
      ArrayNode why = json.putArray("lineage_unknown");
      model.unknown().forEach(why::add);
    }
  }
}
