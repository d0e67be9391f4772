package dev.mds.engine;

import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes one batch of a microbatch model, in a transaction of its own: the batch's period is
 * replaced, so a failed batch leaves the table as it was before that batch and the batches
 * already written stay committed. As dbt-duckdb does it, the model's rows are kept only where
 * their {@code event_time} falls in the batch, and the table's rows of that period are deleted
 * before they are inserted (delete+insert on the period, not on a key).
 */
public final class MicrobatchMaterialization {

  private MicrobatchMaterialization() {
  }

  /**
   * Builds {@code batch} from the model's SQL rendered for it.
   *
   * @param create whether this batch creates (or, on a full refresh, replaces) the table
   * @return the rows the batch wrote
   */
  public static long build(Session session, Model model, MicrobatchConfig config, String sql,
      BatchWindow batch, boolean create) throws SQLException {
    Relation target = model.relation();
    String rows = "select * from (\n" + sql + "\n) as __mds_batch where "
        + batch.condition(config.eventTime());
    if (create) {
      return session.inTransaction(() -> {
        if (session.relationType(target).filter("VIEW"::equals).isPresent()) {
          session.execute("drop view " + target);
        }
        session.execute("create or replace table " + target + " as\n" + rows);
        session.created(target, "BASE TABLE");
        return session.queryLong("select count(*) from " + target);
      });
    }
    String staging = Relation.quote("__mds_batch_" + model.name());
    return session.inTransaction(() -> {
      session.execute("create or replace temp table " + staging + " as\n" + rows);
      List<String> columns = IncrementalMaterialization.reconcileColumns(session, model, target,
          staging);
      StringJoiner delete = new StringJoiner(" and ", "delete from " + target + " where ", "");
      delete.add(batch.condition(config.eventTime()));
      for (String predicate : predicates(model)) {
        delete.add("(" + predicate + ")");
      }
      session.execute(delete.toString());
      StringJoiner list = new StringJoiner(", ");
      columns.forEach(c -> list.add(Relation.quote(c)));
      long inserted = session.execute("insert into " + target + " (" + list + ") select " + list
          + " from " + staging);
      session.execute("drop table " + staging);
      return inserted;
    });
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
