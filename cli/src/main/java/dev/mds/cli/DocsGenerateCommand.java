package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.artifacts.CatalogWriter;
import dev.mds.artifacts.ManifestWriter;
import dev.mds.artifacts.StateComparison;
import dev.mds.docs.DocsException;
import dev.mds.docs.DocsSite;
import dev.mds.docs.NodeStates;
import dev.mds.docs.SiteSummary;
import dev.mds.execution.CompileTask;
import dev.mds.graph.Manifest;
import dev.mds.graph.Selector;
import dev.mds.lineage.LineageAnalyzer;
import dev.mds.lineage.ProjectLineage;
import dev.mds.project.Project;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mds docs generate}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Write the documentation site to target/docs/: an overview, a page per model, seed,"
            + " source, data test and macro, lineage graphs and search.",
        "Compiles the project (target/manifest.json), reads column types and row counts from the"
            + " database (target/catalog.json) and shows the last run's results"
            + " (target/run_results.json), so run `mds build` first for statuses and tests.",
        "The site opens from the file system (target/docs/index.html) and needs no network."})
final class DocsGenerateCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Option(names = "--empty-catalog",
      description = "Do not read the database: columns show only what the schema YAML documents.")
  boolean emptyCatalog;

  @Option(names = "--state", paramLabel = "DIR",
      description = "Folder with an earlier manifest.json (production's): the site's selector box"
          + " answers state:new and state:modified[.body|.configs|.descriptions|.macros] against"
          + " it. Without it, against target/manifest.json as the previous command left it.")
  Path state;

  @Mixin
  LockOptions lock;

  @Override
  public Integer call() {
    lock.check();
    PrintWriter out = spec.commandLine().getOut();
    Project loaded = project.load();
    // The compile's results are let go before the site is written (a 5,000-model project's
    // parse, compiled SQL and lineage are a few hundred MB the site does not need).
    Path siteDir = loaded.targetDir().resolve("docs");
    // A site written whole reads the manifest: it is parsed as it is written, on the other core.
    Written written = writeArtifacts(loaded, out, DocsSite.writesWhole(siteDir));
    SiteSummary site;
    try {
      site = DocsSite.generate(loaded.targetDir(), loaded.root(), siteDir, written.states(),
          dev.mds.Timings::lap, written.manifest());
    } catch (DocsException e) {
      throw new MdsException(e.getMessage(), e);
    }
    if (site.unchanged()) {
      out.printf("The site in %s is up to date: nothing it is made from changed (%d pages;"
          + " checked in %d ms)%n", loaded.display(site.index().getParent()), site.pages(),
          site.totalMillis());
    } else {
      out.printf("Wrote %d pages to %s (lineage of %d nodes laid out in %d ms; %d ms in all)%n",
          site.pages(), loaded.display(site.index().getParent()), site.graphNodes(),
          site.layoutMillis(), site.totalMillis());
    }
    out.printf("Open %s in a browser, or run `mds docs serve`.%n", site.index().toUri());
    return Mds.OK;
  }

  /** Each node's state, and the manifest's tree when it was asked for (else null). */
  private record Written(NodeStates states,
      java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.JsonNode> manifest) {
  }

  /**
   * Compiles the project and writes manifest.json (with column lineage) and catalog.json; returns
   * each node's state against the manifest it replaced (or --state's), and with {@code tree} the
   * manifest's tree.
   */
  private Written writeArtifacts(Project loaded, PrintWriter out, boolean tree) {
    // Parsed as mds compile parses (its warnings, templates' log lines, --no-partial-parse), and
    // the compiled SQL files written on a thread of their own while the lineage is traced:
    // creating 5,000 files is mostly the kernel's time, and slow on some disks.
    dev.mds.compile.ParseResult parsed = project.parse(loaded);
    // The lineage parses with DuckDB: its driver and library load on another core meanwhile.
    dev.mds.engine.DuckDb.preload();
    dev.mds.TextFiles files = dev.mds.TextFiles.inBackground();
    CompileTask.Result result;
    try {
      result = CompileTask.run(parsed, Selector.of(List.of(), List.of()), false, files);
    } catch (RuntimeException e) {
      files.finish();
      throw e;
    }
    dev.mds.Timings.lap("compile");
    // Target's previous manifest is what state: compares with: it is read and compared on another
    // core while the lineage is traced (~0.5 s at 5,000 models), and awaited before the manifest
    // is written over.
    java.util.concurrent.CompletableFuture<NodeStates> comparing = dev.mds.Background.start(
        "state", () -> states(loaded, result.parsed()));
    Manifest manifest = result.parsed().manifest();
    LineageAnalyzer analyzer = new LineageAnalyzer(result.parsed(), result.compiled());
    java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.JsonNode> manifestTree =
        null;
    NodeStates states;
    try {
      ProjectLineage lineage;
      List<String> unwritten;
      try {
        lineage = lineage(analyzer, result, out);
      } finally {
        dev.mds.Background.await(comparing);
        unwritten = files.finish();
      }
      states = dev.mds.Background.join(comparing);
      dev.mds.TextFiles.requireWritten(unwritten);
      if (tree) {
        manifestTree = ManifestWriter.writeAndRead(result.parsed(), result.compiled(),
            MdsVersion.version(), lineage).tree();
      } else {
        ManifestWriter.write(result.parsed(), result.compiled(), MdsVersion.version(), lineage);
      }
    } finally {
      // The lineage cache was written meanwhile (see cachedInBackground). Failing to keep it
      // (or to close DuckDB) costs the next run time, not this run its site.
      try {
        analyzer.close();
      } catch (MdsException e) {
        out.printf("Column lineage not kept for the next run: %s%n", e.getMessage());
      }
    }
    Reports.found(out, manifest);
    // Which of mds's built-in packages served the project, as the site's overview lists them.
    ManifestWriter.builtinPackagesUsed(result.parsed()).fields().forEachRemaining(e -> {
      List<String> parts = new java.util.ArrayList<>();
      for (String kind : List.of("macros", "tests")) {
        List<String> names = new java.util.ArrayList<>();
        e.getValue().path(kind).forEach(n -> names.add(n.asText()));
        if (!names.isEmpty()) {
          parts.add(kind + ": " + String.join(", ", names));
        }
      }
      out.printf("Built-in package used: %s (%s)%n", e.getKey(), String.join("; ", parts));
    });
    Path database = loaded.target().databasePath();
    // An engine other than DuckDB keeps its catalog elsewhere: it is read.
    boolean built = !loaded.target().isDuckDb() || !database.toString().equals(":memory:")
        && (Files.isRegularFile(database)
        || loaded.target().serving().path().filter(Files::isRegularFile).isPresent());
    if (emptyCatalog || !built) {
      CatalogWriter.write(loaded, manifest, Map.of(), MdsVersion.version());
      if (!emptyCatalog) {
        out.printf("No database at %s yet: run `mds build` to add column types, row counts and"
            + " test results.%n", loaded.display(database));
      }
    } else {
      try (dev.mds.engine.Warehouse warehouse = dev.mds.engine.Engines.open(loaded.target(),
          dev.mds.engine.EngineOptions.forReading(lock.seconds, out::println))) {
        CatalogWriter.write(loaded, manifest, warehouse, MdsVersion.version());
      }
    }
    dev.mds.Timings.lap("manifest.json and catalog.json");
    return new Written(states, manifestTree);
  }

  /** Each node's state against {@code --state}'s manifest, else target's previous one. */
  private NodeStates states(Project loaded, dev.mds.compile.ParseResult parsed) {
    Path dir = state != null ? state : loaded.targetDir();
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      if (state != null) {
        throw new MdsException("No manifest.json in " + loaded.display(state) + " (--state):"
            + " point it at a folder holding an earlier run's target/ artifacts.");
      }
      return NodeStates.none();
    }
    dev.mds.graph.SelectionState compared;
    try {
      compared = StateComparison.compare(parsed, dir, MdsVersion.version());
    } catch (MdsException e) {
      if (state != null) {
        throw e;
      }
      // An unreadable previous manifest only costs the site its state: answers.
      return NodeStates.none();
    }
    Map<String, String> byNode = new java.util.HashMap<>();
    compared.newNodes().forEach(id -> byNode.put(id, "new"));
    compared.modified().forEach((id, kinds) ->
        byNode.put(id, "modified " + String.join(" ", kinds)));
    return new NodeStates(state != null ? loaded.display(state.resolve("manifest.json"))
        : "target/manifest.json as the previous command left it", byNode);
  }

  /**
   * Column lineage of every model for the site. A model the analyser cannot follow is already
   * marked unknown in it; only DuckDB failing to start throws, and that costs the site its
   * column lineage, not its pages.
   */
  private static ProjectLineage lineage(LineageAnalyzer analyzer, CompileTask.Result result,
      PrintWriter out) {
    try {
      // Kept in target/lineage_cache.json (written while the manifest is): a second run
      // re-traces only what changed.
      ProjectLineage lineage = analyzer.cachedInBackground().lineage(result.selected());
      dev.mds.Timings.lap("column lineage (" + analyzer.reused().size() + " models reused)");
      return lineage;
    } catch (MdsException e) {
      out.printf("Column lineage left out of the site: %s%n", e.getMessage());
      return ProjectLineage.none();
    }
  }
}
