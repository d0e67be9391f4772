package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.RelativePath;
import dev.mds.project.Target;
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
  private final DocsCollector docs = new DocsCollector();
  private final MacroCatalog macros;
  private final List<String> macroTemplates;
  private final Map<String, PebbleTemplate> inline = new ConcurrentHashMap<>();
  private final ProjectTemplateLoader loader;

  public TemplateEngine(Project project) {
    this(project, System.getenv());
  }

  public TemplateEngine(Project project, Map<String, String> environment) {
    this(project, environment, new ProjectFiles(project));
  }

  /** @param files the project's file listing, shared with the rest of a parse */
  public TemplateEngine(Project project, Map<String, String> environment, ProjectFiles files) {
    this.project = project;
    macroTemplates = new ArrayList<>();
    for (Path file : files.macros()) {
      macroTemplates.add(templateName(file));
    }
    macros = new MacroCatalog(Set.copyOf(macroTemplates));
    loader = new ProjectTemplateLoader(project, macroTemplates);
    pebble = engine(loader, new MdsExtension(project.vars(), environment,
        targetMap(project.target()), project.name(), docs, macros));
    for (String name : macroTemplates) {
      compile(name);
    }
    compile(ProjectTemplateLoader.BUILTIN_TESTS);
    for (Path file : files.docs()) {
      render(templateName(file), NodeContext.none());
    }
  }

  /**
   * Builds a throw-away engine with mds's extensions and renders a small template, so Pebble's
   * classes are loaded and initialised (~40 ms in a fresh JVM) before a project's engine needs them.
   */
  public static void warmUp() {
    PebbleEngine engine = engine(new io.pebbletemplates.pebble.loader.StringLoader(),
        new MdsExtension(Map.of(), Map.of(), Map.of(), "warm_up", new DocsCollector(),
            new MacroCatalog(Set.of())));
    try {
      engine.getTemplate("{% set x = [1, 2] %}{{ 'a' | upper }}{% for i in x %}{{ i + 1 }}"
          + "{% if i > 1 and not false %},{% endif %}{% endfor %}").evaluate(new StringWriter());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pebble set up for dbt-style SQL, with {@code loader} and mds's functions. */
  private static PebbleEngine engine(io.pebbletemplates.pebble.loader.Loader<?> loader,
      MdsExtension mds) {
    return new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(false)
        .newLineTrimming(false)
        .strictVariables(true)
        .allowOverrideCoreOperators(true)
        .extension(new JinjaCompatExtension())
        .extension(mds)
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
    return map;
  }

  /** DuckDB names an attached file's catalog after the file name without its extension. */
  public static String databaseName(Target target) {
    String file = target.databasePath().getFileName().toString();
    if (file.equals(":memory:")) {
      return "memory";
    }
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
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

  /** Renders free text (a description, a hook); {@code location} names it in errors. */
  public String renderText(String text, String location, NodeContext context) {
    if (!text.contains("{{") && !text.contains("{%")) {
      return text;
    }
    return renderLiteral(text, location, context, Map.of());
  }

  /** Whether a generic test of this name exists ({@code {% test name %}} or built in). */
  public boolean hasTest(String testName) {
    return macros.has(MacroDefinitionParser.testMacroName(testName));
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
          return pebble.getLiteralTemplate(t);
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
    try {
      return pebble.getTemplate(name);
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
      template.evaluate(out, new HashMap<>(variables));
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw toMds(e, location);
    } finally {
      ActiveNode.restore(previous);
    }
  }

  /** The file a template came from, for messages raised while it renders. */
  static String fileOf(PebbleTemplate template) {
    return template.getName();
  }

  private MdsException toMds(RuntimeException error, String location) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MdsException mds) {
        return mds;
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PebbleException pe) {
        String file = pe.getFileName() != null && !pe.getFileName().contains("\n")
            && project.root().resolve(pe.getFileName()).toFile().isFile()
            ? pe.getFileName() : location;
        String where = pe.getLineNumber() != null && pe.getLineNumber() > 0
            ? file + ":" + pe.getLineNumber() : file;
        return MdsException.at(where, "template error: " + pe.getPebbleMessage(), error);
      }
    }
    return MdsException.at(location, "template error: " + error, error);
  }
}
