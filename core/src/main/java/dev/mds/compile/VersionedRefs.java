package dev.mds.compile;

import dev.mds.graph.Model;
import dev.mds.graph.Node;
import java.util.Map;

/**
 * Resolves a ref's name to its node, as dbt resolves refs to versioned models: {@code ref('m')}
 * to m's latest version, {@code ref('m', v=2)} (which the template passes as {@code m_v2}) to
 * that version.
 */
final class VersionedRefs {

  private VersionedRefs() {
  }

  /** The node {@code name} names; null when none does. */
  static Node resolve(Map<String, ? extends Node> byName, String name) {
    Node node = byName.get(name);
    if (node != null) {
      return node;
    }
    // Only a miss searches: projects without versions never get here for a valid ref.
    for (Node candidate : byName.values()) {
      if (candidate instanceof Model model && model.version().isPresent()
          && model.version().get().modelName().equals(name)
          && model.version().get().isLatest()) {
        return model;
      }
    }
    return null;
  }
}
