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
    List<String> onRunStart,
    List<String> onRunEnd,
    Map<String, Object> raw) {

  /** {@code snapshot-paths}: dbt reads property YAML there; mds builds no snapshots yet. */
  public List<String> snapshotPaths() {
    return ProjectLoader.paths(raw, "snapshot-paths", List.of("snapshots"));
  }

  /** {@code analysis-paths}: dbt reads property YAML there too. */
  public List<String> analysisPaths() {
    return ProjectLoader.paths(raw, "analysis-paths", List.of("analyses"));
  }
}
