package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.graph.Analysis;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.template.TemplateEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the SQL files under {@code analysis-paths} into {@link Analysis} nodes, rendering each
 * once as a model is (its {@code ref}, {@code source} and {@code config} calls), so they compile
 * like models but are never built.
 */
final class AnalysisParser {

  private final Project project;
  private final ProjectFiles files;
  private final TemplateEngine templates;
  private final TestParser.Dependencies dependencies;
  private final Map<String, Set<String>> macroUses;
  private final List<MdsException> errors;

  AnalysisParser(Project project, ProjectFiles files, TemplateEngine templates,
      TestParser.Dependencies dependencies, Map<String, Set<String>> macroUses,
      List<MdsException> errors) {
    this.project = project;
    this.files = files;
    this.templates = templates;
    this.dependencies = dependencies;
    this.macroUses = macroUses;
    this.errors = errors;
  }

  /**
   * The enabled analyses; one with an error adds it to the errors. {@code takenNames} are the
   * models' and seeds' names, which an analysis may not share (dbt's names are unique too).
   */
  List<Analysis> parse(Set<String> takenNames) {
    List<Analysis> analyses = new ArrayList<>();
    for (Path file : files.analyses()) {
      try {
        analysis(file, takenNames).ifPresent(analyses::add);
      } catch (MdsException e) {
        errors.add(e);
      }
    }
    return analyses;
  }

  private java.util.Optional<Analysis> analysis(Path file, Set<String> takenNames) {
    String name = ProjectParser.baseName(file);
    String display = project.display(file);
    // As dbt: the project, "analysis", the folders below the analysis path, the name.
    List<String> fqn = new ArrayList<>(ProjectParser.fqn(project, file,
        project.config().analysisPaths()));
    fqn.add(1, "analysis");
    ParseContext context = new ParseContext(project.target(), project.target().schema(), name,
        Map.of(), fqn, display);
    templates.render(file, context);
    NodeConfig config = NodeConfig.empty().merge(context.config());
    if (!config.enabled()) {
      return java.util.Optional.empty();
    }
    if (takenNames.contains(name)) {
      throw MdsException.at(display, "analysis '" + name + "' has the name of a model or seed;"
          + " rename one of them");
    }
    List<String> parents = dependencies.resolve("analysis '" + name + "'", context.refs(),
        context.sources());
    String raw = ProjectFiles.read(project, file);
    String id = "analysis." + project.name() + "." + name;
    macroUses.put(id, Set.copyOf(context.macros()));
    return java.util.Optional.of(new Analysis(id, name, display, List.copyOf(fqn), config, "",
        parents, project.target().relation(java.util.Optional.empty(),
            project.target().schema(), name),
        raw, List.copyOf(context.refs()), List.copyOf(context.sources()),
        FileChecksum.of(raw)));
  }
}
