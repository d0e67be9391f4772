package dev.mds.execution;

import dev.mds.engine.Session;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the rows of the tables a run built, for their {@code SELECT n} lines and
 * {@code run_results.json}: on the thread that prints progress, over a connection of its own,
 * once each table's transaction has committed. A {@code count(*)} costs about half a millisecond
 * that a worker would otherwise spend between two nodes' statements (DuckDB reports no row count
 * for {@code create table as}).
 */
final class RowCounts implements AutoCloseable {

  private final Warehouse warehouse;
  private final Map<String, Relation> pending = new ConcurrentHashMap<>();
  private final Map<String, NodeResult> counted = new ConcurrentHashMap<>();
  private Session session;

  RowCounts(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** Notes that the node's result is to carry the rows of {@code table} (which has committed). */
  void request(String uniqueId, Relation table) {
    if (warehouse.countsBuiltRows()) {
      pending.put(uniqueId, table);
    }
  }

  /**
   * The result with its table's rows counted, if it has a count pending; as it is otherwise, or
   * when the count fails (a later hook dropped the table). Called on one thread only.
   */
  NodeResult complete(NodeResult result) {
    Relation table = pending.remove(result.uniqueId());
    if (table == null) {
      return result;
    }
    try {
      if (session == null) {
        session = new Session(warehouse);
      }
      NodeResult done = result.withRows(session.queryLong("select count(*) from " + table));
      counted.put(done.uniqueId(), done);
      return done;
    } catch (SQLException | RuntimeException e) {
      return result;
    }
  }

  /** {@code results} with the counted ones in place of their uncounted selves. */
  List<NodeResult> apply(List<NodeResult> results) {
    return results.stream().map(r -> counted.getOrDefault(r.uniqueId(), r)).toList();
  }

  @Override
  public void close() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException e) {
        // Closing a reading connection loses nothing.
      }
    }
  }
}
