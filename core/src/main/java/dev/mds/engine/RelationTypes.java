package dev.mds.engine;

/**
 * The relation types every engine reports, spelled as DuckDB's {@code information_schema} does
 * (and as mds has always compared them): an engine maps its own kinds onto these.
 */
public final class RelationTypes {

  /** A table (Spark: MANAGED or EXTERNAL). */
  public static final String TABLE = "BASE TABLE";
  /** A view (Spark: VIEW). */
  public static final String VIEW = "VIEW";

  private RelationTypes() {
  }
}
