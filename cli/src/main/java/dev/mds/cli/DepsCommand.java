package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.deps.PackageLock;
import dev.mds.deps.PackageSources;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mds deps}: installs the packages listed in packages.yml (or dependencies.yml) into
 * {@code packages-install-path}, each under its own dbt_project.yml name, and writes
 * package-lock.yml. Every package is fetched before any installed folder is touched, and each is
 * moved into place whole, so a failure leaves the previous install as it was.
 */
@Command(name = "deps", mixinStandardHelpOptions = true,
    description = "Install the packages in packages.yml (local folders, git repositories, tarballs,"
        + " hub packages from MDS_PACKAGE_MIRROR) into dbt_packages/ and write package-lock.yml.")
final class DepsCommand implements Callable<Integer> {

  /** Environment variable naming a folder of hub packages, for machines without the hub. */
  static final String MIRROR_VARIABLE = "MDS_PACKAGE_MIRROR";

  /** Hub packages whose macros mds has built in, so skipping them loses nothing. */
  private static final List<String> BUILT_IN = List.of("dbt_utils");

  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path root = project.projectDir.toAbsolutePath().normalize();
    Path projectFile = root.resolve("mds_project.yml");
    if (!Files.isRegularFile(projectFile)) {
      projectFile = root.resolve("dbt_project.yml");
    }
    if (!Files.isRegularFile(projectFile)) {
      throw new MdsException("No mds_project.yml or dbt_project.yml in " + root
          + ": run mds from a project folder or pass --project-dir.");
    }
    YamlReader yaml = new YamlReader(root);
    Map<String, Object> config = yaml.readMap(projectFile);
    String installName = YamlValues.string(config.containsKey("packages-install-path")
        ? config.get("packages-install-path") : config.get("packages_install_path"))
        .orElse("dbt_packages");
    Path installPath = root.resolve(installName).normalize();
    if (!installPath.startsWith(root) || installPath.equals(root)) {
      throw MdsException.at(yaml.display(projectFile), "packages-install-path '" + installName
          + "' must be a folder inside the project");
    }
    List<PackageSources.Entry> entries = entries(root, yaml);
    if (entries.isEmpty()) {
      out.println("No packages to install (no packages: in packages.yml or dependencies.yml).");
      return Mds.OK;
    }
    Optional<Path> mirror = Optional.ofNullable(System.getenv(MIRROR_VARIABLE))
        .filter(m -> !m.isBlank()).map(m -> root.resolve(m).normalize());
    if (mirror.isPresent() && !Files.isDirectory(mirror.get())) {
      throw new MdsException(MIRROR_VARIABLE + " names " + mirror.get()
          + ", which is not a folder");
    }
    Path scratch = scratch(installPath);
    try {
      PackageSources sources = new PackageSources(root, scratch, mirror);
      List<PackageSources.Fetched> fetched = new ArrayList<>();
      List<Map<String, Object>> locked = new ArrayList<>();
      int builtIn = 0;
      int skipped = 0;
      Map<String, PackageSources.Entry> byName = new LinkedHashMap<>();
      // Folders of skipped hub packages stay: one copied in by hand is all this machine has.
      Set<String> keep = new HashSet<>();
      // Printed once everything is fetched, so a failure stays the one line it is.
      List<String> warnings = new ArrayList<>();
      for (PackageSources.Entry entry : entries) {
        if (entry.kind().equals("package") && !sources.inMirror(entry)) {
          String name = entry.value().substring(entry.value().indexOf('/') + 1);
          boolean served = BUILT_IN.contains(name);
          warnings.add("Warning: package " + entry.value() + ": cannot be fetched here (no network"
              + " access to the hub; " + (mirror.isEmpty() ? "set " + MIRROR_VARIABLE
                  + " to a folder of packages" : "not in " + MIRROR_VARIABLE + " " + mirror.get())
              + "); "
              + (served ? "mds's built-in " + name + " will serve its macros"
                  : "its macros are unavailable until it is installed"));
          keep.add(name);
          builtIn += served ? 1 : 0;
          skipped += served ? 0 : 1;
          // The lock keeps the entry as written, so it still matches packages.yml.
          locked.add(new LinkedHashMap<>(entry.spec()));
          continue;
        }
        PackageSources.Fetched one = sources.fetch(entry);
        PackageSources.Entry earlier = byName.put(one.name(), entry);
        if (earlier != null) {
          throw entry.error("installs package '" + one.name() + "', as " + earlier.kind() + ": "
              + earlier.value() + " does; list each package once");
        }
        fetched.add(one);
        locked.add(one.locked());
      }
      warnings.forEach(err::println);
      err.flush();
      Files.createDirectories(installPath);
      for (PackageSources.Fetched one : fetched) {
        install(one, installPath, scratch);
        out.println("Installed " + one.name() + " (" + describe(one.locked()) + ") into "
            + root.relativize(installPath.resolve(one.name())));
      }
      keep.addAll(byName.keySet());
      removeOthers(installPath, keep, scratch, out, root);
      PackageLock.write(root, locked, entries.stream().map(PackageSources.Entry::spec).toList());
      out.println("Installed " + fetched.size() + " package" + (fetched.size() == 1 ? "" : "s")
          + (builtIn > 0 ? "; " + builtIn + " left to mds's built-ins" : "")
          + (skipped > 0 ? "; " + skipped + " not installed (no hub access)" : "")
          + "; wrote " + PackageLock.FILE + ".");
      return Mds.OK;
    } catch (IOException e) {
      throw new MdsException("Cannot install packages into " + installPath + ": " + e.getMessage(),
          e);
    } finally {
      delete(scratch);
    }
  }

  /** The packages: list of packages.yml or dependencies.yml, as dbt reads them. */
  private static List<PackageSources.Entry> entries(Path root, YamlReader yaml) {
    List<PackageSources.Entry> entries = new ArrayList<>();
    String from = null;
    for (String name : List.of("packages.yml", "dependencies.yml")) {
      Path file = root.resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Map<String, Object> content = yaml.readMap(file);
      if (!content.containsKey("packages")) {
        continue;
      }
      if (from != null) {
        throw MdsException.at(name, "packages: is also in " + from
            + "; list packages in one of the two files, as dbt requires");
      }
      from = name;
      Object list = content.get("packages");
      if (list != null && !(list instanceof List<?>)) {
        throw MdsException.at(name, "packages: must be a list of packages");
      }
      List<Object> items = YamlValues.list(list);
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Map<?, ?>)) {
          throw MdsException.at(name, "package entry " + (i + 1)
              + " must be a mapping such as {local: ../my_package}");
        }
        entries.add(new PackageSources.Entry(i + 1, YamlValues.map(items.get(i)), name));
      }
    }
    return entries;
  }

  /** A scratch folder beside the install path, on the same file system, so moves are renames. */
  private static Path scratch(Path installPath) {
    try {
      Files.createDirectories(installPath.getParent());
      return Files.createTempDirectory(installPath.getParent(),
          "." + installPath.getFileName() + ".mds-deps-");
    } catch (IOException e) {
      throw new MdsException("Cannot create a folder beside " + installPath + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Moves a fetched package into place: an earlier install of it is first moved aside (a
   * directory cannot be renamed over a non-empty one), then the new one moved in whole.
   */
  private static void install(PackageSources.Fetched one, Path installPath, Path scratch)
      throws IOException {
    Path target = installPath.resolve(one.name());
    if (Files.exists(target)) {
      move(target, Files.createTempDirectory(scratch, "previous-").resolve(one.name()));
    }
    move(one.folder(), target);
  }

  /** As dbt's deps leaves only the listed packages, folders no longer listed are removed. */
  private static void removeOthers(Path installPath, Set<String> keep, Path scratch,
      PrintWriter out, Path root) throws IOException {
    try (Stream<Path> children = Files.list(installPath)) {
      for (Path child : children.sorted().toList()) {
        String name = child.getFileName().toString();
        if (Files.isDirectory(child) && !keep.contains(name)) {
          move(child, Files.createTempDirectory(scratch, "removed-").resolve(name));
          out.println("Removed " + root.relativize(child) + " (no longer in the packages list)");
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static String describe(Map<String, Object> locked) {
    if (locked.containsKey("git")) {
      String commit = String.valueOf(locked.get("revision"));
      return "git " + locked.get("git") + " at " + commit.substring(0, Math.min(10, commit.length()));
    }
    if (locked.containsKey("package")) {
      return locked.get("package") + " " + locked.get("version");
    }
    return locked.containsKey("local") ? "local " + locked.get("local")
        : "tarball " + locked.get("tarball");
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left-over scratch is harmless; the install itself is complete.
    }
  }
}
