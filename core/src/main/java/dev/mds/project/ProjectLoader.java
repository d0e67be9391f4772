package dev.mds.project;

import dev.mds.MdsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds and reads the project file, the profile and the vars of one invocation. */
public final class ProjectLoader {

  static final String PROJECT_FILE = "mds_project.yml";
  static final String DBT_PROJECT_FILE = "dbt_project.yml";

  private ProjectLoader() {
  }

  /**
   * Loads the project in {@code dir}.
   *
   * @param targetName the {@code --target}, or empty for the profile's default
   * @param cliVars the {@code --vars} YAML text, or empty
   */
  public static Project load(Path dir, Optional<String> targetName, Optional<String> cliVars) {
    return load(dir, targetName, cliVars, Optional.empty(), Optional.empty());
  }

  /**
   * Loads the project in {@code dir} with dbt's profile options.
   *
   * @param profilesDir the {@code --profiles-dir}; when empty, {@code DBT_PROFILES_DIR} if set.
   *     Either way that folder's profiles.yml is the only one read.
   * @param profileName the {@code --profile}, replacing the project file's {@code profile:}
   */
  public static Project load(Path dir, Optional<String> targetName, Optional<String> cliVars,
      Optional<Path> profilesDir, Optional<String> profileName) {
    return load(dir, targetName, cliVars, profilesDir, profileName, System.getenv());
  }

  static Project load(Path dir, Optional<String> targetName, Optional<String> cliVars,
      Optional<Path> profilesDir, Optional<String> profileName, Map<String, String> environment) {
    Path root = dir.toAbsolutePath().normalize();
    if (Files.isRegularFile(root)) {
      throw new MdsException(root + " is a file, not a project folder: pass the folder that holds"
          + " dbt_project.yml" + (root.getFileName() != null
              && root.getFileName().toString().endsWith(".yml") ? " (" + root.getParent() + ")"
              : ""));
    }
    if (!Files.isDirectory(root)) {
      throw new MdsException("Project folder " + root + " does not exist.");
    }
    Path projectFile = root.resolve(PROJECT_FILE);
    if (!Files.isRegularFile(projectFile)) {
      projectFile = root.resolve(DBT_PROJECT_FILE);
    }
    if (!Files.isRegularFile(projectFile)) {
      throw new MdsException("No " + PROJECT_FILE + " or " + DBT_PROJECT_FILE + " in " + root
          + ": run mds from a project folder, pass --project-dir, or create one with mds init NAME.");
    }
    YamlReader yaml = new YamlReader(root);
    Map<String, Object> raw = yaml.readMap(projectFile);
    String location = yaml.display(projectFile);
    ProjectConfig config = parseConfig(raw, location);
    if (profileName.isPresent()) {
      config = config.withProfile(profileName.get());
    }
    Map<String, Object> vars = new LinkedHashMap<>(config.vars());
    cliVars.filter(s -> !s.isBlank()).ifPresent(text ->
        vars.putAll(YamlReader.parseMap(text, "--vars")));
    Optional<String> fromEnvironment = Optional.ofNullable(environment.get("DBT_PROFILES_DIR"))
        .filter(d -> !d.isBlank());
    ProfileResolver profiles = profilesDir.isPresent()
        ? ProfileResolver.inFolder(root, profilesDir.get(), "--profiles-dir", environment)
        : fromEnvironment.isPresent()
            ? ProfileResolver.inFolder(root, Path.of(fromEnvironment.get()), "DBT_PROFILES_DIR",
                environment)
            : new ProfileResolver(root);
    Target target = profiles.resolve(config, targetName);
    ConfigTemplates templates = new ConfigTemplates(environment, location, vars, target);
    config = config.withFolderConfigs((tree, key) -> tree.rendered(templates, key));
    return new Project(root, projectFile, config, target, renderedVars(vars, templates));
  }

  /**
   * The packages installed under the project's {@code packages-install-path} (each folder with
   * a {@code dbt_project.yml}), in name order, each a project of its own as dbt sees it: its own
   * paths and folder configs, and vars that are its own defaults overridden by the root project's
   * (global, then those scoped under the package's name) and {@code --vars}.
   */
  public static List<Project> packages(Project root, Map<String, String> environment) {
    Path installPath = root.packagesInstallPath();
    if (!Files.isDirectory(installPath)) {
      return List.of();
    }
    List<Path> folders;
    try (java.util.stream.Stream<Path> listing = Files.list(installPath)) {
      folders = listing.filter(f -> Files.isRegularFile(f.resolve(DBT_PROJECT_FILE))).sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new MdsException("cannot list " + installPath + ": " + e.getMessage(), e);
    }
    YamlReader yaml = new YamlReader(root.root());
    List<Project> packages = new ArrayList<>();
    for (Path folder : folders) {
      Path projectFile = folder.resolve(DBT_PROJECT_FILE);
      String location = yaml.display(projectFile);
      ProjectConfig own = parseConfig(yaml.readMap(projectFile), location);
      String name = own.name();
      if (name.equals(root.name())) {
        continue;
      }
      Map<String, Object> vars = new LinkedHashMap<>(own.vars());
      root.vars().forEach((key, value) -> {
        if (!(value instanceof Map<?, ?>) || !key.equals(name)) {
          vars.put(key, value);
        }
      });
      if (root.vars().get(name) instanceof Map<?, ?> scoped) {
        vars.putAll(YamlValues.map(scoped));
      }
      ConfigTemplates templates = new ConfigTemplates(environment, location, vars, root.target());
      ProjectConfig config = own.withFolderConfigs((tree, key) -> tree.rendered(templates, key));
      packages.add(new Project(folder.toAbsolutePath().normalize(), projectFile, config,
          root.target(), renderedVars(vars, templates), root.displayRoot()));
    }
    return List.copyOf(packages);
  }

