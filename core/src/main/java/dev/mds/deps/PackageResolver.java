package dev.mds.deps;

import dev.mds.MdsException;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what {@code mds deps} installs, as dbt's deps does: either exactly what package-lock.yml
 * pins (when the packages file has not changed since the lock was written), or a fresh
 * resolution of the packages file and, level by level, of each fetched package's own
 * packages.yml or dependencies.yml. The same package asked for more than once is merged (hub
 * version ranges combined, one git revision); a conflict is an error naming who asked for what.
 * Everything is fetched into the scratch folder; nothing installed is touched here.
 */
public final class PackageResolver {

  /** The files dbt reads a project's or a package's packages from, in dbt's order. */
  private static final List<String> PACKAGE_FILES = List.of("packages.yml", "dependencies.yml");

  /** A hub package that cannot be fetched here (no mirror, or not in it), by its hub name. */
  public record Skipped(PackageSources.Entry entry, String name) {
  }

  /**
   * What to install: the fetched packages (in scratch), the hub packages left out, and the lock's
   * packages: list (every package, the dependencies' included, as dbt's lock lists them).
   */
  public record Plan(List<PackageSources.Fetched> fetched, List<Skipped> skipped,
      List<Map<String, Object>> locked) {
  }

  /** One package as asked for, possibly by several packages files. */
  private static final class Requirement {
    final String key;
    final List<PackageSources.Entry> askedBy = new ArrayList<>();

    Requirement(String key) {
      this.key = key;
    }

    PackageSources.Entry first() {
      return askedBy.get(0);
    }

    /** Who asked for what, for a conflict's message. */
    String asked(String field) {
      return String.join(", ", askedBy.stream().map(e -> String.valueOf(e.spec().get(field))
          + " (" + e.file() + ")").toList());
    }

    /**
     * The entry to fetch: the first as written, with every hub version bound asked for, or the one
     * git revision asked for.
     */
    PackageSources.Entry pinned() {
      PackageSources.Entry first = first();
      Map<String, Object> spec = new LinkedHashMap<>(first.spec());
      switch (first.kind()) {
        case "package" -> {
          List<Object> versions = new ArrayList<>();
          for (PackageSources.Entry e : askedBy) {
            Object v = e.spec().get("version");
            if (v instanceof List<?> list) {
              versions.addAll(list);
            } else if (v != null) {
              versions.add(v);
            }
          }
          List<String> problems = new ArrayList<>();
          HubVersions range = HubVersions.parse(versions, problems);
          if (askedBy.size() > 1 && problems.isEmpty() && !range.satisfiable()) {
            throw first.error("version error: no version satisfies every range asked for: "
                + asked("version"));
          }
          spec.put("version", askedBy.size() == 1 ? first.spec().get("version") : versions);
        }
        case "git" -> {
          Set<String> revisions = new LinkedHashSet<>();
          askedBy.forEach(e -> YamlValues.string(e.spec().get("revision"))
              .ifPresent(revisions::add));
          if (revisions.size() > 1) {
            throw first.error("asked for at more than one revision: " + asked("revision")
                + "; a git package is installed at exactly one");
          }
          revisions.forEach(r -> spec.put("revision", r));
        }
        default -> {
        }
      }
      return new PackageSources.Entry(first.number(), spec, first.file());
    }
  }

  private final Path projectRoot;
  private final String projectName;
  private final PackageSources sources;

  public PackageResolver(Path projectRoot, String projectName, PackageSources sources) {
    this.projectRoot = projectRoot;
    this.projectName = projectName;
    this.sources = sources;
  }

