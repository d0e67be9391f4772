package dev.mds.compile;

import dev.mds.graph.Relation;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code --defer}: a ref to a node this invocation does not build reads the production database,
 * attached read-only under {@code catalog}, unless the node's relation already exists in the
 * target (dbt's rule): so {@code mds run -s +model} reads the seeds it does not load from
 * production, and {@code mds test} tests the models built here. On an engine that cannot attach
 * (Spark), production's relations come from its manifest instead ({@code production}, non-null),
 * as in dbt: another schema of the same warehouse.
 *
 * @param built unique ids of the nodes this invocation builds or tests
 * @param existsHere whether a relation exists in the target database
 * @param production production's relation per unique id, from its manifest; null when
 *     production is a database attached under {@code catalog}
 */
public record Deferral(String catalog, Set<String> built, Predicate<Relation> existsHere,
    Map<String, Relation> production) {

  /** The name the production database is attached under. */
  public static final String CATALOG = "prod";

  /** Deferral to production's database attached under {@code catalog}. */
  public Deferral(String catalog, Set<String> built, Predicate<Relation> existsHere) {
    this(catalog, built, existsHere, null);
  }

  /** Deferral to the relations production's manifest names. */
  public static Deferral toManifest(Map<String, Relation> production, Set<String> built,
      Predicate<Relation> existsHere) {
    return new Deferral(null, built, existsHere, Map.copyOf(production));
  }

  /**
   * Whether production is read through its manifest: {@code production} is the {@code --state}
   * folder (no database file in it) and the engine cannot attach one. A folder on an engine that
   * attaches (DuckDB) is a one-line error asking for the database file.
   */
  public static boolean fromManifest(java.nio.file.Path production, boolean engineAttaches) {
    if (!java.nio.file.Files.isDirectory(production)) {
      return false;
    }
    if (engineAttaches) {
      throw new dev.mds.MdsException("--state " + production + " holds 0 .duckdb files; pass"
          + " --defer-database PATH to name production's");
    }
    return true;
  }

  /** Whether a ref to {@code node} reads production. */
  boolean defers(dev.mds.graph.Node node) {
    return !built.contains(node.uniqueId()) && !existsHere.test(node.relation())
        && (production == null || production.containsKey(node.uniqueId()));
  }

  /** Production's relation for a deferred {@code node}, as a ref renders it. */
  Object relation(dev.mds.graph.Node node) {
    return production == null ? new dev.mds.graph.QualifiedRelation(catalog, node.relation())
        : production.get(node.uniqueId());
  }
}
