package dev.mds.deps;

import dev.mds.MdsException;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fetches one packages.yml entry into a scratch folder: a copy of a local folder, a checkout of
 * a git repository (through the system {@code git}), an unpacked tarball (through the system
 * {@code tar}) or a hub package from a local mirror. Each fetch answers the package's own name
 * and the entry as package-lock.yml records it (a git revision becomes its commit).
 */
public final class PackageSources {

  /** A package's own build output and clones never belong in the installed copy. */
  private static final Set<String> NOT_COPIED = Set.of("target", "dbt_packages", "logs", ".git");

  /** One entry of packages.yml: its position (from 1), the mapping as written, and the file. */
  public record Entry(int number, Map<String, Object> spec, String file) {

    /** local, git, tarball or package (the hub), as the entry is written. */
    public String kind() {
      for (String kind : List.of("local", "git", "tarball", "package")) {
        if (spec.containsKey(kind)) {
          return kind;
        }
      }
      return "";
    }

    public String value() {
      return String.valueOf(spec.get(kind()));
    }

    /** An error naming the file and the entry, as the user wrote it. */
    public MdsException error(String problem) {
      String which = kind().isEmpty() ? "" : " (" + kind() + ": " + value() + ")";
      return MdsException.at(file, "entry " + number + which + ": " + problem);
    }
  }

  /** A fetched package: the folder holding it, its dbt_project.yml name, its lock entry. */
  public record Fetched(Path folder, String name, Map<String, Object> locked) {
  }

  private final Path projectRoot;
  private final Path scratch;
  private final Optional<Path> mirror;

  public PackageSources(Path projectRoot, Path scratch, Optional<Path> mirror) {
    this.projectRoot = projectRoot;
    this.scratch = scratch;
    this.mirror = mirror;
  }

  private int folders;

  /**
   * A new folder in the scratch space, made with the user's umask (a temp directory would be
   * private to its owner, and the package folder is moved into place as it is).
   */
  private Path folder(String kind) throws IOException {
    return Files.createDirectory(scratch.resolve(kind + "-" + ++folders));
  }

  public Fetched fetch(Entry entry) {
    if (entry.spec().values().stream().anyMatch(v -> String.valueOf(v).contains("{{"))) {
      // dbt renders env_var() and var() here; mds deps does not yet, and a template left as
      // text would be fetched as a strange URL or path.
      throw entry.error("templates ({{ ... }}) in packages.yml are not rendered by mds deps yet;"
          + " write the value out");
    }
    try {
      return switch (entry.kind()) {
        case "local" -> local(entry);
        case "git" -> git(entry);
        case "tarball" -> tarball(entry);
        case "package" -> hub(entry);
        default -> throw entry.error("expected one of local:, git:, tarball: or package:");
      };
    } catch (IOException | UncheckedIOException e) {
      throw entry.error("cannot install it: " + e.getMessage());
    }
  }

  private Fetched local(Entry entry) throws IOException {
    Path source = projectRoot.resolve(entry.value()).normalize();
    if (!Files.isDirectory(source)) {
      throw entry.error("folder " + source + " does not exist");
    }
    Path copy = folder("local");
    copyTree(source, copy);
    Map<String, Object> locked = new LinkedHashMap<>();
    locked.put("local", entry.value());
    return finish(entry, copy, locked);
  }

  private Fetched git(Entry entry) throws IOException {
    String url = entry.value();
    Path clone = folder("git");
    run(entry, clone.getParent(), "git", "clone", "--quiet", gitUrl(url), clone.toString());
    Optional<String> revision = YamlValues.string(entry.spec().get("revision"));
    if (revision.isPresent()) {
      // A branch exists only as origin/<branch> after a clone; checkout creates it from there.
      run(entry, clone, "git", "-c", "advice.detachedHead=false", "checkout", "--quiet",
          revision.get());
    }
    String commit = run(entry, clone, "git", "rev-parse", "HEAD").strip();
    Path root = clone;
    Optional<String> subdirectory = YamlValues.string(entry.spec().get("subdirectory"));
    if (subdirectory.isPresent()) {
      root = clone.resolve(subdirectory.get()).normalize();
      if (!root.startsWith(clone) || !Files.isDirectory(root)) {
        throw entry.error("subdirectory '" + subdirectory.get() + "' is not in the repository");
      }
    }
    Path copy = folder("checkout");
    copyTree(root, copy);
    Map<String, Object> locked = new LinkedHashMap<>();
    locked.put("git", url);
    locked.put("revision", commit);
    subdirectory.ifPresent(s -> locked.put("subdirectory", s));
    return finish(entry, copy, locked);
  }

