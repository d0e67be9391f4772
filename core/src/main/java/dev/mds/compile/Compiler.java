package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.TextFiles;
import dev.mds.engine.CsvInspector;
import dev.mds.engine.FileScan;
import dev.mds.graph.DataTest;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Relation;
import dev.mds.graph.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The compile pass: renders a model's final SQL with refs resolved and ephemeral models inlined as
 * CTEs, and writes it under {@code target/compiled/<project>/}.
 */
public final class Compiler {

  private final ParseResult parsed;
  private final Predicate<Relation> relationExists;
  private final boolean fullRefresh;
  private final Map<String, Node> byName = new LinkedHashMap<>();
  private final Map<String, Source> sources = new LinkedHashMap<>();
  private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();
  private final Map<String, String> fileScans = new ConcurrentHashMap<>();
  private final TextFiles files;
  /** Generic tests' SQL from the last compile or run, while a compile or a run goes on. */
  private volatile Optional<TestRenderCache> testRenders = Optional.empty();
  private final CsvInspector csvInspector;
  private final Optional<Deferral> deferral;
  /** What templates query when they compile ({@code run_query}, introspection). */
  private volatile dev.mds.template.Database database;
  /** The read-only connection to the target this compiler opens itself when templates query. */
  private final dev.mds.engine.TemplateDatabase ownDatabase;

  /**
   * @param relationExists whether a relation is already in the warehouse (drives
   *     {@code is_incremental()})
   */
  public Compiler(ParseResult parsed, Predicate<Relation> relationExists, boolean fullRefresh) {
    this(parsed, relationExists, fullRefresh, Optional.empty());
  }

  /** @param deferral with {@code --defer}, where refs to unselected nodes point */
  public Compiler(ParseResult parsed, Predicate<Relation> relationExists, boolean fullRefresh,
      Optional<Deferral> deferral) {
    this(parsed, relationExists, fullRefresh, deferral, new TextFiles());
  }

  /** @param files writes the compiled SQL files (a run's writes them in the background) */
  public Compiler(ParseResult parsed, Predicate<Relation> relationExists, boolean fullRefresh,
      Optional<Deferral> deferral, TextFiles files) {
    this.files = files;
    this.deferral = deferral;
    this.parsed = parsed;
    this.relationExists = relationExists;
    this.fullRefresh = fullRefresh;
    this.csvInspector = new CsvInspector(parsed.project().targetDir().resolve("csv_cache"));
    this.ownDatabase = dev.mds.engine.TemplateDatabase.forCompiling(parsed.project().target());
    this.database = ownDatabase;
    for (Node node : parsed.manifest().nodes().values()) {
      if (node instanceof Source source) {
        sources.put(source.sourceName() + "." + source.name(), source);
      } else if (!(node instanceof dev.mds.graph.Exposure
          || node instanceof dev.mds.graph.Analysis)) {
        byName.put(node.name(), node);
      }
    }
  }

  /**
   * Where a ref to a built node points: its relation, or production's when deferred. A node in
   * an attached database is read where it is: production attaches the same files.
   */
  private Object refTarget(Node node) {
    return emptyInputs ? new EmptyRead(plainRefTarget(node)) : plainRefTarget(node);
  }

  private Object plainRefTarget(Node node) {
    String database = node.relation().database();
    boolean own = database == null
        || database.equalsIgnoreCase(parsed.project().target().database());
    if (own && deferral.isPresent() && deferral.get().defers(node)) {
      return deferral.get().relation(node);
    }
    return node.relation();
  }

  /** How a source renders: its relation, or for a source in files the SQL that reads them. */
  private Object sourceSql(Source source) {
    return emptyInputs ? new EmptyRead(plainSourceSql(source)) : plainSourceSql(source);
  }

  private Object plainSourceSql(Source source) {
    Optional<String> location = source.config().string("location");
    if (location.isEmpty()) {
      return source.relation();
    }
    if (location.get().contains("(")) {
      // dbt-duckdb takes a location that is a call, such as read_csv('x.csv', header=true), as
      // the SQL to read the source with.
      return dev.mds.engine.CsvCalls.forEngine(location.get(),
          dev.mds.engine.Engines.dialect(parsed.project().target()), source.file());
    }
    return fileScans.computeIfAbsent(source.uniqueId(), id -> FileScan.sql(source.config(),
        parsed.project().root(), csvInspector, source.file(),
        dev.mds.engine.Engines.dialect(parsed.project().target())));
  }

  /** What {@code source()} renders for {@code source}, as SQL (source freshness reads it). */
  public String sourceText(Source source) {
    return String.valueOf(plainSourceSql(source));
  }

