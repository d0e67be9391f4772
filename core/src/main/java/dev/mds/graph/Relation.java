package dev.mds.graph;

import dev.mds.template.ThisRelation;
import java.util.Objects;

/**
 * A table or view in the warehouse, always quoted. It renders as {@code "schema"."identifier"}
 * when it is in the target's own database and that name cannot be misread, and as
 * {@code "database"."schema"."identifier"} otherwise: when it is in another catalog (an
 * {@code attach:} of the profile, through a {@code database} config), or when its schema has the
 * name of a catalog (DuckDB rejects {@code "dbt"."orders"} as ambiguous when the file is
 * {@code dbt.duckdb} and the schema {@code dbt}, and {@code --defer} attaches {@code prod}). So
 * ordinary projects' SQL keeps two-part names. {@link dev.mds.project.Target#relation} applies
 * that rule; relations are made through it wherever they are compared with others.
 *
 * <p>Two relations written in two parts are the same whatever database name they carry (both are
 * in the target's own file); written in three parts, their databases must match too.
 *
 * @param database the catalog, as {@code this.database} and manifest.json give it; null when not
 *     known (a relation made without a target)
 * @param qualified whether SQL names the database
 * @param quoting how the target's engine quotes identifiers: the relation renders in its
 *     target's dialect wherever it is written into SQL, so code that writes SQL by concatenating
 *     relations needs no dialect of its own for them
 */
public record Relation(String database, String schema, String identifier, boolean qualified,
    Quoting quoting) implements ThisRelation.RelationLike {

  public Relation {
    Objects.requireNonNull(quoting, "quoting");
  }

  /** A relation quoted with double quotes (DuckDB's). */
  public Relation(String database, String schema, String identifier, boolean qualified) {
    this(database, schema, identifier, qualified, Quoting.DOUBLE_QUOTES);
  }

  /** A relation in the target's own database, written in two parts. */
  public Relation(String schema, String identifier) {
    this(null, schema, identifier, false);
  }

  /** A relation written with its database: {@code "database"."schema"."identifier"}. */
  public Relation(String database, String schema, String identifier) {
    this(database, schema, identifier, true);
  }

  /**
   * Quotes one identifier DuckDB's way (the SQL standard's): wrapped in double quotes, inner
   * quotes doubled. SQL that must follow the target's dialect quotes with {@link #quoted} of a
   * relation of the target, or the engine's {@code Dialect}.
   */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A name DuckDB reads as an identifier without quotes (ASCII letters, digits, underscores). */
  private static final java.util.regex.Pattern PLAIN =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * A column name from schema YAML (a column's {@code name:}, a {@code grain} entry) as a generic
   * test's {@code column_name} gets it. {@code quote: true} quotes it, as in dbt. Unset, a plain
   * name ({@code member_no}) stays as written, so compiled tests read as dbt's, and any other name
   * ({@code order date}, {@code a"b}) is quoted: it can only be a column, never SQL; dbt passes it
   * raw, where it is a parse error at best. {@code quote: false} is dbt's way to test an
   * expression ({@code coalesce(a, b)}): the text goes in as SQL the project wrote.
   */
  public static String column(String name, java.util.Optional<Boolean> quote) {
    if (quote.isPresent()) {
      return quote.get() ? quote(name) : name;
    }
    return PLAIN.matcher(name).matches() ? name : quote(name);
  }

  /**
   * A temporary view of the session, named in one part ({@code `mds_unit_3_orders`}): the only
   * way an engine such as Spark lets SQL name one (a unit test's given rows on the target).
   */
  public static Relation temporary(String identifier, Quoting quoting) {
    return new Relation(null, null, identifier, false, quoting);
  }

  /** The same schema and name in catalog {@code catalog} (production, for {@code --defer}). */
  public Relation in(String catalog) {
    return new Relation(catalog, schema, identifier, true, quoting);
  }

  /** A relation of the same catalog and schema named {@code name} (a staging table's). */
  public Relation named(String name) {
    return new Relation(database, schema, name, qualified, quoting);
  }

  /** {@code identifier} quoted as this relation's engine quotes (a column of it, a sibling). */
  public String quoted(String identifier) {
    return quoting.quote(identifier);
  }

  /** The schema as SQL names it: {@code "schema"} or {@code "database"."schema"}. */
  public String schemaSql() {
    return qualified ? quoted(database) + "." + quoted(schema) : quoted(schema);
  }

  /** The database SQL names, or null when the relation is written in two parts. */
  public String writtenDatabase() {
    return qualified ? database : null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Relation o && qualified == o.qualified
        && Objects.equals(schema, o.schema)
        && identifier.equals(o.identifier) && (!qualified || Objects.equals(database, o.database));
  }

  @Override
  public int hashCode() {
    return Objects.hash(qualified, schema, identifier, qualified ? database : null);
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
    return schema == null ? quoted(identifier) : schemaSql() + "." + quoted(identifier);
  }
}
