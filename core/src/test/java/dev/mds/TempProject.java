package dev.mds;

import dev.mds.project.Project;
import dev.mds.project.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A project folder written file by file inside a test's temporary directory. */
public final class TempProject {

  private final Path root;

  private TempProject(Path root) {
    this.root = root;
  }

  /** A folder with a one-line {@code mds_project.yml} naming the project {@code name}. */
  public static TempProject named(Path dir, String name) {
    return in(dir).file("mds_project.yml", "name: " + name + "\n");
  }

  /** An empty folder; the test writes the project file itself. */
  public static TempProject in(Path dir) {
    return new TempProject(dir);
  }

  /** Writes {@code text} to {@code relative}, creating folders as needed. */
  public TempProject file(String relative, String text) {
    Path path = root.resolve(relative);
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public Path root() {
    return root;
  }

  public Path path(String relative) {
    return root.resolve(relative);
  }

  public Project load() {
    return ProjectLoader.load(root, Optional.empty(), Optional.empty());
  }

  public Project load(String target, String vars) {
    return ProjectLoader.load(root, Optional.ofNullable(target), Optional.ofNullable(vars));
  }
}