  /** Under {@code --empty}: true while every {@code ref} and {@code source} reads no rows. */
  private volatile boolean emptyInputs;

  /** Has every {@code ref} and {@code source} read no rows from now on ({@code --empty}). */
  public void readEmptyInputs() {
    emptyInputs = true;
  }

  /** Whether this run reads no rows ({@code --empty}): seeds are created without theirs. */
  public boolean emptyInputs() {
    return emptyInputs;
  }

  /**
   * Has templates query {@code database} (a run's own database) instead of opening the target's
   * file read-only on first use, which is what {@code mds compile} does.
   */
  public void useDatabase(dev.mds.template.Database database) {
    this.database = database;
  }

  private volatile Map<String, Object> graph;

  /** dbt's {@code graph} for templates, built on first use. */
  /** A node as templates see it in {@code graph.nodes} (and in on-run-end's results). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> graphNode(String uniqueId) {
    for (String group : List.of("nodes", "sources")) {
      if (graph().get(group) instanceof Map<?, ?> nodes && nodes.get(uniqueId) != null) {
        return (Map<String, Object>) nodes.get(uniqueId);
      }
    }
    return null;
  }

  private Map<String, Object> graph() {
    Map<String, Object> built = graph;
    if (built == null) {
      built = NodeMaps.graph(parsed.manifest(),
          dev.mds.template.TemplateEngine.databaseName(parsed.project().target()));
      graph = built;
    }
    return built;
  }

  /**
   * Builds {@code model} with the project's {@code {% materialization %}} of its
   * {@code materialized} name, when the project has one; returns whether it did. Its statements run
   * on {@code database} (the node's session).
   */
  /** Whether the project has a {@code {% materialization %}} of this name. */
  public boolean hasCustomMaterialization(String name) {
    return parsed.templates().materialization(name).isPresent();
  }

