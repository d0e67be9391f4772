package dev.mds.project;

import java.util.List;
import java.util.Map;

/** The contents of {@code mds_project.yml} (or {@code dbt_project.yml}). */
public record ProjectConfig(
    String name,
    String version,
    String profile,
    List<String> modelPaths,
    List<String> seedPaths,
    List<String> testPaths,
    List<String> macroPaths,
    List<String> docsPaths,
    String targetPath,
    Map<String, Object> vars,
    FolderConfigs models,
    FolderConfigs seeds,
    FolderConfigs tests,
    FolderConfigs sources,
    List<String> onRunStart,
    List<String> onRunEnd,
    Map<String, Object> raw) {

  /**
   * The {@code dispatch:} config: each macro namespace to the packages {@code adapter.dispatch}
   * searches for it, in order ({@code [{macro_namespace: dbt_utils, search_order: [a, b]}]}).
   */
  public Map<String, List<String>> dispatchOrders() {
    Map<String, List<String>> orders = new java.util.LinkedHashMap<>();
    if (raw != null && raw.get("dispatch") instanceof List<?> entries) {
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> map && map.get("macro_namespace") != null
            && map.get("search_order") instanceof List<?> order) {
          orders.put(String.valueOf(map.get("macro_namespace")),
              order.stream().map(String::valueOf).toList());
        }
      }
    }
    return orders;
  }

  /** The same project using profile {@code name} ({@code --profile}). */
  public ProjectConfig withProfile(String name) {
    return new ProjectConfig(this.name, version, name, modelPaths, seedPaths, testPaths,
        macroPaths, docsPaths, targetPath, vars, models, seeds, tests, sources, onRunStart, onRunEnd,
        raw);
  }

  /**
   * This config with each folder-config tree replaced by {@code render} of it: dbt renders their
   * values as templates once vars and the target are known.
   */
  ProjectConfig withFolderConfigs(
      java.util.function.BiFunction<FolderConfigs, String, FolderConfigs> render) {
    return new ProjectConfig(name, version, profile, modelPaths, seedPaths, testPaths, macroPaths,
        docsPaths, targetPath, vars, render.apply(models, "models"), render.apply(seeds, "seeds"),
        render.apply(tests, raw.containsKey("data_tests") ? "data_tests" : "tests"),
        render.apply(sources, "sources"), onRunStart, onRunEnd, raw);
  }

  /** {@code snapshot-paths}: snapshot blocks (and property YAML), as in dbt. */
  public List<String> snapshotPaths() {
    return ProjectLoader.paths(raw, "snapshot-paths", List.of("snapshots"));
  }

  /** {@code analysis-paths}: dbt reads property YAML there too. */
  public List<String> analysisPaths() {
    return ProjectLoader.paths(raw, "analysis-paths", List.of("analyses"));
  }
}
