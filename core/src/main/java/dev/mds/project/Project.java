package dev.mds.project;

import java.nio.file.Path;
import java.util.Map;

/**
 * A loaded project: its folder, project file, the chosen target and the effective vars (project
 * vars overridden by {@code --vars}).
 */
public record Project(Path root, Path projectFile, ProjectConfig config, Target target,
    Map<String, Object> vars) {

  public String name() {
    return config.name();
  }

  /** The {@code target/} folder for compiled SQL and artifacts. */
  public Path targetDir() {
    return root.resolve(config.targetPath());
  }

  /** Resolves a path from the project file (such as a model path) against the project folder. */
  public Path resolve(String relative) {
    return root.resolve(relative).normalize();
  }

  /** The path of {@code file} relative to the project folder, as messages show it. */
  public String display(Path file) {
    return new YamlReader(root).display(file);
  }
}
