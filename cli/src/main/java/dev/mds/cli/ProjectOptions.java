package dev.mds.cli;

import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.project.Project;
import dev.mds.project.ProjectLoader;
import dev.mds.project.Target;
import java.io.PrintWriter;
import dev.mds.template.context.Invocation;
import dev.mds.template.context.TemplateLog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
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
   * the parse's warnings (such as a partial-parse file that could not be written). Templates'
   * {@code log()} lines go to the console and {@code logs/mds.log}.
   */
  ParseResult parse(Project loaded) {
    CommandLine.ParseResult given = command.commandLine().getParseResult();
    console = new TemplateConsole(command.commandLine().getOut(), loaded.root(),
        given == null ? command.name() : String.join(" ", given.originalArgs()));
    return parse(loaded, console);
  }

  /** Where {@link #parse(Project)} sent templates' log lines (null before it ran). */
  TemplateConsole console;

  /** As {@link #parse(Project)}, with templates' {@code log()} lines going to {@code log}. */
  ParseResult parse(Project loaded, TemplateLog log) {
    ParseResult parsed = ProjectParser.parse(loaded, !noPartialParse, invocation(loaded, log));
    for (String warning : parsed.warnings()) {
      command.commandLine().getErr().println("Warning: " + warning);
    }
    OptionSpec warnError = command == null ? null : command.findOption("--warn-error");
    ConfigKeyWarnings.report(parsed.configKeys(),
        warnError != null && Boolean.TRUE.equals(warnError.getValue()),
        command.commandLine().getErr());
    return parsed;
  }

  /**
   * This command as templates see it: the verb is dbt's {@code flags.WHICH}, and each option given
   * on the command line a flag under dbt's spelling ({@code --full-refresh} is
   * {@code FULL_REFRESH}, {@code --no-partial-parse} sets {@code PARTIAL_PARSE} false).
   */
  private Invocation invocation(Project loaded, TemplateLog log) {
    CommandLine.ParseResult given = command.commandLine().getParseResult();
    Map<String, Object> flags = new LinkedHashMap<>();
    for (OptionSpec option : command.options()) {
      if (given == null || !given.hasMatchedOption(option)) {
        continue;
      }
      String name = option.longestName().replaceFirst("^-+", "").replace('-', '_')
          .toUpperCase(Locale.ROOT);
      Object value = option.getValue();
      if (name.startsWith("NO_") && value instanceof Boolean set) {
        flags.put(name.equals("NO_COLOR") ? "USE_COLORS" : name.substring(3), !set);
      } else if (value != null) {
        flags.put(name, value instanceof Path path ? path.toString() : value);
      }
    }
    flags.put("TARGET_PATH", loaded.config().targetPath());
    if (given != null) {
      flags.put("INVOCATION_COMMAND", "mds " + String.join(" ", given.originalArgs()));
    }
    return Invocation.start(command.name(), flags, MdsVersion.version(), log);
  }
}