  /**
   * The packages: entries of a project's or package's packages.yml or dependencies.yml, as dbt
   * reads them (dbt ≥ 1.6's dependencies.yml also has projects:, which deps does not install).
   * {@code label} prefixes the files' names in messages ("" for the root project).
   */
  public static List<PackageSources.Entry> entries(Path folder, String label) {
    YamlReader yaml = new YamlReader(folder);
    List<PackageSources.Entry> entries = new ArrayList<>();
    String from = null;
    for (String name : PACKAGE_FILES) {
      Path file = folder.resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      String shown = label + name;
      Map<String, Object> content = yaml.readMap(file);
      if (name.equals("packages.yml") && content.containsKey("projects")) {
        throw MdsException.at(shown, "projects: belongs in dependencies.yml, as dbt requires");
      }
      if (!content.containsKey("packages")) {
        continue;
      }
      if (from != null) {
        throw MdsException.at(shown, "packages: is also in " + from
            + "; list packages in one of the two files, as dbt requires");
      }
      from = name;
      Object list = content.get("packages");
      if (list != null && !(list instanceof List<?>)) {
        throw MdsException.at(shown, "packages: must be a list of packages");
      }
      List<Object> items = YamlValues.list(list);
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Map<?, ?>)) {
          throw MdsException.at(shown, "package entry " + (i + 1)
              + " must be a mapping such as {local: ../my_package}");
        }
        entries.add(new PackageSources.Entry(i + 1, YamlValues.map(items.get(i)), shown));
      }
    }
    return entries;
  }

  /**
   * Resolves {@code entries} and, level by level as dbt does, the packages each fetched package
   * asks for. A package whose pin changes when another asks for it too is fetched again.
   */
  public Plan resolve(List<PackageSources.Entry> entries) {
    Map<String, Requirement> requirements = new LinkedHashMap<>();
    Map<String, PackageSources.Fetched> fetched = new LinkedHashMap<>();
    Map<String, Map<String, Object>> pins = new LinkedHashMap<>();
    List<PackageSources.Entry> pending = entries;
    while (!pending.isEmpty()) {
      List<PackageSources.Entry> next = new ArrayList<>();
      for (PackageSources.Entry entry : pending) {
        String key = key(entry);
        Requirement requirement = requirements.computeIfAbsent(key, Requirement::new);
        requirement.askedBy.add(entry);
        PackageSources.Entry pinned = requirement.pinned();
        if (entry.kind().equals("package") && !sources.inMirror(entry)) {
          continue;
        }
        if (Objects.equals(pins.get(key), pinned.spec())) {
          continue;
        }
        PackageSources.Fetched one = sources.fetch(pinned);
        PackageSources.Fetched before = fetched.put(key, one);
        pins.put(key, pinned.spec());
        // A wider ask that picks the same version adds nothing (and ends dependency cycles).
        if (before == null || !before.locked().equals(one.locked())) {
          next.addAll(entries(one.folder(), one.name() + "/"));
        }
      }
      pending = next;
    }
    List<PackageSources.Fetched> all = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<Map<String, Object>> locked = new ArrayList<>();
    Set<String> fetchedNames = new java.util.HashSet<>();
    fetched.values().forEach(one -> fetchedNames.add(one.name()));
    for (Requirement requirement : requirements.values()) {
      PackageSources.Fetched one = fetched.get(requirement.key);
      if (one == null) {
        PackageSources.Entry pinned = requirement.pinned();
        if (fetchedNames.contains(hubName(pinned))) {
          // A hub package the hub cannot give here, asked for by a package, while another
          // entry (a local copy or an internal git mirror of it) installs that name: as
          // behind a firewall, that copy serves it.
          continue;
        }
        skipped.add(new Skipped(pinned, hubName(pinned)));
        // As written: nothing was resolved, and a later run with a mirror resolves it.
        locked.add(pinned.spec());
      } else {
        all.add(one);
        locked.add(one.locked());
      }
    }
    checkNames(all, skipped, requirements);
    return new Plan(all, skipped, locked);
  }

  /** Fetches exactly what package-lock.yml pins; the lock already lists every dependency. */
  public Plan fromLock(List<PackageSources.Entry> lockEntries) {
    List<PackageSources.Fetched> all = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<Map<String, Object>> locked = new ArrayList<>();
    Map<String, Requirement> requirements = new LinkedHashMap<>();
    for (PackageSources.Entry entry : lockEntries) {
      Map<String, Object> spec = new LinkedHashMap<>(entry.spec());
      Object name = spec.remove("name");
      PackageSources.Entry pinned = new PackageSources.Entry(entry.number(), spec, entry.file());
      requirements.computeIfAbsent(key(pinned), Requirement::new).askedBy.add(pinned);
      if (pinned.kind().equals("package") && !sources.inMirror(pinned)) {
        skipped.add(new Skipped(pinned, hubName(pinned)));
        locked.add(entry.spec());
        continue;
      }
      PackageSources.Fetched one = sources.fetch(pinned);
      if (name != null && !name.equals(one.name())) {
        throw entry.error("the lock names it '" + name + "' but its dbt_project.yml says '"
            + one.name() + "'; run mds deps --upgrade to resolve the packages again");
      }
      all.add(one);
      locked.add(one.locked());
    }
    checkNames(all, skipped, requirements);
    return new Plan(all, skipped, locked);
  }

  /**
   * Whether the lock has a hub package it could not pin when it was written (no mirror then)
   * that the mirror now holds: then the lock is resolved again, dependencies included.
   */
  public boolean lockHasNewlyFetchable(List<PackageSources.Entry> lockEntries) {
    return lockEntries.stream().anyMatch(e -> e.kind().equals("package")
        && !e.spec().containsKey("name") && sources.inMirror(e));
  }

  /** Each package installs under its name once, and never under the root project's. */
  private void checkNames(List<PackageSources.Fetched> all, List<Skipped> skipped,
      Map<String, Requirement> requirements) {
    Map<String, String> seen = new LinkedHashMap<>();
    List<String[]> named = new ArrayList<>();
    for (PackageSources.Fetched one : all) {
      named.add(new String[] {one.name(), describe(one.locked())});
    }
    for (Skipped one : skipped) {
      named.add(new String[] {one.name(), describe(one.entry().spec())});
    }
    for (String[] one : named) {
      if (one[0].equals(projectName)) {
        throw new MdsException("package " + one[1] + " has the root project's name '" + one[0]
            + "'; package names must differ from the project's, as dbt requires");
      }
      String earlier = seen.put(one[0], one[1]);
      if (earlier != null) {
        throw new MdsException("packages " + earlier + " and " + one[1] + " both install package '"
            + one[0] + "'; list each package once");
      }
    }
  }

  private static String describe(Map<String, Object> spec) {
    for (String kind : List.of("local", "git", "tarball", "package")) {
      if (spec.containsKey(kind)) {
        return "(" + kind + ": " + spec.get(kind) + ")";
      }
    }
    return spec.toString();
  }

  /** The name a hub package installs under: the part of owner/name after the slash. */
  private static String hubName(PackageSources.Entry entry) {
    return entry.value().substring(entry.value().indexOf('/') + 1);
  }

  /**
   * The identity by which dbt merges the same package asked for twice: the hub name, the git
   * URL (with its subdirectory), the local folder, the tarball's location.
   */
  private String key(PackageSources.Entry entry) {
    String value = entry.value();
    return switch (entry.kind()) {
      case "git" -> "git:" + value.replaceFirst("/+$", "").replaceFirst("\\.git$", "") + "#"
          + YamlValues.string(entry.spec().get("subdirectory")).orElse("");
      case "local" -> "local:" + projectRoot.resolve(value).normalize();
      case "package" -> "package:" + value.toLowerCase(java.util.Locale.ROOT);
      default -> entry.kind() + ":" + value;
    };
  }
}
