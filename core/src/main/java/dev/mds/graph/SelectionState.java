package dev.mds.graph;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code --state DIR} tells the selector: which nodes are new or modified against the
 * production manifest, and how each node ended in the previous run.
 *
 * @param modified for each modified node, the kinds of change: {@code body}, {@code configs},
 *     {@code descriptions}, {@code macros}
 * @param previousResults unique id to the status it had in the state's run_results.json
 * @param fresherSources the sources {@code source_status:fresher} selects (newer data in
 *     target/sources.json than in the state's), empty when either sources.json is missing
 */
public record SelectionState(Set<String> newNodes, Map<String, Set<String>> modified,
    Map<String, String> previousResults, Optional<Set<String>> fresherSources) {

  public SelectionState(Set<String> newNodes, Map<String, Set<String>> modified,
      Map<String, String> previousResults) {
    this(newNodes, modified, previousResults, Optional.empty());
  }

  /** The kinds of modification {@code state:modified.<kind>} can ask for. */
  public static final Set<String> KINDS = Set.of("body", "configs", "descriptions", "macros");

  boolean isModified(String uniqueId, Optional<String> kind) {
    Set<String> kinds = modified.get(uniqueId);
    return kinds != null && (kind.isEmpty() || kinds.contains(kind.get()));
  }
}
