package dev.mds.cli;

import dev.mds.Background;
import dev.mds.TextFiles;
import dev.mds.Timings;
import dev.mds.artifacts.ManifestWriter;
import dev.mds.compile.ParseResult;
import dev.mds.engine.DuckDb;
import dev.mds.execution.CompileTask;
import dev.mds.graph.Model;
import dev.mds.lineage.LineageAnalyzer;
import dev.mds.lineage.LineageWarning;
import dev.mds.lineage.ProjectLineage;
import dev.mds.project.Project;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mds compile}. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = {"Render the selected models' SQL to target/compiled/ and write"
        + " target/manifest.json.",
        "Warns (file and line) when a join matches only part of a declared grain"
        + " (config: {grain: [market, member_no]}); --warn-error makes that exit 2."})
final class CompileCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  SelectionOptions selection;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Option(names = "--lineage", description = "Also trace column lineage into target/manifest.json"
      + " (about a millisecond a model) and report tables read without ref() or source().")
  boolean lineage;

  @Override
  public Integer call() {
    long startedMillis = System.currentTimeMillis();
    PrintWriter out = spec.commandLine().getOut();
    Project loaded = project.load();
    // This compile may leave a stamp for the next one to stand on (UpToDateCompile); the one left
    // by the last compile goes now, whatever happens to this one.
    UpToDateCompile.forget(loaded.targetDir());
    Path root = loaded.root().toAbsolutePath().normalize();
    List<Path> elsewhere = profilesElsewhere(loaded, root);
    // Only a compile over an earlier one's target/ stamps: a first compile (a fresh clone, a CI
    // job) pays nothing for a stamp no later compile may use.
    CompletableFuture<Optional<UpToDateCompile.Listing>> inputs = repeatable()
        && Files.isRegularFile(loaded.targetDir().resolve("manifest.json"))
        ? Background.start("inputs", () -> UpToDateCompile.inputs(root, elsewhere,
            startedMillis - UpToDateCompile.RACY_MILLIS)) : null;
    ParseResult parsed = project.parse(loaded);
    if (lineage || parsed.renderedModels() > 0) {
      // Models rendered anew (a first compile, edits) go to DuckDB's parser in the partial-key
      // check: load DuckDB on the other core while they compile. Otherwise the check's cache
      // usually answers without it.
      DuckDb.preload();
    }
    // The compiled SQL files are written (or compared with what they hold) on a thread of their
    // own while the partial-key check and the manifest go on: creating 14,000 files on a first
    // compile is mostly the kernel's time, which then overlaps DuckDB parsing the models.
    TextFiles files = TextFiles.inBackground();
    CompileTask.Result result;
    try {
      result = CompileTask.run(parsed, selection.selector(parsed), selection.defer, files);
    } catch (RuntimeException e) {
      files.finish();
      throw e;
    }
    Timings.lap("compile SQL (files written meanwhile)");
    // The partial-key check is cheap and always runs; full lineage costs about a millisecond a
    // model, so it is traced only when asked for. Without lineage the manifest does not wait for
    // the check: it is written on another core meanwhile.
    long started = System.nanoTime();
    CompletableFuture<Path> manifest = lineage ? null : Background.start("manifest",
        () -> ManifestWriter.write(result.parsed(), result.compiled(), MdsVersion.version(),
            ProjectLineage.none()));
    ProjectLineage traced = ProjectLineage.none();
    List<LineageWarning> warnings;
    List<String> unwritten;
    try (LineageAnalyzer analyzer = new LineageAnalyzer(result.parsed(), result.compiled())) {
      if (lineage) {
        traced = analyzer.lineage(result.selected());
        warnings = analyzer.warnings(result.selected());
      } else {
        warnings = analyzer.partialKeyJoins(result.selected());
      }
    } finally {
      Background.await(manifest);
      unwritten = files.finish();
    }
    dev.mds.TextFiles.requireWritten(unwritten);
    Timings.lap("partial-key join check, SQL files");
    if (manifest == null) {
      ManifestWriter.write(result.parsed(), result.compiled(), MdsVersion.version(), traced);
    } else {
      Background.join(manifest);
    }
    Timings.lap("manifest.json");
    Reports.found(out, result.parsed().manifest());
    Reports.unmatched(out, result.unmatched());
    if (lineage) {
      long incomplete = traced.models().values().stream().filter(m -> !m.complete()).count();
      out.printf("Traced column lineage of %s (%d incomplete) in %d ms%n",
          Reports.count(traced.models().size(), "model"), incomplete,
          (System.nanoTime() - started) / 1_000_000);
    }
    if (CompileWarnings.report(warnings, global.warnError, out, spec.commandLine().getErr())) {
      return Mds.PROJECT_ERROR;
    }
    List<Model> compiled = result.parsed().manifest().nodesOf(Model.class).stream()
        .filter(m -> result.selected().contains(m.uniqueId())).toList();
    long snapshots = compiled.stream().filter(Model::isSnapshot).count();
    long models = compiled.size() - snapshots;
    long analyses = result.parsed().manifest().nodesOf(dev.mds.graph.Analysis.class).stream()
        .filter(a -> result.selected().contains(a.uniqueId())).count();
    List<String> parts = new ArrayList<>();
    parts.add(Reports.count(models, "model"));
    if (snapshots > 0) {
      parts.add(Reports.count(snapshots, "snapshot"));
    }
    if (analyses > 0) {
      parts.add(analyses + (analyses == 1 ? " analysis" : " analyses"));
    }
    String what = parts.size() == 1 ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
            + parts.get(parts.size() - 1);
    out.printf("Compiled %s to %s%n", what,
        loaded.display(loaded.targetDir().resolve("compiled")));
    if (inputs != null && repeatable(loaded, root, result)) {
      Optional<UpToDateCompile.Listing> listed = Background.join(inputs);
      if (listed.isPresent() && out instanceof Transcript printed) {
        Optional<String> text = printed.text();
        if (text.isPresent()) {
          UpToDateCompile.stamp(
              spec.root().commandLine().getParseResult().originalArgs().toArray(String[]::new),
              root, elsewhere, listed.get(), startedMillis, dev.mds.Secrets.scrub(text.get()));
        }
      }
      Timings.lap("stamp for the next compile");
    } else if (inputs != null) {
      Background.await(inputs);
    }
    return Mds.OK;
  }

  /** Whether the options allow the next compile to repeat this one's output unseen. */
  private boolean repeatable() {
    return !lineage && selection.state == null && !selection.defer
        && selection.deferDatabase == null && !project.noPartialParse && !global.debug;
  }

  /**
   * Whether this compile's output follows from the project folder's files, the command line and
   * the environment alone, and it printed nothing but its summary (see UpToDateCompile).
   */
  private boolean repeatable(Project loaded, Path root, CompileTask.Result result) {
    if (result.queriedDatabase() || result.parsed().perInvocation() || project.console == null || project.console.used()
        || !(spec.commandLine().getErr() instanceof Transcript err) || err.printed()
        || !loaded.targetDir().toAbsolutePath().normalize().equals(root.resolve("target"))) {
      return false;
    }
    List<String> folders = new ArrayList<>();
    folders.addAll(loaded.config().modelPaths());
    folders.addAll(loaded.config().seedPaths());
    folders.addAll(loaded.config().testPaths());
    folders.addAll(loaded.config().macroPaths());
    folders.addAll(loaded.config().docsPaths());
    folders.addAll(loaded.config().snapshotPaths());
    folders.addAll(loaded.config().analysisPaths());
    if (!folders.stream().allMatch(f -> loaded.resolve(f).toAbsolutePath().normalize()
        .startsWith(root))
        || !loaded.packagesInstallPath().toAbsolutePath().normalize().startsWith(root)) {
      return false;
    }
    // A source read from files by location: those files may lie anywhere.
    return result.parsed().manifest().nodesOf(dev.mds.graph.Source.class).stream()
        .noneMatch(s -> s.config().string("location").isPresent());
  }

  /** The profiles.yml files outside the project folder that loading it read or looked for. */
  private static List<Path> profilesElsewhere(Project loaded, Path root) {
    Path home = Path.of(System.getProperty("user.home"));
    List<Path> files = new ArrayList<>(List.of(home.resolve(".mds").resolve("profiles.yml"),
        home.resolve(".dbt").resolve("profiles.yml")));
    loaded.target().profilesFile().map(f -> f.toAbsolutePath().normalize())
        .filter(f -> !files.contains(f)).ifPresent(files::add);
    return files.stream().filter(f -> !f.toAbsolutePath().normalize().startsWith(root)).toList();
  }
}
