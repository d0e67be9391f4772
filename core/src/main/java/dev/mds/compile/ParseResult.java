package dev.mds.compile;

import dev.mds.graph.Manifest;
import dev.mds.project.Project;
import dev.mds.schema.SchemaSpecs;
import dev.mds.template.TemplateEngine;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed project: the manifest plus what later passes need to render its nodes.
 *
 * @param parseRenders each model's SQL as the parse pass rendered it, with the placeholders it
 *     used, so the compile pass can reuse it when the final relations render the same
 * @param renderedModels how many model files the parse pass rendered; the others came from the
 *     partial-parse cache
 * @param cacheKey with partial parsing on, the digest of the project-wide inputs every render
 *     sees (macros, vars, target), which later caches of renders are keyed by
 * @param configKeys unknown config keys (warnings) and keys accepted but ignored (a note)
 * @param perInvocation whether a model's render read {@code run_started_at},
 *     {@code invocation_id} or the clock, so that the next command's SQL differs
 */
public record ParseResult(Project project, TemplateEngine templates, SchemaSpecs schema,
    Manifest manifest, List<String> warnings, Map<String, ParseRender> parseRenders,
    int renderedModels, Optional<String> cacheKey, ConfigKeyReport configKeys,
    boolean perInvocation) {

  public ParseResult(Project project, TemplateEngine templates, SchemaSpecs schema,
      Manifest manifest, List<String> warnings, Map<String, ParseRender> parseRenders,
      int renderedModels, Optional<String> cacheKey, ConfigKeyReport configKeys) {
    this(project, templates, schema, manifest, warnings, parseRenders, renderedModels, cacheKey,
        configKeys, false);
  }

  public ParseResult(Project project, TemplateEngine templates, SchemaSpecs schema,
      Manifest manifest, List<String> warnings, Map<String, ParseRender> parseRenders,
      int renderedModels, Optional<String> cacheKey) {
    this(project, templates, schema, manifest, warnings, parseRenders, renderedModels, cacheKey,
        ConfigKeyReport.none());
  }

  public ParseResult(Project project, TemplateEngine templates, SchemaSpecs schema,
      Manifest manifest, List<String> warnings) {
    this(project, templates, schema, manifest, warnings, Map.of(), 0, Optional.empty());
  }

  /** What the parse pass rendered for a model, and the schema its placeholders used. */
  public record ParseRender(String sql, String placeholderSchema) {
  }
}
