package dev.mds.engine;

import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes one batch of a microbatch model, in a transaction of its own: the batch's period is
 * replaced, so a failed batch leaves the table as it was before that batch and the batches
 * already written stay committed. As dbt-duckdb does it, the model's rows are kept only where
 * their {@code event_time} falls in the batch, and the table's rows of that period are deleted
 * before they are inserted (delete+insert on the period, not on a key).
 */
public final class MicrobatchMaterialization {

  private final Model model;
  private final MicrobatchConfig config;
  /**
   * With {@code on_schema_change: ignore}: the columns batches write, found once per run (the
   * model's SQL gives the same columns for every batch), so a batch is just a delete and an insert.
   */
  private List<String> columns;

  /** Writes the batches of one build of {@code model}. */
  public MicrobatchMaterialization(Model model, MicrobatchConfig config) {
    this.model = model;
    this.config = config;
  }

  /**
   * Builds {@code batch} from the model's SQL rendered for it.
   *
   * @param create whether this batch creates (or, on a full refresh, replaces) the table
   * @return the rows the batch wrote
   */
  public long build(Session session, String sql, BatchWindow batch, boolean create)
      throws SQLException {
    Relation target = model.relation();
    String rows = "select * from (\n" + sql + "\n) as __mds_batch where "
        + batch.condition(config.eventTime());
    if (create) {
      return session.inTransaction(() -> {
        if (session.relationType(target).filter("VIEW"::equals).isPresent()) {
          session.execute(session.dialect().dropView(target));
        }
        session.execute(session.dialect().createTableAs(target, rows, TableOptions.of(model)));
        session.created(target, "BASE TABLE");
        return session.queryLong(session.dialect().rowCount(target.toString()));
      });
    }
    boolean ignore = model.config().string("on_schema_change").orElse("ignore").equals("ignore");
    if (ignore && columns == null) {
      Map<String, String> incoming = session.columns(rows);
      columns = new ArrayList<>();
      for (String column : session.columns(target.toString()).keySet()) {
        if (incoming.containsKey(column)) {
          columns.add(column);
        }
      }
    }
    if (ignore) {
      return session.inTransaction(() -> {
        session.execute(delete(target, batch));
        return insert(session, target, columns, rows);
      });
    }
    boolean temp = session.capabilities().tempTables();
    String staging = session.dialect().stagingName(target, "__mds_batch_" + model.name(), temp);
    try {
      return session.inTransaction(() -> {
        session.execute(session.dialect().createStagingTable(staging, rows, temp));
        List<String> written = IncrementalMaterialization.reconcileColumns(session, model, target,
            staging);
        session.execute(delete(target, batch));
        long inserted = insert(session, target, written, "select * from " + staging);
        session.execute(session.dialect().dropStagingTable(staging));
        return inserted;
      });
    } catch (SQLException | RuntimeException e) {
      StagedBuild.dropStagingAfter(e, session, temp, staging);
      throw e;
    }
  }

  /** Deletes the table's rows in the batch's period (and {@code incremental_predicates}). */
  private String delete(Relation target, BatchWindow batch) {
    StringJoiner delete = new StringJoiner(" and ", "delete from " + target + " where ", "");
    delete.add(batch.condition(config.eventTime()));
    for (String predicate : predicates(model)) {
      delete.add("(" + predicate + ")");
    }
    return delete.toString();
  }

  private static long insert(Session session, Relation target, List<String> columns,
      String rows) throws SQLException {
    StringJoiner list = new StringJoiner(", ");
    columns.forEach(c -> list.add(target.quoted(c)));
    return session.execute("insert into " + target + " (" + list + ") select " + list
        + " from (\n" + rows + "\n) as __mds_rows");
  }

  /** {@code incremental_predicates}: more conditions on the rows a batch deletes. */
  private static List<String> predicates(Model model) {
    Object value = model.config().get("incremental_predicates").orElse(null);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }
}
