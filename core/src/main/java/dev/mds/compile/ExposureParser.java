package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.graph.Exposure;
import dev.mds.graph.RefCall;
import dev.mds.graph.SourceCall;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.YamlValues;
import dev.mds.schema.ExposureSpec;
import dev.mds.template.TemplateEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@code exposures:} entries into {@link Exposure} nodes: checks their type, maturity and
 * owner, and resolves each {@code depends_on} entry ({@code ref('orders')},
 * {@code source('erp', 'orders')}) by rendering it as dbt does.
 */
final class ExposureParser {

  private static final java.util.regex.Pattern METRIC =
      java.util.regex.Pattern.compile("^\\s*metric\\s*\\(.*\\)\\s*$",
          java.util.regex.Pattern.DOTALL);
  private static final List<String> MATURITIES = List.of("low", "medium", "high");

  private final Project project;
  private final ProjectFiles files;
  private final TemplateEngine templates;
  private final TestParser.Dependencies dependencies;
  private final List<MdsException> errors;

  ExposureParser(Project project, ProjectFiles files, TemplateEngine templates,
      TestParser.Dependencies dependencies, List<MdsException> errors) {
    this.project = project;
    this.files = files;
    this.templates = templates;
    this.dependencies = dependencies;
    this.errors = errors;
  }

  /** The enabled exposures of {@code specs}; an exposure with an error adds it to the errors. */
  List<Exposure> parse(List<ExposureSpec> specs) {
    List<Exposure> exposures = new ArrayList<>();
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    for (ExposureSpec spec : specs) {
      try {
        String previous = seen.putIfAbsent(spec.name(), spec.file());
        if (previous != null) {
          throw MdsException.at(spec.file(), "exposure '" + spec.name()
              + "' is declared twice (also in " + previous + "); keep one entry");
        }
        exposure(spec).ifPresent(exposures::add);
      } catch (MdsException e) {
        errors.add(e);
      }
    }
    return exposures;
  }

  private Optional<Exposure> exposure(ExposureSpec spec) {
    Map<String, Object> entry = spec.entry();
    String name = spec.name();
    String what = "exposure '" + name + "'";
    Map<String, Object> ownConfig = YamlValues.map(entry.get("config"));
    NodeConfig config = NodeConfig.empty().merge(ownConfig);
    if (entry.containsKey("enabled") && !ownConfig.containsKey("enabled")) {
      config = config.merge(Map.of("enabled", entry.get("enabled")));
    }
    if (!config.enabled()) {
      return Optional.empty();
    }
    String type = text(entry, "type", what, spec.file()).orElseThrow(() -> MdsException.at(
        spec.file(), what + " has no type (one of " + String.join(", ", Exposure.TYPES) + ")"));
    if (!Exposure.TYPES.contains(type)) {
      throw MdsException.at(spec.file(), what + " has type '" + type + "'; use one of "
          + String.join(", ", Exposure.TYPES));
    }
    Optional<String> maturity = text(entry, "maturity", what, spec.file());
    if (maturity.isPresent() && !MATURITIES.contains(maturity.get())) {
      throw MdsException.at(spec.file(), what + " has maturity '" + maturity.get()
          + "'; use low, medium or high");
    }
    Object owner = entry.get("owner");
    if (owner != null && !(owner instanceof Map<?, ?>)) {
      throw MdsException.at(spec.file(), what + ": owner must be a mapping (owner: {name: ...,"
          + " email: ...}), got '" + owner + "'");
    }
    Map<String, Object> ownerMap = YamlValues.map(owner);
    if (entry.get("tags") != null) {
      config = config.merge(Map.of("tags", YamlValues.strings(entry.get("tags"))));
    }
    Map<String, Object> meta = new LinkedHashMap<>(YamlValues.map(entry.get("meta")));
    meta.putAll(config.meta());
    if (!meta.isEmpty()) {
      config = config.merge(Map.of("meta", meta));
    }
    List<String> calls = dependsOnCalls(entry.get("depends_on"), what, spec.file());
    ParseContext context = new ParseContext(project.target(), project.target().schema(), name,
        Map.of(), List.of(project.name()), spec.file());
    for (String call : calls) {
      if (METRIC.matcher(call).matches()) {
        // Metrics are the semantic layer's; an exposure naming one adds no parent here.
        continue;
      }
      if (!TestParser.CALL.matcher(call).matches()) {
        throw MdsException.at(spec.file(), what + ": depends_on entry '" + call
            + "' must be ref('model') or source('source', 'table')");
      }
      templates.renderText("{{ " + call + " }}", spec.file(), context);
    }
    // The calls were rendered one by one, not at their YAML line: name the file alone.
    List<String> parents = dependencies.resolve(what,
        context.refs().stream().map(r -> new RefCall(r.packageName(), r.name(), spec.file(), 0))
            .toList(),
        context.sources().stream()
            .map(c -> new SourceCall(c.sourceName(), c.tableName(), spec.file(), 0)).toList());
    List<String> schemaFqn = ProjectParser.fqn(project, project.located(spec.file()),
        files.schemaPaths());
    List<String> fqn = new ArrayList<>(schemaFqn.subList(0, schemaFqn.size() - 1));
    fqn.add(name);
    return Optional.of(new Exposure("exposure." + project.name() + "." + name, name,
        text(entry, "label", what, spec.file()).orElse(name), spec.file(), List.copyOf(fqn),
        config, text(entry, "description", what, spec.file()).orElse(""), type, maturity,
        text(entry, "url", what, spec.file()),
        text(ownerMap, "name", what + " owner", spec.file()),
        text(ownerMap, "email", what + " owner", spec.file()), calls, parents, meta));
  }

  private static List<String> dependsOnCalls(Object value, String what, String file) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw MdsException.at(file, what + ": depends_on must be a list (depends_on:"
          + " [\"ref('orders')\"]), got '" + value + "'");
    }
    List<String> calls = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String text)) {
        throw MdsException.at(file, what + ": depends_on entry '" + item
            + "' must be ref('model') or source('source', 'table')");
      }
      calls.add(text.strip());
    }
    return calls;
  }

  private static Optional<String> text(Map<String, Object> entry, String key, String what,
      String file) {
    Object value = entry.get(key);
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw MdsException.at(file, what + ": '" + key + ":' must be text, got " + value);
    }
    return YamlValues.string(value).filter(s -> !s.isBlank());
  }
}
