package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Generates the static documentation site from a project's artifacts: {@code index.html}, a
 * project-wide {@code lineage.html}, one page per node and macro under {@code nodes/}, the data
 * scripts under {@code data/} (graph, column lineage, navigation, search) and the bundled
 * styles and scripts under {@code assets/}. The site works from {@code file://} and fetches
 * nothing from the network.
 */
public final class DocsSite {

  /** Marks a folder as a generated site, so regenerating may delete it and nothing else. */
  static final String MARKER = ".mds-docs-site";
  private static final List<String> ASSETS = List.of("mds.css", "mds.js", "graph.js",
      "favicon.svg", "pages.js");

  private DocsSite() {
  }

  /**
   * Writes the site.
   *
   * @param artifactsDir the folder holding manifest.json, run_results.json and catalog.json
   * @param projectRoot the project folder (for README.md and macro sources); may be null
   * @param siteDir the folder to (re)create, usually {@code target/docs}
   */
  public static SiteSummary generate(Path artifactsDir, Path projectRoot, Path siteDir) {
    return generate(artifactsDir, projectRoot, siteDir, NodeStates.none(), phase -> { });
  }

  /**
   * As {@link #generate(Path, Path, Path)}, with each node's state against an earlier manifest
   * for the selector box's {@code state:}, telling {@code lap} as each phase ends (timings).
   */
  public static SiteSummary generate(Path artifactsDir, Path projectRoot, Path siteDir,
      NodeStates states, Consumer<String> lap) {
    return generate(artifactsDir, projectRoot, siteDir, states, lap, null);
  }

  /**
   * Whether {@code siteDir} holds no site whose inputs were recorded: then the site is written
   * whatever its inputs, and a caller that writes the manifest may as well hand over its tree.
   */
  public static boolean writesWhole(Path siteDir) {
    return !SiteInputs.recorded(siteDir);
  }

  /**
   * As {@link #generate(Path, Path, Path, NodeStates, Consumer)}, with the tree of the
   * {@code manifest.json} in {@code artifactsDir} (parsed while it was written) instead of
   * reading the file back; null, or a tree that failed, and the file is read.
   */
  public static SiteSummary generate(Path artifactsDir, Path projectRoot, Path siteDir,
      NodeStates states, Consumer<String> lap, CompletableFuture<JsonNode> manifest) {
    long start = System.nanoTime();
    if (!Files.isRegularFile(artifactsDir.resolve("manifest.json"))) {
      Artifacts.read(artifactsDir);
    }
    // Without a recorded digest (a first run) nothing waits for it: it is taken on the other core
    // while the site is written, and only recorded at the end.
    CompletableFuture<String> inputs;
    if (SiteInputs.recorded(siteDir)) {
      String digest = SiteInputs.digest(artifactsDir, projectRoot, states);
      Optional<SiteSummary> same = SiteInputs.unchanged(siteDir, digest, start);
      lap.accept("site: inputs digest");
      if (same.isPresent()) {
        return same.get();
      }
      inputs = CompletableFuture.completedFuture(digest);
    } else {
      inputs = CompletableFuture.supplyAsync(
          () -> SiteInputs.digest(artifactsDir, projectRoot, states));
    }
    Artifacts artifacts = read(artifactsDir, manifest);
    lap.accept("site: artifacts read");
    LineageData.Graph graph = LineageData.graph(artifacts.manifest());
    CompletableFuture<LaidOutGraph> layout = LineageLayout.start(graph.ids(), graph.entries(),
        graph.links(), artifactsDir.resolve(LayoutCache.FILE));
    ProjectDocs docs;
    try {
      docs = ProjectDocs.of(artifacts, new DescriptionMarkdown(), projectRoot);
      lap.accept("site: pages assembled");
      prepare(siteDir);
      lap.accept("site: old site removed");
    } catch (RuntimeException e) {
      // Let the layout thread finish its cache first: nothing writes to target/ after this.
      layout.handle((done, failed) -> null).join();
      throw e;
    }
    Map<String, Object> common = common(docs, artifacts);
    FreshnessView freshness = FreshnessView.of(docs, artifacts.sources());
    ExposureFeeds feeds = ExposureFeeds.of(docs);
    SiteTemplates templates = new SiteTemplates();
    Map<String, DocPage> byPath = new HashMap<>();
    docs.pages().forEach(page -> byPath.put(page.self().page(), page));
    // The overview, lineage page, navigation, search and assets need no node page: they are
    // written on a thread of their own while the node pages are, so the cores stay busy through
    // the end of the pages' parallel rendering (and its file writes).
    CompletableFuture<Void> others = new CompletableFuture<>();
    Thread overview = new Thread(() -> {
      try {
        Map<String, Object> index = new HashMap<>(common);
        index.put("root", "");
        index.put("pagePath", "index.html");
        index.put("nodeId", "");
        index.put("overview", OverviewPage.of(docs, projectRoot, freshness));
        index.put("freshness", freshness);
        write(siteDir.resolve("index.html"), "overview", index, templates);
        Map<String, Object> lineage = new HashMap<>(common);
        lineage.put("root", "");
        lineage.put("pagePath", "lineage.html");
        lineage.put("nodeId", "");
        lineage.put("graphNodes", String.format(Locale.ROOT, "%,d", graph.ids().size()));
        lineage.put("graphEdges", String.format(Locale.ROOT, "%,d", graph.links().size()));
        write(siteDir.resolve("lineage.html"), "lineage", lineage, templates);
        ScriptData.write(siteDir.resolve("data/nav.js"), "MDS_NAV", NavTree.of(docs));
        ScriptData.write(siteDir.resolve("data/search.js"), "MDS_SEARCH", SearchIndex.of(docs));
        copyAssets(siteDir.resolve("assets"));
        others.complete(null);
      } catch (Throwable t) {
        others.completeExceptionally(t);
      }
    }, "mds-site-overview");
    overview.setDaemon(true);
    overview.start();
    try {
      NodePages.write(siteDir, docs.pages().stream().map(page -> page.self().page()).toList(),
          (path, out) -> {
            DocPage page = byPath.get(path);
            Map<String, Object> context = new HashMap<>(common);
            context.put("root", "../");
            context.put("pagePath", path);
            context.put("nodeId", page.self().id());
            context.put("page", page);
            context.put("freshness", freshness.row(page.self().id()).orElse(null));
            context.put("feeds", feeds.of(page.self().id()));
            context.put("exposureUrl", page.self().type().equals("exposure")
                ? ExposureFacts.url(docs.nodes().get(page.self().id())) : "");
            templates.render("node", context, out);
          });
    } catch (UncheckedIOException e) {
      throw new DocsException("Cannot write the site to " + siteDir + ": " + e.getMessage(), e);
    } finally {
      // However the pages ended, nothing writes to the site after generate returns.
      others.handle((done, failed) -> null).join();
    }
    lap.accept("site: node pages written");
    try {
      others.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
    lap.accept("site: overview, nav, search");
    LaidOutGraph laidOut = await(layout);
    lap.accept("site: layout awaited");
    ScriptData.write(siteDir.resolve("data/graph.js"), "MDS_GRAPH",
        LineageData.json(docs, laidOut, new GraphMarks(docs, freshness, artifacts.runResults()),
            new LineageData.Selectable(states, artifacts.runResults())));
    ScriptData.write(siteDir.resolve("data/columns.js"), "MDS_COLUMNS",
        ColumnGraph.json(docs, laidOut));
    lap.accept("site: graph.js, columns.js");
    long millis = (System.nanoTime() - start) / 1_000_000;
    SiteSummary summary = new SiteSummary(siteDir.resolve("index.html"), docs.pages().size() + 2,
        laidOut.nodes().size(), laidOut.edges().size(), laidOut.millis(), millis);
    SiteInputs.record(siteDir, inputs.join(), summary);
    return summary;
  }

  private static Artifacts read(Path artifactsDir, CompletableFuture<JsonNode> manifest) {
    if (manifest != null) {
      try {
        return Artifacts.read(artifactsDir, manifest.join());
      } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException
          e) {
        // The file is whole even when the parse beside its writing failed: read it.
      }
    }
    return Artifacts.read(artifactsDir);
  }

  private static Map<String, Object> common(ProjectDocs docs, Artifacts artifacts) {
    Map<String, Object> common = new HashMap<>();
    String now = Instant.now().toString();
    common.put("project", docs.projectName());
    common.put("mdsVersion",
        artifacts.manifest().path("metadata").path("mds_version").asText("unknown"));
    common.put("generatedAt", now);
    common.put("generatedAtShown", RunHistory.shown(now));
    String runAt = docs.history().generatedAt();
    common.put("runAt", runAt);
    common.put("runAtShown", runAt.isEmpty() ? "" : RunHistory.shown(runAt));
    common.put("kindHelp", ColumnKinds.HELP);
    return common;
  }

  private static LaidOutGraph await(CompletableFuture<LaidOutGraph> layout) {
    try {
      return layout.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocsException("Interrupted while laying out the lineage graph", e);
    } catch (ExecutionException e) {
      throw new DocsException("Cannot lay out the lineage graph: " + e.getCause(), e.getCause());
    }
  }

  private static void write(Path file, String template, Map<String, Object> context,
      SiteTemplates templates) {
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        templates.render(template, context, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Empties the site folder if it holds an earlier site; refuses any other non-empty folder. */
  private static void prepare(Path siteDir) {
    try {
      if (Files.isDirectory(siteDir)) {
        boolean ours = Files.exists(siteDir.resolve(MARKER));
        try (Stream<Path> entries = Files.list(siteDir)) {
          if (!ours && entries.findAny().isPresent()) {
            throw new DocsException(siteDir + " exists and is not a site mds generated;"
                + " move it away or delete it first.");
          }
        }
        try (Stream<Path> walk = Files.walk(siteDir)) {
          for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
            if (!path.equals(siteDir)) {
              Files.delete(path);
            }
          }
        }
      }
      Files.createDirectories(siteDir.resolve(PageNames.FOLDER));
      Files.writeString(siteDir.resolve(MARKER),
          "Generated by mds docs generate; deleted and rewritten on every run.\n");
    } catch (IOException e) {
      throw new DocsException("Cannot prepare " + siteDir + ": " + e.getMessage(), e);
    }
  }

  private static void copyAssets(Path folder) {
    try {
      Files.createDirectories(folder);
      for (String asset : ASSETS) {
        try (InputStream in = DocsSite.class.getResourceAsStream("assets/" + asset)) {
          if (in == null) {
            throw new IllegalStateException("asset " + asset + " missing from the jar");
          }
          Files.copy(in, folder.resolve(asset));
        }
      }
    } catch (IOException e) {
      throw new DocsException("Cannot write assets to " + folder + ": " + e.getMessage(), e);
    }
  }
}
