package dev.mds.execution;

import dev.mds.MdsException;
import dev.mds.TextFiles;
import dev.mds.Timings;
import dev.mds.engine.DuckDbError;
import dev.mds.compile.Compiler;
import dev.mds.compile.Deferral;
import dev.mds.compile.ParseResult;
import dev.mds.engine.DuckDbWarehouse;
import dev.mds.engine.RelationCatalog;
import dev.mds.engine.Session;
import dev.mds.engine.Warehouse;
import dev.mds.graph.DataTest;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Relation;
import dev.mds.graph.ResourceType;
import dev.mds.graph.Selector;
import dev.mds.project.Project;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code mds run}, {@code mds seed} and {@code mds build}: builds the selected models and seeds in
 * dependency order on the target's DuckDB file, with project hooks around them.
 */
public final class RunTask {

  /**
   * How to run.
   *
   * @param types which kinds of node to build (models for run, seeds for seed, both for build)
   * @param threads workers, or 0 for the target's {@code threads}
   * @param lockTimeoutSeconds how long to wait for another process to release the database
   */
  public record Options(Set<ResourceType> types, Selector selector, int threads, boolean failFast,
      boolean fullRefresh, double lockTimeoutSeconds, boolean audit,
      Optional<java.nio.file.Path> deferDatabase, MicrobatchOptions microbatch, boolean empty) {

    /** Options without {@code --empty} (every ref and source reads no rows). */
    public Options(Set<ResourceType> types, Selector selector, int threads, boolean failFast,
        boolean fullRefresh, double lockTimeoutSeconds, boolean audit,
        Optional<java.nio.file.Path> deferDatabase, MicrobatchOptions microbatch) {
      this(types, selector, threads, failFast, fullRefresh, lockTimeoutSeconds, audit,
          deferDatabase, microbatch, false);
    }

    /** Options without microbatch flags. */
    public Options(Set<ResourceType> types, Selector selector, int threads, boolean failFast,
        boolean fullRefresh, double lockTimeoutSeconds, boolean audit,
        Optional<java.nio.file.Path> deferDatabase) {
      this(types, selector, threads, failFast, fullRefresh, lockTimeoutSeconds, audit,
          deferDatabase, MicrobatchOptions.NONE);
    }

    /** Options without {@code --defer}. */
    public Options(Set<ResourceType> types, Selector selector, int threads, boolean failFast,
        boolean fullRefresh, double lockTimeoutSeconds, boolean audit) {
      this(types, selector, threads, failFast, fullRefresh, lockTimeoutSeconds, audit,
          Optional.empty());
    }

    /** Options without write-audit-publish (run, seed, test). */
    public Options(Set<ResourceType> types, Selector selector, int threads, boolean failFast,
        boolean fullRefresh, double lockTimeoutSeconds) {
      this(types, selector, threads, failFast, fullRefresh, lockTimeoutSeconds, false);
    }
  }

  /** What a run did; {@link #failed()} decides the exit code. */
  public record Outcome(List<NodeResult> results, Set<String> selected, List<String> unmatched,
      Instant startedAt, double elapsedSeconds) {

    public boolean failed() {
      return results.stream().anyMatch(r -> r.status().isFailure());
    }

    public long count(RunStatus status) {
      return results.stream().filter(r -> r.status() == status).count();
    }
  }

  private RunTask() {
  }

