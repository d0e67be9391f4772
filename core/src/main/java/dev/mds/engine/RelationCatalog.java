package dev.mds.engine;

import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Which relations the target database holds and of what type, read with one query the first time a
 * run asks and then kept up to date by the run itself: a session reports each relation it creates
 * once its transaction has committed. (One lookup in {@code information_schema.tables} costs a few
 * milliseconds on a database of a thousand relations, and each node needed one to three.)
 *
 * <p>Only mds's own statements are tracked. Once SQL that mds did not write runs (a model's
 * {@code pre_hook} or {@code post_hook} can create or drop anything), the catalog stops answering
 * and every lookup asks DuckDB again, as before there was a catalog.
 */
public final class RelationCatalog {

  /** Asks DuckDB directly; the fallback once the catalog has stopped. */
  @FunctionalInterface
  public interface Lookup {
    Optional<String> type(Relation relation) throws SQLException;
  }

  private final Warehouse warehouse;
  /** Relation to type; a null type: looked up, not there (only when not {@link #listed}). */
  private Map<Relation, String> types;
  private boolean listed;
  private boolean stopped;

  public RelationCatalog(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * {@code BASE TABLE}, {@code VIEW}, or empty when the relation does not exist; {@code direct}
   * answers once the catalog has stopped.
   */
  public Optional<String> type(Relation relation, Lookup direct) throws SQLException {
    Optional<String> known = known(relation);
    return known != null ? known : direct.type(relation);
  }

  /** {@link #type(Relation, Lookup)} asking the warehouse's own connection when it must. */
  public Optional<String> type(Relation relation) {
    Optional<String> known = known(relation);
    return known != null ? known : warehouse.relationType(relation);
  }

  /** The catalog's answer, or null once it has stopped. */
  private synchronized Optional<String> known(Relation relation) {
    if (stopped) {
      return null;
    }
    if (types == null) {
      listed = warehouse.listsRelations();
      types = listed ? warehouse.relationTypes() : new java.util.HashMap<>();
    }
    if (!listed && !types.containsKey(relation)) {
      // An engine whose catalog is dear to list (Spark): each relation once, when first asked.
      types.put(relation, warehouse.relationType(relation).orElse(null));
    }
    return Optional.ofNullable(types.get(relation));
  }

  /** Records that {@code relation} now exists as a {@code type} (after its transaction committed). */
  synchronized void created(Relation relation, String type) {
    if (types != null) {
      types.put(relation, type);
    }
  }

  /**
   * SQL mds did not write is about to run: from now on every lookup asks DuckDB. It stays so for
   * the rest of the run, since another worker could be between a lookup and its use.
   */
  public synchronized void stop() {
    stopped = true;
    types = null;
  }
}
