package dev.mds.cli;

import dev.mds.Background;
import dev.mds.Timings;
import dev.mds.artifacts.ManifestWriter;
import dev.mds.artifacts.JUnitXmlWriter;
import dev.mds.artifacts.RunResultsWriter;
import dev.mds.artifacts.SummaryMarkdownWriter;
import dev.mds.compile.ParseResult;
import dev.mds.engine.DuckDb;
import dev.mds.execution.RunTask;
import dev.mds.graph.ResourceType;
import dev.mds.graph.Selector;
import dev.mds.lineage.LineageAnalyzer;
import dev.mds.lineage.LineageWarning;
import dev.mds.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Model.CommandSpec;

/** The shared body of run, seed and build: parse, build, report, write artifacts. */
final class RunInvocation {

  private RunInvocation() {
  }

  static int execute(CommandSpec spec, ProjectOptions projectOptions, SelectionOptions selection,
      RunOptions options, Set<ResourceType> types) {
    return execute(spec, projectOptions, selection, options, types, false, false);
  }

  /**
   * @param audit build tables beside the live ones and publish them only if their tests pass
   * @param warnError stop with exit 2, before building anything, when a compile check warns
   */
  static int execute(CommandSpec spec, ProjectOptions projectOptions, SelectionOptions selection,
      RunOptions options, Set<ResourceType> types, boolean audit, boolean warnError) {
    return execute(spec, projectOptions, selection, options, types, audit, warnError,
        dev.mds.execution.MicrobatchOptions.NONE);
  }

  /** @param microbatch which batches microbatch models build */
  static int execute(CommandSpec spec, ProjectOptions projectOptions, SelectionOptions selection,
      RunOptions options, Set<ResourceType> types, boolean audit, boolean warnError,
      dev.mds.execution.MicrobatchOptions microbatch) {
    return execute(spec, projectOptions, selection, options, types, audit, warnError, microbatch,
        false);
  }

  /** @param empty {@code --empty}: every ref and source reads no rows, seeds load none */
  static int execute(CommandSpec spec, ProjectOptions projectOptions, SelectionOptions selection,
      RunOptions options, Set<ResourceType> types, boolean audit, boolean warnError,
      dev.mds.execution.MicrobatchOptions microbatch, boolean empty) {
    options.check();
    PrintWriter out = spec.commandLine().getOut();
    Project project = ServingOption.apply(projectOptions.load(), options.publish);
    DuckDb.preload();
    dev.mds.engine.Engines.warmUp(project.target());
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    boolean colour = !options.noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    try (RunLog log = RunLog.open(project.root(), String.join(" ", args))) {
      ConsoleReporter reporter = new ConsoleReporter(out, options.logFormat, colour, log);
      reporter.info("Running with mds " + MdsVersion.version());
      ParseResult parsed;
      try {
        parsed = projectOptions.parse(project, reporter);
      } catch (RuntimeException e) {
        log.error(e);
        throw e;
      }
      // The run does not read manifest.json: it is written on the other core meanwhile, and is
      // complete before run_results.json (or before the process ends another way).
      CompletableFuture<Path> manifest = Background.start("manifest",
          () -> ManifestWriter.write(parsed, Map.of(), MdsVersion.version()));
      try (InterruptGate gate = new InterruptGate()) {
        return checkAndRun(spec, parsed, selection, options, types, audit, warnError, out,
            reporter, log, args, manifest, gate, microbatch, empty);
      } finally {
        Background.await(manifest);
      }
    }
  }

  private static int checkAndRun(CommandSpec spec, ParseResult parsed, SelectionOptions selection,
      RunOptions options, Set<ResourceType> types, boolean audit, boolean warnError,
      PrintWriter out, ConsoleReporter reporter, RunLog log, List<String> args,
      CompletableFuture<Path> manifest, InterruptGate gate,
      dev.mds.execution.MicrobatchOptions microbatch, boolean empty) {
    Project project = parsed.project();
    StringPrinter found = new StringPrinter();
    Reports.found(found.writer(), parsed.manifest());
    reporter.info(found.text());
    Selector selector = selection.selector(parsed);
    if (types.contains(ResourceType.MODEL)) {
      List<LineageWarning> warnings;
      try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
        warnings = analyzer.partialKeyJoins(selector.select(parsed.manifest()).uniqueIds());
      }
      if (warnError && !warnings.isEmpty()) {
        CompileWarnings.report(warnings, true, out, spec.commandLine().getErr());
        return Mds.PROJECT_ERROR;
      }
      warnings.forEach(w -> reporter.info("Warning: " + w));
      Timings.lap("partial-key join check");
    }
    RunTask.Options runOptions = new RunTask.Options(types, selector,
        options.threads(), options.failFast, options.fullRefresh, options.lock.seconds, audit,
        selection.deferTo(), microbatch, empty);
    RunTask.Outcome outcome;
    gate.runStarting();
    try {
      outcome = RunTask.run(parsed, runOptions, reporter);
    } catch (RuntimeException e) {
      log.error(e);
      throw e;
    }
    Timings.lap("end of run");
    if (gate.interrupted()) {
      reporter.info("Interrupted: the running statements were cancelled (nothing half-built was"
          + " committed) and the nodes not started were skipped.");
    }
    Background.join(manifest);
    for (String criterion : outcome.unmatched()) {
      reporter.info("Warning: the selection criterion '" + criterion
          + "' does not match any nodes");
    }
    RunResultsWriter.write(project, parsed.manifest(), outcome, MdsVersion.version(), args);
    String verb = spec.name();
    SummaryMarkdownWriter.write(project, verb, parsed.manifest(), outcome);
    if (options.junitXml != null) {
      JUnitXmlWriter.write(options.junitXml, "mds " + verb, parsed.manifest(), outcome);
    }
    reporter.summary(outcome, parsed.manifest());
    Timings.lap("run_results.json, summary.md");
    return outcome.failed() ? Mds.FAILED : Mds.OK;
  }
}
