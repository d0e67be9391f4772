package dev.mds.project;

import dev.mds.MdsException;
import java.util.Map;
import java.util.Optional;

/**
 * dbt's {@code query-comment:} in the project file: a template (rendered per node, with
 * {@code target} and {@code this}) whose text is added to each statement a node runs as a
 * {@code /* ... *}{@code /} comment, before it or, with {@code append: true}, after it.
 *
 * <p>dbt adds a JSON comment when the key is absent, so that a shared warehouse's query history
 * tells which dbt node ran a query. mds adds none: DuckDB here is one file on one machine, with
 * no query history to search, and the SQL written to {@code target/run/} stays as it was.
 *
 * @param template the comment's template; empty for no comment
 */
public record QueryComment(Optional<String> template, boolean append) {

  public static QueryComment none() {
    return new QueryComment(Optional.empty(), false);
  }

  /** Reads {@code query-comment:} (a string, or {@code comment:} and {@code append:}). */
  public static QueryComment of(ProjectConfig config, String location) {
    Map<String, Object> raw = config.raw();
    Object value = raw.containsKey("query-comment") ? raw.get("query-comment")
        : raw.get("query_comment");
    if (value == null) {
      return none();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> entry = YamlValues.map(map);
      return new QueryComment(YamlValues.string(entry.get("comment")).filter(c -> !c.isBlank()),
          YamlValues.bool(entry.get("append"), false));
    }
    if (value instanceof java.util.List<?>) {
      throw MdsException.at(location, "query-comment must be a text or a mapping with 'comment:'"
          + " and 'append:', not a list");
    }
    return new QueryComment(Optional.of(String.valueOf(value)).filter(c -> !c.isBlank()), false);
  }

  /**
   * {@code statement} with the rendered comment {@code text} added; a {@code *}{@code /} inside
   * it is broken up so that it cannot end the comment early.
   */
  public String applyTo(String statement, String text) {
    String comment = "/* " + text.replace("*/", "* /") + " */";
    return append ? statement + "\n" + comment : comment + "\n" + statement;
  }
}
