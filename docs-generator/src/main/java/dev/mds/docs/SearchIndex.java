package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search index ({@code data/search.js}), built once at generate time: per page its name,
 * kind, page, description, column names and tags. The browser matches against it; at 5,000
 * models it is about a megabyte and loads the first time someone uses the search box.
 */
final class SearchIndex {

  /** Description characters kept: enough to match on and show a snippet. */
  static final int DESCRIPTION_KEPT = 240;

  private SearchIndex() {
  }

  /**
   * One searchable page: {@code n} name, {@code t} kind, {@code p} page, {@code d} description,
   * {@code c} column names, {@code g} tags, {@code s} its SQL (source code, spaces collapsed).
   */
  record Doc(String n, String t, String p, String d, List<String> c, List<String> g, String s) {
  }

  /** SQL characters kept per node: where a search for a table or function name finds it. */
  static final int SQL_KEPT = 2_000;

  static List<Doc> of(ProjectDocs docs) {
    List<Doc> index = new ArrayList<>();
    for (DocPage page : docs.pages()) {
      NodeLink link = page.self();
      // Warehouse spelling first; documented names add only what the warehouse lacks.
      Map<String, String> columns = new LinkedHashMap<>();
      docs.catalogColumns(link.id()).forEach(c -> columns.putIfAbsent(lower(c), c));
      JsonNode node = docs.nodes().get(link.id());
      if (node != null) {
        node.path("columns").forEach(c -> columns.putIfAbsent(lower(c.path("name").asText()),
            c.path("name").asText()));
        // Columns the SQL was traced to return: searchable before any database exists.
        node.path("column_lineage").fieldNames()
            .forEachRemaining(c -> columns.putIfAbsent(lower(c), c));
      }
      String description = docs.plainDescription(link.id());
      if (description.length() > DESCRIPTION_KEPT) {
        description = description.substring(0, DESCRIPTION_KEPT - 1) + "…";
      }
      index.add(new Doc(link.name(), link.type(), link.page(), description.isEmpty() ? null
          : description, columns.isEmpty() ? null : List.copyOf(columns.values()),
          page.tags().isEmpty() ? null : page.tags(), sql(node)));
    }
    return index;
  }

  private static String sql(JsonNode node) {
    if (node == null) {
      return null;
    }
    String sql = node.path("raw_code").asText("").strip().replaceAll("\\s+", " ");
    if (sql.isEmpty()) {
      return null;
    }
    return sql.length() > SQL_KEPT ? sql.substring(0, SQL_KEPT - 1) + "…" : sql;
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
