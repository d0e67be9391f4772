package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The failing rows a data test stored in {@code run_results.json} ({@code failing_rows}): how
 * many it counted and the first few, values as text.
 */
record FailingRows(long count, List<String> columns, List<List<String>> rows) {

  /** The entry's failing rows, or null when it has none. */
  static FailingRows of(JsonNode result) {
    JsonNode json = result.path("failing_rows");
    if (!json.isObject()) {
      return null;
    }
    List<List<String>> rows = new ArrayList<>();
    json.path("rows").forEach(row -> rows.add(ProjectDocs.strings(row)));
    return new FailingRows(json.path("count").asLong(rows.size()),
        ProjectDocs.strings(json.path("columns")), List.copyOf(rows));
  }

  /** The index of a column, ignoring case; -1 when absent. */
  int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
