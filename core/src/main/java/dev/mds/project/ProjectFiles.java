package dev.mds.project;

import dev.mds.MdsException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The files of a project by kind, each list sorted so every run sees the same order. */
public final class ProjectFiles {

  private final Project project;
  /** Every regular file under a folder, listed once per instance: models/ holds models, schema
   * YAML and docs, and walking 10,000 files costs tens of milliseconds each time. */
  private final Map<Path, List<Path>> listings = new ConcurrentHashMap<>();

  /** The project's files as they are now; one instance lists each folder once. */
  public ProjectFiles(Project project) {
    this.project = project;
  }

  public List<Path> models() {
    return under(project.config().modelPaths(), ".sql");
  }

  public List<Path> seeds() {
    return under(project.config().seedPaths(), ".csv");
  }

  /** Macro files, including custom generic tests under {@code tests/generic/} as in dbt. */
  public List<Path> macros() {
    List<Path> files = new ArrayList<>(under(project.config().macroPaths(), ".sql"));
    files.addAll(under(genericTestDirs(), ".sql"));
    return files;
  }

  /** Singular test files: SQL under the test paths, except {@code generic/}. */
  public List<Path> singularTests() {
    List<Path> generic = new ArrayList<>();
    for (String dir : genericTestDirs()) {
      generic.add(project.resolve(dir));
    }
    List<Path> files = new ArrayList<>();
    for (Path file : under(project.config().testPaths(), ".sql")) {
      if (generic.stream().noneMatch(file.toAbsolutePath().normalize()::startsWith)) {
        files.add(file);
      }
    }
    return files;
  }

  private List<String> genericTestDirs() {
    List<String> dirs = new ArrayList<>();
    for (String dir : project.config().testPaths()) {
      dirs.add(dir + "/generic");
    }
    return dirs;
  }

  public List<Path> docs() {
    return under(project.config().docsPaths(), ".md");
  }

  /** Schema YAML files: every {@code .yml}/{@code .yaml} under the model and seed paths. */
  public List<Path> schemaFiles() {
    List<String> dirs = new ArrayList<>(project.config().modelPaths());
    dirs.addAll(project.config().seedPaths());
    List<Path> files = new ArrayList<>(under(dirs, ".yml"));
    files.addAll(under(dirs, ".yaml"));
    files.sort(null);
    return files;
  }

  private List<Path> under(List<String> dirs, String suffix) {
    if (dirs.size() == 1) {
      // A listing is sorted already: keep its order, with no set of paths to build.
      List<Path> files = new ArrayList<>();
      for (Path file : listing(project.resolve(dirs.get(0)))) {
        if (file.toString().endsWith(suffix)) {
          files.add(file);
        }
      }
      return files;
    }
    TreeSet<Path> files = new TreeSet<>();
    for (String dir : dirs) {
      for (Path file : listing(project.resolve(dir))) {
        if (file.toString().endsWith(suffix)) {
          files.add(file);
        }
      }
    }
    return new ArrayList<>(files);
  }

  private List<Path> listing(Path base) {
    return listings.computeIfAbsent(base, folder -> {
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      // find() hands over the attributes the walk read anyway: no second stat per file.
      try (Stream<Path> found = Files.find(folder, Integer.MAX_VALUE,
          (path, attributes) -> attributes.isRegularFile()
              || attributes.isSymbolicLink() && Files.isRegularFile(path))) {
        List<Path> sorted = new ArrayList<>(found.toList());
        sorted.sort(null);
        return List.copyOf(sorted);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new MdsException("Cannot list files in " + project.display(folder) + ": "
            + e.getMessage(), e);
      }
    });
  }

  /** Reads a project text file as UTF-8, dropping a byte-order mark. */
  public static String read(Project project, Path file) {
    try {
      String text = Files.readString(file);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (MalformedInputException e) {
      throw MdsException.at(project.display(file),
          "the file is not valid UTF-8; save it as UTF-8", e);
    } catch (IOException e) {
      throw MdsException.at(project.display(file), "cannot read file: " + e.getMessage(), e);
    }
  }
}
