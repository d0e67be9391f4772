package dev.mds.execution;

import dev.mds.engine.ServingCopy;
import dev.mds.engine.Warehouse;
import dev.mds.graph.ResourceType;
import dev.mds.project.Serving;
import dev.mds.project.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The end of a run that publishes the serving copy (see {@link Serving}). */
final class Publishing {

  private Publishing() {
  }

  /**
   * Publishes the serving copy when the target asks for it, the run changed data (not {@code mds
   * test} alone) and nothing failed: readers keep the last build that succeeded whole, never a
   * half-failed one.
   */
  static void afterRun(Warehouse warehouse, Target target, Set<ResourceType> types,
      List<NodeResult> results, RunListener listener) {
    Serving serving = target.serving();
    if (!serving.publish() || serving.path().isEmpty() || Set.of(ResourceType.TEST).equals(types)
        || !warehouse.capabilities().servingCopy()) {
      return;
    }
    Path path = serving.path().get();
    if (results.stream().anyMatch(r -> r.status().isFailure())) {
      listener.info("Serving copy " + path + " not replaced: the run had failures, so readers"
          + " keep the last successful build.");
      return;
    }
    ServingCopy.Published published = ServingCopy.publish(warehouse, target.databasePath(), path);
    if (!published.replaced()) {
      listener.info("Warning: serving copy " + path + " not replaced: " + published.reason()
          + "; readers keep the previous build until the next publish.");
      return;
    }
    listener.info(String.format(Locale.ROOT, "Published the serving copy %s (%.1f MB in %.2f s)",
        path, published.bytes() / 1e6, published.seconds()));
  }
}
