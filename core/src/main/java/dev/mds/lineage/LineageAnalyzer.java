package dev.mds.lineage;

import dev.mds.Digest;
import dev.mds.MdsException;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.compile.ParseResult;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Traces column lineage through compiled models with DuckDB's own parser, and reports what the
 * SQL gets wrong on the way: joins on part of a declared grain, and tables read by name instead
 * of through {@code ref()} or {@code source()}. Each model is analysed once, parents first, since
 * a parent's output columns are what {@code select *} and unqualified names resolve against.
 */
public final class LineageAnalyzer implements AutoCloseable {

  /**
   * A join in SQL text: a JOIN, or a comma after a FROM (the comma join {@code from p a, p b
   * where ...}, which may pair a parent with itself). A model with one parent and neither cannot
   * join on part of a key; a comma in a GROUP BY or a function call only costs a parse.
   */
  private static final Pattern JOIN = Pattern.compile("\\bjoin\\b|\\bfrom\\b[^;]*,",
      Pattern.CASE_INSENSITIVE);

  private final ParseResult parsed;
  private final Function<Model, String> compiledSql;
  private final DuckDbParser parser;
  private final Relations relations;
  private final Map<String, Analysis> done = new HashMap<>();
  private final Map<String, Checked> checked = new HashMap<>();
  private final Map<String, Prepared> prepared = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  /**
   * The dependency sets of the analyses under way, innermost first (see {@link CheckCache}). A
   * token goes to the innermost set only; an analysis consulted on the way adds its marker
   * ({@link #ANALYSIS}), and {@link #closure} expands the markers when a fingerprint needs them.
   * Copying each parent's whole transitive set into every child made a project's lineage
   * quadratic in its depth (most of a 5,000-model {@code docs generate}).
   */
  private final Deque<Set<String>> recording = new ArrayDeque<>();
  private static final String ANALYSIS = "analysis:";
  private final Map<String, String> nodeDigests = new HashMap<>();
  /** Lineage kept from the last run ({@link #cached}); null when not asked for. */
  private LineageCache cache;
  private final Set<String> reused = new HashSet<>();
  private boolean keepInBackground;
  /** The cache being written ({@link #cachedInBackground}); null when not. */
  private java.util.concurrent.CompletableFuture<Void> keeping;

  /** A model's SQL and DuckDB's tree of it, or why there is none. */
  private record Prepared(String sql, DuckDbParser.Parsed parsed) {
  }

  /** @param depends what the analysis itself consulted, other analyses as markers */
  private record Analysis(ModelLineage lineage, List<LineageWarning> warnings,
      Set<String> depends) {
  }

  /**
   * A traced model whose computed columns' SQL is not printed yet: printing waits until lineage
   * is handed out, so a whole project's expressions go to DuckDB in one query.
   *
   * @param pointers per column, the JSON pointers of its expressions, outermost first
   * @param trees per column, the same expressions' subtrees of the first parse
   */
  private record Unprinted(String sql, Map<String, List<String>> pointers,
      Map<String, List<com.fasterxml.jackson.databind.JsonNode>> trees) {
  }

  private final Map<String, Unprinted> unprinted = new HashMap<>();

  /** The quick check's warnings for a model, and what they depended on. */
  private record Checked(List<LineageWarning> warnings, Set<String> depends) {
  }

  /**
   * @param compiled SQL already compiled (by {@code mds compile}); other models are rendered
   *     offline as needed, without writing files
   */
  public LineageAnalyzer(ParseResult parsed, Map<String, CompiledNode> compiled) {
    this(parsed, new OfflineSql(parsed, compiled));
  }

  /** Models' SQL as compiled, else rendered offline by a compiler made on first need. */
  private static final class OfflineSql implements Function<Model, String>, AutoCloseable {
    private final ParseResult parsed;
    private final Map<String, CompiledNode> compiled;
    private Compiler compiler;

    OfflineSql(ParseResult parsed, Map<String, CompiledNode> compiled) {
      this.parsed = parsed;
      this.compiled = compiled;
    }

    @Override
    public String apply(Model model) {
      CompiledNode node = compiled.get(model.uniqueId());
      if (node != null) {
        return node.sql();
      }
      if (compiler == null) {
        compiler = Compiler.offline(parsed);
      }
      return compiler.finalSql(model);
    }

    @Override
    public synchronized void close() {
      if (compiler != null) {
        compiler.closeDatabase();
      }
    }
  }

