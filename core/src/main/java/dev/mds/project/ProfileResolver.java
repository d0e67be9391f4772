package dev.mds.project;

import dev.mds.MdsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the target: {@code profiles.yml} in the project folder, then {@code ~/.mds/profiles.yml}
 * (dbt layout: profile, outputs, target), else an embedded DuckDB file named after the project.
 * Values of the profile in use may be templates, as in dbt: {@code "{{ env_var('DB_PATH') }}"}.
 */
final class ProfileResolver {

  static final String DEFAULT_TARGET = "dev";
  static final int DEFAULT_THREADS = 4;

  private final Path root;
  private final List<Path> candidates;
  private final Map<String, String> environment;

  ProfileResolver(Path root) {
    this(root, List.of(root.resolve("profiles.yml"),
        Path.of(System.getProperty("user.home"), ".mds", "profiles.yml")), System.getenv());
  }

  /** @param environment what {@code env_var()} in the profile reads */
  ProfileResolver(Path root, List<Path> candidates, Map<String, String> environment) {
    this.root = root;
    this.candidates = candidates;
    this.environment = environment;
  }

  Target resolve(ProjectConfig config, Optional<String> targetName) {
    YamlReader yaml = new YamlReader(root);
    for (Path file : candidates) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Map<String, Object> profiles = yaml.readMap(file);
      if (!profiles.containsKey(config.profile()) && file.equals(candidates.get(0))) {
        // The project's own profiles.yml is meant for it: a missing profile is a typo or a
        // rename, and falling back to another database would build in the wrong place (as dbt,
        // stop). A shared ~/.mds/profiles.yml may hold other projects' profiles only.
        throw MdsException.at(yaml.display(file), "there is no profile '" + config.profile()
            + "' (" + (profiles.isEmpty() ? "the file has none"
                : "profiles: " + String.join(", ", profiles.keySet()))
            + "); name one with 'profile:' in the project file, or add a '" + config.profile()
            + "' profile");
      }
      Object profile = profiles.get(config.profile());
      if (profile instanceof Map<?, ?>) {
        return fromProfile(config.profile(), YamlValues.map(profile), targetName,
            yaml.display(file), new ConfigTemplates(environment, yaml.display(file)));
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
      Optional<String> targetName, String location, ConfigTemplates templates) {
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
    if (!type.equals("duckdb")) {
      throw MdsException.at(location, "target '" + name + "' has type '" + type
          + "'; mds runs on DuckDB only (type: duckdb)");
    }
    String path = YamlValues.string(out.get("path")).orElse(profileName + ".duckdb");
    Path dbPath = path.equals(":memory:") ? Path.of(":memory:") : root.resolve(path).normalize();
    int threads;
    try {
      threads = Integer.parseInt(YamlValues.string(out.get("threads"))
          .orElse(String.valueOf(DEFAULT_THREADS)));
    } catch (NumberFormatException e) {
      throw MdsException.at(location, "threads must be a whole number, got '"
          + out.get("threads") + "'");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    YamlValues.map(out.get("settings")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
    String schema = YamlValues.string(out.get("schema")).orElse("main");
    return new Target(profileName, name, type, dbPath, schema, Math.max(1, threads), settings);
  }
}
