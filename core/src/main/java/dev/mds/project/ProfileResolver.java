package dev.mds.project;

import dev.mds.MdsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the target: {@code profiles.yml} in the project folder, then {@code ~/.mds/profiles.yml},
 * then dbt's {@code ~/.dbt/profiles.yml} (dbt layout: profile, outputs, target), else an embedded
 * DuckDB file named after the project. A profiles folder named by {@code --profiles-dir} or
 * {@code DBT_PROFILES_DIR} is the only place read. Values of the profile in use may be templates,
 * as in dbt: {@code "{{ env_var('DB_PATH') }}"}.
 */
final class ProfileResolver {

  static final String DEFAULT_TARGET = "dev";
  static final int DEFAULT_THREADS = 4;

  /** Output keys mds acts on; dbt-duckdb's others are accepted and listed by {@code mds debug}. */
  private static final Set<String> USED_KEYS = Set.of("type", "path", "database", "schema",
      "threads", "settings", "extensions", "external_root", "attach", "publish", "serving_path",
      dev.mds.engine.StorageVersion.CONFIG_OPTIONS);

  private final Path root;
  private final List<Path> candidates;
  private final Map<String, String> environment;
  /** Whether the first candidate is the one place to read (an explicit profiles folder). */
  private final boolean only;

  ProfileResolver(Path root) {
    this(root, List.of(root.resolve("profiles.yml"),
        Path.of(System.getProperty("user.home"), ".mds", "profiles.yml"),
        Path.of(System.getProperty("user.home"), ".dbt", "profiles.yml")), System.getenv());
  }

  /** @param environment what {@code env_var()} in the profile reads */
  ProfileResolver(Path root, List<Path> candidates, Map<String, String> environment) {
    this(root, candidates, environment, false);
  }

  private ProfileResolver(Path root, List<Path> candidates, Map<String, String> environment,
      boolean only) {
    this.root = root;
    this.candidates = candidates;
    this.environment = environment;
    this.only = only;
  }

  /**
   * Reads only {@code dir/profiles.yml}, which must exist.
   *
   * @param origin how the folder was named ({@code --profiles-dir} or {@code DBT_PROFILES_DIR}),
   *     for the error when it has no profiles.yml
   */
  static ProfileResolver inFolder(Path root, Path dir, String origin,
      Map<String, String> environment) {
    // As dbt, a relative folder is taken from where mds runs, not from the project folder.
    Path file = dir.toAbsolutePath().normalize().resolve("profiles.yml");
    if (!Files.isRegularFile(file)) {
      throw new MdsException(origin + " names " + dir + ", but there is no " + file
          + "; point it at the folder holding profiles.yml");
    }
    return new ProfileResolver(root, List.of(file), environment, true);
  }

