package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.deps.PackageLock;
import dev.mds.deps.PackageResolver;
import dev.mds.deps.PackageSources;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mds deps}: installs the packages listed in packages.yml (or dependencies.yml) into
 * {@code packages-install-path}, each under its own dbt_project.yml name, with the packages
 * those packages list in turn, and writes package-lock.yml; while packages.yml is unchanged, a
 * later run installs exactly what the lock pins, as dbt's deps does. Every package is fetched before any installed folder is touched, and each is
 * moved into place whole, so a failure leaves the previous install as it was.
 */
@Command(name = "deps", mixinStandardHelpOptions = true,
    description = "Install the packages in packages.yml (local folders, git repositories, tarballs,"
        + " hub packages from MDS_PACKAGE_MIRROR) into dbt_packages/ and write package-lock.yml.")
final class DepsCommand implements Callable<Integer> {

  /** Environment variable naming a folder of hub packages, for machines without the hub. */
  static final String MIRROR_VARIABLE = "MDS_PACKAGE_MIRROR";


  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;
  @Option(names = "--upgrade", description = "Resolve the packages again even when"
      + " package-lock.yml matches packages.yml, and rewrite the lock.")
  boolean upgrade;

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
    List<PackageSources.Entry> entries = PackageResolver.entries(root, "");
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
    String projectName = YamlValues.string(config.get("name")).orElse("");
    String packagesFile = entries.get(0).file();
    Path scratch = scratch(installPath);
    try {
      PackageSources sources = new PackageSources(root, scratch, mirror);
      PackageResolver resolver = new PackageResolver(root, projectName, sources);
      Optional<PackageLock.Read> lock = PackageLock.read(root);
      List<Map<String, Object>> specs = entries.stream().map(PackageSources.Entry::spec).toList();
      PackageResolver.Plan plan;
      boolean writeLock;
      if (lock.isPresent() && !upgrade && lock.get().sha1Hash().equals(PackageLock.sha1(specs))
          && !resolver.lockHasNewlyFetchable(lock.get().packages())) {
        // As dbt: an unchanged packages file installs exactly what the lock pins.
        out.println("Installing the versions " + PackageLock.FILE + " pins (" + packagesFile
            + " unchanged since it was written).");
        plan = resolver.fromLock(lock.get().packages());
        writeLock = false;
      } else {
        if (lock.isPresent()) {
          out.println((upgrade ? "--upgrade" : lock.get().sha1Hash().equals(PackageLock.sha1(specs))
              ? "Hub packages not fetched when " + PackageLock.FILE + " was written are in "
                  + MIRROR_VARIABLE + " now"
              : packagesFile + " changed since " + PackageLock.FILE + " was written")
              + ": resolving the packages again.");
        }
        plan = resolver.resolve(entries);
        writeLock = true;
      }
      // Printed once everything is fetched, so a failure stays the one line it is.
      int builtIn = 0;
      for (PackageResolver.Skipped skipped : plan.skipped()) {
        boolean served = hasBuiltIn(skipped.name());
        builtIn += served ? 1 : 0;
        err.println("Warning: package " + skipped.entry().value() + ": cannot be fetched here (no"
            + " network access to the hub; " + (mirror.isEmpty() ? "set " + MIRROR_VARIABLE
                + " to a folder of packages" : "not in " + MIRROR_VARIABLE + " " + mirror.get())
            + "); " + (served ? "mds's built-in " + skipped.name() + " will serve its macros"
                : "it is missing: its macros and tests are unavailable until it is installed"));
      }
      err.flush();
      int skippedCount = plan.skipped().size() - builtIn;
      Files.createDirectories(installPath);
      // Folders of skipped hub packages stay: one copied in by hand is all this machine has.
      Set<String> keep = new HashSet<>();
      plan.skipped().forEach(s -> keep.add(s.name()));
      for (PackageSources.Fetched one : plan.fetched()) {
        install(one, installPath, scratch);
        keep.add(one.name());
        out.println("Installed " + one.name() + " (" + describe(one.locked()) + ") into "
            + root.relativize(installPath.resolve(one.name())));
      }
      removeOthers(installPath, keep, scratch, out, root);
      if (writeLock) {
        PackageLock.write(root, plan.locked(), specs);
      }
      int count = plan.fetched().size();
      out.println("Installed " + count + " package" + (count == 1 ? "" : "s")
          + (builtIn > 0 ? "; " + builtIn + " left to mds's built-ins" : "")
          + (skippedCount > 0 ? "; " + skippedCount + " not installed (no hub access)" : "")
          + (writeLock ? "; wrote " + PackageLock.FILE : "") + ".");
      return Mds.OK;
    } catch (IOException e) {
      throw new MdsException("Cannot install packages into " + installPath + ": " + e.getMessage(),
          e);
    } finally {
      delete(scratch);
    }
  }

  /** Whether mds ships its own version of the hub package {@code name}. */
  static boolean hasBuiltIn(String name) {
    return DepsCommand.class.getResource("/dev/mds/packages/" + name + "/dbt_project.yml") != null;
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
