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

  /** The same project using profile {@code name} ({@code --profile}). */
  public ProjectConfig withProfile(String name) {
    return new ProjectConfig(this.name, version, name, modelPaths, seedPaths, testPaths,
        macroPaths, docsPaths, targetPath, vars, models, seeds, tests, onRunStart, onRunEnd, raw);
  }
}
