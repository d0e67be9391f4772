package dev.mds.graph;

import dev.mds.template.ThisRelation;

/**
 * A table or view in the warehouse, always quoted. It renders as {@code "schema"."identifier"}
 * when it is in the target's own database and that name cannot be misread, and as
 * {@code "database"."schema"."identifier"} otherwise: when it is in another catalog (an
 * {@code attach:} of the profile, through a {@code database} config), or when its schema has the
 * name of a catalog (DuckDB rejects {@code "dbt"."orders"} as ambiguous when the file is
 * {@code dbt.duckdb} and the schema {@code dbt}). So ordinary projects' SQL keeps two-part names.
 * {@link dev.mds.project.Target#relation} applies that rule; relations are made through it
 * wherever they are compared with others.
 *
 * @param database the catalog, written in SQL; null for the target's own database written in two
 *     parts
 */
public record Relation(String database, String schema, String identifier)
    implements ThisRelation.RelationLike {

  /** A relation in the target's own database, written in two parts. */
  public Relation(String schema, String identifier) {
    this(null, schema, identifier);
  }

  /** Quotes one identifier the SQL way: wrapped in double quotes, inner quotes doubled. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Whether the relation names its catalog (see the class comment for when). */
  public boolean qualified() {
    return database != null;
  }

  /** The same schema and name in catalog {@code catalog} (production, for {@code --defer}). */
  public Relation in(String catalog) {
    return new Relation(catalog, schema, identifier);
  }

  /** The schema as SQL names it: {@code "schema"} or {@code "database"."schema"}. */
  public String schemaSql() {
    return database == null ? quote(schema) : quote(database) + "." + quote(schema);
  }

  public String getDatabase() {
    return database;
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
      case "database" -> database;
      case "schema" -> schema;
      case "identifier", "name" -> identifier;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return schemaSql() + "." + quote(identifier);
  }
}
