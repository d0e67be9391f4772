package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.RelativePath;
import dev.mds.project.Target;
import dev.mds.template.context.DbtContextExtension;
import dev.mds.template.context.Invocation;
import dev.mds.template.jinja.JinjaCompatExtension;
import dev.mds.template.jinja.JinjaDelimiters;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Pebble engine of one project, configured to render dbt-style SQL: no auto-escaping, Jinja's
 * newline handling, strict variables, project macros global, and the dbt functions.
 */
public final class TemplateEngine {

  private final Project project;
  private final PebbleEngine pebble;
  private final TemplateAssignments assignments;
  private final DocsCollector docs = new DocsCollector();
  private final MacroCatalog macros;
  private final MacroRuntime runtime;
  private final List<String> macroTemplates;
  private final Map<String, PebbleTemplate> inline = new ConcurrentHashMap<>();
  private final ProjectTemplateLoader loader;
  private final List<Path> packageFiles;
  private final List<Project> packageProjects;
  private final Packages packages;

  public TemplateEngine(Project project) {
    this(project, System.getenv());
  }

  public TemplateEngine(Project project, Map<String, String> environment) {
    this(project, environment, new ProjectFiles(project));
  }

  /** @param files the project's file listing, shared with the rest of a parse */
  public TemplateEngine(Project project, Map<String, String> environment, ProjectFiles files) {
    this(project, environment, files, Invocation.standalone());
  }

  /** @param invocation the command rendering: its id, start, flags and where log() writes */
  public TemplateEngine(Project project, Map<String, String> environment, ProjectFiles files,
      Invocation invocation) {
    this.project = project;
    macroTemplates = new ArrayList<>();
    for (Path file : files.macros()) {
      macroTemplates.add(templateName(file));
    }
    packages = Packages.of(project, this::templateName);
    packageProjects = project.isPackage() ? List.of()
        : dev.mds.project.ProjectLoader.packages(project, environment);
    List<Path> inputs = new ArrayList<>(packages.macroFiles().keySet().stream()
        .filter(name -> Packages.resource(name) == null).map(project.root()::resolve).toList());
    Map<String, Map<String, Object>> packageVars = new java.util.HashMap<>();
    for (Project installed : packageProjects) {
      // Its vars and folder configs are inputs of every render of its nodes.
      inputs.add(installed.projectFile());
      packageVars.put(installed.name(), installed.vars());
    }
    packageFiles = List.copyOf(inputs);
    macros = new MacroCatalog(Set.copyOf(macroTemplates),
        Set.copyOf(ProjectTemplateLoader.builtinTemplates(project.target().type())),
        packages.macroFiles());
    List<String> allMacroFiles = new ArrayList<>(macroTemplates);
    allMacroFiles.addAll(packages.macroFiles().keySet());
    loader = new ProjectTemplateLoader(project, allMacroFiles);
    JinjaCompatExtension jinja = new JinjaCompatExtension(namespaces(project, packages));
    Map<String, Object> target = targetMap(project.target());
    DbtContextExtension context = new DbtContextExtension(invocation, environment, jinja);
    // Macro files are compiled first, by an engine without macro functions: every macro then
    // becomes a function of the engine that renders everything else (Pebble fixes an engine's
    // functions when it is built).
    PebbleEngine definitions = engine(loader, jinja, new MdsExtension(project.vars(), environment,
        target, project.name(), docs, macros, jinja, null), context);
    List<MdsException> errors = new ArrayList<>();
    for (String name : allMacroFiles) {
      try {
        compile(definitions, name);
      } catch (MdsException e) {
        // Every macro file's error in one run, as for models.
        errors.add(e);
      }
    }
    dev.mds.ProjectErrors.throwIfAny(errors);
    for (String name : ProjectTemplateLoader.builtinTemplates(project.target().type())) {
      compile(definitions, name);
    }
    runtime = new MacroRuntime(macros, project.name(),
        project.config().dispatchOrders(), packages.names().stream()
            .filter(packages::isBuiltin).collect(java.util.stream.Collectors.toSet()),
        invocation.log()::info, project.target().type());
    runtime.readTemplatesWith(name -> {
      try (java.io.Reader text = loader.getReader(name)) {
        java.io.StringWriter all = new java.io.StringWriter();
        text.transferTo(all);
        return all.toString();
      } catch (java.io.IOException | RuntimeException e) {
        // Unreadable now: the macro is taken to read the invocation, so nothing is kept.
        return "run_started_at";
      }
    });
    MdsExtension mds = new MdsExtension(project.vars(), packageVars, environment, target,
        project.name(), docs, macros, jinja, runtime, project.target().quoting());
    assignments = mds.assignments();
    pebble = engine(loader, jinja, mds, context);
    for (Path file : files.docs()) {
      render(templateName(file), NodeContext.none());
    }
    for (Project installed : packageProjects) {
      for (Path file : new ProjectFiles(installed).docs()) {
        render(templateName(file), NodeContext.none());
      }
    }
  }

