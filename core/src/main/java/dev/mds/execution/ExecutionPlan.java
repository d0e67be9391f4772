package dev.mds.execution;

import dev.mds.graph.DataTest;
import dev.mds.graph.DependencyGraph;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.engine.ExternalMaterialization;
import dev.mds.engine.FileScan;
import dev.mds.graph.Node;
import dev.mds.graph.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order constraints of one build beyond the DAG: a node's children also wait for the tests on
 * it (so a failing test skips what is downstream), an audited model runs its own tests inside
 * its transaction before publishing, and a node reading a file source waits for the exports of
 * this run that write where the source reads (else it could list an export's half-written file).
 */
final class ExecutionPlan {

  private final Manifest manifest;
  private final DependencyGraph graph;
  private final Map<String, List<DataTest>> testsOn = new HashMap<>();
  private final Map<String, List<DataTest>> audits = new HashMap<>();
  /** A model's unit tests in this run: it is built only after they pass, as in dbt's build. */
  private final Map<String, List<String>> unitTestsOf = new HashMap<>();
  /** The files this run's external models write, by model id. */
  private final Map<String, java.nio.file.Path> exports = new LinkedHashMap<>();
  /** Per file source: the exports of this run it may read. */
  private final Map<String, List<String>> exportsReadBy = new HashMap<>();
  private final java.nio.file.Path projectRoot;
  private final Map<String, Boolean> independentExports = new HashMap<>();

  /**
   * @param projectRoot where relative locations are resolved (null: no file ordering)
   * @param externalRoot the profile's {@code external_root}
   */
  ExecutionPlan(Manifest manifest, List<String> order, boolean audit,
      java.nio.file.Path projectRoot, java.util.Optional<java.nio.file.Path> externalRoot) {
    this.manifest = manifest;
    this.graph = manifest.graph();
    this.projectRoot = projectRoot;
    for (String id : order) {
      if (projectRoot != null && manifest.nodes().get(id) instanceof Model model) {
        ExternalMaterialization.written(model, projectRoot, externalRoot)
            .ifPresent(path -> exports.put(id, path));
      }
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
    if (!exports.isEmpty()) {
      parents.addAll(exportsRead(id));
    }
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

  /**
   * The exports of this run that {@code id} reads through a file source, except those that
   * themselves depend on {@code id} (waiting for them would never end; such a reader still skips
   * files an export is writing when it lists them).
   */
  private List<String> exportsRead(String id) {
    List<String> read = new ArrayList<>();
    Set<String> descendants = null;
    for (String parent : graph.parents(id)) {
      for (String export : candidates(parent)) {
        if (export.equals(id) || !waitsForNoExport(export)) {
          continue;
        }
        if (descendants == null) {
          descendants = graph.descendants(id, Integer.MAX_VALUE);
        }
        if (!descendants.contains(export)) {
          read.add(export);
        }
      }
    }
    return read;
  }

  /** The exports of this run a source may read (none for what is not a file source). */
  private List<String> candidates(String sourceId) {
    if (!(manifest.nodes().get(sourceId) instanceof Source source)) {
      return List.of();
    }
    return exportsReadBy.computeIfAbsent(sourceId, k -> {
      List<String> found = new ArrayList<>();
      exports.forEach((export, path) -> {
        if (FileScan.mayRead(source.config(), projectRoot, path)) {
          found.add(export);
        }
      });
      return found;
    });
  }

  /**
   * Whether nothing upstream of {@code export} reads a source another export may write: only such
   * exports are waited for, so that the waits added here can never close a circle with each other.
   */
  private boolean waitsForNoExport(String export) {
    return independentExports.computeIfAbsent(export, e -> graph.ancestors(e, Integer.MAX_VALUE)
        .stream().allMatch(a -> candidates(a).isEmpty()));
  }
}
