package dev.mds.project;

import dev.mds.MdsException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeSet;

/** The files of a project by kind, each list sorted so every run sees the same order. */
public final class ProjectFiles {

  /** The kinds of project files, by name: what {@link #under} is asked for. */
  private static final List<String> SUFFIXES = List.of(".sql", ".csv", ".yml", ".yaml", ".md",
      ".py");

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

  /** Python models: {@code .py} files under the model paths. */
  public List<Path> pythonModels() {
    return under(project.config().modelPaths(), ".py");
  }

  /** Snapshot files: SQL under the snapshot paths, each holding {@code {% snapshot %}} blocks. */
  public List<Path> snapshots() {
    return under(project.config().snapshotPaths(), ".sql");
  }

  public List<Path> seeds() {
    return under(project.config().seedPaths(), ".csv");
  }

  /** Macro files, including custom generic tests under {@code tests/generic/} as in dbt. */
  public List<Path> macros() {
    List<Path> files = new ArrayList<>(under(project.config().macroPaths(), ".sql"));
    for (Path file : under(project.config().testPaths(), ".sql")) {
      if (isGenericTest(file)) {
        files.add(file);
      }
    }
    return files;
  }

  /**
   * Singular test files: SQL under the test paths, except {@code generic/} and the unit tests'
   * {@code fixtures/}.
   */
  public List<Path> singularTests() {
    List<Path> files = new ArrayList<>();
    for (Path file : under(project.config().testPaths(), ".sql")) {
      if (!isGenericTest(file) && !isFixture(file)) {
        files.add(file);
      }
    }
    return files;
  }

  /**
   * Whether a file under a test path is in its {@code generic/} folder. Taken from the test
   * path's own listing, so {@code tests/generic} is not walked a second time.
   */
  private boolean isGenericTest(Path file) {
    Path normal = file.toAbsolutePath().normalize();
    for (String dir : project.config().testPaths()) {
      if (normal.startsWith(project.resolve(dir).resolve("generic"))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a file is a unit test's fixture: under {@code fixtures/} of a test path. */
  private boolean isFixture(Path file) {
    Path normal = file.toAbsolutePath().normalize();
    for (String dir : project.config().testPaths()) {
      if (normal.startsWith(project.resolve(dir).resolve("fixtures"))) {
        return true;
      }
    }
    return false;
  }

  /** Analyses: SQL under {@code analysis-paths} (compiled, never built). */
  public List<Path> analyses() {
    return under(project.config().analysisPaths(), ".sql");
  }

  public List<Path> docs() {
    return under(project.config().docsPaths(), ".md");
  }

  /**
   * The folders dbt reads property YAML from: model, seed, snapshot, analysis, macro and test
   * paths, each once, in that order.
   */
  public List<String> schemaPaths() {
    ProjectConfig config = project.config();
    java.util.LinkedHashSet<String> dirs = new java.util.LinkedHashSet<>(config.modelPaths());
    dirs.addAll(config.seedPaths());
    dirs.addAll(config.snapshotPaths());
    dirs.addAll(config.analysisPaths());
    dirs.addAll(config.macroPaths());
    dirs.addAll(config.testPaths());
    return List.copyOf(dirs);
  }

  /**
   * Schema YAML files: every {@code .yml}/{@code .yaml} under the folders of
   * {@link #schemaPaths}, sorted.
   */
  public List<Path> schemaFiles() {
    List<String> dirs = schemaPaths();
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
      try {
        List<Path> found = new ArrayList<>();
        walk(folder, found);
        found.sort(null);
        return List.copyOf(found);
      } catch (IOException | DirectoryIteratorException e) {
        throw new MdsException("Cannot list files in " + project.display(folder) + ": "
            + e.getMessage(), e);
      }
    });
  }

  /**
   * Adds every file below {@code folder} that a kind of project file could be: regular files (or
   * links to them), and any entry named like a project file. Asking the file system what each
   * entry is costs a {@code stat} and ~5 µs of Java per entry, three quarters of walking a folder
   * of 10,000 models, so an entry named like a project file ({@code orders.sql}) is taken to be
   * one; should it be a folder or a broken link, reading it fails with its name. Hidden entries
   * ({@code .#orders.sql}, an editor's lock) are always asked about.
   */
  private void walk(Path folder, List<Path> found) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(".") && name.indexOf(UNDECODED) >= 0) {
          throw undecodable(folder, name);
        }
        if (!name.startsWith(".") && hasProjectSuffix(name)) {
          found.add(entry);
        } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          walk(entry, found);
        } else if (Files.isRegularFile(entry)) {
          found.add(entry);
        }
      }
    }
  }

  /** What Java reads a file name's bytes that are not valid in its encoding as. */
  private static final char UNDECODED = '\uFFFD';

  /**
   * A name whose bytes are not valid UTF-8 (Latin-1 from an old system or a zip): Java can list
   * it but not open it by that name, which would read as "does not exist" later on.
   */
  private MdsException undecodable(Path folder, String name) {
    String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
    boolean utf8 = java.nio.charset.Charset.isSupported(encoding)
        && java.nio.charset.Charset.forName(encoding).equals(java.nio.charset.StandardCharsets.UTF_8);
    return MdsException.at(project.display(folder), "the file name '"
        + name.replace(UNDECODED, '?') + "' is not valid " + (utf8 ? "UTF-8" : encoding)
        + " (? marks the bytes that are not); rename it"
        + (utf8 ? "" : ", or run mds with a UTF-8 locale (LANG=C.UTF-8)"));
  }

  private static boolean hasProjectSuffix(String name) {
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
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
