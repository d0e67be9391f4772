package dev.mds.project;

import java.nio.file.Path;
import java.util.Map;

/**
 * A loaded project: its folder, project file, the chosen target and the effective vars (project
 * vars overridden by {@code --vars}). An installed package is a project too, whose paths are shown
 * relative to the root project's folder ({@code displayRoot}), where the user is.
 */
public record Project(Path root, Path projectFile, ProjectConfig config, Target target,
    Map<String, Object> vars, Path displayRoot) {

  public Project(Path root, Path projectFile, ProjectConfig config, Target target,
      Map<String, Object> vars) {
    this(root, projectFile, config, target, vars, root);
  }

  /** Whether this is an installed package rather than the project being run. */
  public boolean isPackage() {
    return !root.equals(displayRoot);
  }

  /** The file a path shown by {@link #display} names. */
  public Path located(String displayed) {
    return displayRoot.resolve(displayed).normalize();
  }

  /** {@code packages-install-path}: where {@code mds deps} installs packages. */
  public Path packagesInstallPath() {
    Object configured = config.raw() == null ? null : config.raw().containsKey(
        "packages-install-path") ? config.raw().get("packages-install-path")
        : config.raw().get("packages_install_path");
    return root.resolve(configured == null ? "dbt_packages" : String.valueOf(configured))
        .normalize();
  }

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
    return new YamlReader(displayRoot).display(file);
  }
}