  /**
   * Names that, followed by {@code .macro(}, call a macro of that namespace: dbt's, the project's,
   * and the packages projects commonly call (so that calling one that is not installed says so).
   */
  private static Set<String> namespaces(Project project, Packages packages) {
    Set<String> names = new java.util.HashSet<>(KNOWN_PACKAGES);
    names.add(MacroCatalog.BUILTIN);
    names.add(project.name());
    names.addAll(packages.names());
    return names;
  }


  /** Packages real projects call, so that a call names the missing package. */
  static final Set<String> KNOWN_PACKAGES = Set.of("dbt_utils", "dbt_expectations", "dbt_date",
      "codegen", "audit_helper", "dbt_external_tables", "metrics", "elementary", "fivetran_utils",
      "spark_utils", "dbt_artifacts", "dbt_project_evaluator", "dbt_audit", "re_data",
      "dbt_profiler", "dbt_meta_testing", "dbtplyr", "dbt_duckdb_utils", "dbt_constraints");

  /**
   * Builds a throw-away engine with mds's extensions and renders a small template, so Pebble's
   * classes are loaded and initialised (~40 ms in a fresh JVM) before a project's engine needs them.
   */
  public static void warmUp() {
    JinjaCompatExtension jinja = new JinjaCompatExtension(Set.of());
    PebbleEngine engine = engine(new io.pebbletemplates.pebble.loader.StringLoader(), jinja,
        new MdsExtension(Map.of(), Map.of(), Map.of(), "warm_up", new DocsCollector(),
            new MacroCatalog(Set.of(), Set.of()), jinja, null),
        new DbtContextExtension(Invocation.standalone(), Map.of(), jinja));
    try {
      engine.getTemplate("{% set x = [1, 2] %}{{ 'a' | upper }}{% for i in x %}{{ i + 1 }}"
          + "{% if i > 1 and not false %},{% endif %}{% endfor %}").evaluate(new StringWriter());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The most one render may write: far beyond any real model's SQL, so that a loop without end
   * stops with a message naming the file instead of exhausting the memory.
   */
  static final int MAX_RENDERED_CHARS = 200_000_000;

  /** Pebble set up for dbt-style SQL, with {@code loader} and mds's functions. */
  private static PebbleEngine engine(io.pebbletemplates.pebble.loader.Loader<?> loader,
      JinjaCompatExtension jinja, MdsExtension mds, DbtContextExtension context) {
    return new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(false)
        .newLineTrimming(false)
        .strictVariables(true)
        .maxRenderedSize(MAX_RENDERED_CHARS)
        .allowOverrideCoreOperators(true)
        .extension(jinja)
        .extension(mds)
        .extension(context)
        .build();
  }

  private static Map<String, Object> targetMap(Target target) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", target.name());
    map.put("profile_name", target.profileName());
    map.put("type", target.type());
    map.put("schema", target.schema());
    map.put("database", databaseName(target));
    map.put("path", target.databasePath().toString());
    map.put("threads", target.threads());
    // dbt-duckdb's target also carries the output's DuckDB settings, and dbt the name twice.
    map.put("target_name", target.name());
    map.put("settings", new LinkedHashMap<>(target.settings()));
    return map;
  }

  /** DuckDB names an attached file's catalog after the file name without its extension. */
  public static String databaseName(Target target) {
    return target.database();
  }

  /** The template name of a project file: its path relative to the project folder. */
  public String templateName(Path file) {
    String below = RelativePath.below(project.root(), file);
    return (below != null ? below
        : project.root().relativize(file.toAbsolutePath().normalize()).toString())
        .replace('\\', '/');
  }

  /** Renders a project file (a model, test or analysis) for {@code context}. */
  public String render(Path file, NodeContext context) {
    return render(templateName(file), context);
  }

  /**
   * Renders a project file whose text the caller has just read from it ({@code text}, as
   * {@code ProjectFiles.read} returns it), without reading the file again.
   */
  public String render(Path file, String text, NodeContext context) {
    String name = templateName(file);
    loader.hand(name, text);
    try {
      return render(name, context);
    } finally {
      loader.forget(name);
    }
  }

  /**
   * Compiles a project file's template ahead of its render, into the template cache that render
   * reads, from {@code text} as {@code ProjectFiles.read} returns it. Returns false when it does
   * not compile: nothing is cached then, and the render compiles it again and reports the error
   * in its place (a first parse does this for models while the schema YAML is still loading).
   */
  public boolean precompile(Path file, String text) {
    String name = templateName(file);
    loader.hand(name, text);
    try {
      compile(name);
      return true;
    } catch (MdsException e) {
      return false;
    } finally {
      loader.forget(name);
    }
  }

  /** Renders free text (a description, a hook); {@code location} names it in errors. */
  public String renderText(String text, String location, NodeContext context) {
    if (!text.contains("{{") && !text.contains("{%")) {
      return text;
    }
    return renderLiteral(text, location, context, Map.of());
  }

  /**
   * The project's answer to dbt's naming macro {@code generate_<part>_name} (part is
   * {@code schema}, {@code alias} or {@code database}) for a node, or empty when the project does
   * not override it ({@code generate_schema_name}, or {@code default__}/{@code duckdb__} of it),
   * so that dbt's default applies without rendering anything.
   *
   * @param custom the node's configured value ({@code config.schema}), or null
   * @param node what the macro sees as {@code node} (name, resource_type, fqn, config, ...),
   *     made only when the project has the macro
   */
  public java.util.Optional<String> generatedName(String part, String custom,
      java.util.function.Supplier<Map<String, Object>> node, String location) {
    String macro = "generate_" + part + "_name";
    if (!overridden.computeIfAbsent(macro, m -> macros.macros().containsKey(m)
        || macros.macros().containsKey("default__" + m)
        || macros.macros().containsKey("duckdb__" + m))) {
      return java.util.Optional.empty();
    }
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("custom", custom);
    arguments.put("node", node.get());
    String call = macros.macros().containsKey(macro)
        ? "{{ " + macro + "(__mds_args['custom'], __mds_args['node']) }}"
        : "{{ adapter.dispatch('" + macro + "', 'dbt')(__mds_args['custom'], __mds_args['node']) }}";
    return java.util.Optional.of(renderLiteral(call, location, NodeContext.none(),
        Map.of("__mds_args", arguments)).strip());
  }

  private final Map<String, Boolean> overridden = new ConcurrentHashMap<>();

  /**
   * The macro of a {@code {% materialization name %}} block for DuckDB ({@code adapter='duckdb'},
   * else {@code default}) that a project defines, if any: it then builds models so configured,
   * even one named like mds's own materializations.
   */
  public java.util.Optional<String> materialization(String name) {
    String type = project.target().type().toLowerCase(java.util.Locale.ROOT);
    for (String adapter : List.of(type, "default")) {
      String macro = MacroDefinitionParser.materializationMacroName(name, adapter);
      if (macros.macros().containsKey(macro)) {
        return java.util.Optional.of(macro);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Runs a materialization's macro for a node: {@code variables} ({@code sql}, hooks) are its
   * scope; its {@code statement}s run on the node's database.
   */
  public void materialize(String macro, Map<String, Object> variables, String location,
      NodeContext context) {
    StringBuilder call = new StringBuilder("{% do ").append(macro).append('(');
    String separator = "";
    for (String name : new java.util.TreeSet<>(variables.keySet())) {
      call.append(separator).append(name).append("=__mds_args['").append(name).append("']");
      separator = ", ";
    }
    renderLiteral(call.append(") %}").toString(), location, context,
        Map.of("__mds_args", variables));
  }

  /** Renders free text with {@code variables} in scope (an on-run-end hook's {@code results}). */
  public String renderText(String text, String location, NodeContext context,
      Map<String, Object> variables) {
    if (!text.contains("{{") && !text.contains("{%")) {
      return text;
    }
    return renderLiteral(text, location, context, variables);
  }

  /**
   * Renders a value as dbt renders generic tests' arguments: with Jinja's native types, so
   * {@code "{{ var('codes') }}"} is the var's list and {@code "{{ 3 }}"} a number (see
   * {@link dev.mds.project.NativeValue}); lists and maps have their items rendered. Values
   * without a template are returned as they are.
   */
  public Object renderValue(Object value, String location, NodeContext context) {
    if (value instanceof String text && (text.contains("{{") || text.contains("{%"))) {
      java.util.Optional<String> append = dev.mds.project.NativeValue.appendTemplate(text,
          "__mds_value");
      if (append.isEmpty()) {
        return dev.mds.project.NativeValue.of(renderLiteral(text, location, context, Map.of()));
      }
      List<Object> result = new ArrayList<>();
      renderLiteral(append.get(), location, context, Map.of("__mds_value", result));
      return dev.mds.project.NativeValue.ofResult(result.get(0));
    }
    if (value instanceof List<?> list) {
      List<Object> rendered = new ArrayList<>();
      for (Object item : list) {
        rendered.add(renderValue(item, location, context));
      }
      return rendered;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> rendered = new LinkedHashMap<>();
      map.forEach((k, v) -> rendered.put(k, renderValue(v, location, context)));
      return rendered;
    }
    return value;
  }

  /**
   * The macro files of installed packages (under the project folder), which renders depend on as
   * on the project's own; built-in packages change only with mds itself.
   */
  /**
   * Notes the built-in packages among the macros a node used when it was rendered in an earlier
   * run: the one note per run that a built-in serves appears even when nothing is rendered again.
   */
  public void noteBuiltinUses(java.util.Collection<String> macroNames) {
    runtime.noteBuiltinUses(macroNames);
  }

  /** The packages installed in the project, each a project of its own. */
  public List<Project> packageProjects() {
    return packageProjects;
  }

  public List<Path> installedPackageFiles() {
    return packageFiles;
  }

  /** Whether a generic test of this name exists ({@code {% test name %}} or built in). */
  public boolean hasTest(String testName) {
    return macros.has(MacroDefinitionParser.testMacroName(testName));
  }

  /** The packages served by mds's built-in version in this project (named, not installed). */
  public Set<String> builtinPackages() {
    return runtime.builtinPackages();
  }

  /**
   * A generic test served by mds's built-in package version takes only the arguments it
   * declares: an argument it does not support is an error at {@code location} (the YAML file).
   */
  public void checkTestArguments(String testName, java.util.Collection<String> arguments,
      String location) {
    runtime.resolve(MacroDefinitionParser.testMacroName(testName))
        .ifPresent(macro -> runtime.checkArguments(macro, 0, arguments, location));
  }

  /**
   * Whether the generic test is one of mds's own (unique, not_null, accepted_values, ...), which
   * call no {@code config()}: the parse need not render it to find its config, as dbt skips
   * rendering its own unique and not_null.
   */
  public boolean isOwnTest(String testName) {
    return macros.builtinOnly(MacroDefinitionParser.testMacroName(testName));
  }

  /**
   * Renders a generic test's SQL: calls its {@code {% test %}} with {@code arguments} (which hold
   * {@code model} and, for column tests, {@code column_name}).
   */
  public String renderTest(String testName, Map<String, Object> arguments, String location,
      NodeContext context) {
    StringBuilder call = new StringBuilder("{{ ").append(MacroDefinitionParser.testMacroName(testName))
        .append('(');
    String separator = "";
    for (String name : new java.util.TreeSet<>(arguments.keySet())) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw MdsException.at(location, "test argument '" + name
            + "' is not a valid name (letters, digits and underscores)");
      }
      call.append(separator).append(name).append("=__mds_args['").append(name).append("']");
      separator = ", ";
    }
    call.append(") }}");
    return renderLiteral(call.toString(), location, context, Map.of("__mds_args", arguments));
  }

  private String renderLiteral(String text, String location, NodeContext context,
      Map<String, Object> variables) {
    String source = loader.prefix() + JinjaDelimiters.normalise(text);
    try {
      PebbleTemplate template = inline.computeIfAbsent(source, t -> {
        try {
          return CachedOperatorLexer.template(pebble,
              new io.pebbletemplates.pebble.loader.StringLoader(), t);
        } catch (PebbleException e) {
          throw toMds(e, location);
        }
      });
      return evaluate(template, location, context, variables);
    } catch (MdsException e) {
      throw inText(e, source, location);
    }
  }

  /**
   * Errors name the template and line they happened at; for free text that is the text itself
   * ({@code source}) and a line within it, which the user cannot find, so name the file the text
   * came from.
   */
  private static MdsException inText(MdsException error, String source, String location) {
    String message = String.valueOf(error.getMessage());
    for (String template : List.of(source, location)) {
      Matcher at = Pattern.compile(Pattern.quote(template) + ":\\d+: ").matcher(message);
      if (at.lookingAt()) {
        return MdsException.at(location, message.substring(at.end()), error);
      }
    }
    return error;
  }

  private static final Pattern MDS_TEMPLATE = Pattern.compile("__mds__/[^:\\s]+:\\d+: ");

  /**
   * An error raised inside one of mds's own templates (a built-in package's macro, dbt's macros)
   * names the file being rendered instead: the user has no file by the template's name.
   */
  private static MdsException inOwnFile(MdsException error, String location) {
    Matcher at = MDS_TEMPLATE.matcher(String.valueOf(error.getMessage()));
    return at.lookingAt() && !location.startsWith("__mds__/")
        ? MdsException.at(location, error.getMessage().substring(at.end()), error) : error;
  }

  /** The docs blocks of every Markdown file under the docs paths. */
  public Map<String, DocsBlock> docs() {
    return Map.copyOf(docs.blocks());
  }

  /** Macro name to the file that defines it. */
  public Map<String, String> macros() {
    Map<String, String> result = new HashMap<>();
    macros.macros().forEach((name, def) -> result.put(name, def.file()));
    return result;
  }

  /**
   * The lines of a project macro's definition, from its {@code macro} tag to its {@code endmacro}:
   * what state comparison checksums, so editing one macro does not flag users of its neighbours.
   */
  public java.util.Optional<String> macroSource(String name) {
    MacroCatalog.MacroDefinition definition = macros.macros().get(name);
    if (definition == null) {
      return java.util.Optional.empty();
    }
    List<String> lines = ProjectFiles.read(project, project.root().resolve(definition.file()))
        .lines().toList();
    int from = Math.min(Math.max(definition.firstLine(), 1) - 1, lines.size());
    int to = Math.max(from, Math.min(definition.lastLine(), lines.size()));
    return java.util.Optional.of(String.join("\n", lines.subList(from, to)));
  }

  private String render(String name, NodeContext context) {
    return evaluate(compile(name), name, context, Map.of());
  }

  private PebbleTemplate compile(String name) {
    return compile(pebble, name);
  }

  private PebbleTemplate compile(PebbleEngine engine, String name) {
    try {
      return CachedOperatorLexer.template(engine, engine.getLoader(), name);
    } catch (RuntimeException e) {
      throw toMds(e, name);
    }
  }

  private String evaluate(PebbleTemplate template, String location, NodeContext context,
      Map<String, Object> variables) {
    NodeContext previous = ActiveNode.swap(context);
    try {
      StringWriter out = new StringWriter();
      // A fresh map per render: without one Pebble scopes {% set %} into the shared globals.
      Map<String, Object> scope = new HashMap<>(variables);
      // What the template sets only in a branch not taken reads as undefined, as in Jinja.
      Map<String, Object> globals = pebble.getExtensionRegistry().getGlobalVariables();
      for (String name : assignments.of(template)) {
        if (!scope.containsKey(name) && !globals.containsKey(name)) {
          scope.put(name, null);
        }
      }
      template.evaluate(out, scope);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (MacroReturn.in(e).isPresent()) {
        throw MdsException.at(location, "return() can only be used inside a macro");
      }
      throw toMds(e, location);
    } catch (StackOverflowError e) {
      throw MdsException.at(location, "rendering went too deep: a macro calls itself (directly"
          + " or through others) without end");
    } catch (OutOfMemoryError e) {
      throw MdsException.at(location, "rendering ran out of memory: a loop without end, or one"
          + " that builds a list too large to hold?");
    } finally {
      ActiveNode.restore(previous);
    }
  }

  private static final Pattern UNKNOWN_CALL =
      Pattern.compile("Function or Macro \\[([A-Za-z0-9_]+)(?:\\.([A-Za-z0-9_]+))?\\] does not exist\\.?");

  /** Pebble's message in dbt's language where we know better words. */
  private String message(String pebble) {
    Matcher unknown = UNKNOWN_CALL.matcher(String.valueOf(pebble));
    if (unknown.matches()) {
      String first = unknown.group(1);
      String second = unknown.group(2);
      if (second == null) {
        return "'" + first + "' is undefined: no macro or function of that name";
      }
      if (first.equals(project.name()) || first.equals(MacroCatalog.BUILTIN)) {
        return "'" + first + "." + second + "' is undefined: " + (first.equals(project.name())
            ? "the project has no macro named '" + second + "'"
            : "dbt has no macro named '" + second + "' in mds");
      }
      String call = "'" + first + "." + second + "' cannot be called: ";
      if (packages.isInstalled(first)) {
        return call + "the installed package '" + first + "' has no macro named '" + second + "'";
      }
      if (packages.isBuiltin(first)) {
        return call + "mds's built-in " + first + " has no macro named '" + second
            + "'; install the package itself with mds deps";
      }
      if (packages.isDeclared(first)) {
        return call + "package '" + first + "' is in packages.yml but not installed (run mds deps;"
            + " mds has no built-in version of it)";
      }
      return call + "package '" + first + "' is not installed in this project (add it to"
          + " packages.yml and run mds deps)";
    }
    if (String.valueOf(pebble).startsWith("Tried to write more than")) {
      return "renders more than " + MAX_RENDERED_CHARS / 1_000_000 + " million characters: a loop"
          + " without end?";
    }
    return "template error: " + PebbleMessages.of(pebble);
  }

  /** The file a template came from, for messages raised while it renders. */
  static String fileOf(PebbleTemplate template) {
    return template.getName();
  }

  private MdsException toMds(RuntimeException error, String location) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MdsException mds) {
        return inOwnFile(mds, location);
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PebbleException pe) {
        String file = pe.getFileName() != null && !pe.getFileName().contains("\n")
            && project.root().resolve(pe.getFileName()).toFile().isFile()
            ? pe.getFileName() : location;
        String where = pe.getLineNumber() != null && pe.getLineNumber() > 0
            ? file + ":" + pe.getLineNumber() : file;
        return MdsException.at(where, message(pe.getPebbleMessage()), error);
      }
    }
    return MdsException.at(location, "template error: " + error, error);
  }
}
