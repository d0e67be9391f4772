package dev.mds.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives `mvn package` wrote, as a user behind a firewall gets them: unpacked into an empty
 * folder, run with an empty home folder and (where the kernel allows) no network at all.
 */
class InstalledArchiveTest {

  static final List<String> NATIVES = List.of("libduckdb_java.so_linux_amd64",
      "libduckdb_java.so_linux_arm64", "libduckdb_java.so_osx_universal",
      "libduckdb_java.so_windows_amd64");
  static final long BUDGET = 200L * 1024 * 1024;

  static Path distDir;
  static String name;
  static Path zip;
  static Path tarGz;

  @TempDir
  static Path temp;
  static Path installed;
  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    distDir = Path.of(System.getProperty("mds.dist.dir"));
    name = System.getProperty("mds.dist.name");
    zip = distDir.resolve(name + ".zip");
    tarGz = distDir.resolve(name + ".tar.gz");
    home = Files.createDirectories(temp.resolve("home"));
    Process tar = new ProcessBuilder("tar", "-xzf", tarGz.toString(), "-C", temp.toString())
        .redirectErrorStream(true).start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), output);
    installed = temp.resolve(name);
  }

  @Test
  void bothArchivesListTheLaunchersTheNoticesAndAllFourNatives() throws Exception {
    Set<String> zipped = new TreeSet<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      file.stream().map(ZipEntry::getName).forEach(zipped::add);
    }
    Process list = new ProcessBuilder("tar", "-tzf", tarGz.toString()).start();
    Set<String> tarred = new TreeSet<>(List.of(new String(list.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).split("\n")));
    assertEquals(0, list.waitFor());
    for (Set<String> entries : List.of(zipped, tarred)) {
      for (String file : List.of("bin/mds", "bin/mds.cmd", "lib/mds.jar", "lib/mds.classlist",
          "LICENSE", "NOTICE", "README.md")) {
        assertTrue(entries.contains(name + "/" + file), file + " missing from " + entries);
      }
      for (String nativeLibrary : NATIVES) {
        assertTrue(entries.contains(name + "/lib/" + nativeLibrary), nativeLibrary + " missing");
      }
      // Optional engines are separate downloads: nothing of Spark (or Scala) rides along.
      assertFalse(entries.stream().anyMatch(e -> e.matches(".*/(spark|scala)[^/]*\\.jar")
          || e.contains("/engines/")), entries::toString);
    }
    // The natives are beside the driver, not inside it: nothing to copy out on each start.
    try (ZipFile driver = new ZipFile(installed.resolve("lib").resolve(Files.list(installed.resolve("lib"))
        .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("duckdb_jdbc-")).findFirst()
        .orElseThrow()).toFile())) {
      assertFalse(driver.stream().anyMatch(e -> e.getName().startsWith("libduckdb_java")));
    }
  }

  @Test
  void theArchivesKeepWithinTheSizeBudget() throws IOException {
    long zipSize = Files.size(zip);
    long tarSize = Files.size(tarGz);
    System.out.printf("%s.zip %.1f MB, %s.tar.gz %.1f MB (budget %d MB)%n", name,
        zipSize / 1048576.0, name, tarSize / 1048576.0, BUDGET / 1048576);
    assertTrue(zipSize <= BUDGET, "zip is " + zipSize + " bytes");
    assertTrue(tarSize <= BUDGET, "tar.gz is " + tarSize + " bytes");
  }

  @Test
  void noticeNamesEveryBundledJar() throws IOException {
    String notice = Files.readString(installed.resolve("NOTICE"));
    try (Stream<Path> lib = Files.list(installed.resolve("lib"))) {
      for (String jar : lib.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jar") && !n.equals("mds.jar") && !n.startsWith("mds-")).toList()) {
        // NOTICE names jars without their versions: "pebble-*.jar".
        String stem = jar.replaceFirst("-\\d[^-]*(-[a-z].*)?\\.jar$", "");
        assertTrue(notice.contains(stem + "-*.jar"), jar + " (" + stem + ") is not in NOTICE");
      }
    }
  }

  @Test
  void theLaunchersAreExecutableAndTheWindowsOneHasCrlfLineEnds() throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(installed.resolve("bin/mds"));
    assertTrue(permissions.contains(PosixFilePermission.OTHERS_EXECUTE), permissions::toString);
    byte[] cmd = Files.readAllBytes(installed.resolve("bin/mds.cmd"));
    String text = new String(cmd, StandardCharsets.US_ASCII);
    assertEquals(text.split("\n", -1).length, text.split("\r\n", -1).length,
        "every line of mds.cmd must end in CRLF");
    assertFalse(text.contains("@MDS_VERSION@"), "the version is written in");
  }

  @Test
  void theWindowsLauncherPassesArgumentsThroughAndSetsTheSameFlags() throws IOException {
    String cmd = Files.readString(installed.resolve("bin/mds.cmd"));
    String posix = Files.readString(installed.resolve("bin/mds"));
    List<String> lines = List.of(cmd.split("\r\n"));
    // %* (the command line as typed) appears once, on the line that starts Java, which is
    // outside any parenthesised block; nothing shifts or re-quotes the arguments.
    List<String> passing = lines.stream()
        .filter(l -> l.contains("%*") && !l.toLowerCase().startsWith("rem ")).toList();
    assertEquals(1, passing.size(), passing::toString);
    String javaLine = passing.get(0);
    assertTrue(javaLine.startsWith("\"%MDS_JAVA%\" "), javaLine);
    assertTrue(javaLine.endsWith("-jar \"%MDS_JAR%\" %*"), javaLine);
    assertFalse(cmd.toLowerCase().contains("enabledelayedexpansion"), "would eat ! in arguments");
    assertFalse(cmd.matches("(?s).*%~?[1-9].*") || cmd.toLowerCase().contains("\nshift"),
        "arguments must pass as typed");
    int depth = 0;
    for (String line : lines) {
      if (line.equals(javaLine)) {
        assertEquals(0, depth, "the java line is inside a block");
      }
      if (!line.trim().toLowerCase().startsWith("rem ")) {
        depth += count(line.replaceAll("\"[^\"]*\"", ""), '(') - count(line.replaceAll("\"[^\"]*\"", ""), ')');
      }
    }
    // Java: JAVA_HOME first, then PATH.
    int javaHome = cmd.indexOf("%MDS_JAVA_HOME%\\bin\\java.exe");
    int path = cmd.indexOf("%%~$PATH:J");
    assertTrue(javaHome > 0 && path > javaHome, "JAVA_HOME, then PATH");
    // The same JVM flags as the POSIX launcher (transparent huge pages are Linux's alone).
    assertEquals(flags(posix).stream().filter(f -> !f.contains("TransparentHugePages")).toList(),
        flags(cmd));
    assertTrue(flags(cmd).containsAll(List.of("-XX:TieredStopAtLevel", "-XX:+UseParallelGC",
        "-XX:-UsePerfData", "-XX:SharedArchiveFile", "-Xshare:auto", "-Dfile.encoding")), flags(cmd)::toString);
    assertTrue(javaLine.contains("%MDS_JAVA_OPTS%"));
    assertTrue(posix.contains("${MDS_JAVA_OPTS:-}"));
  }

  private static int count(String text, char c) {
    return (int) text.chars().filter(ch -> ch == c).count();
  }

  /** The -XX and -D flags a launcher passes, in order of first mention. */
  private static List<String> flags(String launcher) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile("(-XX:[+-]?[A-Za-z]+(?==|\\b)|-Xshare:auto|-Xlog:cds=off|-D[a-z0-9.]+(?==))")
        .matcher(launcher);
    while (m.find()) {
      if (!found.contains(m.group(1)) && !m.group(1).equals("-XX:SharedClassListFile")) {
        found.add(m.group(1));
      }
    }
    found.sort(Comparator.naturalOrder());
    return found;
  }

  @Test
  void theInstalledCommandBuildsTheExampleProjectWithoutNetworkOrHomeFolder() throws Exception {
    Path project = temp.resolve("example");
    Path source = Path.of(System.getProperty("mds.example.project")).toAbsolutePath().normalize();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : files.toList()) {
        String relative = source.relativize(from).toString();
        if (relative.startsWith("target") || relative.startsWith("logs")
            || relative.startsWith("dbt_packages") || relative.contains(".duckdb")) {
          continue;
        }
        Path to = project.resolve(relative);
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    long started = System.nanoTime();
    Run build = run(project, tmp, "build");
    System.out.printf("installed bin/mds build (first run, with the class-data archive): %.1f s%s%n",
        (System.nanoTime() - started) / 1e9, build.offline ? ", no network" : "");
    assertEquals(0, build.code, build.output);
    assertTrue(build.output.contains("Completed successfully"), build.output);
    assertTrue(Files.exists(project.resolve("retail.duckdb")));
    // The class-data archive went to the (empty) home's cache, and no DuckDB library to the temp
    // folder: the driver loaded it from lib/.
    try (Stream<Path> cache = Files.walk(home)) {
      List<String> made = cache.map(p -> home.relativize(p).toString()).toList();
      assertTrue(made.stream().anyMatch(p -> p.startsWith(".cache/mds/") && p.endsWith(".jsa")),
          made::toString);
      assertFalse(made.stream().anyMatch(p -> p.endsWith(".failed")), made::toString);
    }
    try (Stream<Path> leftovers = Files.walk(tmp)) {
      assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().startsWith("libduckdb")));
    }
    // Nothing reached for Maven's repository.
    assertFalse(Files.exists(home.resolve(".m2")));

    Run version = run(project, tmp, "--version");
    assertEquals(0, version.code, version.output);
    assertTrue(version.output.matches("(?s)mds \\S+\nDuckDB v\\d+\\.\\d+.*\nplatform: Linux .*"),
        version.output);

    for (String verb : List.of("docs generate", "test", "ls", "debug")) {
      Run other = run(project, tmp, verb.split(" "));
      assertEquals(0, other.code, verb + ":\n" + other.output);
    }
    assertTrue(Files.isRegularFile(project.resolve("target/docs/index.html")));
  }

  @Test
  void initsNextStepsWorkAsPrintedEvenUnderTheCLocaleInANonAsciiFolder() throws Exception {
    // Java 17 names files in the locale's charset: the launcher asks for UTF-8 under C.
    Path folder = Files.createDirectories(temp.resolve("prüfung"));
    Path tmp = Files.createDirectories(temp.resolve("tmp-init"));
    Run init = run(folder, tmp, Map.of("LC_ALL", "C"), "init", "fresh_shop");
    assertEquals(0, init.code, init.output);
    // The next steps name the installed launcher (not on PATH here): they run as printed.
    assertTrue(init.output.contains("\n  cd fresh_shop\n"), init.output);
    String next = init.output.lines().filter(l -> l.endsWith(" build")).findFirst().orElseThrow().trim();
    assertEquals(installed.resolve("bin/mds").toRealPath() + " build", next);
    Run fresh = run(folder.resolve("fresh_shop"), tmp, Map.of("LC_ALL", "C"), "build");
    assertEquals(0, fresh.code, fresh.output);
    assertTrue(Files.isRegularFile(folder.resolve("fresh_shop/fresh_shop.duckdb"))
        || fresh.output.contains("Completed successfully"), fresh.output);
  }

  @Test
  void depsInstallsALocalPackageWithoutTheNetwork() throws Exception {
    Path tmp = Files.createDirectories(temp.resolve("tmp-deps"));
    Path shared = Files.createDirectories(temp.resolve("shared_macros/macros"));
    Files.writeString(shared.getParent().resolve("dbt_project.yml"), "name: shared_macros\nversion: '1.0'\n");
    Files.writeString(shared.resolve("cents.sql"),
        "{% macro to_units(c) %}({{ c }} / 100.0){% endmacro %}\n");
    Path project = Files.createDirectories(temp.resolve("uses_package/models"));
    Files.writeString(project.getParent().resolve("dbt_project.yml"), "name: uses_package\n");
    Files.writeString(project.getParent().resolve("packages.yml"),
        "packages:\n  - local: ../shared_macros\n");
    Files.writeString(project.resolve("priced.sql"),
        "select {{ shared_macros.to_units(250) }} as price\n");

    Run deps = run(project.getParent(), tmp, "deps");
    assertEquals(0, deps.code, deps.output);
    Run build = run(project.getParent(), tmp, "build");
    assertEquals(0, build.code, build.output);
  }

  @Test
  void aJavaOlderThan17IsNamedBeforeItStarts() throws Exception {
    Path oldJava = Files.createDirectories(temp.resolve("jdk-11/bin"));
    Files.writeString(oldJava.resolve("java"), "#!/bin/sh\necho started >&2\nexit 9\n");
    oldJava.resolve("java").toFile().setExecutable(true);
    Files.writeString(oldJava.getParent().resolve("release"), "IMPLEMENTOR=\"Some\"\nJAVA_VERSION=\"11.0.2\"\n");

    Run run = run(temp, Files.createDirectories(temp.resolve("tmp-old")),
        Map.of("JAVA_HOME", oldJava.getParent().toString()), "build");

    assertEquals(2, run.code, run.output);
    assertEquals("mds needs Java 17 or newer; " + oldJava.resolve("java") + " is Java 11.0.2. Set JAVA_HOME"
        + " to a newer one.", run.output.strip());
  }

  record Run(int code, String output, boolean offline) {
  }

  /** bin/mds in {@code dir}, with HOME empty, no project variables and, where possible, no network. */
  private static Run run(Path dir, Path tmp, String... args) throws Exception {
    return run(dir, tmp, Map.of(), args);
  }

  private static Run run(Path dir, Path tmp, Map<String, String> extraEnv, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    boolean offline = unshareWorks();
    if (offline) {
      command.addAll(List.of("unshare", "-n"));
    }
    command.add(installed.resolve("bin/mds").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("MDS_") || k.equals("RETAIL_DB") || k.startsWith("MAVEN")
        || k.startsWith("XDG_"));
    env.put("HOME", home.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MDS_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
    env.putAll(extraEnv);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), output, offline);
  }

  private static Boolean unshare;

  /** Whether this kernel lets us drop the network (root, or user namespaces allowed). */
  private static boolean unshareWorks() {
    if (unshare == null) {
      try {
        Process probe = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        unshare = probe.waitFor() == 0;
      } catch (IOException | InterruptedException e) {
        unshare = false;
      }
      if (!unshare) {
        System.out.println("unshare -n is not available here: the installed mds runs with the network");
      }
    }
    return unshare;
  }
}