  /** @param compiledSql a model's final SQL, ephemeral parents inlined as the compiler does */
  public LineageAnalyzer(ParseResult parsed, Function<Model, String> compiledSql) {
    this.parsed = parsed;
    this.compiledSql = compiledSql;
    this.parser = new DuckDbParser();
    this.relations = new Relations(parsed, parser, this::traced,
        this::depends);
  }

  private void depends(String token) {
    Set<String> innermost = recording.peek();
    if (innermost != null) {
      innermost.add(token);
    }
  }

  /** {@code depends} with the markers of the analyses it consulted replaced by their tokens. */
  private Set<String> closure(Set<String> depends) {
    Set<String> tokens = new HashSet<>();
    Set<String> visited = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(depends);
    while (!pending.isEmpty()) {
      String token = pending.pop();
      if (!token.startsWith(ANALYSIS)) {
        tokens.add(token);
      } else if (visited.add(token)) {
        Analysis consulted = done.get(token.substring(ANALYSIS.length()));
        if (consulted != null) {
          pending.addAll(consulted.depends());
        }
      }
    }
    return tokens;
  }

  /**
   * Reuses each model's lineage from {@code target/lineage_cache.json} while nothing it was made
   * from changed, and keeps what {@link #lineage(Collection)} computes there for the next run.
   * Only with partial parsing on (as the partial-key check's cache).
   */
  public LineageAnalyzer cached() {
    if (parsed.cacheKey().isPresent()) {
      cache = LineageCache.load(parsed.project().targetDir());
    }
    return this;
  }

  /**
   * As {@link #cached()}, the cache written on a thread of its own once {@link
   * #lineage(Collection)} has returned, while the caller goes on (writes the manifest);
   * {@link #close} waits for it. Nothing but {@link #reused} and {@link #close} may be asked of
   * the analyser after that call.
   */
  public LineageAnalyzer cachedInBackground() {
    keepInBackground = true;
    return cached();
  }

  /** The models whose lineage was taken from the cache rather than traced again. */
  public Set<String> reused() {
    return Set.copyOf(reused);
  }

  /** The lineage of every model in {@code uniqueIds} (other ids are ignored). */
  public ProjectLineage lineage(Collection<String> uniqueIds) {
    Set<String> wanted = new HashSet<>(uniqueIds);
    if (cache != null) {
      // Parents first, so a child's key can use its parents' reused columns; what misses here
      // is parsed in bulk below, and may still hit in analysis() once its parents are known.
      for (Node node : parsed.manifest().inOrder()) {
        if (node instanceof Model model && wanted.contains(model.uniqueId())
            && !done.containsKey(model.uniqueId())) {
          Analysis hit = fromCache(model, false);
          if (hit != null) {
            done.put(model.uniqueId(), hit);
            reused.add(model.uniqueId());
          }
        }
      }
    }
    prepare(parsed.manifest().nodesOf(Model.class).stream()
        .filter(m -> wanted.contains(m.uniqueId()) && !done.containsKey(m.uniqueId())).toList(),
        false);
    dev.mds.Timings.lap("lineage: SQL parsed by DuckDB");
    List<Model> models = new ArrayList<>();
    try (Printer printer = new Printer()) {
      for (Node node : parsed.manifest().inOrder()) {
        if (node instanceof Model model && wanted.contains(model.uniqueId())) {
          analysis(model);
          models.add(model);
          if (unprinted.size() >= Printer.BATCH) {
            printer.submit(takeUnprinted());
          }
        }
      }
      dev.mds.Timings.lap("lineage: traced");
      // The last batch here, while the printer finishes its own.
      List<String> last = takeUnprinted();
      printed(last, print(parser, last));
      printer.finish();
    }
    dev.mds.Timings.lap("lineage: expressions printed");
    Map<String, ModelLineage> result = new LinkedHashMap<>();
    models.forEach(model -> result.put(model.uniqueId(), analysis(model).lineage()));
    if (cache != null && keepInBackground) {
      keeping = dev.mds.Background.start("lineage-cache", () -> {
        keep(models);
        return null;
      });
    } else if (cache != null) {
      keep(models);
    }
    return new ProjectLineage(result);
  }

