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

  @Override
  void close();
}
