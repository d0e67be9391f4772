package dev.mds.cli;

import dev.mds.Background;
import dev.mds.MdsException;
import dev.mds.ProjectErrors;
import dev.mds.Timings;
import dev.mds.compile.Warmup;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mds} command: parses arguments, runs one verb, maps the outcome to an exit code. */
@Command(name = "mds", mixinStandardHelpOptions = true, versionProvider = MdsVersion.class,
    description = "A local-first, dbt-style SQL transformation tool on DuckDB.%n"
        + "Run a verb from a project folder (or pass --project-dir).",
    footer = {"", "Exit codes: 0 success, 1 a model, seed or test failed, "
        + "2 the project or the command line is wrong."})
public final class Mds implements Runnable {

  /** Every node ran and passed. */
  static final int OK = 0;
  /** A model, seed or test failed. */
  static final int FAILED = 1;
  /** The project or the command line is wrong. */
  static final int PROJECT_ERROR = 2;

  /** Every verb, in the order {@code mds --help} lists them. */
  private static final List<Class<?>> VERBS = List.of(BuildCommand.class, RunCommand.class,
      TestCommand.class, SeedCommand.class, SnapshotCommand.class, RetryCommand.class, DiffCommand.class,
      CompileCommand.class, LineageCommand.class, ShowCommand.class, LsCommand.class,
      SourceCommand.class,
      DebugCommand.class, InitCommand.class, CleanCommand.class, DepsCommand.class, DocsCommand.class,
      CommandLine.HelpCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * The command line for {@code args}. picocli builds its model of a verb by reflection (about
   * 20 ms each, and picocli's own classes cannot be class-data shared), so when the first word
   * names a verb only that verb is registered; otherwise (help, a typo) all are, so usage lists
   * them and picocli can suggest the closest.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new Mds());
    String verb = verb(args);
    List<Class<?>> chosen = VERBS.stream()
        .filter(c -> c.getAnnotation(Command.class).name().equals(verb)).toList();
    for (Class<?> command : chosen.isEmpty() || verb.equals("help") ? VERBS : chosen) {
      cli.addSubcommand(command);
    }
    return cli;
  }

  /** The first word that is not an option: the verb, if the command line is right. */
  private static String verb(String[] args) {
    return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
  }

  /** Whether the command will read a project (not help, init or clean): worth a warm-up. */
  private static boolean readsProject(String[] args) {
    List<String> words = Arrays.asList(args);
    return !Set.of("", "help", "init", "clean", "deps").contains(verb(args))
        && !words.contains("--help") && !words.contains("-h");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // Pebble logs through SLF4J and mds ships no logging backend: without this, `java -jar mds.jar`
    // opens every command with three lines of SLF4J's "no providers" warning.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs mds with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    // Every console line passes here: a secret environment variable's value never shows.
    return run(args, dev.mds.Secrets.scrubbing(out), dev.mds.Secrets.scrubbing(err));
  }

  private static int run(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli reflects over every verb: scripts call this to check the install.
      for (String line : new MdsVersion().getVersion()) {
        out.println(line);
      }
      out.flush();
      return OK;
    }
    Timings.lap("JVM start");
    if (verb(args).equals("compile") && readsProject(args)) {
      // Nothing the last compile depended on changed, nor anything it wrote: its output stands.
      Optional<String> replayed = UpToDateCompile.replay(args);
      if (replayed.isPresent()) {
        out.print(replayed.get());
        out.flush();
        Timings.lap("up to date: the last compile's output");
        return OK;
      }
    }
    // What the verb prints is kept as well, for a compile to store (see UpToDateCompile).
    return runVerb(args, Transcript.of(out), Transcript.of(err));
  }

  private static int runVerb(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    // picocli's reflection takes ~0.1 s on this core; the libraries' set-up runs on another.
    CompletableFuture<Void> warmUp = readsProject(args) ? Warmup.start() : null;
    CommandLine cli = commandLine(args);
    Timings.lap("command line (picocli)");
    // Joined before the verb runs: a failed warm-up costs only the time it saved.
    if (warmUp != null) {
      Background.await(warmUp);
      Timings.lap("rest of the warm-up");
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (debug) {
        ex.printStackTrace(err);
      }
      if (ex instanceof ProjectErrors errors) {
        // One line each, as a single error prints, so editors can jump to every file:line.
        for (String line : errors.lines()) {
          err.println(line.startsWith("... ") ? line : "Error: " + line);
        }
      } else if (ex instanceof MdsException) {
        err.println("Error: " + ex.getMessage());
      } else {
        err.println("Error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
            + (debug ? "" : " (run with --debug for the stack trace)"));
      }
      err.flush();
      return PROJECT_ERROR;
    });
    // A mistyped command line: the error and where to read more, not the verb's whole help.
    cli.setParameterExceptionHandler((ex, arguments) -> {
      CommandLine command = ex.getCommandLine();
      err.println(ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its"
            + " options.");
      }
      err.flush();
      return command.getCommandSpec().exitCodeOnInvalidInput();
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
