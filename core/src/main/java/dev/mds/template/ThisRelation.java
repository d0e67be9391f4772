package dev.mds.template;

/**
 * The {@code this} global: renders as the current node's relation. Attribute access
 * ({@code this.schema}, {@code this.identifier}, {@code this.name}) is forwarded to it.
 */
public final class ThisRelation implements dev.mds.template.jinja.PythonMapping {

  Object current() {
    return ActiveNode.get().thisRelation();
  }

  public Object getSchema() {
    return attribute("schema");
  }

  public Object getIdentifier() {
    return attribute("identifier");
  }

  public Object getName() {
    return attribute("identifier");
  }

  public Object getDatabase() {
    return attribute("database");
  }

  private Object attribute(String name) {
    Object relation = current();
    if (relation instanceof RelationLike r) {
      return r.attribute(name);
    }
    return relation;
  }

  @Override
  public java.util.Map<String, Object> asMapping() {
    return current() instanceof RelationLike r ? r.asMapping() : java.util.Map.of();
  }

  @Override
  public String toString() {
    return String.valueOf(current());
  }

  /**
   * A relation whose parts templates can read. As in dbt, it is also a mapping of its parts, whose
   * {@code metadata.type} names the relation class (dbt_utils tells relations from text by it).
   */
  public interface RelationLike extends dev.mds.template.jinja.PythonMapping {

    /** The relation class dbt-duckdb's relations report as their type. */
    String RELATION_CLASS = "DuckDBRelation";
    /** What an ephemeral model's CTE name starts with ({@code api.Relation.add_ephemeral_prefix}). */
    String EPHEMERAL_PREFIX = "__mds_cte__";

    Object attribute(String name);

    /** Whether this names an ephemeral model's CTE rather than a table or view. */
    default boolean isCte() {
      return false;
    }

    @Override
    default java.util.Map<String, Object> asMapping() {
      java.util.Map<String, Object> path = new java.util.LinkedHashMap<>();
      path.put("database", attribute("database"));
      path.put("schema", attribute("schema"));
      path.put("identifier", attribute("identifier"));
      java.util.Map<String, Object> mapping = new java.util.LinkedHashMap<>();
      mapping.put("path", path);
      mapping.put("type", attribute("type"));
      mapping.put("quote_character", "\"");
      mapping.put("metadata", java.util.Map.of("type", RELATION_CLASS));
      return mapping;
    }
  }
}
