package dev.mds.engine;

import dev.mds.graph.Relation;
import dev.mds.project.Target;
import java.sql.Connection;

/** The seam to the database engine; DuckDB is the one implementation. */
public interface Warehouse extends AutoCloseable {

  Target target();

  /** A new connection to the same database, for one worker thread. */
  Connection connect();

  String version();

  boolean exists(Relation relation);

  /** {@code BASE TABLE}, {@code VIEW}, or empty when the relation does not exist. */
  java.util.Optional<String> relationType(Relation relation);

  /**
   * Every relation of the database and of the profile's {@code attach:} databases (not of
   * production attached for {@code --defer}, nor temp tables) and its type, as
   * {@link #relationType} would report it, read in one query.
   */
  java.util.Map<Relation, String> relationTypes();

  /**
   * Attaches another DuckDB file read-only under {@code alias} (production, for {@code --defer}):
   * nothing can write to it, and it needs no write lock.
   */
  void attachReadOnly(java.nio.file.Path database, String alias);

  /**
   * Creates the schemas of {@code relations}, each in its relation's catalog, serially before
   * workers start (concurrent DDL on them conflicts).
   */
  void createSchemas(java.util.Collection<Relation> relations);

  @Override
  void close();
}
