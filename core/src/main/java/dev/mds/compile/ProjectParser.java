package dev.mds.compile;

import dev.mds.Background;
import dev.mds.FileFacts;
import dev.mds.MdsException;
import dev.mds.ProjectErrors;
import dev.mds.Timings;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.RefCall;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.graph.SourceCall;
import dev.mds.project.FolderConfigs;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import dev.mds.project.ProjectConfig;
import dev.mds.project.ProjectFiles;
import dev.mds.project.RelativePath;
import dev.mds.project.YamlCache;
import dev.mds.schema.ColumnSpec;
import dev.mds.schema.NodeProperties;
import dev.mds.schema.SchemaLoader;
import dev.mds.schema.SchemaSpecs;
import dev.mds.schema.SourceSpec;
import dev.mds.schema.SourceTableSpec;
import dev.mds.template.NodeContext;
import dev.mds.template.TemplateEngine;
import dev.mds.template.context.Invocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The parse pass: reads every model, seed and source, renders each model once to capture its
 * {@code ref}, {@code source} and {@code config} calls, merges configs (project folders, then schema
 * YAML, then the file's own {@code config()}), and checks the graph.
 */
public final class ProjectParser {

  /** The platform's path separator as a {@link String#split} argument that takes its fast path. */
  private static final String SEPARATOR = java.io.File.separatorChar == '\\' ? "\\\\"
      : java.io.File.separator;

  private final Project project;
  /** One listing of the project's folders for the whole parse. */
  private final ProjectFiles files;
  private final TemplateEngine templates;
  private final SchemaSpecs schema;
  /**
   * The root project, then each installed package (as dbt, packages' models, seeds, sources and
   * tests are part of the project): its own files, folder configs and schema YAML.
   */
  private final List<Unit> units;
  private final List<String> warnings = new ArrayList<>();
  /** Unknown and ignored config keys of the root project (issue 21). */
  private final ConfigKeyCheck keyCheck = new ConfigKeyCheck();
  /** Every error found so far; the parse goes on to find the others and then reports them all. */
  private final List<MdsException> errors = new ArrayList<>();
  /**
   * Models and seeds (by name) and source tables ({@code source.table}) with errors: refs to them
   * are not errors of their own.
   */
  private final Set<String> broken = new java.util.HashSet<>();
  /** Whether a schema file has an error, so sources it declares may be missing. */
  private boolean schemaBroken;
  private final Map<String, Set<String>> macroUses =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Model files whose render reads the invocation's time or id: never kept for the next run. */
  private final Set<String> invocationRenders =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<String, ParseResult.ParseRender> parseRenders =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Map<String, String> environment;
  /** What each Python model calls on {@code dbt}, found before models are parsed. */
  private final Map<Path, PythonModelCalls> pythonCalls = new java.util.HashMap<>();
  private final Optional<ParseCache> cache;
  /** Large seeds' checksums ({@code target/partial_seeds.json}): hashing one reads it whole. */
  private final FileFacts seedChecksums;
  /** Model files' text read ahead by {@link #precompileModels}, each taken once by its parse. */
  private final Map<Path, String> preread = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger rendered =
      new java.util.concurrent.atomic.AtomicInteger();

  private ProjectParser(Project project, Map<String, String> environment, boolean partialParse,
      Invocation invocation) {
    this.project = project;
    this.files = new ProjectFiles(project);
    this.environment = environment;
    Timings.lap("load project");
    // Filled on the schema thread, read once it is joined.
    List<MdsException> schemaErrors = new ArrayList<>();
    // Three independent reads: schema YAML loads on one thread and the partial-parse file on
    // another, while this one compiles the macros and then computes the partial-parse key (a
    // digest of macros, docs, vars and target) that the file must have been written under.
    CompletableFuture<SchemaSpecs> schemaRead = Background.start("schema", () -> {
      YamlCache yaml = partialParse ? YamlCache.load(project.targetDir()) : YamlCache.none();
      SchemaSpecs loaded = new SchemaLoader(project, files, yaml).load(schemaErrors);
      keyCheck.schemaFiles(files, new dev.mds.project.YamlReader(project.displayRoot()), yaml);
      yaml.write();
      return loaded;
    });
    CompletableFuture<Optional<ParseCache.Stored>> cacheRead = Background.start("partial-parse",
        () -> partialParse ? ParseCache.read(project) : Optional.empty());
    String key;
    try {
      this.templates = new TemplateEngine(project, environment, files, invocation);
      key = partialParse ? ParseCache.key(project, files, templates.installedPackageFiles())
          : null;
      Background.await(cacheRead);
      if (!cacheRead.isCompletedExceptionally() && cacheRead.join().isEmpty()) {
        precompileModels(schemaRead);
      }
    } finally {
      // An error here is reported once the other reads are done: they write under target/.
      Background.await(schemaRead, cacheRead);
    }
    this.schema = Background.join(schemaRead);
    errors.addAll(schemaErrors);
    this.schemaBroken = !schemaErrors.isEmpty();
    List<Unit> all = new ArrayList<>();
    all.add(new Unit(project, files, schema));
    for (Project installed : templates.packageProjects()) {
      ProjectFiles listing = new ProjectFiles(installed);
      List<MdsException> packageErrors = new ArrayList<>();
      all.add(new Unit(installed, listing,
          new SchemaLoader(installed, listing, YamlCache.none()).load(packageErrors)));
      errors.addAll(packageErrors);
      schemaBroken |= !packageErrors.isEmpty();
    }
    this.units = List.copyOf(all);
    Optional<ParseCache.Stored> stored = Background.join(cacheRead);
    this.cache = partialParse ? Optional.of(ParseCache.of(project, key, stored))
        : Optional.empty();
    this.seedChecksums = partialParse
        ? FileFacts.in(project.targetDir().resolve("partial_seeds.json")) : FileFacts.none();
    Timings.lap("templates, schema YAML, partial parse");
  }

  /**
   * With no partial parse to reuse, every model renders: this thread compiles model templates
   * (and keeps the text read) until {@code schemaRead} is done, instead of waiting idle for the
   * schema YAML, which the renders need. A file that cannot be read or compiled is left to its
   * parse, which reports it where it always has.
   */
  private void precompileModels(CompletableFuture<?> schemaRead) {
    List<Path> models;
    try {
      models = files.models();
    } catch (MdsException e) {
      return;
    }
    for (Path file : models) {
      if (schemaRead.isDone()) {
        return;
      }
      String raw;
      try {
        raw = ProjectFiles.read(project, file);
      } catch (MdsException e) {
        continue;
      }
      preread.put(file, raw);
      templates.precompile(file, raw);
    }
  }

  /** Parses the project, or throws an {@link MdsException} naming the file at fault. */
  public static ParseResult parse(Project project) {
    return parse(project, true);
  }

  /**
   * Parses the project; with {@code partialParse}, models unchanged since the last parse are
   * taken from {@code target/partial_parse.json} instead of being rendered.
   */
  public static ParseResult parse(Project project, boolean partialParse) {
    return parse(project, partialParse, Invocation.standalone());
  }

  /** As {@link #parse(Project, boolean)}, for the command {@code invocation} (log(), flags). */
  public static ParseResult parse(Project project, boolean partialParse, Invocation invocation) {
    try {
      return new ProjectParser(project, System.getenv(), partialParse, invocation).run();
    } catch (MdsException e) {
      throw withMissingPaths(project, e);
    }
  }

  /**
   * An error that a path the project file names but does not exist may explain (a doc() block
   * not found because its folder is misspelt in model-paths): the path said on the same line.
   */
  private static MdsException withMissingPaths(Project project, MdsException error) {
    List<String> missing = missingPaths(project);
    String message = String.valueOf(error.getMessage());
    if (missing.isEmpty() || message.contains("\n") || error.getClass() != MdsException.class) {
      return error;
    }
    return new MdsException(message + " (note: " + String.join("; ", missing) + ")", error);
  }

  static ParseResult parse(Project project, Map<String, String> environment,
      boolean partialParse) {
    return new ProjectParser(project, environment, partialParse, Invocation.standalone()).run();
  }

  /** The root project or an installed package, with its files and schema YAML. */
  private record Unit(Project project, ProjectFiles files, SchemaSpecs schema) {
  }

  /** A model file and the project or package it belongs to. */
  private record UnitFile(Unit unit, Path file) {
  }

  private ParseResult run() {
    warnings.addAll(missingPaths(project));
    keyCheck.projectFile(project);
    Map<String, Node> byName = new LinkedHashMap<>();
    Set<String> disabled = new LinkedHashSet<>();
    List<Model> models = new ArrayList<>();
    for (Unit unit : units) {
      for (Path file : unit.files().seeds()) {
        try {
          seed(unit, file).ifPresentOrElse(seed -> register(byName, seed),
              () -> disabled.add(baseName(file)));
        } catch (MdsException e) {
          errors.add(e);
          broken.add(baseName(file));
        }
      }
    }
    seedChecksums.save();
    // Rendering dominates parsing and each model renders on its own: do it on every core, then
    // register in file order so duplicate-name errors are the same on every run. Every model's
    // error is kept, so one run reports them all.
    List<UnitFile> modelFiles = new ArrayList<>();
    for (Unit unit : units) {
      List<Path> own = new ArrayList<>(unit.files().models());
      List<Path> pythonFiles = unit.files().pythonModels();
      if (!pythonFiles.isEmpty()) {
        pythonCalls.putAll(PythonModelCalls.of(unit.project(), pythonFiles));
        own.addAll(pythonFiles);
        own.sort(null);
      }
      own.forEach(file -> modelFiles.add(new UnitFile(unit, file)));
    }
    List<Parsed> parsedModels = modelFiles.parallelStream().map(this::parsed).toList();
    for (int i = 0; i < modelFiles.size(); i++) {
      Path file = modelFiles.get(i).file();
      Parsed parsed = parsedModels.get(i);
      if (parsed.error() != null) {
        errors.add(parsed.error());
        broken.add(baseName(file));
      } else if (parsed.model().isPresent()) {
        try {
          register(byName, parsed.model().get());
          models.add(parsed.model().get());
        } catch (MdsException e) {
          errors.add(e);
        }
      } else {
        disabled.add(baseName(file));
      }
    }
    for (Unit unit : units) {
      for (Model snapshot : new SnapshotParser(this, project, templates).parse(unit.project(),
          unit.files(), unit.schema(), errors::add, broken::add, disabled::add)) {
        try {
          register(byName, snapshot);
        } catch (MdsException e) {
          errors.add(e);
        }
      }
    }
    Timings.lap("parse models (" + rendered.get() + " rendered)");
    Map<String, Source> sources = sources();
    List<Node> nodes = new ArrayList<>();
    for (Node node : byName.values()) {
      if (node instanceof Model model) {
        try {
          nodes.add(withDependencies(model, byName, disabled, sources));
        } catch (MdsException e) {
          errors.add(e);
        }
      } else {
        nodes.add(node);
      }
    }
    nodes.addAll(sources.values());
    for (Unit unit : units) {
      nodes.addAll(new TestParser(unit.project(), unit.files(), templates, unit.schema(),
          (requester, refs, calls) -> parentsOf(requester, refs, calls, byName, disabled,
              sources),
          macroUses, errors).parse(byName, sources));
      warnUnmatchedEntries(unit.schema(), byName, disabled);
    }
    nodes.addAll(new UnitTestParser(project, units.get(0).files(), errors).parse(nodes));
    dev.mds.graph.SemanticLayer semanticLayer = new SemanticLayerParser(project,
        units.stream().map(u -> new SemanticLayerParser.Unit(u.project(), u.files())).toList(),
        byName, errors).parse();
    AccessCheck.check(nodes, byName, semanticLayer, errors);
    for (Unit unit : units) {
      TestParser.Dependencies resolver = (requester, refs, calls) -> parentsOf(requester, refs,
          calls, byName, disabled, sources);
      nodes.addAll(new ExposureParser(unit.project(), unit.files(), templates, resolver, errors)
          .parse(unit.schema().exposures()));
      nodes.addAll(new AnalysisParser(unit.project(), unit.files(), templates, resolver,
          macroUses, errors).parse(byName.keySet()));
    }
    ProjectErrors.throwIfAny(errors);
    Timings.lap("sources and tests");
    // The partial-parse file is written on another core while the graph is built and checked.
    CompletableFuture<String> cacheWritten = cache.map(c -> Background.start("partial-parse",
        () -> {
          try {
            c.write();
            return (String) null;
          } catch (java.io.IOException | RuntimeException e) {
            // The cache only saves time: failing to write it (a read-only folder) must not fail
            // a parse.
            return "could not write " + ParseCache.FILE + ": " + e.getMessage();
          }
        })).orElse(null);
    Manifest manifest;
    try {
      manifest = new Manifest(project.name(), nodes, templates.macros(), templates.docs(),
          macroUses, semanticLayer);
    } finally {
      Background.await(cacheWritten);
    }
    if (cacheWritten != null && Background.join(cacheWritten) != null) {
      warnings.add(Background.join(cacheWritten));
    }
    Timings.lap("graph and write partial parse");
    return new ParseResult(project, templates, schema, manifest, List.copyOf(warnings),
        Map.copyOf(parseRenders), rendered.get(), cache.map(ParseCache::key),
        keyCheck.report(), !invocationRenders.isEmpty());
  }

  /**
   * A model path the project file sets that does not exist (a typo): said, since the project then
   * silently has no models. Other paths are not: git keeps no empty folders, so a clone of a
   * project made by dbt init often lacks its tests/ or macros/ folder.
   */
  private static List<String> missingPaths(Project project) {
    List<String> missing = new ArrayList<>();
    Map<String, Object> raw = project.config().raw();
    if (raw == null) {
      return missing;
    }
    for (String key : List.of("model-paths")) {
      Object value = raw.containsKey(key) ? raw.get(key) : raw.get(key.replace('-', '_'));
      for (String dir : value == null ? List.<String>of()
          : dev.mds.project.YamlValues.strings(value)) {
        if (!java.nio.file.Files.isDirectory(project.resolve(dir))) {
          missing.add(project.display(project.projectFile()) + ": " + key + " names '" + dir
              + "', which does not exist in " + project.root());
        }
      }
    }
    return missing;
  }

  private void register(Map<String, Node> byName, Node node) {
    Node previous = byName.putIfAbsent(node.name(), node);
    if (previous != null) {
      throw MdsException.at(node.file(), "a " + previous.resourceType().label() + " named '"
          + node.name() + "' already exists in " + previous.file()
          + "; names must be unique across models, seeds and snapshots (rename one, or disable it)");
    }
  }

  /** A model file's outcome: its model (empty when disabled), or the error it raised. */
  private record Parsed(Optional<Model> model, MdsException error) {
  }

  private Parsed parsed(UnitFile file) {
    try {
      return new Parsed(model(file.unit(), file.file()), null);
    } catch (MdsException e) {
      return new Parsed(Optional.empty(), e);
    }
  }

  private Optional<Model> model(Unit unit, Path file) {
    if (file.getFileName().toString().endsWith(".py")) {
      return pythonModel(unit, file);
    }
    Project owner = unit.project();
    String name = unit.schema().nodeNameForFile(baseName(file),
        other -> unit.files().models().stream().anyMatch(f -> baseName(f).equals(other)));
    Optional<dev.mds.graph.ModelVersion> version = unit.schema().version(name);
    String display = project.display(file);
    Optional<NodeProperties> props = unit.schema().model(name);
    List<String> fqn = fqn(owner, file, owner.config().modelPaths());
    if (version.isPresent()) {
      // dbt's fqn of a version: the folders, the model's name, then v<v>.
      fqn.set(fqn.size() - 1, version.get().modelName());
      fqn.add("v" + version.get().version());
    }
    NodeConfig config = folderConfig(owner, ProjectConfig::models, fqn);
    if (props.isPresent()) {
      config = config.merge(renderedConfig(props.get()));
    }
    String ahead = preread.remove(file);
    String raw = ahead != null ? ahead : ProjectFiles.read(project, file);
    String checksum = FileChecksum.of(raw);
    Relation provisional = relation(config, name, "model", fqn, display);
    NodeConfig baseConfig = config;
    String path = templates.templateName(file);
    ParseCache.Entry parsed = cache
        .flatMap(c -> c.lookup(path, checksum, provisional.schema(), environment))
        .orElseGet(() -> render(file, raw, display, name, checksum, provisional.schema(),
            baseConfig, fqn));
    boolean perInvocation = invocationRenders.contains(path);
    cache.ifPresent(c -> c.put(path, parsed, raw, perInvocation));
    templates.noteBuiltinUses(parsed.macros());
    if (owner == project) {
      keyCheck.configCall(dev.mds.project.KnownConfigKeys.Kind.MODEL, display, raw,
          parsed.config());
    }
    config = config.merge(parsed.config());
    if (!config.enabled()) {
      return Optional.empty();
    }
    checkDatabase(config, display, "model '" + name + "'");
    dev.mds.engine.IncrementalStrategy.check(config, display);
    String id = version.map(v -> "model." + owner.name() + "." + v.modelName() + ".v"
        + v.version()).orElse("model." + owner.name() + "." + name);
    macroUses.put(id, Set.copyOf(parsed.macros()));
    if (!parsed.introspective()) {
      parseRenders.put(id, new ParseResult.ParseRender(parsed.sql(), provisional.schema()));
    }
    return Optional.of(new Model(id, name, display,
        List.copyOf(fqn), config, description(props),
        columns(props), List.of(), relation(config, name, "model", fqn, display), raw,
        parsed.refCalls(display), List.copyOf(parsed.sources()), checksum, version));
  }

  /**
   * A Python model: not a template, so its parents and config come from its {@code dbt.ref()},
   * {@code dbt.source()} and {@code dbt.config()} calls, found without running it.
   */
  private Optional<Model> pythonModel(Unit unit, Path file) {
    Project owner = unit.project();
    String name = baseName(file);
    String display = project.display(file);
    PythonModelCalls calls = pythonCalls.get(file);
    if (calls.error().isPresent()) {
      throw MdsException.at(calls.line() > 0 ? display + ":" + calls.line() : display,
          calls.error().get());
    }
    Optional<NodeProperties> props = unit.schema().model(name);
    List<String> fqn = fqn(owner, file, owner.config().modelPaths());
    NodeConfig config = folderConfig(owner, ProjectConfig::models, fqn);
    if (props.isPresent()) {
      config = config.merge(renderedConfig(props.get()));
    }
    if (owner == project) {
      keyCheck.configCall(dev.mds.project.KnownConfigKeys.Kind.MODEL, display,
          ProjectFiles.read(project, file), calls.config());
    }
    config = config.merge(calls.config());
    if (!config.enabled()) {
      return Optional.empty();
    }
    String raw = ProjectFiles.read(project, file);
    macroUses.put("model." + owner.name() + "." + name, Set.of());
    return Optional.of(new Model("model." + owner.name() + "." + name, name, display,
        List.copyOf(fqn), config, description(props), columns(props), List.of(),
        relation(config, name, "model", fqn, display), raw, List.copyOf(calls.refs()), List.copyOf(calls.sources()),
        FileChecksum.of(raw)));
  }

  /** Checks the keys of a root-project node's {@code config()} call (see ConfigKeyCheck). */
  void checkConfigKeys(dev.mds.project.KnownConfigKeys.Kind kind, String display, String raw,
      Map<String, Object> config) {
    keyCheck.configCall(kind, display, raw, config);
  }

  /** Renders a model with placeholders, capturing its refs, sources, config and macro calls. */
  private ParseCache.Entry render(Path file, String raw, String display, String name,
      String checksum,
      String placeholderSchema, NodeConfig baseConfig, List<String> fqn) {
    rendered.incrementAndGet();
    ParseContext context = new ParseContext(project.target(), placeholderSchema, name,
        baseConfig.values(), fqn, display);
    String sql = templates.render(file, raw, context);
    if (context.readInvocation() || dev.mds.template.InvocationReads.in(raw)) {
      // run_started_at, invocation_id or the clock: the next command renders it again.
      invocationRenders.add(templates.templateName(file));
    }
    return ParseCache.entry(display, checksum, context, sql, placeholderSchema);
  }

  private Optional<Seed> seed(Unit unit, Path file) {
    Project owner = unit.project();
    String name = baseName(file);
    Optional<NodeProperties> props = unit.schema().seed(name);
    List<String> fqn = fqn(owner, file, owner.config().seedPaths());
    NodeConfig config = folderConfig(owner, ProjectConfig::seeds, fqn);
    if (props.isPresent()) {
      config = config.merge(renderedConfig(props.get()));
    }
    if (!config.enabled()) {
      return Optional.empty();
    }
    checkDatabase(config, project.display(file), "seed '" + name + "'");
    String checksum;
    try {
      checksum = seedChecksums.of(file, FileChecksum::ofFile);
    } catch (java.io.IOException e) {
      throw MdsException.at(project.display(file), "cannot read file: " + e.getMessage(), e);
    }
    return Optional.of(new Seed("seed." + owner.name() + "." + name, name, project.display(file),
        fqn, config, description(props), columns(props),
        relation(config, name, "seed", fqn, project.display(file)), checksum));
  }

  private Map<String, Source> sources() {
    Map<String, Source> sources = new LinkedHashMap<>();
    for (Unit unit : units) {
      sources(unit, sources);
    }
    return sources;
  }

  private void sources(Unit unit, Map<String, Source> sources) {
    Project owner = unit.project();
    for (SourceSpec spec : unit.schema().sources()) {
      for (SourceTableSpec table : spec.tables()) {
        List<String> path = sourcePath(unit, spec, table);
        NodeConfig config = owner.config().sources().resolve(path);
        if (owner.isPackage()) {
          config = config.merge(new FolderConfigs(owner.name(),
              project.config().sources().tree()).resolve(path).values());
        }
        Map<String, Object> folderLevel = config.values();
        Map<String, Object> sourceLevel;
        Map<String, Object> tableLevel;
        try {
          sourceLevel = withRenderedFreshness(
              TopLevelMeta.intoConfig(spec.meta(), spec.config()), spec.file());
          tableLevel = withRenderedFreshness(
              TopLevelMeta.intoConfig(table.meta(), table.config()), spec.file());
        } catch (MdsException e) {
          errors.add(e);
          broken.add(spec.name() + "." + table.name());
          continue;
        }
        config = config.merge(sourceLevel).merge(tableLevel);
        if (spec.database().isPresent() && config.string("database").isEmpty()) {
          config = config.merge(Map.of("database", spec.database().get()));
        }
        if (!config.enabled()) {
          continue;
        }
        if (config.string("location").isEmpty()) {
          Optional<String> external = externalLocation(spec, table);
          if (external.isPresent()) {
            config = config.merge(Map.of("location", external.get()));
          }
        }
        checkDatabase(config, spec.file(), "source '" + spec.name() + "'");
        String id = "source." + owner.name() + "." + spec.name() + "." + table.name();
        if (sources.containsKey(spec.name() + "." + table.name())) {
          errors.add(MdsException.at(spec.file(), "source table '" + spec.name() + "."
              + table.name() + "' is also declared in "
              + sources.get(spec.name() + "." + table.name()).file()));
          continue;
        }
        String location = spec.file();
        try {
          config = dev.mds.schema.SourceFreshness.resolveInto(config,
              List.of(folderLevel, sourceLevel, tableLevel), location,
              "source '" + spec.name() + "'");
          sources.put(spec.name() + "." + table.name(), new Source(id, spec.name(), table.name(),
              location, List.of(owner.name(), spec.name(), table.name()), config,
              templates.renderText(table.description(), location, NodeContext.none()),
              templates.renderText(spec.description(), location, NodeContext.none()),
              renderColumns(table.columns(), location),
              project.target().relation(database(config), spec.schema(), table.identifier())));
        } catch (MdsException e) {
          errors.add(e);
          broken.add(spec.name() + "." + table.name());
        }
      }
    }
  }

  /**
   * A source's or table's config with templated {@code freshness} and {@code loaded_at_field}
   * rendered, as dbt renders source YAML while parsing ({@code count: "{{ env_var('DAYS') |
   * int }}"}).
   */
  private Map<String, Object> withRenderedFreshness(Map<String, Object> level, String file) {
    List<String> keys = List.of(dev.mds.schema.SourceFreshness.KEY,
        dev.mds.schema.SourceFreshness.LOADED_AT_FIELD);
    if (keys.stream().noneMatch(key -> templated(level.get(key)))) {
      return level;
    }
    Map<String, Object> rendered = new LinkedHashMap<>(level);
    for (String key : keys) {
      if (templated(level.get(key))) {
        rendered.put(key, templates.renderValue(level.get(key), file, NodeContext.none()));
      }
    }
    return rendered;
  }

  /**
   * dbt-duckdb's {@code external_location} (in the table's or the source's {@code config} or
   * {@code meta}, the table's first), with its {@code {name}}, {@code {identifier}},
   * {@code {schema}} and {@code {database}} placeholders filled in for the table.
   */
  private Optional<String> externalLocation(SourceSpec spec, SourceTableSpec table) {
    for (Map<String, Object> level : List.of(table.config(), table.meta(), spec.config(),
        spec.meta())) {
      Object value = level.get("external_location");
      if (value != null) {
        return Optional.of(String.valueOf(value)
            .replace("{name}", table.name())
            .replace("{identifier}", table.identifier())
            .replace("{schema}", spec.schema())
            .replace("{database}", TemplateEngine.databaseName(project.target())));
      }
    }
    return Optional.empty();
  }

  /**
   * Where {@code sources:} folder configs in the project file find a source table, as in dbt: the
   * folders of the YAML file that declares it, then the source's name, then the table's.
   */
  private List<String> sourcePath(Unit unit, SourceSpec spec, SourceTableSpec table) {
    List<String> fqn = fqn(unit.project(), project.located(spec.file()),
        unit.files().schemaPaths());
    List<String> path = new ArrayList<>(fqn.subList(1, fqn.size() - 1));
    path.add(spec.name());
    path.add(table.name());
    return path;
  }

  private Model withDependencies(Model model, Map<String, Node> byName, Set<String> disabled,
      Map<String, Source> sources) {
    List<RefCall> refs = model.refs();
    List<RefCall> keyRefs = dev.mds.engine.Contract.foreignKeyRefs(model);
    if (!keyRefs.isEmpty()) {
      refs = new ArrayList<>(refs);
      refs.addAll(keyRefs);
    }
    List<String> parents = parentsOf(model.resourceType().label() + " '" + model.name() + "'", refs, model.sources(),
        byName, disabled, sources);
    return new Model(model.uniqueId(), model.name(), model.file(), model.fqn(), model.config(),
        model.description(), model.columns(), parents, model.relation(),
        model.rawSql(), model.refs(), model.sources(), model.checksum(), model.version());
  }

  /** The unique ids that {@code refs} and {@code calls} point to, or an error naming the call. */
  private List<String> parentsOf(String requester, List<RefCall> refs, List<SourceCall> calls,
      Map<String, Node> byName, Set<String> disabled, Map<String, Source> sources) {
    Set<String> parents = new LinkedHashSet<>();
    for (RefCall ref : refs) {
      String where = ref.line() > 0 ? ref.file() + ":" + ref.line() : ref.file();
      if (ref.packageName().isPresent() && units.stream()
          .noneMatch(u -> u.project().name().equals(ref.packageName().get()))) {
        throw MdsException.at(where, "ref('" + ref.packageName().get()
            + "', '" + ref.name() + "') names package '" + ref.packageName().get()
            + "', which is not installed (add it to packages.yml and run mds deps)");
      }
      Node target = VersionedRefs.resolve(byName, ref.name());
      if (target == null && broken.contains(ref.name())) {
        continue;
      }
      if (target == null) {
        String why = disabled.contains(ref.name())
            ? "'" + ref.name() + "' is disabled (enabled: false)"
            : "no model or seed is named '" + ref.name() + "'"
                + ClosestName.hint(ref.name(), byName.keySet());
        throw MdsException.at(where, requester + " refers to ref('" + ref.name() + "') but "
            + why);
      }
      parents.add(target.uniqueId());
    }
    for (SourceCall call : calls) {
      String where = call.line() > 0 ? call.file() + ":" + call.line() : call.file();
      Source source = sources.get(call.sourceName() + "." + call.tableName());
      if (source == null
          && (schemaBroken || broken.contains(call.sourceName() + "." + call.tableName()))) {
        // It may be declared in the schema file that has an error: that error says enough.
        continue;
      }
      if (source == null) {
        throw MdsException.at(where, requester + " uses source('" + call.sourceName() + "', '"
            + call.tableName() + "') but no such source table is declared in schema YAML"
            + ClosestName.hint(call.sourceName() + "." + call.tableName(), sources.keySet()));
      }
      parents.add(source.uniqueId());
    }
    return List.copyOf(parents);
  }

  /**
   * Where a node is built: the project's {@code generate_schema_name} and
   * {@code generate_alias_name} macros decide when it has them, else dbt's defaults (a custom
   * schema is appended to the target schema; the alias is the configured one or the node's name).
   */
  Relation relation(NodeConfig config, String name, String resourceType,
      List<String> fqn, String file) {
    String base = project.target().schema();
    java.util.function.Supplier<Map<String, Object>> node =
        () -> namingNode(config, name, resourceType, fqn, file);
    String schemaName = templates.generatedName("schema", config.schema().orElse(null), node, file)
        .orElseGet(() -> config.schema().map(custom -> base + "_" + custom.trim()).orElse(base));
    String alias = templates.generatedName("alias", config.alias().orElse(null), node, file)
        .orElseGet(() -> config.alias().map(String::trim).orElse(name));
    Optional<String> database = templates.generatedName("database",
        database(config).orElse(null), node, file)
        .filter(d -> !d.isEmpty() && !d.equalsIgnoreCase(project.target().database()))
        .or(() -> database(config));
    return project.target().relation(database, schemaName, alias);
  }

  /** The {@code node} the naming macros see, with the fields custom ones commonly read. */
  private Map<String, Object> namingNode(NodeConfig config, String name, String resourceType,
      List<String> fqn, String file) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("name", name);
    node.put("resource_type", resourceType);
    node.put("unique_id", resourceType + "." + fqn.get(0) + "." + name);
    node.put("package_name", fqn.get(0));
    node.put("fqn", fqn);
    node.put("original_file_path", file);
    node.put("path", file);
    node.put("config", config.values());
    node.put("tags", config.tags());
    return node;
  }

  /**
   * The node's {@code database} config: a catalog the profile provides (its own file or an
   * {@code attach:} alias); empty for the target's own.
   */
  private static Optional<String> database(NodeConfig config) {
    return config.string("database").map(String::trim).filter(d -> !d.isEmpty());
  }

  /**
   * A schema entry for a model or seed that does not exist is a warning, as dbt's "did not find
   * matching node": it is often a renamed file, so its tests and docs silently apply to nothing.
   */
  private void warnUnmatchedEntries(SchemaSpecs schema, Map<String, Node> byName,
      Set<String> disabled) {
    List<NodeProperties> described = concat(schema.models().values(), schema.seeds().values());
    described.addAll(schema.snapshots().values());
    for (NodeProperties props : described) {
      if (!byName.containsKey(props.name()) && !disabled.contains(props.name())
          && !broken.contains(props.name())) {
        warnings.add(props.file() + ": " + props.resourceType() + " '" + props.name()
            + "' is described but there is no " + props.resourceType() + " of that name");
      }
    }
  }

  private static List<NodeProperties> concat(java.util.Collection<NodeProperties> models,
      java.util.Collection<NodeProperties> seeds) {
    List<NodeProperties> all = new ArrayList<>(models);
    all.addAll(seeds);
    return all;
  }

  /** Stops at a {@code database} that no catalog of the profile is named. */
  void checkDatabase(NodeConfig config, String location, String what) {
    Optional<String> database = database(config);
    List<String> catalogs = project.target().catalogs();
    if (database.isPresent()
        && catalogs.stream().noneMatch(c -> c.equalsIgnoreCase(database.get()))) {
      throw MdsException.at(location, what + " has database '" + database.get()
          + "', but the profile provides only " + String.join(", ", catalogs)
          + " (add the file under the profile's 'attach:' with alias: " + database.get() + ")");
    }
  }

  static NodeConfig folderConfig(Project project, FolderConfigs tree, Path file,
      List<String> resourcePaths) {
    List<String> segments = new ArrayList<>(fqn(project, file, resourcePaths));
    segments.remove(0);
    return tree.resolve(segments);
  }

  /**
   * A node's config from the project files' folder configs, as dbt merges them: for a node of an
   * installed package its own project file's, then the root project's (top level, then under the
   * package's name), which win.
   */
  private NodeConfig folderConfig(Project owner,
      java.util.function.Function<ProjectConfig, FolderConfigs> tree, List<String> fqn) {
    List<String> segments = fqn.subList(1, fqn.size());
    NodeConfig config = tree.apply(owner.config()).resolve(segments);
    if (owner.isPackage()) {
      config = config.merge(new FolderConfigs(owner.name(), tree.apply(project.config()).tree())
          .resolve(segments).values());
    }
    return config;
  }

  /** Project name, folders below the resource path, then the file's base name. */
  static List<String> fqn(Project project, Path file, List<String> resourcePaths) {
    List<String> fqn = new ArrayList<>();
    fqn.add(project.name());
    for (String dir : resourcePaths) {
      String below = RelativePath.below(project.resolve(dir), file);
      if (below != null) {
        String[] names = below.split(SEPARATOR);
        for (int i = 0; i < names.length - 1; i++) {
          fqn.add(names[i]);
        }
        break;
      }
    }
    fqn.add(baseName(file));
    return fqn;
  }

  static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * A node's {@code config:} from property YAML with its templated values rendered, as dbt
   * renders them at parse time (hooks excepted: they render when they run).
   */
  Map<String, Object> renderedConfig(NodeProperties props) {
    Map<String, Object> config = TopLevelMeta.intoConfig(props.meta(), props.config());
    if (config.values().stream().noneMatch(ProjectParser::templated)) {
      return config;
    }
    Map<String, Object> rendered = new LinkedHashMap<>();
    config.forEach((key, value) -> {
      String normal = NodeConfig.normaliseKey(key);
      rendered.put(key, normal.equals("pre_hook") || normal.equals("post_hook") ? value
          : templates.renderValue(value, props.file(), NodeContext.none()));
    });
    return rendered;
  }

  /** Whether a YAML value holds Jinja anywhere inside it. */
  private static boolean templated(Object value) {
    if (value instanceof String text) {
      return text.contains("{{") || text.contains("{%");
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(ProjectParser::templated);
    }
    return value instanceof List<?> list && list.stream().anyMatch(ProjectParser::templated);
  }

  /** Records the macros a node's parse render called ({@code state:modified.macros}). */
  void macrosUsed(String uniqueId, List<String> macros) {
    macroUses.put(uniqueId, Set.copyOf(macros));
  }

  String description(Optional<NodeProperties> props) {
    return props.map(p -> templates.renderText(p.description(), p.file(), NodeContext.none()))
        .orElse("");
  }

  List<ColumnSpec> columns(Optional<NodeProperties> props) {
    return props.map(p -> renderColumns(p.columns(), p.file())).orElse(List.of());
  }

  private List<ColumnSpec> renderColumns(List<ColumnSpec> columns, String location) {
    List<ColumnSpec> rendered = new ArrayList<>();
    for (ColumnSpec c : columns) {
      rendered.add(new ColumnSpec(c.name(),
          templates.renderText(c.description(), location, NodeContext.none()),
          c.dataType(), c.tests(), c.meta(), c.config(), c.constraints()));
    }
    return rendered;
  }
}
