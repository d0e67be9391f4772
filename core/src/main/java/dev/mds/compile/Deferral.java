package dev.mds.compile;

import dev.mds.graph.Relation;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code --defer}: a ref to a node this invocation does not build reads the production database,
 * attached read-only under {@code catalog}, unless the node's relation already exists in the
 * target (dbt's rule): so {@code mds run -s +model} reads the seeds it does not load from
 * production, and {@code mds test} tests the models built here.
 *
 * @param built unique ids of the nodes this invocation builds or tests
 * @param existsHere whether a relation exists in the target database
 */
public record Deferral(String catalog, Set<String> built, Predicate<Relation> existsHere) {

  /** The name the production database is attached under. */
  public static final String CATALOG = "prod";

  /** Whether a ref to {@code node} reads production. */
  boolean defers(dev.mds.graph.Node node) {
    return !built.contains(node.uniqueId()) && !existsHere.test(node.relation());
  }
}