  /** A relative path to a local repository is relative to the project, as local: is. */
  private String gitUrl(String url) {
    if (url.contains("://") || url.contains("@") || Path.of(url).isAbsolute()) {
      return url;
    }
    Path local = projectRoot.resolve(url).normalize();
    return Files.isDirectory(local) ? local.toString() : url;
  }

  private Fetched tarball(Entry entry) throws IOException {
    String where = entry.value();
    Path archive;
    if (where.startsWith("http://") || where.startsWith("https://")) {
      archive = download(entry, where);
    } else {
      archive = where.startsWith("file:") ? Path.of(URI.create(where))
          : projectRoot.resolve(where).normalize();
      if (!Files.isRegularFile(archive)) {
        throw entry.error("archive " + archive + " does not exist");
      }
    }
    Map<String, Object> locked = new LinkedHashMap<>();
    locked.put("tarball", where);
    return finish(entry, unpack(entry, archive), locked);
  }

  private Path download(Entry entry, String url) throws IOException {
    Path file = folder("download").resolve("package.tar.gz");
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpResponse<Path> response = client.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofFile(file));
      if (response.statusCode() != 200) {
        throw entry.error("download failed: HTTP " + response.statusCode());
      }
      return file;
    } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
      throw entry.error("download failed: cannot connect to " + URI.create(url).getHost()
          + " (no network access here?)");
    } catch (IOException | IllegalArgumentException e) {
      throw entry.error("download failed: " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw entry.error("download interrupted");
    }
  }

  /** Unpacks a .tar.gz; a package is either at its top or in its single top folder. */
  private Path unpack(Entry entry, Path archive) throws IOException {
    Path unpacked = folder("tarball");
    run(entry, unpacked, "tar", "-xzf", archive.toAbsolutePath().toString(), "-C",
        unpacked.toString());
    if (Files.isRegularFile(unpacked.resolve("dbt_project.yml"))) {
      return unpacked;
    }
    try (Stream<Path> children = Files.list(unpacked)) {
      List<Path> all = children.toList();
      if (all.size() == 1 && Files.isDirectory(all.get(0))) {
        return all.get(0);
      }
    }
    return unpacked;
  }

  /**
   * A hub package from the mirror: {@code <owner>/<name>/<version>/} folders or
   * {@code <name>-<version>.tar.gz} archives (in {@code <owner>/<name>/}, {@code <owner>/} or
   * the mirror's top).
   */
  private Fetched hub(Entry entry) throws IOException {
    String[] id = entry.value().split("/");
    if (id.length != 2 || id[0].isBlank() || id[1].isBlank()) {
      throw entry.error("expected package: owner/name, e.g. dbt-labs/dbt_utils");
    }
    List<String> problems = new ArrayList<>();
    HubVersions range = HubVersions.parse(entry.spec().get("version"), problems);
    if (!entry.spec().containsKey("version") || !problems.isEmpty() || range.bounds().isEmpty()) {
      throw entry.error("version: expects a version or a range such as [\">=1.0.0\", \"<2.0.0\"]"
          + (problems.isEmpty() ? "" : ", not '" + problems.get(0) + "'"));
    }
    Path top = mirror.orElseThrow();
    Map<HubVersions.Version, Path> found = mirrored(id[0], id[1]);
    HubVersions.Version chosen = range.highest(found.keySet()).orElseThrow(() -> entry.error(
        "no version in the mirror " + top + " satisfies " + range + " (it has "
            + (found.isEmpty() ? "none" : String.join(", ", found.keySet().stream().sorted()
                .map(HubVersions.Version::text).toList())) + ")"));
    Path source = found.get(chosen);
    Path folder;
    if (Files.isDirectory(source)) {
      folder = folder("hub");
      copyTree(source, folder);
    } else {
      folder = unpack(entry, source);
    }
    Map<String, Object> locked = new LinkedHashMap<>();
    locked.put("package", entry.value());
    locked.put("version", chosen.text());
    return finish(entry, folder, locked);
  }

  /** Whether the mirror holds any version of the hub package {@code entry} names. */
  public boolean inMirror(Entry entry) {
    String[] id = entry.value().split("/");
    try {
      return mirror.isPresent() && id.length == 2 && !mirrored(id[0], id[1]).isEmpty();
    } catch (IOException | UncheckedIOException e) {
      throw entry.error("cannot read the mirror " + mirror.get() + ": " + e.getMessage());
    }
  }

  /** Every version of {@code owner/name} in the mirror, folder or archive. */
  private Map<HubVersions.Version, Path> mirrored(String owner, String name) throws IOException {
    Path top = mirror.orElseThrow();
    Map<HubVersions.Version, Path> found = new LinkedHashMap<>();
    Path packageDir = top.resolve(owner).resolve(name);
    String archivePrefix = name + "-";
    for (Path dir : List.of(packageDir, top.resolve(owner), top)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : children.sorted(Comparator.reverseOrder()).toList()) {
          String file = child.getFileName().toString();
          if (dir.equals(packageDir) && Files.isDirectory(child)) {
            HubVersions.Version.parse(file).ifPresent(v -> found.putIfAbsent(v, child));
          } else if (file.startsWith(archivePrefix) && file.endsWith(".tar.gz")) {
            HubVersions.Version.parse(file.substring(archivePrefix.length(),
                file.length() - ".tar.gz".length())).ifPresent(v -> found.putIfAbsent(v, child));
          }
        }
      }
    }
    return found;
  }

  /** Reads the package's own name; dbt installs it under that name. */
  private Fetched finish(Entry entry, Path folder, Map<String, Object> locked) {
    Path projectFile = folder.resolve("dbt_project.yml");
    if (!Files.isRegularFile(projectFile)) {
      projectFile = folder.resolve("mds_project.yml");
    }
    if (!Files.isRegularFile(projectFile)) {
      throw entry.error("it has no dbt_project.yml at its top, so it is not a dbt package");
    }
    Map<String, Object> project;
    try {
      project = new YamlReader(folder).readMap(projectFile);
    } catch (MdsException e) {
      throw entry.error("its dbt_project.yml cannot be read: " + e.getMessage());
    }
    String name = YamlValues.string(project.get("name")).filter(n -> n.matches("[A-Za-z_]\\w*"))
        .orElseThrow(() -> entry.error("its dbt_project.yml has no valid name:"));
    locked.put("name", name);
    return new Fetched(folder, name, locked);
  }

  /** Runs a system command, answering its output; a failure is the entry's error. */
  private static String run(Entry entry, Path dir, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true);
      // Never wait for a password on a terminal nobody is looking at.
      builder.environment().put("GIT_TERMINAL_PROMPT", "0");
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw entry.error(command[0] + " " + command[1] + " did not finish in 10 minutes");
      }
      if (process.exitValue() != 0) {
        String last = output.lines().map(String::strip).filter(l -> !l.isEmpty())
            .reduce((a, b) -> b).orElse("exit code " + process.exitValue());
        throw entry.error(command[0] + " " + command[command[0].equals("git") && command[1]
            .equals("-c") ? 3 : 1] + " failed: " + last);
      }
      return output;
    } catch (IOException e) {
      throw entry.error("cannot run " + command[0] + " (is it installed?): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw entry.error(command[0] + " interrupted");
    }
  }

  /** Copies {@code from} into the existing folder {@code to}, leaving out NOT_COPIED at its top. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.sorted().toList()) {
        Path relative = from.relativize(source);
        if (relative.toString().isEmpty()) {
          continue;
        }
        String top = relative.getName(0).toString();
        // The scratch folder itself, when a package is the project's own folder.
        if (NOT_COPIED.contains(top) || top.contains(".mds-deps-")) {
          continue;
        }
        Path dest = to.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
    }
  }
}
