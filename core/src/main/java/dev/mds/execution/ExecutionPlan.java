package dev.mds.execution;

import dev.mds.graph.DataTest;
import dev.mds.graph.DependencyGraph;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order constraints of one build beyond the DAG: a node's children also wait for the tests on
 * it (so a failing test skips what is downstream), and an audited model runs its own tests inside
 * its transaction before publishing.
 */
final class ExecutionPlan {

  private final Manifest manifest;
  private final DependencyGraph graph;
  private final Map<String, List<DataTest>> testsOn = new HashMap<>();
  private final Map<String, List<DataTest>> audits = new HashMap<>();
  /** A model's unit tests in this run: it is built only after they pass, as in dbt's build. */
  private final Map<String, List<String>> unitTestsOf = new HashMap<>();

  ExecutionPlan(Manifest manifest, List<String> order, boolean audit) {
    this.manifest = manifest;
    this.graph = manifest.graph();
    for (String id : order) {
      if (manifest.nodes().get(id) instanceof dev.mds.graph.UnitTest unitTest) {
        unitTestsOf.computeIfAbsent(unitTest.model(), k -> new ArrayList<>())
            .add(unitTest.uniqueId());
      }
      if (manifest.nodes().get(id) instanceof DataTest test && test.attachedTo().isPresent()) {
        String target = test.attachedTo().get();
        testsOn.computeIfAbsent(target, k -> new ArrayList<>()).add(test);
        if (audit && auditable(manifest.nodes().get(target), test)) {
          audits.computeIfAbsent(target, k -> new ArrayList<>()).add(test);
        }
      }
    }
  }

  /** Table and incremental models are audited unless configured {@code audit: false}. */
  private boolean auditable(Node target, DataTest test) {
    // A microbatch model commits batch by batch: its tests run after it, as in dbt.
    if (!(target instanceof Model model)
        || !List.of("table", "incremental").contains(model.materialized())
        || dev.mds.engine.MicrobatchConfig.is(model.config())
        || !model.config().get("audit").map(v -> Boolean.parseBoolean(String.valueOf(v)))
            .orElse(true)) {
      return false;
    }
    // Its other inputs must already be built when the model is, or the test could not run yet.
    Set<String> ancestors = graph.ancestors(model.uniqueId(), Integer.MAX_VALUE);
    return test.dependsOn().stream().allMatch(p -> p.equals(model.uniqueId())
        || ancestors.contains(p));
  }

  /** The tests that run inside {@code id}'s transaction. */
  List<DataTest> audits(String id) {
    return audits.getOrDefault(id, List.of());
  }

  /**
   * What {@code id} waits for: its DAG parents and the tests on them whose every input is upstream
   * of {@code id} anyway, as dbt's build adds test edges. A test comparing its model with another
   * model (dbt_utils.equality, relationships) does not hold back that model's children unless they
   * read the other model too: were it to, two such tests on one model, each reading a child of it,
   * would wait for each other through those children.
   */
  Set<String> parents(String id) {
    if (manifest.nodes().get(id) instanceof dev.mds.graph.UnitTest) {
      // It reads fixtures in memory, not its inputs' tables: it waits for nothing, and no
      // failing data test upstream holds it back.
      return new LinkedHashSet<>();
    }
    Set<String> parents = new LinkedHashSet<>(graph.parents(id));
    parents.addAll(unitTestsOf.getOrDefault(id, List.of()));
    if (testsOn.isEmpty() || manifest.nodes().get(id) instanceof DataTest) {
      return parents;
    }
    Set<String> upstream = null;
    for (String parent : graph.parents(id)) {
      for (DataTest test : testsOn.getOrDefault(parent, List.of())) {
        if (test.dependsOn().size() == 1) {
          // Tests only its parent, which is upstream of id: waiting for it cannot be circular.
          parents.add(test.uniqueId());
          continue;
        }
        if (upstream == null) {
          upstream = graph.ancestors(id, Integer.MAX_VALUE);
        }
        if (upstream.containsAll(test.dependsOn())) {
          parents.add(test.uniqueId());
        }
      }
    }
    return parents;
  }
}