  /**
   * The vars with each templated text value rendered as dbt renders a var when it is read
   * ({@code insert_batch_size: "{{ 500 if target.type == 'bigquery' else 10000 }}"} is 10000 on
   * DuckDB). A value that needs more than the project file's context ({@code this}, a macro) is
   * kept as written, for the template that reads it.
   */
  private static Map<String, Object> renderedVars(Map<String, Object> vars,
      ConfigTemplates templates) {
    Map<String, Object> rendered = new LinkedHashMap<>(vars);
    rendered.replaceAll((key, value) -> {
      if (value instanceof String text && (text.contains("{{") || text.contains("{%"))) {
        try {
          return templates.nativeValue(text, "vars." + key);
        } catch (MdsException needsMore) {
          return value;
        }
      }
      return value;
    });
    return rendered;
  }

  static ProjectConfig parseConfig(Map<String, Object> raw, String location) {
    String name = YamlValues.string(raw.get("name")).orElseThrow(() ->
        MdsException.at(location, "the project has no 'name:'; add e.g. name: my_project"));
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw MdsException.at(location, "project name '" + name
          + "' must be letters, digits and underscores, starting with a letter");
    }
    if (raw.get("vars") != null && !(raw.get("vars") instanceof Map<?, ?>)) {
      throw MdsException.at(location, "'vars:' must be a mapping of names to values"
          + " (vars: {start_date: '2024-01-01'}), got '" + raw.get("vars") + "'");
    }
    for (String tree : List.of("models", "seeds", "data_tests", "tests", "sources", "snapshots")) {
      if (raw.get(tree) != null && !(raw.get(tree) instanceof Map<?, ?>)) {
        // models: [a] would otherwise configure nothing, silently.
        throw MdsException.at(location, "'" + tree + ":' must be a mapping of configs by project"
            + " and folder (" + tree + ": {" + name + ": {+materialized: table}}), got '"
            + raw.get(tree) + "'");
      }
      NodeConfig.checkValues(YamlValues.map(raw.get(tree)), location);
    }
    List<String> modelPaths = paths(raw, "model-paths", List.of("models"), location);
    List<String> seedPaths = paths(raw, "seed-paths", List.of("seeds"), location);
    List<String> testPaths = paths(raw, "test-paths", List.of("tests"), location);
    List<String> macroPaths = paths(raw, "macro-paths", List.of("macros"), location);
    List<String> defaultDocs = new ArrayList<>(modelPaths);
    defaultDocs.addAll(seedPaths);
    defaultDocs.addAll(testPaths);
    defaultDocs.addAll(macroPaths);
    List<String> docsPaths = paths(raw, "docs-paths", defaultDocs, location);
    String targetPath = YamlValues.string(raw.get("target-path")).orElse("target");
    return new ProjectConfig(name,
        YamlValues.string(raw.get("version")).orElse(""),
        YamlValues.string(raw.get("profile")).orElse(name),
        modelPaths, seedPaths, testPaths, macroPaths, docsPaths, targetPath,
        projectVars(raw.get("vars"), name),
        new FolderConfigs(name, YamlValues.map(raw.get("models"))),
        new FolderConfigs(name, YamlValues.map(raw.get("seeds"))),
        new FolderConfigs(name, YamlValues.map(firstPresent(raw, "data_tests", "tests"))),
        new FolderConfigs(name, YamlValues.map(raw.get("sources"))),
        YamlValues.strings(firstPresent(raw, "on-run-start", "on_run_start")),
        YamlValues.strings(firstPresent(raw, "on-run-end", "on_run_end")),
        raw);
  }

  private static Object firstPresent(Map<String, Object> raw, String... keys) {
    for (String key : keys) {
      if (raw.containsKey(key)) {
        return raw.get(key);
      }
    }
    return null;
  }

  static List<String> paths(Map<String, Object> raw, String key, List<String> fallback) {
    return paths(raw, key, fallback, "the project file");
  }

  private static List<String> paths(Map<String, Object> raw, String key, List<String> fallback,
      String location) {
    Object value = raw.get(key);
    if (value == null) {
      value = raw.get(key.replace('-', '_'));
    }
    if (value != null && !(value instanceof List<?>) && !(value instanceof String)) {
      // model-paths: 5 would otherwise be no folder at all: a project of no models, built "OK".
      throw MdsException.at(location, "'" + key + ": " + value + "' must be a list of folders ("
          + key + ": [" + fallback.stream().findFirst().orElse("folder") + "])");
    }
    return value == null ? fallback : YamlValues.strings(value);
  }

  /** dbt allows vars scoped under the project name; those are flattened to the top. */
  private static Map<String, Object> projectVars(Object value, String projectName) {
    Map<String, Object> vars = new LinkedHashMap<>();
    YamlValues.map(value).forEach((k, v) -> {
      if (k.equals(projectName) && v instanceof Map<?, ?>) {
        vars.putAll(YamlValues.map(v));
      } else {
        vars.put(k, v);
      }
    });
    return vars;
  }
}
