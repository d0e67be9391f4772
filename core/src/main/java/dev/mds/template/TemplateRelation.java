package dev.mds.template;

import java.util.Map;

/**
 * A relation made by a template ({@code api.Relation.create}, {@code adapter.get_relation},
 * {@code this.include(...)}): renders its included parts quoted, {@code "schema"."name"}.
 */
public record TemplateRelation(String database, String schema, String identifier, String type,
    boolean includeDatabase, boolean includeSchema, boolean includeIdentifier)
    implements ThisRelation.RelationLike {

  /** A relation rendering schema and identifier, and the database when it is given. */
  static TemplateRelation of(String database, String schema, String identifier, String type) {
    return new TemplateRelation(database, schema, identifier, type, database != null, true, true);
  }

  /** The parts of any relation a template holds. */
  static TemplateRelation from(Object relation) {
    if (relation instanceof TemplateRelation own) {
      return own;
    }
    if (relation instanceof ThisRelation.RelationLike like) {
      Object database = like.attribute("database");
      return of(database == null ? null : String.valueOf(database),
          String.valueOf(like.attribute("schema")), String.valueOf(like.attribute("identifier")),
          null);
    }
    if (relation instanceof ThisRelation self) {
      return from(self.current());
    }
    throw new dev.mds.MdsException("'" + relation + "' is not a relation");
  }

  /** dbt's {@code relation.include(database=, schema=, identifier=)}. */
  TemplateRelation include(Map<String, Object> parts) {
    return new TemplateRelation(database, schema, identifier, type,
        flag(parts, "database", includeDatabase), flag(parts, "schema", includeSchema),
        flag(parts, "identifier", includeIdentifier));
  }

  private static boolean flag(Map<String, Object> parts, String name, boolean current) {
    Object value = parts.get(name);
    return value == null ? current : dev.mds.template.jinja.Truthy.of(value);
  }

  Database.RelationName name() {
    return new Database.RelationName(database, schema, identifier);
  }

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "database" -> database;
      case "schema" -> schema;
      case "identifier", "name", "table" -> identifier;
      case "type" -> type;
      case "is_table" -> "table".equals(type);
      case "is_view" -> "view".equals(type);
      default -> null;
    };
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (String[] part : new String[][] {{includeDatabase ? database : null},
        {includeSchema ? schema : null}, {includeIdentifier ? identifier : null}}) {
      if (part[0] != null) {
        out.append(out.isEmpty() ? "" : ".").append(dev.mds.graph.Relation.quote(part[0]));
      }
    }
    return out.toString();
  }
}
