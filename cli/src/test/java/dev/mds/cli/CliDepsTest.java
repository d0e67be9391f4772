package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code mds deps} on real temp projects, git repositories and tarballs. */
class CliDepsTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.in(dir.resolve("shop")).file("dbt_project.yml", "name: shop\n");
  }

  /** A package folder whose dbt_project.yml names it {@code name}, with one macro. */
  private static TempProject packageAt(Path folder, String name, String macro) {
    return TempProject.in(folder)
        .file("dbt_project.yml", "name: " + name + "\nversion: '1.0.0'\n")
        .file("macros/" + macro + ".sql", "{% macro " + macro + "() %}1{% endmacro %}\n");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lock(TempProject project) {
    return (Map<String, Object>) new Yaml().load(project.read("package-lock.yml"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lockedPackages(TempProject project) {
    return (List<Map<String, Object>>) lock(project).get("packages");
  }

  private static String sh(Path in, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }

  private static void git(Path repo, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 5];
    command[0] = "git";
    command[1] = "-c";
    command[2] = "user.email=test@example.com";
    command[3] = "-c";
    command[4] = "user.name=test";
    System.arraycopy(args, 0, command, 5, args.length);
    sh(repo, command);
  }

  @Test
  void aLocalPackageIsCopiedUnderItsOwnNameAndLocked() {
    Path util = dir.resolve("my-utils");
    packageAt(util, "my_utils", "one")
        .file("target/compiled/x.sql", "select 1")
        .file("logs/mds.log", "log");
    TempProject project = project().file("packages.yml", "packages:\n  - local: ../my-utils\n")
        .file("dbt_packages/dropped/dbt_project.yml", "name: dropped\n");

    CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

    assertFalse(Files.exists(project.path("dbt_packages/dropped")), run::describe);

    assertTrue(Files.isRegularFile(project.path("dbt_packages/my_utils/macros/one.sql")),
        run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/my_utils/dbt_project.yml")));
    assertFalse(Files.exists(project.path("dbt_packages/my_utils/target")), run::describe);
    assertFalse(Files.exists(project.path("dbt_packages/my_utils/logs")), run::describe);
    assertEquals(List.of(Map.of("local", "../my-utils", "name", "my_utils")),
        lockedPackages(project));
    assertTrue(String.valueOf(lock(project).get("sha1_hash")).matches("[0-9a-f]{40}"),
        project.read("package-lock.yml"));
    assertTrue(run.out().contains("Installed 1 package"), run::describe);
    try (var left = Files.list(project.root())) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("."))
          .toList(), "no scratch folder left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void packagesInstallPathAndDependenciesYmlAreRead() {
    packageAt(dir.resolve("lib"), "lib_pkg", "two");
    TempProject project = project()
        .file("dbt_project.yml", "name: shop\npackages-install-path: vendor\n")
        .file("dependencies.yml", "packages:\n  - local: ../lib\n");

    mds("deps", "--project-dir", project.dir()).assertOk();

    assertTrue(Files.isRegularFile(project.path("vendor/lib_pkg/macros/two.sql")));
  }

  @Test
  void aGitPackageIsCheckedOutAtItsTagFromItsSubdirectory() throws Exception {
    Path repo = dir.resolve("repo");
    packageAt(repo.resolve("integration"), "git_pkg", "tagged");
    git(repo.getParent(), "init", "--quiet", repo.toString());
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "first");
    git(repo, "tag", "v1.0.0");
    String tagged = sh(repo, "git", "rev-parse", "HEAD").strip();
    // A later commit on the default branch that the tag must not pick up.
    Files.delete(repo.resolve("integration/macros/tagged.sql"));
    TempProject.in(repo).file("integration/macros/later.sql", "{% macro later() %}{% endmacro %}");
    git(repo, "add", "-A");
    git(repo, "commit", "--quiet", "-m", "second");
    TempProject project = project().file("packages.yml", "packages:\n"
        + "  - git: " + repo.toUri() + "\n    revision: v1.0.0\n    subdirectory: integration\n");

    CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

    assertTrue(Files.isRegularFile(project.path("dbt_packages/git_pkg/macros/tagged.sql")),
        run::describe);
    assertFalse(Files.exists(project.path("dbt_packages/git_pkg/macros/later.sql")));
    assertFalse(Files.exists(project.path("dbt_packages/git_pkg/.git")));
    Map<String, Object> locked = lockedPackages(project).get(0);
    assertEquals(tagged, locked.get("revision"), project.read("package-lock.yml"));
    assertEquals("integration", locked.get("subdirectory"));
    assertEquals("git_pkg", locked.get("name"));
  }

  @Test
  void aTarballIsUnpackedFromItsTopFolder() throws Exception {
    packageAt(dir.resolve("build/tar_pkg-0.2.0"), "tar_pkg", "packed");
    sh(dir.resolve("build"), "tar", "-czf", dir.resolve("tar_pkg.tar.gz").toString(),
        "tar_pkg-0.2.0");
    TempProject project = project()
        .file("packages.yml", "packages:\n  - tarball: ../tar_pkg.tar.gz\n");

    CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

    assertTrue(Files.isRegularFile(project.path("dbt_packages/tar_pkg/macros/packed.sql")),
        run::describe);
    assertEquals(List.of(Map.of("tarball", "../tar_pkg.tar.gz", "name", "tar_pkg")),
        lockedPackages(project));
  }

  @Test
  void aHubPackageWithoutAMirrorIsOneLineAndTheRestInstalls() {
    assumeTrue(System.getenv(DepsCommand.MIRROR_VARIABLE) == null);
    packageAt(dir.resolve("lib"), "lib_pkg", "two");
    TempProject project = project().file("packages.yml", """
        packages:
          - package: dbt-labs/dbt_utils
            version: [">=1.0.0", "<2.0.0"]
          - local: ../lib
        """)
        .file("dbt_packages/dbt_utils/dbt_project.yml", "name: dbt_utils # copied by hand\n");

    CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("Warning: package dbt-labs/dbt_utils: cannot be fetched here (no network"
        + " access to the hub; set MDS_PACKAGE_MIRROR to a folder of packages); mds's built-in"
        + " dbt_utils will serve its macros"), run.err().strip().lines().toList(), run::describe);
    assertTrue(run.out().contains("Installed 1 package; 1 left to mds's built-ins"),
        run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/lib_pkg/macros/two.sql")));
    // A copy put there by hand is all this machine has of it: it stays.
    assertEquals("name: dbt_utils # copied by hand\n",
        project.read("dbt_packages/dbt_utils/dbt_project.yml"));
  }

  @Test
  void aHubPackageFromTheMirrorIsTheHighestVersionInRange() throws Exception {
    Path mirror = dir.resolve("mirror");
    for (String version : List.of("0.9.6", "1.1.1", "1.3.0", "2.0.0")) {
      packageAt(mirror.resolve("dbt-labs/dbt_utils/" + version), "dbt_utils", "v"
          + version.replace('.', '_'));
    }
    // An archive counts as a version too.
    packageAt(dir.resolve("build/dbt_utils-1.2.0"), "dbt_utils", "v1_2_0");
    sh(dir.resolve("build"), "tar", "-czf",
        mirror.resolve("dbt-labs/dbt_utils-1.2.0.tar.gz").toString(), "dbt_utils-1.2.0");
    TempProject project = project().file("packages.yml", """
        packages:
          - package: dbt-labs/dbt_utils
            version: [">=1.0.0", "<2.0.0"]
          - package: dbt-labs/codegen
            version: 0.12.1
        """);

    String out;
    try (JavaProcess deps = JavaProcess.start(project.root(), List.of(),
        Map.of(DepsCommand.MIRROR_VARIABLE, mirror.toString()), Mds.class, "deps")) {
      assertTrue(deps.process.waitFor(60, TimeUnit.SECONDS), deps.output());
      deps.awaitLine("Installed", 5);
      out = deps.output();
      assertEquals(0, deps.process.exitValue(), out);
    }

    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_utils/macros/v1_3_0.sql")), out);
    assertEquals(Map.of("package", "dbt-labs/dbt_utils", "version", "1.3.0", "name", "dbt_utils"),
        lockedPackages(project).get(0));
    // A package the mirror does not hold is skipped with one line, as without a mirror.
    assertTrue(out.contains("Warning: package dbt-labs/codegen: cannot be fetched here (no network"
        + " access to the hub; not in MDS_PACKAGE_MIRROR"), out);
    assertFalse(Files.exists(project.path("dbt_packages/codegen")));

    project.file("packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.2.0\n");
    try (JavaProcess deps = JavaProcess.start(project.root(), List.of(),
        Map.of(DepsCommand.MIRROR_VARIABLE, mirror.toString()), Mds.class, "deps")) {
      assertTrue(deps.process.waitFor(60, TimeUnit.SECONDS), deps.output());
      assertEquals(0, deps.process.exitValue(), deps.output());
    }
    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_utils/macros/v1_2_0.sql")));
    assertFalse(Files.exists(project.path("dbt_packages/dbt_utils/macros/v1_3_0.sql")));
  }

  @Test
  void aMissingLocalPathIsOneLineAndLeavesTheEarlierInstall() {
    packageAt(dir.resolve("lib"), "lib_pkg", "two");
    TempProject project = project().file("packages.yml", "packages:\n  - local: ../lib\n");
    mds("deps", "--project-dir", project.dir()).assertOk();
    String earlierLock = project.read("package-lock.yml");
    project.file("packages.yml", "packages:\n  - local: ../lib\n  - local: ../missing\n");
    // Changed in the source, so a reinstall would show.
    TempProject.in(dir.resolve("lib")).file("macros/three.sql", "{% macro three() %}{% endmacro %}");

    mds("deps", "--project-dir", project.dir())
        .assertProjectError("packages.yml: entry 2 (local: ../missing)", "does not exist");

    assertTrue(Files.isRegularFile(project.path("dbt_packages/lib_pkg/macros/two.sql")));
    assertFalse(Files.exists(project.path("dbt_packages/lib_pkg/macros/three.sql")));
    assertEquals(earlierLock, project.read("package-lock.yml"));
  }

  @Test
  void aHubRangeTheMirrorCannotSatisfyIsOneLineListingWhatItHas() throws Exception {
    Path mirror = dir.resolve("mirror");
    packageAt(mirror.resolve("dbt-labs/dbt_utils/0.9.6"), "dbt_utils", "old");
    TempProject project = project().file("packages.yml",
        "packages:\n  - package: dbt-labs/dbt_utils\n    version: \">=1.0.0\"\n");

    try (JavaProcess deps = JavaProcess.start(project.root(), List.of(),
        Map.of(DepsCommand.MIRROR_VARIABLE, mirror.toString()), Mds.class, "deps")) {
      assertTrue(deps.process.waitFor(60, TimeUnit.SECONDS), deps.output());
      deps.awaitLine("Error:", 5);
      assertEquals(2, deps.process.exitValue(), deps.output());
      assertTrue(deps.output().contains("packages.yml: entry 1 (package: dbt-labs/dbt_utils): no"
          + " version in the mirror"), deps.output());
      assertTrue(deps.output().contains("(it has 0.9.6)"), deps.output());
    }
  }

  @Test
  void cleanLeavesInstalledPackagesUnlessCleanTargetsListsThem() {
    packageAt(dir.resolve("lib"), "lib_pkg", "two");
    TempProject project = project().file("packages.yml", "packages:\n  - local: ../lib\n");
    mds("deps", "--project-dir", project.dir()).assertOk();

    mds("clean", "--project-dir", project.dir()).assertOk();
    assertTrue(Files.isDirectory(project.path("dbt_packages/lib_pkg")));

    project.file("dbt_project.yml", "name: shop\nclean-targets: [target, dbt_packages]\n");
    mds("clean", "--project-dir", project.dir()).assertOk();
    assertFalse(Files.exists(project.path("dbt_packages")));
  }

  @Test
  void aBadGitUrlIsOneLineNamingTheEntry() {
    TempProject project = project().file("packages.yml",
        "packages:\n  - git: " + dir.resolve("no-such-repo").toUri() + "\n");

    mds("deps", "--project-dir", project.dir())
        .assertProjectError("packages.yml", "git: ", "no-such-repo", "git clone failed");
  }

  /** {@code mds deps} with MDS_PACKAGE_MIRROR set, in its own JVM; its exit code and output. */
  private static CliRun depsWithMirror(TempProject project, Path mirror, String... more)
      throws Exception {
    String[] args = new String[more.length + 1];
    args[0] = "deps";
    System.arraycopy(more, 0, args, 1, more.length);
    try (JavaProcess deps = JavaProcess.start(project.root(), List.of(),
        Map.of(DepsCommand.MIRROR_VARIABLE, mirror.toString()), Mds.class, args)) {
      assertTrue(deps.process.waitFor(60, TimeUnit.SECONDS), deps.output());
      // Closing waits for the output reader to reach the end of the stream.
      deps.close();
      return new CliRun(deps.process.exitValue(), deps.output(), deps.output());
    }
  }

  private static String commit(Path repo, String file, String text) throws Exception {
    TempProject.in(repo).file(file, text);
    git(repo, "add", "-A");
    git(repo, "commit", "--quiet", "-m", "change " + file);
    return sh(repo, "git", "rev-parse", "HEAD").strip();
  }

  @Test
  void theLockPinsAGitBranchAndAHubRangeUntilPackagesYmlChanges() throws Exception {
    Path repo = dir.resolve("repo");
    packageAt(repo, "git_pkg", "first");
    git(repo.getParent(), "init", "--quiet", "-b", "main", repo.toString());
    String first = commit(repo, "README.md", "one");
    Path mirror = dir.resolve("mirror");
    packageAt(mirror.resolve("dbt-labs/dbt_utils/1.1.0"), "dbt_utils", "v1_1_0");
    TempProject project = project().file("packages.yml", "packages:\n"
        + "  - git: " + repo.toUri() + "\n    revision: main\n"
        + "  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n");
    CliRun run = depsWithMirror(project, mirror).assertOk();
    assertEquals(first, lockedPackages(project).get(0).get("revision"), run::describe);
    String lockText = project.read("package-lock.yml");

    // The branch and the mirror move on; packages.yml does not.
    String second = commit(repo, "macros/second.sql", "{% macro second() %}2{% endmacro %}");
    packageAt(mirror.resolve("dbt-labs/dbt_utils/1.2.0"), "dbt_utils", "v1_2_0");
    run = depsWithMirror(project, mirror).assertOk();

    assertTrue(run.out().contains("Installing the versions package-lock.yml pins"), run::describe);
    assertFalse(Files.exists(project.path("dbt_packages/git_pkg/macros/second.sql")),
        run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_utils/macros/v1_1_0.sql")));
    assertEquals(lockText, project.read("package-lock.yml"));

    // A changed packages.yml is resolved again and the lock rewritten.
    project.file("packages.yml", project.read("packages.yml") + "    install-prerelease: false\n");
    run = depsWithMirror(project, mirror).assertOk();

    assertTrue(run.out().contains("packages.yml changed since package-lock.yml was written"),
        run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/git_pkg/macros/second.sql")),
        run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_utils/macros/v1_2_0.sql")));
    assertFalse(Files.exists(project.path("dbt_packages/dbt_utils/macros/v1_1_0.sql")));
    assertEquals(second, lockedPackages(project).get(0).get("revision"));
    assertEquals("1.2.0", lockedPackages(project).get(1).get("version"));
  }

  @Test
  void upgradeResolvesAgainThoughTheLockMatches() throws Exception {
    Path repo = dir.resolve("repo");
    packageAt(repo, "git_pkg", "first");
    git(repo.getParent(), "init", "--quiet", "-b", "main", repo.toString());
    commit(repo, "README.md", "one");
    TempProject project = project().file("packages.yml", "packages:\n"
        + "  - git: " + repo.toUri() + "\n    revision: main\n");
    mds("deps", "--project-dir", project.dir()).assertOk();
    String second = commit(repo, "macros/second.sql", "{% macro second() %}2{% endmacro %}");

    CliRun run = mds("deps", "--upgrade", "--project-dir", project.dir()).assertOk();

    assertTrue(Files.isRegularFile(project.path("dbt_packages/git_pkg/macros/second.sql")),
        run::describe);
    assertEquals(second, lockedPackages(project).get(0).get("revision"));
  }

  @Test
  void aPackagesOwnPackagesAreInstalledFlatAndLocked() throws Exception {
    Path mirror = dir.resolve("mirror");
    for (String version : List.of("0.9.6", "1.1.1", "1.3.0")) {
      packageAt(mirror.resolve("dbt-labs/dbt_utils/" + version), "dbt_utils", "v"
          + version.replace('.', '_'));
    }
    // Local paths in a package's packages.yml are the root project's, as in dbt.
    packageAt(dir.resolve("base"), "base_pkg", "base");
    packageAt(dir.resolve("mid"), "mid_pkg", "mid").file("packages.yml", """
        packages:
          - local: ../base
          - package: dbt-labs/dbt_utils
            version: "<1.2.0"
        """);
    TempProject project = project().file("packages.yml", """
        packages:
          - local: ../mid
          - package: dbt-labs/dbt_utils
            version: [">=1.0.0", "<2.0.0"]
          - local: ../base
        """);

    CliRun run = depsWithMirror(project, mirror).assertOk();

    assertTrue(Files.isRegularFile(project.path("dbt_packages/mid_pkg/macros/mid.sql")),
        run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/base_pkg/macros/base.sql")));
    // Both ranges hold: the highest version below 1.2.0 and at least 1.0.0.
    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_utils/macros/v1_1_1.sql")),
        run::describe);
    assertEquals(List.of("mid_pkg", "dbt_utils", "base_pkg"), lockedPackages(project).stream()
        .map(p -> p.get("name")).toList(), project.read("package-lock.yml"));
    assertEquals("1.1.1", lockedPackages(project).get(1).get("version"));
  }

  @Test
  void conflictingVersionsOfADependencyAreOneLineAndInstallNothing() throws Exception {
    Path mirror = dir.resolve("mirror");
    packageAt(mirror.resolve("dbt-labs/dbt_utils/1.1.1"), "dbt_utils", "v1");
    packageAt(dir.resolve("mid"), "mid_pkg", "mid").file("packages.yml",
        "packages:\n  - package: dbt-labs/dbt_utils\n    version: \"<1.0.0\"\n");
    TempProject project = project().file("packages.yml", """
        packages:
          - package: dbt-labs/dbt_utils
            version: ">=1.0.0"
          - local: ../mid
        """);

    CliRun run = depsWithMirror(project, mirror);

    assertEquals(2, run.exitCode(), run::describe);
    List<String> errors = run.err().lines().filter(l -> l.startsWith("Error:")).toList();
    assertEquals(1, errors.size(), run::describe);
    assertTrue(errors.get(0).contains("packages.yml: entry 1 (package: dbt-labs/dbt_utils):"
        + " version error: no version satisfies every range asked for: >=1.0.0 (packages.yml),"
        + " <1.0.0 (mid_pkg/packages.yml)"), run::describe);
    assertFalse(Files.exists(project.path("dbt_packages")), run::describe);
    assertFalse(Files.exists(project.path("package-lock.yml")));
  }

  @Test
  void twoRevisionsOfOneGitPackageAreAnError() throws Exception {
    Path repo = dir.resolve("repo");
    packageAt(repo, "git_pkg", "first");
    git(repo.getParent(), "init", "--quiet", "-b", "main", repo.toString());
    commit(repo, "README.md", "one");
    git(repo, "tag", "v1");
    commit(repo, "README.md", "two");
    packageAt(dir.resolve("mid"), "mid_pkg", "mid").file("packages.yml",
        "packages:\n  - git: " + repo.toUri() + "\n    revision: v1\n");
    TempProject project = project().file("packages.yml", "packages:\n  - local: ../mid\n"
        + "  - git: " + repo.toUri() + "\n    revision: main\n");

    mds("deps", "--project-dir", project.dir()).assertProjectError(
        "asked for at more than one revision: main (packages.yml), v1 (mid_pkg/packages.yml)");
    assertFalse(Files.exists(project.path("dbt_packages/mid_pkg")));
  }

  @Test
  void aDependencyWithTheRootProjectsNameIsAnError() {
    packageAt(dir.resolve("other"), "shop", "x");
    TempProject project = project().file("packages.yml", "packages:\n  - local: ../other\n");

    mds("deps", "--project-dir", project.dir())
        .assertProjectError("(local: ../other) has the root project's name 'shop'");
  }

  @Test
  void dependenciesYmlHasPackagesAndProjectsAsInDbt16() {
    packageAt(dir.resolve("lib"), "lib_pkg", "two");
    TempProject project = project().file("dependencies.yml", """
        projects:
          - name: finance_platform
        packages:
          - local: ../lib
        """);

    CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

    assertTrue(Files.isRegularFile(project.path("dbt_packages/lib_pkg/macros/two.sql")),
        run::describe);
    assertFalse(Files.exists(project.path("dbt_packages/finance_platform")));

    project.file("packages.yml", "projects:\n  - name: finance_platform\n");
    mds("deps", "--project-dir", project.dir())
        .assertProjectError("packages.yml: projects: belongs in dependencies.yml");
  }

  @Test
  void withNoNetworkEachHubPackageIsOneLineSayingWhatServesIt() {
    assumeTrue(System.getenv(DepsCommand.MIRROR_VARIABLE) == null);
    TempProject project = project().file("packages.yml", """
        packages:
          - package: dbt-labs/dbt_utils
            version: [">=1.0.0", "<2.0.0"]
          - package: calogica/dbt_expectations
            version: 0.10.4
          - package: calogica/dbt_date
            version: 0.10.1
          - package: dbt-labs/codegen
            version: 0.12.1
        """);

    CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

    String prefix = "cannot be fetched here (no network access to the hub; set MDS_PACKAGE_MIRROR"
        + " to a folder of packages); ";
    String missing = "it is missing: its macros and tests are unavailable until it is installed";
    assertEquals(List.of(
        "Warning: package dbt-labs/dbt_utils: " + prefix
            + "mds's built-in dbt_utils will serve its macros",
        "Warning: package calogica/dbt_expectations: " + prefix
            + "mds's built-in dbt_expectations will serve its macros",
        "Warning: package calogica/dbt_date: " + prefix + (DepsCommand.hasBuiltIn("dbt_date")
            ? "mds's built-in dbt_date will serve its macros" : missing),
        "Warning: package dbt-labs/codegen: " + prefix + missing),
        run.err().strip().lines().toList(), run::describe);
    assertTrue(run.out().contains("Installed 0 packages; "), run::describe);
    // The lock records them as written, so a later run with a mirror resolves them.
    assertEquals(Map.of("package", "dbt-labs/codegen", "version", "0.12.1"),
        lockedPackages(project).get(3));
  }

  @Test
  void aFailingPackageWithNoNetworkLeavesNoHalfWrittenPackagesFolder() {
    packageAt(dir.resolve("lib"), "lib_pkg", "two");
    TempProject project = project().file("packages.yml", """
        packages:
          - local: ../lib
          - package: dbt-labs/dbt_utils
            version: 1.3.0
          - tarball: http://127.0.0.1:9/nothing-listens-here.tar.gz
        """);

    mds("deps", "--project-dir", project.dir())
        .assertProjectError("packages.yml: entry 3 (tarball: http://127.0.0.1:9/",
            "download failed");

    assertFalse(Files.exists(project.path("dbt_packages")));
    assertFalse(Files.exists(project.path("package-lock.yml")));
    try (var left = Files.list(project.root())) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("."))
          .toList(), "no scratch folder left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTarballIsDownloadedFromItsUrl() throws Exception {
    packageAt(dir.resolve("build/web_pkg-1.0.0"), "web_pkg", "served");
    Path archive = dir.resolve("web_pkg.tar.gz");
    sh(dir.resolve("build"), "tar", "-czf", archive.toString(), "web_pkg-1.0.0");
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.createContext("/", exchange -> {
      requested.add(exchange.getRequestURI().getPath());
      boolean known = exchange.getRequestURI().getPath().equals("/pkgs/web_pkg.tar.gz");
      byte[] body = known ? Files.readAllBytes(archive) : new byte[0];
      exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      TempProject project = project().file("packages.yml",
          "packages:\n  - tarball: " + base + "/pkgs/web_pkg.tar.gz\n");

      CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

      assertEquals(List.of("/pkgs/web_pkg.tar.gz"), requested);
      assertTrue(Files.isRegularFile(project.path("dbt_packages/web_pkg/macros/served.sql")),
          run::describe);
      assertEquals(List.of(Map.of("tarball", base + "/pkgs/web_pkg.tar.gz", "name", "web_pkg")),
          lockedPackages(project));

      project.file("packages.yml", "packages:\n  - tarball: " + base + "/pkgs/gone.tar.gz\n");
      mds("deps", "--project-dir", project.dir())
          .assertProjectError("packages.yml: entry 1 (tarball: ", "download failed: HTTP 404");
      assertTrue(Files.isRegularFile(project.path("dbt_packages/web_pkg/macros/served.sql")));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void packagesThatListEachOtherAreInstalledOnce() {
    packageAt(dir.resolve("a"), "pkg_a", "a").file("packages.yml", "packages:\n  - local: ../b\n");
    packageAt(dir.resolve("b"), "pkg_b", "b").file("packages.yml", "packages:\n  - local: ../a\n");
    TempProject project = project().file("packages.yml", "packages:\n  - local: ../a\n");

    CliRun run = mds("deps", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of(Map.of("local", "../a", "name", "pkg_a"),
        Map.of("local", "../b", "name", "pkg_b")), lockedPackages(project), run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/pkg_b/macros/b.sql")));
  }

  @Test
  void aLockDbtWroteIsInstalledAsPinned() throws Exception {
    Path mirror = dir.resolve("mirror");
    for (String version : List.of("1.3.0", "1.3.1")) {
      packageAt(mirror.resolve("dbt-labs/dbt_utils/" + version), "dbt_utils",
          "v" + version.replace('.', '_'));
    }
    packageAt(mirror.resolve("metaplane/dbt_expectations/0.10.9"), "dbt_expectations", "e");
    packageAt(mirror.resolve("godatadriven/dbt_date/0.16.1"), "dbt_date", "d");
    // dependencies.yml and the package-lock.yml dbt deps wrote for it (its sha1_hash is dbt's).
    String lock = """
        packages:
          - name: dbt_utils
            package: dbt-labs/dbt_utils
            version: 1.3.0
          - name: dbt_expectations
            package: metaplane/dbt_expectations
            version: 0.10.9
          - name: dbt_date
            package: godatadriven/dbt_date
            version: 0.16.1
        sha1_hash: 99b5dbc472f0e7c9354857bc8019f84738f6faab
        """;
    TempProject project = project().file("dependencies.yml", """
        packages:
          - package: dbt-labs/dbt_utils
            version: [">=1.3.0", "<2.0.0"]
          - package: metaplane/dbt_expectations
            version: ["0.10.9", "<0.11.0"]
        """).file("package-lock.yml", lock);

    CliRun run = depsWithMirror(project, mirror).assertOk();

    assertTrue(run.out().contains("Installing the versions package-lock.yml pins"), run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_utils/macros/v1_3_0.sql")),
        run::describe);
    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_date/macros/d.sql")));
    assertTrue(Files.isRegularFile(project.path("dbt_packages/dbt_expectations/macros/e.sql")));
    assertEquals(lock, project.read("package-lock.yml"));

    // Resolved again, the lock is written as dbt writes it (these packages list no dbt_date).
    run = depsWithMirror(project, mirror, "--upgrade").assertOk();
    assertEquals(lock.replace("1.3.0", "1.3.1").replace("""
          - name: dbt_date
            package: godatadriven/dbt_date
            version: 0.16.1
        """, ""), project.read("package-lock.yml"), run::describe);
    assertFalse(Files.exists(project.path("dbt_packages/dbt_date")), run::describe);
  }
}