  /** Stores the fresh analyses of {@code models} in the cache and writes it. */
  private void keep(List<Model> models) {
    for (Model model : models) {
      String id = model.uniqueId();
      Analysis analysis = done.get(id);
      if (reused.contains(id) || analysis == null) {
        continue;
      }
      String key = analysis.depends().contains(Relations.UNCACHEABLE) ? null
          : key(model, analysis.depends(), false);
      if (key == null) {
        cache.forget(id);
      } else {
        cache.put(id, new LineageCache.Entry(key, List.copyOf(new TreeSet<>(analysis.depends())),
            analysis.lineage(), analysis.warnings()));
      }
    }
    cache.retain(parsed.manifest().nodes().keySet());
    cache.write();
  }

  /** The model's stored analysis if its key is unchanged, else null. */
  private Analysis fromCache(Model model, boolean mayAnalyse) {
    Optional<LineageCache.Entry> entry = cache.previous(model.uniqueId());
    if (entry.isEmpty()) {
      return null;
    }
    String key = key(model, entry.get().depends(), mayAnalyse);
    if (key == null || !key.equals(entry.get().key())) {
      return null;
    }
    return new Analysis(entry.get().lineage(), entry.get().warnings(),
        Set.copyOf(entry.get().depends()));
  }

  /**
   * The cache key of a model's analysis that recorded {@code depends}: the model itself, and what
   * each relation it consulted offered, a parent model by its output columns (analysed now if
   * {@code mayAnalyse}). Null when it cannot be keyed.
   */
  private String key(Model model, Collection<String> depends, boolean mayAnalyse) {
    return digest(model, depends, (id, node, digest) -> {
      if (id.equals(model.uniqueId())) {
        return false;
      }
      if (!(node instanceof Model parent)) {
        digest.add(nodeDigest(node));
        return true;
      }
      Analysis read = done.get(id);
      if (read == null && mayAnalyse) {
        analysis(parent);
        read = done.get(id);
      }
      if (read == null) {
        return false;
      }
      ModelLineage offered = read.lineage();
      digest.add(parent.name());
      digest.add(String.valueOf(relations.grains().of(id)));
      digest.add(String.valueOf(offered.columnsKnown()));
      offered.columns().forEach(c -> digest.add(c.column()));
      return true;
    });
  }

  /** How a digest of {@code depends} takes in a node it names. */
  @FunctionalInterface
  private interface NodePart {
    /** Adds what matters of {@code node} to {@code digest}; false when it cannot be keyed. */
    boolean add(String id, Node node, Digest digest);
  }

  /**
   * A digest of the model's SQL and of each token in {@code depends} (analysis markers left
   * out): a node by {@code nodePart}, a name looked up or an ephemeral model by what it resolves
   * to now. Null when the result cannot be keyed (an unknown token or node, a model that does
   * not compile). Both the lineage cache's key and the partial-key check's fingerprint.
   */
  private String digest(Model model, Collection<String> depends, NodePart nodePart) {
    Digest digest = Digest.sha256();
    try {
      digest.add(nodeDigest(model));
      for (String token : new TreeSet<>(depends)) {
        if (token.startsWith(ANALYSIS)) {
          continue;
        }
        digest.add(token);
        if (token.startsWith("node:")) {
          String id = token.substring("node:".length());
          Node node = parsed.manifest().nodes().get(id);
          if (node == null || !nodePart.add(id, node, digest)) {
            return null;
          }
        } else if (token.startsWith("lookup:")) {
          String[] name = token.substring("lookup:".length()).split("\u0000", -1);
          digest.add(relations.byRelation(name[0], name[1]).map(Node::uniqueId).orElse("-"));
        } else if (token.startsWith("ephemeral:")) {
          digest.add(relations.ephemeral(token.substring("ephemeral:".length()))
              .map(Model::uniqueId).orElse("-"));
        } else {
          return null;
        }
      }
    } catch (MdsException e) {
      return null;
    }
    return digest.hex();
  }

  /** The lineage of every model in the project. */
  public ProjectLineage lineage() {
    return lineage(parsed.manifest().nodes().keySet());
  }

  public ModelLineage lineage(Model model) {
    analysis(model);
    printExpressions(List.of(model.uniqueId()));
    return analysis(model).lineage();
  }

  /** A model's lineage as traced, its expressions perhaps not yet printed (for its children). */
  private ModelLineage traced(Model model) {
    return analysis(model).lineage();
  }

  /** Fills in the SQL text of the computed columns of those models that still lack it. */
  private void printExpressions(List<String> ids) {
    List<String> waiting = ids.stream().filter(unprinted::containsKey).toList();
    if (waiting.isEmpty()) {
      return;
    }
    printed(waiting, print(parser, waiting));
  }

