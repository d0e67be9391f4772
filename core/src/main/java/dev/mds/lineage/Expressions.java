package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL a column is computed by, as a reader is shown it: the expression of the model's own
 * SELECT first, then, after {@code ←}, those of the CTEs and subqueries the value came through
 * ({@code coalesce(o.orders, 0) ← count(*)}).
 */
final class Expressions {

  private Expressions() {
  }

  /** The expressions to print for a derivation, outermost first. */
  static List<JsonNode> of(Derivation derivation) {
    List<JsonNode> all = new ArrayList<>();
    if (derivation.own() != null) {
      all.add(derivation.own());
    }
    all.addAll(derivation.upstream());
    return all;
  }
}
