package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.template.jinja.JinjaDelimiters;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads templates by their path relative to the project folder, and mds's built-in macro files
 * from the jar. Every template that is not itself a macro file gets {@link #FIRST_TAG} on its first
 * line (no new line, so line numbers stay right). Of a Markdown file only the docs blocks are read.
 */
final class ProjectTemplateLoader implements Loader<String> {

  /**
   * A tag that prints nothing, put first on line one: the Jinja extension can only rewrite what
   * Pebble cannot read (an inline {@code x if c else y}, trailing commas, namespaced macro calls) in
   * text that follows a tag.
   */
  static final String FIRST_TAG = "{% do none %}";

  private static final Pattern DOCS_BLOCK =
      Pattern.compile("\\{%-?\\s*docs\\s.*?\\{%-?\\s*enddocs\\s*-?%}", Pattern.DOTALL);

  private final Project project;
  private final Set<String> macroTemplates;
  private final String firstTag;

  ProjectTemplateLoader(Project project, List<String> macroTemplates) {
    this.project = project;
    this.macroTemplates = Set.copyOf(macroTemplates);
    this.firstTag = FIRST_TAG;
  }

  /** The generic tests mds ships; the project's macros of the same name win. */
  static final String BUILTIN_TESTS = "__mds__/builtin_tests.sql";

  /** dbt's own macros ({@code duckdb__date_trunc}, ...) written for DuckDB. */
  static final String DBT_MACROS = "__mds__/dbt_macros.sql";

  /** dbt's macros written for Spark ({@code spark__date_trunc}, ...), read for Spark targets. */
  static final String SPARK_MACROS = "__mds__/spark_macros.sql";

  /** mds's own macro files, read from the jar: macros of the {@code dbt} namespace. */
  static final List<String> BUILTIN_TEMPLATES = List.of(BUILTIN_TESTS, DBT_MACROS, SPARK_MACROS);

  /**
   * The built-in macro files a target of {@code type} compiles: an engine's own file only for
   * its targets, so DuckDB runs parse nothing more than before.
   */
  static List<String> builtinTemplates(String type) {
    return type != null && type.equalsIgnoreCase("spark") ? BUILTIN_TEMPLATES
        : List.of(BUILTIN_TESTS, DBT_MACROS);
  }

  /** The text to put in front of free text so it can call project macros. */
  String prefix() {
    return firstTag;
  }

  /**
   * Project files' text the caller has already read (a model's parse reads it for its checksum),
   * by template name: taken once by the next {@link #getReader}, so a cold parse opens each model
   * file once instead of twice (a stat and a second read each; 20,000 system calls at 10,000 models).
   */
  private final java.util.Map<String, String> handed = new java.util.concurrent.ConcurrentHashMap<>();

  /** Serves {@code text} (as read from the file) for {@code templateName} on its next load. */
  void hand(String templateName, String text) {
    handed.put(templateName, text);
  }

  /** Drops what {@link #hand} left when the template came from the cache instead. */
  void forget(String templateName) {
    handed.remove(templateName);
  }

  @Override
  public Reader getReader(String templateName) {
    String read = handed.remove(templateName);
    if (read != null) {
      return fileReader(templateName, read);
    }
    if (BUILTIN_TEMPLATES.contains(templateName)) {
      return builtin(templateName.substring(templateName.indexOf('/') + 1));
    }
    String packageResource = Packages.resource(templateName);
    if (packageResource != null) {
      return builtin(packageResource);
    }
    var file = project.root().resolve(templateName);
    if (!Files.isRegularFile(file)) {
      throw new MdsException("Template " + templateName + " does not exist");
    }
    return fileReader(templateName, ProjectFiles.read(project, file));
  }

  private Reader fileReader(String templateName, String fileText) {
    String text = JinjaDelimiters.normalise(fileText);
    if (templateName.endsWith(".md")) {
      text = docsBlocksOnly(text);
    }
    if (macroTemplates.contains(templateName)) {
      return new StringReader(text);
    }
    return new StringReader(firstTag + text);
  }

  /**
   * The docs blocks of a Markdown file with the prose between them dropped, as dbt reads them:
   * prose may show template syntax such as {@code {{ ref('orders') }}} as an example. Newlines
   * stay, so line numbers stay right.
   */
  static String docsBlocksOnly(String markdown) {
    StringBuilder kept = new StringBuilder();
    Matcher block = DOCS_BLOCK.matcher(markdown);
    int end = 0;
    while (block.find()) {
      kept.append(newlines(markdown, end, block.start())).append(block.group());
      end = block.end();
    }
    return kept.append(newlines(markdown, end, markdown.length())).toString();
  }

  private static String newlines(String text, int from, int to) {
    return "\n".repeat((int) text.substring(from, to).chars().filter(c -> c == '\n').count());
  }

  private static Reader builtin(String resource) {
    try (var in = ProjectTemplateLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the mds jar");
      }
      return new StringReader(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void setCharset(String charset) {
  }

  @Override
  public void setPrefix(String prefix) {
  }

  @Override
  public void setSuffix(String suffix) {
  }

  @Override
  public String resolveRelativePath(String relativePath, String anchorPath) {
    return null;
  }

  @Override
  public String createCacheKey(String templateName) {
    return templateName;
  }

  @Override
  public boolean resourceExists(String templateName) {
    return BUILTIN_TEMPLATES.contains(templateName) || Packages.resource(templateName) != null
        || Files.isRegularFile(project.root().resolve(templateName));
  }
}