  Target resolve(ProjectConfig config, Optional<String> targetName) {
    YamlReader yaml = new YamlReader(root);
    for (Path file : candidates) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Map<String, Object> profiles = yaml.readMap(file);
      if (!profiles.containsKey(config.profile()) && (only || file.equals(candidates.get(0)))) {
        // The project's own profiles.yml (or the one named on purpose) is meant for it: a missing
        // profile is a typo or a rename, and falling back to another database would build in the
        // wrong place (as dbt, stop). A shared ~/.mds or ~/.dbt profiles.yml may hold other
        // projects' profiles only.
        throw MdsException.at(yaml.display(file), "there is no profile '" + config.profile()
            + "' (" + (profiles.isEmpty() ? "the file has none"
                : "profiles: " + String.join(", ", profiles.keySet()))
            + "); name one with 'profile:' in the project file, or add a '"
            + config.profile() + "' profile");
      }
      Object profile = profiles.get(config.profile());
      if (profile instanceof Map<?, ?>) {
        return fromProfile(config.profile(), YamlValues.map(profile), targetName,
            yaml.display(file), new ConfigTemplates(environment, yaml.display(file)), file);
      }
    }
    String name = targetName.orElse(DEFAULT_TARGET);
    if (!name.equals(DEFAULT_TARGET)) {
      throw new MdsException("Target '" + name + "' not found: there is no profiles.yml with a '"
          + config.profile() + "' profile, so the only target is '" + DEFAULT_TARGET + "'.");
    }
    return new Target(config.profile(), DEFAULT_TARGET, "duckdb",
        root.resolve(config.name() + ".duckdb"), "main", DEFAULT_THREADS, Map.of());
  }

  /**
   * As dbt does, only the target name and the output in use are rendered: another output may read
   * variables that are not set on this machine.
   */
  private Target fromProfile(String profileName, Map<String, Object> profile,
      Optional<String> targetName, String location, ConfigTemplates templates, Path file) {
    Map<String, Object> outputs = YamlValues.map(profile.get("outputs"));
    String name = targetName
        .or(() -> YamlValues.string(
            templates.value(profile.get("target"), profileName + ".target")))
        .orElse(outputs.size() == 1 ? outputs.keySet().iterator().next() : DEFAULT_TARGET);
    Object output = outputs.get(name);
    if (!(output instanceof Map<?, ?>)) {
      throw MdsException.at(location, "profile '" + profileName + "' has no output '" + name
          + "' (outputs: " + String.join(", ", outputs.keySet()) + ")");
    }
    Map<String, Object> out = YamlValues.map(
        templates.value(output, profileName + ".outputs." + name));
    String type = YamlValues.string(out.get("type")).orElse("duckdb");
    if (type.equalsIgnoreCase("duckdb")) {
      type = "duckdb";
    } else {
      return otherEngine(profileName, name, type, out, location, file);
    }
    if (out.get("path") instanceof Map<?, ?> || out.get("path") instanceof List<?>) {
      throw MdsException.at(location, profileName + ".outputs." + name + ".path must be the"
          + " DuckDB file's path, got '" + out.get("path") + "'");
    }
    String path = YamlValues.string(out.get("path")).orElse(profileName + ".duckdb");
    if (path.isBlank()) {
      throw MdsException.at(location, profileName + ".outputs." + name + ".path is empty: name the"
          + " DuckDB file (path: " + profileName + ".duckdb), or ':memory:' for a throw-away one");
    }
    Path dbPath = path.equals(":memory:") ? Path.of(":memory:") : root.resolve(path).normalize();
    if (Files.isDirectory(dbPath)) {
      throw MdsException.at(location, profileName + ".outputs." + name + ".path '" + path
          + "' is a folder: name the DuckDB file in it (path: " + path + "/" + profileName
          + ".duckdb)");
    }
    int threads;
    try {
      threads = Integer.parseInt(YamlValues.string(out.get("threads"))
          .orElse(String.valueOf(DEFAULT_THREADS)));
    } catch (NumberFormatException e) {
      throw MdsException.at(location, "threads must be a whole number, got '"
          + out.get("threads") + "'");
    }
    if (threads < 1) {
      throw MdsException.at(location, profileName + ".outputs." + name + ".threads must be at"
          + " least 1, got " + threads);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    YamlValues.map(out.get("settings")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
    String schema = YamlValues.string(out.get("schema")).orElse("main");
    String where = location + " (" + profileName + ".outputs." + name;
    List<Attachment> attachments = attachments(out.get("attach"), dbPath, where);
    String own = Target.catalogOf(dbPath);
    YamlValues.string(out.get("database")).filter(d -> !d.equalsIgnoreCase(own)).ifPresent(d -> {
      // dbt-duckdb also takes an attach alias here, to build into that file by default; mds
      // builds into the target's own file and names the others per model with 'database'.
      throw MdsException.at(where + ".database)", "database '" + d + "' does not match the path,"
          + " whose database is '" + own + "'; set database: " + own + " or leave it out, and"
          + " put models into attached databases with their 'database' config");
    });
    List<String> extensions = new ArrayList<>();
    for (Object extension : YamlValues.list(out.get("extensions"))) {
      // dbt-duckdb takes a name, or {name, repo} for an extension from another repository.
      Object extensionName = extension instanceof Map<?, ?> m ? m.get("name") : extension;
      YamlValues.string(extensionName).ifPresent(extensions::add);
    }
    Optional<Path> externalRoot = YamlValues.string(out.get("external_root"))
        .map(r -> root.resolve(r).normalize());
    List<String> ignored = out.keySet().stream().filter(k -> !USED_KEYS.contains(k)).toList();
    // Options DuckDB takes only when the database opens (dbt-duckdb's config_options), such as
    // storage_compatibility_version: carried in the target's output for the engine to pass on.
    Object configOptions = out.get(dev.mds.engine.StorageVersion.CONFIG_OPTIONS);
    if (configOptions != null && !(configOptions instanceof Map<?, ?>)) {
      throw MdsException.at(where + "." + dev.mds.engine.StorageVersion.CONFIG_OPTIONS + ")",
          "config_options must be a mapping of DuckDB options, such as"
          + " {storage_compatibility_version: v1.4.0}; got '" + configOptions + "'");
    }
    Map<String, Object> engineOptions = configOptions == null ? Map.of()
        : Map.of(dev.mds.engine.StorageVersion.CONFIG_OPTIONS, configOptions);
    return new Target(profileName, name, type, dbPath, schema, Math.max(1, threads), settings,
        attachments, extensions, externalRoot, ignored, Optional.of(file),
        ServingSettings.read(out, dbPath, root, where), engineOptions,
        dev.mds.graph.Quoting.DOUBLE_QUOTES, Optional.empty());
  }

  /**
   * A target of another engine than DuckDB: the keys every engine shares ({@code schema},
   * {@code threads}) are read here, the rest of the output is carried for the engine's provider,
   * which completes the target ({@link dev.mds.engine.EngineProvider#configure}). Its database
   * path is the project folder, where an engine keeps any local state.
   */
  private Target otherEngine(String profileName, String name, String type,
      Map<String, Object> out, String location, Path file) {
    int threads = threads(out, profileName + ".outputs." + name, location);
    String schema = YamlValues.string(out.get("schema")).orElse("default");
    Target target = new Target(profileName, name, type, root, schema, threads, Map.of(),
        List.of(), List.of(), Optional.empty(), List.of(), Optional.of(file),
        Serving.defaultFor(root), out, dev.mds.graph.Quoting.DOUBLE_QUOTES, Optional.empty());
    return dev.mds.engine.Engines.provider(target).configure(target);
  }

  private static int threads(Map<String, Object> out, String key, String location) {
    int threads;
    try {
      threads = Integer.parseInt(YamlValues.string(out.get("threads"))
          .orElse(String.valueOf(DEFAULT_THREADS)));
    } catch (NumberFormatException e) {
      throw MdsException.at(location, "threads must be a whole number, got '"
          + out.get("threads") + "'");
    }
    if (threads < 1) {
      throw MdsException.at(location, key + ".threads must be at least 1, got " + threads);
    }
    return threads;
  }

  /** The {@code attach:} list, each with its alias checked against the others. */
  private List<Attachment> attachments(Object value, Path dbPath, String where) {
    List<Attachment> attachments = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of(Target.catalogOf(dbPath).toLowerCase()));
    int index = 0;
    for (Object item : YamlValues.list(value)) {
      String at = where + ".attach[" + index++ + "])";
      Map<String, Object> entry = YamlValues.map(item);
      String path = YamlValues.string(entry.get("path")).orElseThrow(() ->
          MdsException.at(at, "an attached database needs a 'path:' (the DuckDB file)"));
      String type = YamlValues.string(entry.get("type")).orElse("duckdb");
      if (!type.equalsIgnoreCase("duckdb")) {
        throw MdsException.at(at, "type '" + type + "' cannot be attached: mds attaches DuckDB"
            + " files only (leave type out or write type: duckdb)");
      }
      Path file = path.equals(":memory:") ? Path.of(":memory:") : root.resolve(path).normalize();
      String alias = YamlValues.string(entry.get("alias")).orElse(Target.catalogOf(file));
      if (names.contains(alias.toLowerCase())) {
        throw MdsException.at(at, "the database name '" + alias + "' is already taken (by the"
            + " target's own file or an earlier attach); give this one another 'alias:'");
      }
      names.add(alias.toLowerCase());
      attachments.add(new Attachment(file, alias,
          YamlValues.bool(entry.get("read_only"), false)));
    }
    return attachments;
  }
}