  public boolean materializeCustom(Model model, String sql, dev.mds.template.Database database) {
    Optional<String> macro = parsed.templates().materialization(model.materialized());
    if (macro.isEmpty()) {
      return false;
    }
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources,
        this::sourceSql, this::refTarget, database, Optional.of(model), this::graph,
        model.relation(), false);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("sql", sql);
    variables.put("compiled_code", sql);
    variables.put("pre_hooks", model.config().preHooks().stream()
        .map(hook -> renderHook(hook, model.file(), Optional.of(model))).toList());
    variables.put("post_hooks", model.config().postHooks().stream()
        .map(hook -> renderHook(hook, model.file(), Optional.of(model))).toList());
    parsed.templates().materialize(macro.get(), variables, model.file(), context);
    return true;
  }

  /** Reads CSV files for sources and seeds; {@link #saveCaches} keeps what it found out. */
  public CsvInspector csvInspector() {
    return csvInspector;
  }

  /**
   * Closes the read-only connection to the target that templates' queries opened, if any: DuckDB
   * refuses a read-write connection to the same file in this process while it is open (a run
   * opens one after the checks that compile offline).
   */
  public void closeDatabase() {
    ownDatabase.close();
  }

  /**
   * Whether a template queried the target while this compiler rendered ({@code run_query},
   * introspection): its SQL then depends on the database as well as on the project's files.
   */
  public boolean queriedDatabase() {
    return ownDatabase.queried();
  }

  /** A compiler for {@code mds compile}: no warehouse, so {@code is_incremental()} is false. */
  public static Compiler offline(ParseResult parsed) {
    return new Compiler(parsed, r -> false, false);
  }

  /** Compiles a model and writes its SQL to {@code target/compiled/}. */
  public CompiledNode compile(Model model) {
    String sql = finalSql(model);
    Path path = parsed.project().targetDir().resolve("compiled").resolve(parsed.project().name())
        .resolve(model.file());
    if (!model.file().endsWith(".sql") && !model.isPython()) {
      path = path.resolve(model.name() + ".sql");
    }
    write(path, sql);
    return new CompiledNode(model.uniqueId(), sql, path);
  }

  /**
   * A microbatch model's SQL for one batch: rendered again, with the inputs that declare
   * {@code event_time} read through the batch's filter and {@code model.batch} set; nothing is
   * written (the run writes the statements each batch ran).
   *
   * @param incremental what {@code is_incremental()} says (the table exists and is added to)
   */
  public String batchSql(Model model, dev.mds.engine.BatchWindow batch, boolean incremental) {
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources,
        this::sourceSql, this::refTarget, database, Optional.of(model), this::graph,
        model.relation(), incremental);
    context.batch(new EventTimeFilter(batch));
    String sql = parsed.templates().render(parsed.project().resolve(model.file()), context);
    return trimStatement(withEphemerals(new Rendered(sql, List.copyOf(context.ephemerals()))));
  }

  /**
   * Renders hook SQL ({@code pre_hook}, {@code on-run-start}, ...) where {@code this} is the given
   * model's relation, or undefined when there is none.
   */
  /**
   * Renders an on-run-start or on-run-end hook: {@code execute} is true and the database is the
   * run's; {@code results} holds the run's results (for on-run-end).
   */
  public String renderRunHook(String sql, String location, List<Map<String, Object>> results) {
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources,
        this::sourceSql, this::refTarget, database, Optional.empty(), this::graph, null, false);
    context.results(results);
    return parsed.templates().renderText(sql, location, context, Map.of("results", results));
  }

  public String renderHook(String sql, String location, java.util.Optional<Model> model) {
    return renderHook(sql, location, model, database);
  }

  /** As {@link #renderHook(String, String, Optional)}, with {@code on} as the database. */
  public String renderHook(String sql, String location, java.util.Optional<Model> model,
      dev.mds.template.Database on) {
    if (model.isEmpty()) {
      return parsed.templates().renderText(sql, location, dev.mds.template.NodeContext.none());
    }
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources, this::sourceSql, this::refTarget, on,
        Optional.of(model.get()), this::graph, model.get().relation(), false);
    return parsed.templates().renderText(sql, location, context);
  }

  /**
   * Renders the project's {@code query-comment} for {@code node}: {@code this} is its relation
   * and {@code node} holds what dbt's query comments read of it ({@code node.unique_id}, ...).
   */
  public String renderQueryComment(String template, String location, Node node) {
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources,
        this::sourceSql, this::refTarget, database, Optional.of(node), this::graph,
        node.relation(), false);
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("unique_id", node.uniqueId());
    described.put("name", node.name());
    described.put("resource_type", node.resourceType().label());
    described.put("original_file_path", node.file());
    described.put("database", node.relation().database() != null ? node.relation().database()
        : parsed.project().target().database());
    described.put("schema", node.relation().schema());
    described.put("alias", node.relation().identifier());
    described.put("tags", node.tags());
    described.put("config", node.config().values());
    return parsed.templates().renderText(template, location, context,
        Map.of("node", described));
  }

  /**
   * The SQL that reads what {@code template} ({@code select * from {{ ref('orders') }}}) points
   * to, rendered for {@code model} with ephemeral models inlined: how a Python model's parents
   * are read for it.
   */
  public String readSql(String template, Model model) {
    // As in dbt, --empty leaves Python models' inputs whole.
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources,
        this::plainSourceSql, this::plainRefTarget, database, Optional.of(model), this::graph,
        model.relation(), false);
    String sql = parsed.templates().renderText(template, model.file(), context);
    return withEphemerals(new Rendered(sql, List.copyOf(context.ephemerals())));
  }

  /**
   * {@code mds show --inline}: {@code template} rendered as a model would be (refs, sources,
   * macros, vars), outside any node, with ephemeral models inlined; {@code location} names it in
   * errors.
   */
  public String inlineSql(String template, String location) {
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources,
        this::sourceSql, this::refTarget, database, Optional.empty(), this::graph, null, false);
    String sql = parsed.templates().renderText(template, location, context);
    return trimStatement(withEphemerals(new Rendered(sql, List.copyOf(context.ephemerals()))));
  }

  /** Compiles every selected model and data test in order; other nodes are skipped. */
  public List<CompiledNode> compileAll(Set<String> uniqueIds) {
    Manifest manifest = parsed.manifest();
    loadTestRenders();
    try {
      return uniqueIds.stream().toList().parallelStream()
          .map(id -> manifest.nodes().get(id))
          .filter(node -> node instanceof Model || node instanceof DataTest
              || node instanceof dev.mds.graph.Analysis)
          .map(node -> node instanceof Model model ? compile(model)
              : node instanceof dev.mds.graph.Analysis analysis ? compile(analysis.asModel())
              : compileTest((DataTest) node))
          .toList();
    } finally {
      saveCaches();
    }
  }

  /**
   * Reuses generic tests' SQL rendered by an earlier compile or run ({@code partial_compile.json},
   * unless partial parsing is off) until {@link #saveCaches}.
   */
  public void loadTestRenders() {
    testRenders = parsed.cacheKey()
        .map(key -> TestRenderCache.load(parsed.project().targetDir(), key));
  }

  /**
   * Writes the generic tests' SQL rendered since {@link #loadTestRenders} (and stops reusing it),
   * and what was found out about CSV files.
   */
  public void saveCaches() {
    csvInspector.save();
    testRenders.ifPresent(cache -> cache.write(parsed.manifest().nodes().keySet()));
    testRenders = Optional.empty();
  }

  /**
   * Compiles a data test's query, which selects the failing rows, and writes it where dbt does:
   * {@code target/compiled/<project>/<yml file>/<test>.sql} or the singular test's own path.
   */
  public CompiledNode compileTest(DataTest test) {
    Rendered rendered = renderTest(test);
    String sql = withEphemerals(rendered);
    Path base = parsed.project().targetDir().resolve("compiled").resolve(parsed.project().name())
        .resolve(test.file());
    Path path = test.isSingular() ? base : base.resolve(test.name() + ".sql");
    write(path, sql);
    return new CompiledNode(test.uniqueId(), sql, path);
  }

  private Rendered renderTest(DataTest test) {
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources, this::sourceSql, this::refTarget, database,
        Optional.of(test), this::graph, test.relation(), false);
    if (test.isSingular()) {
      String sql = parsed.templates().render(parsed.project().resolve(test.file()), context);
      return new Rendered(sql, List.copyOf(context.ephemerals()));
    }
    Map<String, Object> arguments = new LinkedHashMap<>();
    // As dbt renders test arguments: natively, so "{{ var('codes') }}" passes the var's list and
    // ref('x') the relation (macros pass it to adapter methods and dbt_utils._is_relation).
    test.arguments().forEach((name, value) -> arguments.put(name,
        value instanceof String text && TestParser.CALL.matcher(text).matches()
            ? parsed.templates().renderValue("{{ " + text + " }}", test.file(), context)
            : parsed.templates().renderValue(value, test.file(), context)));
    Node target = parsed.manifest().nodes().get(test.attachedTo().orElseThrow());
    // As in dbt, the test's model is a relation (macros pass it to adapter methods and check it
    // with dbt_utils._is_relation). An ephemeral model is reffed, so that it is inlined as a CTE.
    Object model = target instanceof Model eph && eph.isEphemeral()
        ? context.ref(Optional.empty(), eph.name(), test.file(), 0)
        : target instanceof Source source ? sourceSql(source) : refTarget(target);
    Optional<String> where = test.config().string("where");
    if (where.isPresent()) {
      String condition = parsed.templates().renderText(where.get(), test.file(), context);
      model = "(select * from " + model + " where " + condition + ") dbt_subquery";
    }
    arguments.put("model", model);
    Optional<TestRenderCache> cache = testRenders;
    Optional<String> input = cache.flatMap(c -> TestRenderCache.input(test.testName(), arguments,
        String.valueOf(test.relation())));
    Optional<String> reused = input.flatMap(i -> cache.get().lookup(test.uniqueId(), i));
    if (reused.isPresent()) {
      return new Rendered(reused.get(), List.copyOf(context.ephemerals()));
    }
    int outsideReads = context.outsideReads();
    String sql = parsed.templates().renderTest(test.testName(), arguments, test.file(), context);
    if (input.isPresent() && context.outsideReads() == outsideReads) {
      cache.get().put(test.uniqueId(), input.get(), sql);
    }
    return new Rendered(sql, List.copyOf(context.ephemerals()));
  }

  /**
   * The SQL with ephemeral parents (and theirs) prepended as CTEs, parents first; nothing is
   * written (lineage reads models outside the selection this way).
   */
  public String finalSql(Model model) {
    String sql = withEphemerals(render(model));
    if (dev.mds.engine.Engines.isDuckDb(parsed.project().target())) {
      // DuckDB runs its own read_csv: nothing to rewrite, and no lower-cased copy of every
      // model's SQL to look for one (a fifth of a warm compile's time per model).
      return sql;
    }
    // DuckDB's read_csv in a model's SQL, read by the engine's own CSV reader (Spark).
    return dev.mds.engine.CsvCalls.forEngine(sql,
        dev.mds.engine.Engines.dialect(parsed.project().target()), model.file());
  }

  private String withEphemerals(Rendered own) {
    Set<String> ctes = new LinkedHashSet<>();
    collectEphemerals(own, ctes, new LinkedHashSet<>());
    if (ctes.isEmpty()) {
      return own.sql();
    }
    List<String> definitions = new ArrayList<>();
    for (String id : ctes) {
      Model eph = (Model) parsed.manifest().nodes().get(id);
      definitions.add(CompileContext.cteName(eph.name()) + " as (\n"
          + trimStatement(render(eph).sql()) + "\n)");
    }
    return CteInliner.inline(definitions, own.sql());
  }

  private void collectEphemerals(Rendered node, Set<String> ordered, Set<String> visiting) {
    for (String id : node.ephemerals()) {
      if (ordered.contains(id) || !visiting.add(id)) {
        continue;
      }
      Model eph = (Model) parsed.manifest().nodes().get(id);
      collectEphemerals(render(eph), ordered, visiting);
      ordered.add(id);
    }
  }

  private Rendered render(Model model) {
    Rendered cached = rendered.get(model.uniqueId());
    if (cached != null) {
      return cached;
    }
    if (model.isPython()) {
      // Python is not a template in dbt either: its compiled code is the file.
      return new Rendered(model.rawSql(), List.of());
    }
    boolean incremental = "incremental".equals(model.materialized()) && !fullRefresh
        && relationExists.test(model.relation());
    Optional<String> reused = incremental ? Optional.empty() : parseRender(model);
    if (reused.isPresent()) {
      Rendered result = new Rendered(reused.get(), List.of());
      rendered.put(model.uniqueId(), result);
      return result;
    }
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources, this::sourceSql, this::refTarget, database,
        Optional.of(model), this::graph, model.relation(), incremental);
    // A snapshot defined in YAML has no file of its own: its SELECT is its raw code.
    String sql = model.isSnapshot() && !model.file().endsWith(".sql")
        ? parsed.templates().renderText(model.rawSql(), model.file(), context)
        : parsed.templates().render(parsed.project().resolve(model.file()), context);
    Rendered result = new Rendered(sql, List.copyOf(context.ephemerals()));
    rendered.put(model.uniqueId(), result);
    return result;
  }

  /**
   * The parse pass's SQL for a model when rendering again could not differ: every {@code ref},
   * {@code source} and {@code this} it rendered as a placeholder renders the same now (nothing
   * ephemeral, deferred or renamed), and the template and every other input are the same. Saves
   * rendering each model twice.
   */
  private Optional<String> parseRender(Model model) {
    ParseResult.ParseRender render = parsed.parseRenders().get(model.uniqueId());
    if (render == null
        || !rendersAs(model.relation(), render.placeholderSchema(), model.name())) {
      return Optional.empty();
    }
    for (dev.mds.graph.RefCall ref : model.refs()) {
      Node target = VersionedRefs.resolve(byName, ref.name());
      if (target == null || target instanceof Model m && m.isEphemeral()
          || !rendersAs(refTarget(target), render.placeholderSchema(), ref.name())) {
        return Optional.empty();
      }
    }
    for (dev.mds.graph.SourceCall call : model.sources()) {
      Source source = sources.get(call.sourceName() + "." + call.tableName());
      if (source == null
          || !rendersAs(sourceSql(source), call.sourceName(), call.tableName())) {
        return Optional.empty();
      }
    }
    return Optional.of(render.sql());
  }

  /**
   * Whether {@code relation} renders as the parse's placeholder for {@code schema} and
   * {@code identifier} (named by the target's rule, see {@link Relation}). Quoting keeps names
   * apart, so for a {@link Relation} that is equality, with no text built.
   */
  private boolean rendersAs(Object relation, String schema, String identifier) {
    Relation placeholder = parsed.project().target().relation(Optional.empty(), schema,
        identifier);
    if (relation instanceof Relation plain) {
      return plain.equals(placeholder);
    }
    return String.valueOf(relation).equals(placeholder.toString());
  }

  /**
   * A model's SQL for a unit test: refs, sources and {@code this} render as the test's inputs
   * say, {@code var()} and {@code env_var()} see its overrides, and templates query no database;
   * nothing is cached or written.
   */
  public String unitTestSql(Model model, java.util.function.Function<Node, Object> refs,
      java.util.function.Function<Source, Object> inputs, Relation self, boolean incremental,
      Map<String, Object> vars, Map<String, String> env) {
    CompileContext context = new CompileContext(parsed.manifest(), byName, sources, inputs,
        refs, dev.mds.template.Database.NONE, Optional.of(model), this::graph, self,
        incremental);
    context.unitTest(vars, env);
    return trimStatement(parsed.templates().render(parsed.project().resolve(model.file()),
        context));
  }

  /** Drops trailing semicolons and blank space so the SQL can be embedded in other statements. */
  public static String trimStatement(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  private void write(Path path, String sql) {
    try {
      files.write(path, sql);
    } catch (IOException e) {
      throw new MdsException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private record Rendered(String sql, List<String> ephemerals) {
  }
}
