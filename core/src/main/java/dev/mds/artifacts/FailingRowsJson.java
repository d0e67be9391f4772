package dev.mds.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.execution.TestFailures;
import java.util.List;

/**
 * Adds the failing rows a data test found, the same sample the CLI prints, to its
 * {@code run_results.json} entry, so the docs site can say what failed in plain words:
 *
 * <pre>
 * "failing_rows": {"count": 4, "columns": ["value_field", "n_records"],
 *                  "rows": [["gold", "4"]]}
 * </pre>
 *
 * <p>{@code count} is how many failing rows (or groups) the test counted; {@code rows} holds at
 * most the first few, each value as text ({@code NULL} for null). dbt has no such field; dbt
 * ignores unknown fields in run_results.json.
 */
final class FailingRowsJson {

  private FailingRowsJson() {
  }

  static void write(ObjectNode json, TestFailures failures) {
    ObjectNode entry = json.putObject("failing_rows");
    entry.put("count", failures.count());
    ArrayNode columns = entry.putArray("columns");
    failures.columns().forEach(columns::add);
    ArrayNode rows = entry.putArray("rows");
    for (List<String> row : failures.sampleRows()) {
      ArrayNode values = rows.addArray();
      row.forEach(values::add);
    }
  }
}