  /** The models whose expressions wait to be printed. */
  private List<String> takeUnprinted() {
    return List.copyOf(unprinted.keySet());
  }

  /** Prints the expressions of {@code ids} (all waiting) through {@code printer}. */
  private PrintedBatch print(DuckDbParser printer, List<String> ids) {
    return printOn(printer, ids.stream().map(unprinted::remove).toList());
  }

  /** Printed expressions, per model in the order asked, beside what was asked. */
  private record PrintedBatch(List<Unprinted> jobs, List<List<String>> texts) {
  }

  /**
   * Prints batches of expressions on a DuckDB of its own while the models after them are traced
   * (a first {@code docs generate} of 5,000 models spent ~0.6 s printing after tracing, one core
   * idle). Only {@link #print} runs on its thread, over the jobs handed to it; what it prints is
   * put into the analyses on the caller's thread, in {@link #finish}.
   */
  private final class Printer implements AutoCloseable {
    static final int BATCH = 400;
    private final List<List<String>> asked = new ArrayList<>();
    private final List<java.util.concurrent.Future<PrintedBatch>> answers = new ArrayList<>();
    private java.util.concurrent.ExecutorService thread;
    private DuckDbParser own;

    void submit(List<String> ids) {
      if (thread == null) {
        own = new DuckDbParser();
        thread = dev.mds.Background.queue("lineage-print");
      }
      // The jobs are taken off the shared map here, on the tracing thread.
      List<Unprinted> jobs = ids.stream().map(unprinted::remove).toList();
      asked.add(ids);
      answers.add(thread.submit(() -> printOn(own, jobs)));
    }

    /** Waits for every batch and puts its expressions into the analyses. */
    void finish() {
      for (int i = 0; i < answers.size(); i++) {
        try {
          printed(asked.get(i), answers.get(i).get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new MdsException("Interrupted while printing the models' expressions", e);
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException failure) {
            throw failure;
          }
          throw new MdsException("Cannot print the models' expressions: " + e.getCause(), e);
        }
      }
      answers.clear();
    }

    @Override
    public void close() {
      if (thread != null) {
        dev.mds.Background.drain(thread);
        own.close();
      }
    }
  }

  /** Prints jobs already taken off the shared map (also on the printer's thread). */
  private static PrintedBatch printOn(DuckDbParser printer, List<Unprinted> jobs) {
    List<DuckDbParser.Printing> batch = new ArrayList<>();
    for (Unprinted job : jobs) {
      batch.add(new DuckDbParser.Printing(job.sql(),
          job.pointers().values().stream().flatMap(List::stream).toList(),
          job.trees().values().stream().flatMap(List::stream).toList()));
    }
    return new PrintedBatch(jobs, jobs.isEmpty() ? List.of() : printer.print(batch));
  }

