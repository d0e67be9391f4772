package dev.mds.cli;

import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.project.Project;
import dev.mds.project.ProjectLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every project command shares. */
final class ProjectOptions {

  @Option(names = "--project-dir", paramLabel = "DIR",
      description = "Project folder (holding mds_project.yml or dbt_project.yml). Default: the current folder.")
  Path projectDir = Path.of(".");

  @Option(names = {"-t", "--target"}, paramLabel = "NAME",
      description = "Target (profile output) to use. Default: the profile's 'target:'.")
  String target;

  @Option(names = "--vars", paramLabel = "YAML",
      description = "Variables for var(), as YAML: --vars '{start_date: 2024-01-01}'.")
  String vars;

  @Option(names = "--no-partial-parse",
      description = "Render every model again instead of reusing target/partial_parse.json.")
  boolean noPartialParse;

  Project load() {
    return ProjectLoader.load(projectDir, Optional.ofNullable(target), Optional.ofNullable(vars));
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * Parses {@code loaded}, reusing unchanged models' renders unless --no-partial-parse, and prints
   * the parse's warnings (such as a partial-parse file that could not be written).
   */
  ParseResult parse(Project loaded) {
    ParseResult parsed = ProjectParser.parse(loaded, !noPartialParse);
    for (String warning : parsed.warnings()) {
      command.commandLine().getErr().println("Warning: " + warning);
    }
    return parsed;
  }
}