  public static Outcome run(ParseResult parsed, Options options, RunListener listener) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Project project = parsed.project();
    Manifest manifest = parsed.manifest();
    Selector.Selection selection = options.selector().select(manifest);
    List<String> order = new ArrayList<>();
    for (String id : selection.uniqueIds()) {
      Node node = manifest.nodes().get(id);
      boolean ephemeral = node instanceof Model m && m.isEphemeral();
      if (options.types().contains(node.resourceType()) && !ephemeral) {
        order.add(id);
      }
    }
    if (!order.isEmpty() && order.stream()
        .allMatch(id -> manifest.nodes().get(id) instanceof dev.mds.graph.UnitTest)) {
      // Unit tests alone need no DuckDB database: the target is not opened, nor created (on
      // another engine they run on it, opened but not built in).
      List<NodeResult> alone = UnitTestRunner.runAlone(parsed, order, listener);
      return new Outcome(alone, selection.uniqueIds(), selection.unmatched(), started,
          (System.nanoTime() - t0) / 1e9);
    }
    int threads = options.threads() > 0 ? options.threads() : project.target().threads();
    List<NodeResult> results = new ArrayList<>();
    List<Relation> written = new ArrayList<>();
    for (String id : order) {
      Node node = manifest.nodes().get(id);
      if (node instanceof dev.mds.graph.UnitTest) {
        continue;
      }
      if (!(node instanceof DataTest test) || TestExecutor.storeFailures(test)) {
        written.add(node.relation());
        refuseReadOnly(project, node);
      }
    }
    try (Warehouse warehouse = dev.mds.engine.Engines.open(project.target(),
        dev.mds.engine.EngineOptions.forBuilding(options.lockTimeoutSeconds()))) {
      warehouse.createSchemas(written);
      warehouse.removeLeftovers(written);
      Timings.lap("open database, create schemas");
      // Read on the first lookup, which comes after the on-run-start hooks.
      RelationCatalog catalog = new RelationCatalog(warehouse);
      Optional<Deferral> deferral = options.deferDatabase().map(path -> {
        if (Deferral.fromManifest(path, warehouse.capabilities().attach())) {
          return Deferral.toManifest(dev.mds.compile.ProductionRelations.read(path, manifest,
              project.target().database()), Set.copyOf(order), r -> catalog.type(r).isPresent());
        }
        warehouse.attachReadOnly(path, Deferral.CATALOG);
        return new Deferral(Deferral.CATALOG, Set.copyOf(order),
            r -> catalog.type(r).isPresent());
      });
      TextFiles files = TextFiles.inBackground();
      Compiler compiler = new Compiler(parsed,
          r -> catalog.type(r).filter("BASE TABLE"::equals).isPresent(),
          options.fullRefresh(), deferral, files);
      dev.mds.engine.TemplateDatabase templateDatabase =
          dev.mds.engine.TemplateDatabase.of(warehouse);
      compiler.useDatabase(templateDatabase);
      if (options.empty()) {
        compiler.readEmptyInputs();
      }
      SnapshotPreflight.check(manifest, order, compiler, warehouse);
      results.addAll(runHooks(warehouse, compiler, project, "on-run-start",
          project.config().onRunStart(), listener));
      if (results.stream().noneMatch(r -> r.status().isFailure())) {
        compiler.loadTestRenders();
        try {
          results.addAll(runNodes(warehouse, catalog, compiler, files, parsed, order, threads,
              options, listener));
        } finally {
          compiler.saveCaches();
        }
        results.addAll(runHooks(warehouse, compiler, project, "on-run-end",
            project.config().onRunEnd(), listener, hookResults(results, parsed, compiler)));
      }
      templateDatabase.close();
      Timings.lap("nodes and hooks");
      Publishing.afterRun(warehouse, project.target(), options.types(), results, listener);
    }
    Timings.lap("close database");
    double elapsed = (System.nanoTime() - t0) / 1e9;
    return new Outcome(results, selection.uniqueIds(), selection.unmatched(), started, elapsed);
  }

  /** A relation's columns and types in the target database; empty when it is not there. */
  private static Map<String, String> columnsIn(Warehouse warehouse, Relation relation) {
    try (Session session = new Session(warehouse)) {
      return session.columns(relation.toString());
    } catch (java.sql.SQLException | RuntimeException e) {
      return Map.of();
    }
  }


  /**
   * Stops before anything is built when {@code node} would write into a database the profile
   * attaches with {@code read_only: true}.
   */
  private static void refuseReadOnly(Project project, Node node) {
    String database = node.relation().database();
    if (database != null && project.target().attachment(database)
        .filter(dev.mds.project.Attachment::readOnly).isPresent()) {
      throw MdsException.at(node.file(), node.resourceType().label() + " '" + node.name()
          + "' would be built in database '" + database + "', which the profile attaches with"
          + " read_only: true; build it elsewhere or drop read_only");
    }
  }

  private static List<NodeResult> runNodes(Warehouse warehouse, RelationCatalog catalog,
      Compiler compiler, TextFiles files, ParseResult parsed, List<String> order, int threads,
      Options options, RunListener listener) {
    List<NodeResult> results;
    try (RowCounts counts = new RowCounts(warehouse)) {
      try (QueuedListener queued = new QueuedListener(listener, counts)) {
        results = runNodes(warehouse, catalog, compiler, files, parsed, order, threads, options,
            queued, counts);
      }
      return counts.apply(results);
    }
  }

  private static List<NodeResult> runNodes(Warehouse warehouse, RelationCatalog catalog,
      Compiler compiler, TextFiles files, ParseResult parsed, List<String> order, int threads,
      Options options, QueuedListener listener, RowCounts counts) {
    Manifest manifest = parsed.manifest();
    NodeExecutor executor = new NodeExecutor(parsed.project(), compiler, options.fullRefresh(),
        files, counts).microbatches(listener, options.microbatch(), Instant.now());
    Scheduler scheduler = new Scheduler(threads, options.failFast());
    Map<Thread, Session> sessions = new ConcurrentHashMap<>();
    AtomicInteger started = new AtomicInteger();
    Map<String, Integer> indexes = new ConcurrentHashMap<>();
    int total = order.size();
    CountDownLatch finished = new CountDownLatch(1);
    Thread interruptHook = new Thread(() -> {
      scheduler.cancel();
      sessions.values().forEach(Session::cancel);
      try {
        finished.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mds-interrupt");
    Runtime.getRuntime().addShutdownHook(interruptHook);
    listener.runStarted(total, threads);
    ExecutionPlan plan = new ExecutionPlan(manifest, order, options.audit(),
        parsed.project().root(), parsed.project().target().externalRoot());
    UnitTestRunner unitTests = new UnitTestRunner(parsed, compiler,
        relation -> columnsIn(warehouse, relation), warehouse);
    try {
      return scheduler.run(order, plan::parents, id -> {
        Node node = manifest.nodes().get(id);
        int index = started.incrementAndGet();
        indexes.put(id, index);
        listener.nodeStarted(node, index, total);
        if (node instanceof dev.mds.graph.UnitTest unitTest) {
          return List.of(unitTests.run(unitTest));
        }
        Session session = sessions.computeIfAbsent(Thread.currentThread(),
            t -> new Session(warehouse, catalog));
        List<NodeResult> batch = new ArrayList<>();
        List<NodeResult> audits = new ArrayList<>();
        batch.add(executor.execute(node, session, plan.audits(id), audits));
        batch.addAll(audits);
        return batch;
      }, (id, result) -> {
        int index = indexes.computeIfAbsent(id, k -> started.incrementAndGet());
        listener.nodeFinished(manifest.nodes().get(id), result, index, total);
      });
    } finally {
      List<String> unwritten = files.finish();
      if (!unwritten.isEmpty()) {
        listener.info("Warning: could not write " + unwritten.size() + " compiled or run SQL"
            + " file" + (unwritten.size() == 1 ? "" : "s") + " under target/ (what the nodes"
            + " built is committed): " + unwritten.get(0) + (unwritten.size() > 1 ? ", ..." : ""));
      }
      if (Timings.on()) {
        sessions.forEach((thread, session) ->
            Timings.note(thread.getName() + " in DuckDB: " + session.timeInDuckDb()));
      }
      for (Session session : sessions.values()) {
        try {
          session.close();
        } catch (SQLException e) {
          listener.info("Could not close a connection: " + e.getMessage());
        }
      }
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(interruptHook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C arrived: the hook is already running and waits for the latch released above.
      }
    }
  }

  private static List<NodeResult> runHooks(Warehouse warehouse, Compiler compiler, Project project,
      String kind, List<String> hooks, RunListener listener) {
    return runHooks(warehouse, compiler, project, kind, hooks, listener, List.of());
  }

  /** dbt's {@code results} for on-run-end hooks: each node's result as templates read it. */
  private static List<Map<String, Object>> hookResults(List<NodeResult> results,
      ParseResult parsed, Compiler compiler) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (NodeResult result : results) {
      Map<String, Object> node = new java.util.LinkedHashMap<>();
      Map<String, Object> graphNode = compiler.graphNode(result.uniqueId());
      if (graphNode != null) {
        node.putAll(graphNode);
      }
      node.put("unique_id", result.uniqueId());
      parsed.manifest().node(result.uniqueId()).ifPresent(n -> {
        node.put("name", n.name());
        node.put("resource_type", n.resourceType().label());
        node.put("original_file_path", n.file());
        node.put("schema", n.relation() == null ? null : n.relation().schema());
        node.put("alias", n.relation() == null ? null : n.relation().identifier());
        node.put("config", n.config().values());
      });
      Map<String, Object> entry = new java.util.LinkedHashMap<>();
      entry.put("node", node);
      entry.put("status", result.status().label());
      entry.put("message", result.message());
      entry.put("execution_time", java.time.Duration.between(result.startedAt(),
          result.completedAt()).toMillis() / 1000.0);
      entry.put("adapter_response", result.rows().isPresent()
          ? Map.of("rows_affected", result.rows().getAsLong()) : Map.of());
      entry.put("failures", result.failures().map(f -> (Object) f.count()).orElse(null));
      entry.put("thread_id", "Thread-1");
      entry.put("timing", List.of(
          Map.of("name", "compile", "started_at", result.startedAt().toString(),
              "completed_at", result.startedAt().toString()),
          Map.of("name", "execute", "started_at", result.startedAt().toString(),
              "completed_at", result.completedAt().toString())));
      out.add(entry);
    }
    return out;
  }

  private static List<NodeResult> runHooks(Warehouse warehouse, Compiler compiler,
      Project project, String kind, List<String> hooks, RunListener listener,
      List<Map<String, Object>> runResults) {
    List<NodeResult> results = new ArrayList<>();
    int i = 0;
    for (String hook : hooks) {
      String id = "operation." + project.name() + "." + kind + "." + i++;
      Instant start = Instant.now();
      String sql = "";
      try (Session session = new Session(warehouse)) {
        sql = compiler.renderRunHook(hook, project.display(project.projectFile()), runResults);
        // A hook that does its work through run_query (package uploaders do) renders to
        // nothing: as in dbt, there is then nothing left to run.
        if (!sql.replace(";", "").isBlank()) {
          session.execute(sql);
        }
        listener.info("Ran " + kind + " hook " + i + " of " + hooks.size());
        results.add(new NodeResult(id, RunStatus.SUCCESS, "OK", OptionalLong.empty(), start,
            Instant.now(), Optional.of(sql)));
      } catch (SQLException | RuntimeException e) {
        String message = kind + " hook " + i + " failed: " + DuckDbError.summary(e.getMessage());
        listener.info(message);
        results.add(new NodeResult(id, RunStatus.ERROR, message, OptionalLong.empty(), start,
            Instant.now(), Optional.of(sql)));
        break;
      }
    }
    return results;
  }
}