  /** Puts printed expressions into the analyses of {@code waiting}. */
  private void printed(List<String> waiting, PrintedBatch batch) {
    List<List<String>> printed = batch.texts();
    for (int m = 0; m < waiting.size(); m++) {
      String id = waiting.get(m);
      Unprinted job = batch.jobs().get(m);
      Map<String, String> byColumn = new HashMap<>();
      int at = 0;
      for (Map.Entry<String, List<String>> column : job.pointers().entrySet()) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < column.getValue().size(); i++) {
          String text = printed.get(m).get(at++);
          if (!text.isEmpty() && !parts.contains(text)) {
            parts.add(text);
          }
        }
        byColumn.put(column.getKey(), String.join(" ← ", parts));
      }
      Analysis analysis = done.get(id);
      ModelLineage old = analysis.lineage();
      List<ColumnLineage> columns = old.columns().stream()
          .map(c -> byColumn.containsKey(c.column()) ? new ColumnLineage(c.model(), c.column(),
              c.sources(), c.complete(), c.kind(), byColumn.get(c.column()), c.sameMeaning())
              : c)
          .toList();
      done.put(id, new Analysis(new ModelLineage(old.model(), columns, old.columnsKnown(),
          old.unknown()), analysis.warnings(), analysis.depends()));
    }
  }

  /**
   * The partial-key joins in those of {@code uniqueIds} that read a relation with a declared
   * composite grain, parents first. This is the cheap check {@code mds compile} always runs: it
   * analyses only those models, and their parents only where a column name cannot be placed
   * otherwise; DuckDB is not even started when no model qualifies.
   */
  public List<LineageWarning> partialKeyJoins(Collection<String> uniqueIds) {
    Set<String> wanted = new HashSet<>(uniqueIds);
    List<Model> candidates = new ArrayList<>();
    for (Node node : parsed.manifest().inOrder()) {
      if (node instanceof Model model && wanted.contains(model.uniqueId())
          && model.dependsOn().stream().anyMatch(p -> relations.grains().of(p).size() > 1)) {
        candidates.add(model);
      }
    }
    // Models found clean last time are skipped while nothing their result depended on changed.
    // --no-partial-parse (no cache key) checks everything and leaves the file alone.
    CheckCache cache = parsed.cacheKey().isPresent()
        ? CheckCache.load(parsed.project().targetDir()) : CheckCache.none();
    List<Model> toCheck = new ArrayList<>();
    for (Model model : candidates) {
      String id = model.uniqueId();
      Optional<CheckCache.Entry> previous = done.containsKey(id) || checked.containsKey(id)
          ? Optional.empty() : cache.previous(id);
      if (previous.isEmpty() || !previous.get().fingerprint()
          .equals(fingerprint(model, previous.get().depends()).orElse(null))) {
        toCheck.add(model);
      }
    }
    prepare(toCheck.stream().filter(m -> !done.containsKey(m.uniqueId())
        && !checked.containsKey(m.uniqueId())).toList(), true);
    List<LineageWarning> warnings = new ArrayList<>();
    for (Model model : toCheck) {
      Prepared sql = prepared.get(model.uniqueId());
      if (sql != null && sql.parsed().node().isEmpty()) {
        continue;
      }
      Analysis full = done.get(model.uniqueId());
      Checked found = full != null ? new Checked(full.warnings(), closure(full.depends()))
          : checked.computeIfAbsent(model.uniqueId(), id -> check(model));
      List<LineageWarning> partial = found.warnings().stream()
          .filter(w -> w.kind() == LineageWarning.Kind.PARTIAL_KEY_JOIN).toList();
      warnings.addAll(partial);
      Optional<String> fingerprint = partial.isEmpty()
          ? fingerprint(model, found.depends()) : Optional.empty();
      if (fingerprint.isPresent()) {
        cache.clean(model.uniqueId(), fingerprint.get(), found.depends());
      } else {
        cache.forget(model.uniqueId());
      }
    }
    cache.retain(parsed.manifest().nodes().keySet());
    cache.write();
    return warnings;
  }

  private Checked check(Model model) {
    Set<String> depends = new HashSet<>();
    recording.push(depends);
    try {
      Prepared sql = sql(model);
      if (sql.parsed().node().isEmpty()) {
        return new Checked(List.of(), closure(depends));
      }
      Findings findings = new Findings();
      new QueryWalker(relations, parser, sql.sql(), sql.parsed().node().get(), findings, false)
          .statement();
      return new Checked(warnings(model, sql.sql(), findings), closure(depends));
    } finally {
      recording.pop();
    }
  }

  /**
   * A digest of the model's SQL and of everything in {@code depends} as it is now: the nodes'
   * SQL, files, grains and columns, and what each name looked up resolves to. Empty when the
   * result cannot be keyed (files read directly, a model that does not compile).
   */
  private Optional<String> fingerprint(Model model, Collection<String> depends) {
    return Optional.ofNullable(digest(model, depends, (id, node, digest) -> {
      digest.add(nodeDigest(node));
      return true;
    }));
  }

  /** What the check can see of a node: its relation, grain, config and SQL, file or columns. */
  private String nodeDigest(Node node) {
    String known = nodeDigests.get(node.uniqueId());
    if (known != null) {
      return known;
    }
    Digest digest = Digest.sha256();
    digest.add(node.uniqueId());
    digest.add(String.valueOf(node.relation()));
    digest.add(String.valueOf(relations.grains().of(node.uniqueId())));
    digest.add(String.valueOf(node.config().values()));
    if (node instanceof Model model) {
      digest.add(compiledSql.apply(model));
    } else if (node instanceof Seed seed) {
      digest.add(seed.checksum());
    } else {
      digest.add(String.valueOf(node.columns().stream().map(c -> c.name()).toList()));
    }
    String result = digest.hex();
    nodeDigests.put(node.uniqueId(), result);
    return result;
  }

  /**
   * Compiles and parses many models in one go (see {@link DuckDbParser#parseAll}). For the
   * quick check, a model with one parent and no join in its SQL ({@link #JOIN}) is left out: it
   * has nothing to join.
   */
  private void prepare(List<Model> models, boolean quick) {
    List<Model> toParse = new ArrayList<>();
    List<String> sqls = new ArrayList<>();
    for (Model model : models) {
      String sql;
      try {
        sql = compiledSql.apply(model);
      } catch (MdsException e) {
        prepared.put(model.uniqueId(), new Prepared("", new DuckDbParser.Parsed(
            Optional.empty(), "the model does not compile: " + e.getMessage())));
        continue;
      }
      if (quick && model.dependsOn().size() < 2 && !JOIN.matcher(sql).find()) {
        prepared.put(model.uniqueId(), new Prepared(sql, new DuckDbParser.Parsed(
            Optional.empty(), "nothing to join")));
        continue;
      }
      toParse.add(model);
      sqls.add(sql);
    }
    List<DuckDbParser.Parsed> trees = parser.parseAll(sqls);
    for (int i = 0; i < toParse.size(); i++) {
      prepared.put(toParse.get(i).uniqueId(), new Prepared(sqls.get(i), trees.get(i)));
    }
  }

  /** The model's SQL and tree: prepared in bulk, or now. */
  private Prepared sql(Model model) {
    Prepared ready = prepared.remove(model.uniqueId());
    if (ready != null) {
      return ready;
    }
    try {
      String sql = compiledSql.apply(model);
      return new Prepared(sql, parser.parse(sql));
    } catch (MdsException e) {
      return new Prepared("", new DuckDbParser.Parsed(Optional.empty(),
          "the model does not compile: " + e.getMessage()));
    }
  }

  /** What analysing the model found wrong, in the order of the SQL. */
  public List<LineageWarning> warnings(Model model) {
    return analysis(model).warnings();
  }

  /** The warnings of the models in {@code uniqueIds}, parents first. */
  public List<LineageWarning> warnings(Collection<String> uniqueIds) {
    Set<String> wanted = new HashSet<>(uniqueIds);
    List<LineageWarning> warnings = new ArrayList<>();
    for (Node node : parsed.manifest().inOrder()) {
      if (node instanceof Model model && wanted.contains(model.uniqueId())) {
        warnings.addAll(warnings(model));
      }
    }
    return warnings;
  }

  private Analysis analysis(Model model) {
    Analysis cached = done.get(model.uniqueId());
    if (cached != null) {
      depends(ANALYSIS + model.uniqueId());
      return cached;
    }
    if (!inProgress.add(model.uniqueId())) {
      // Only {{ this }} can lead back here: a model reading its own previous version.
      return new Analysis(ModelLineage.unknown(model.uniqueId(), "the model reads itself"),
          List.of(), Set.of());
    }
    try {
      Analysis hit = cache == null ? null : fromCache(model, true);
      if (hit != null) {
        done.put(model.uniqueId(), hit);
        reused.add(model.uniqueId());
        prepared.remove(model.uniqueId());
        return hit;
      }
      Set<String> depends = new HashSet<>();
      recording.push(depends);
      try {
        Analysis analysis = analyse(model);
        analysis = new Analysis(analysis.lineage(), analysis.warnings(), Set.copyOf(depends));
        done.put(model.uniqueId(), analysis);
        return analysis;
      } finally {
        recording.pop();
      }
    } finally {
      inProgress.remove(model.uniqueId());
      if (done.containsKey(model.uniqueId())) {
        depends(ANALYSIS + model.uniqueId());
      }
    }
  }

  private Analysis analyse(Model model) {
    String id = model.uniqueId();
    if (model.isPython()) {
      return new Analysis(ModelLineage.unknown(id, "a python model: its code is not SQL"),
          List.of(), Set.of());
    }
    Prepared prepared = sql(model);
    String sql = prepared.sql();
    DuckDbParser.Parsed parsedSql = prepared.parsed();
    if (parsedSql.node().isEmpty()) {
      String error = parsedSql.error();
      return new Analysis(ModelLineage.unknown(id, error.startsWith("the model does not compile")
          ? error : "DuckDB cannot analyse the SQL: " + error), List.of(), Set.of());
    }
    Findings findings = new Findings();
    Shape shape = new QueryWalker(relations, parser, sql, parsedSql.node().get(), findings, true)
        .statement();
    List<ColumnLineage> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean known = shape.known();
    Set<com.fasterxml.jackson.databind.JsonNode> expressions =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Shape.Column column : shape.columns()) {
      expressions.addAll(Expressions.of(column.derivation()));
    }
    Map<com.fasterxml.jackson.databind.JsonNode, String> pointers =
        DuckDbParser.pointers(parsedSql.node().get(), expressions);
    Map<String, List<String>> toPrint = new LinkedHashMap<>();
    Map<String, List<com.fasterxml.jackson.databind.JsonNode>> trees = new LinkedHashMap<>();
    for (Shape.Column column : shape.columns()) {
      if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
        findings.unknown("the query returns two columns named " + column.name());
        known = false;
        continue;
      }
      List<ColumnRef> sources = List.copyOf(new TreeSet<>(column.derivation().sources()));
      boolean complete = column.derivation().complete();
      ColumnLineage.Kind kind = ColumnLineage.classify(column.name(), sources, complete,
          column.derivation().kind());
      if (!kind.keepsMeaning()) {
        List<String> paths = new ArrayList<>();
        List<com.fasterxml.jackson.databind.JsonNode> nodes = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode expression
            : Expressions.of(column.derivation())) {
          String path = pointers.get(expression);
          if (path != null && !paths.contains(path)) {
            paths.add(path);
            nodes.add(expression);
          }
        }
        if (!paths.isEmpty()) {
          toPrint.put(column.name(), paths);
          trees.put(column.name(), nodes);
        }
      }
      columns.add(new ColumnLineage(id, column.name(), sources, complete, kind, "",
          sources.size() == 1 && complete
              && (kind.keepsMeaning() || column.derivation().sameValues())));
    }
    if (!toPrint.isEmpty()) {
      unprinted.put(id, new Unprinted(sql, toPrint, trees));
    }
    ModelLineage lineage = new ModelLineage(id, columns, known, List.of());
    if (!lineage.complete()) {
      List<String> why = findings.unknown();
      lineage = new ModelLineage(id, columns, known,
          why.isEmpty() ? List.of("part of the SQL is not traced") : why);
    }
    return new Analysis(lineage, warnings(model, sql, findings), Set.of());
  }

  private List<LineageWarning> warnings(Model model, String sql, Findings findings) {
    // Placing a warning takes the SQL's bytes and lines: only for a model that has one.
    Lazy<SourceLines> lines = Lazy.of(() -> new SourceLines(model, sql));
    List<LineageWarning> warnings = new ArrayList<>();
    for (Findings.Read read : findings.reads()) {
      String message = undeclared(model, read);
      if (message != null) {
        warnings.add(new LineageWarning(model.uniqueId(), LineageWarning.Kind.UNDECLARED_READ,
            lines.get().at(read.location()), message));
      }
    }
    for (Findings.PartialKey key : findings.partialKeys()) {
      warnings.add(new LineageWarning(model.uniqueId(), LineageWarning.Kind.PARTIAL_KEY_JOIN,
          lines.get().at(key.location()), key.message()));
    }
    return warnings;
  }

  /** What is wrong with a read, or null when it goes through a declared dependency. */
  private String undeclared(Model model, Findings.Read read) {
    if (read.files()) {
      return "reads files directly with " + read.relation() + "; declare them as a source"
          + " (config: {location: ...}) and use {{ source(...) }} so lineage and tests see them";
    }
    if (read.node().isEmpty()) {
      return "reads " + read.relation() + ", which is no model, seed or source of this project;"
          + " declare it as a source and use {{ source(...) }}";
    }
    String id = read.node().get();
    if (id.equals(model.uniqueId()) || model.dependsOn().contains(id)) {
      return null;
    }
    Node node = parsed.manifest().nodes().get(id);
    String call = node instanceof Source source
        ? "{{ source('" + source.sourceName() + "', '" + source.name() + "') }}"
        : "{{ ref('" + node.name() + "') }}";
    return "reads " + read.relation() + " by name instead of through " + call
        + ", so mds does not know it depends on " + node.name() + " and may build it later";
  }

  @Override
  public void close() {
    try {
      if (keeping != null) {
        dev.mds.Background.join(keeping);
      }
    } finally {
      closeDatabases();
    }
  }

  private void closeDatabases() {
    parser.close();
    if (compiledSql instanceof OfflineSql offline) {
      // Templates of introspective models may have opened the target read-only.
      offline.close();
    }
  }
}
