package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.project.Project;
import dev.mds.project.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The packages whose macros a project can call: those installed under
 * {@code packages-install-path} (default {@code dbt_packages/}), each named by its own
 * {@code dbt_project.yml}; and, for a package {@code packages.yml} names that is not installed,
 * mds's built-in version of it when there is one ({@code dbt_utils}, ...). Installed wins.
 */
final class Packages {

  /** Where built-in packages sit in the jar, and their template names' prefix. */
  private static final String BUILTIN_ROOT = "/dev/mds/packages/";
  static final String BUILTIN_PREFIX = "__mds__/packages/";

  /** Template name of each package macro file to the package it belongs to. */
  private final Map<String, String> macroFiles = new LinkedHashMap<>();
  private final Set<String> installed = new TreeSet<>();
  private final Set<String> builtin = new TreeSet<>();
  private final Set<String> declared;
  /** The folder of each installed package, whose own packages.yml declares more. */
  private final List<Path> installedFolders = new ArrayList<>();

  private Packages(Set<String> declared) {
    this.declared = declared;
  }

  static Packages of(Project project, java.util.function.Function<Path, String> templateName) {
    Packages packages = new Packages(declared(project));
    Object configured = project.config().raw() == null ? null
        : project.config().raw().get("packages-install-path");
    Path installPath = project.root().resolve(configured == null ? "dbt_packages"
        : String.valueOf(configured));
    if (Files.isDirectory(installPath)) {
      try (Stream<Path> folders = Files.list(installPath)) {
        for (Path folder : folders.sorted().toList()) {
          packages.install(project, folder, templateName);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // An installed package's own dependencies (dbt_project_evaluator needs dbt_utils) are
    // declared too, so a built-in serves them when mds deps could not install them.
    for (Path folder : packages.installedFolders) {
      packages.declared.addAll(declared(project, folder));
    }
    for (String name : packages.declared) {
      if (!packages.installed.contains(name)) {
        packages.builtin(name);
      }
    }
    return packages;
  }

  private void install(Project project, Path folder, java.util.function.Function<Path, String> templateName) {
    Path projectFile = folder.resolve("dbt_project.yml");
    if (!Files.isRegularFile(projectFile)) {
      return;
    }
    Map<String, Object> config = new YamlReader(project.root()).readMap(projectFile);
    String name = config.get("name") == null ? folder.getFileName().toString()
        : String.valueOf(config.get("name"));
    installed.add(name);
    installedFolders.add(folder);
    List<String> macroPaths = new ArrayList<>(config.get("macro-paths") instanceof List<?> paths
        ? paths.stream().map(String::valueOf).toList() : List.of("macros"));
    // Generic tests may also live under the test paths' generic/ folder, as in a project.
    for (String testPath : config.get("test-paths") instanceof List<?> paths
        ? paths.stream().map(String::valueOf).toList() : List.of("tests")) {
      macroPaths.add(testPath + "/generic");
    }
    for (String macroPath : macroPaths) {
      Path macros = folder.resolve(macroPath);
      if (!Files.isDirectory(macros)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(macros)) {
        files.filter(f -> f.toString().endsWith(".sql") && Files.isRegularFile(f)).sorted()
            .forEach(f -> macroFiles.put(templateName.apply(f), name));
      } catch (IOException e) {
        throw MdsException.at(project.display(folder), "cannot read the package: "
            + e.getMessage(), e);
      }
    }
  }

  /** Lists the built-in package's macro files from the jar (or the classes folder). */
  private void builtin(String name) {
    URL url = Packages.class.getResource(BUILTIN_ROOT + name + "/macros");
    if (url == null) {
      return;
    }
    builtin.add(name);
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem jar;
        try {
          jar = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          jar = FileSystems.newFileSystem(uri, Map.of());
        }
        list(jar.getPath(BUILTIN_ROOT + name + "/macros"), name);
      } else {
        list(Path.of(uri), name);
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list mds's built-in package " + name, e);
    }
  }

  private void list(Path macros, String name) throws IOException {
    try (Stream<Path> files = Files.walk(macros)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        String below = macros.relativize(file).toString().replace('\\', '/');
        macroFiles.put(BUILTIN_PREFIX + name + "/macros/" + below, name);
      }
    }
  }

  /** The classpath resource of a built-in package's template, or null for other templates. */
  static String resource(String templateName) {
    return templateName.startsWith(BUILTIN_PREFIX)
        ? BUILTIN_ROOT + templateName.substring(BUILTIN_PREFIX.length()) : null;
  }

  Map<String, String> macroFiles() {
    return macroFiles;
  }

  /** Package names a template can call: installed, built in, or named in packages.yml. */
  Set<String> names() {
    Set<String> names = new HashSet<>(declared);
    names.addAll(installed);
    names.addAll(builtin);
    return names;
  }

  /** Whether a package of this name is installed under the install path. */
  boolean isInstalled(String name) {
    return installed.contains(name);
  }

  /** Whether packages.yml or dependencies.yml names the package. */
  boolean isDeclared(String name) {
    return declared.contains(name);
  }

  /** Whether the package's macros come from mds's built-in version. */
  boolean isBuiltin(String name) {
    return builtin.contains(name);
  }

  /**
   * The packages {@code packages.yml} or {@code dependencies.yml} names (hub names, git
   * repositories and local folders, by their last path segment).
   */
  private static Set<String> declared(Project project) {
    return declared(project, project.root());
  }

  /** The packages named by the packages.yml or dependencies.yml in {@code folder}. */
  private static Set<String> declared(Project project, Path folder) {
    Set<String> names = new TreeSet<>();
    for (String file : List.of("packages.yml", "dependencies.yml")) {
      Path path = folder.resolve(file);
      if (!Files.isRegularFile(path)) {
        continue;
      }
      Object packages = new YamlReader(project.root()).readMap(path).get("packages");
      if (!(packages instanceof List<?> entries)) {
        continue;
      }
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> spec) {
          for (String key : List.of("package", "git", "local", "tarball", "name")) {
            if (spec.get(key) != null) {
              String value = String.valueOf(spec.get(key)).replaceAll("[/\\\\]+$", "")
                  .replaceAll("\\.git$", "");
              names.add(value.substring(Math.max(value.lastIndexOf('/'),
                  value.lastIndexOf('\\')) + 1).replace('-', '_'));
              break;
            }
          }
        }
      }
    }
    return names;
  }
}
