package dev.mds.graph;

import dev.mds.template.ThisRelation;

/** A table or view in the warehouse; renders as {@code "schema"."identifier"}, always quoted. */
public record Relation(String schema, String identifier) implements ThisRelation.RelationLike {

  /** Quotes one identifier the SQL way: wrapped in double quotes, inner quotes doubled. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public String getSchema() {
    return schema;
  }

  public String getIdentifier() {
    return identifier;
  }

  public String getName() {
    return identifier;
  }

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "schema" -> schema;
      case "identifier", "name" -> identifier;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return quote(schema) + "." + quote(identifier);
  }
}
