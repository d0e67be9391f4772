package dev.mds.cli;

import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.project.Project;
import dev.mds.project.ProjectLoader;
import dev.mds.project.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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

  @Option(names = "--profiles-dir", paramLabel = "DIR",
      description = "Folder holding profiles.yml, the only one read (as dbt's; also"
          + " DBT_PROFILES_DIR). Default: the project folder, then ~/.mds, then ~/.dbt.")
  Path profilesDir;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile to use instead of the project file's 'profile:'.")
  String profile;

  @Option(names = "--vars", paramLabel = "YAML",
      description = "Variables for var(), as YAML: --vars '{start_date: 2024-01-01}'.")
  String vars;

  @Option(names = "--no-partial-parse",
      description = "Render every model again instead of reusing target/partial_parse.json.")
  boolean noPartialParse;

  /**
   * Loads the project; with {@code --debug}, says which profiles.yml was read and which of its
   * dbt-duckdb keys mds does not act on (dbt-duckdb's {@code plugins}, {@code secrets}, ...).
   */
  Project load() {
    Project loaded = ProjectLoader.load(projectDir, Optional.ofNullable(target),
        Optional.ofNullable(vars), Optional.ofNullable(profilesDir), Optional.ofNullable(profile));
    OptionSpec debug = command == null ? null : command.findOption("--debug");
    if (debug != null && Boolean.TRUE.equals(debug.getValue())) {
      Target used = loaded.target();
      PrintWriter err = command.commandLine().getErr();
      err.println("Debug: profiles.yml: " + used.profilesFile().map(Object::toString)
          .orElse("none (the embedded default target)"));
      if (!used.ignoredKeys().isEmpty()) {
        err.println("Debug: profile keys accepted but not used by mds: "
            + String.join(", ", used.ignoredKeys()));
      }
    }
    return loaded;
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
