package dev.mds.execution;

import dev.mds.MdsException;
import dev.mds.TextFiles;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.engine.BuildResult;
import dev.mds.engine.ContractCheck;
import dev.mds.engine.DuckDbError;
import dev.mds.engine.Materialization;
import dev.mds.engine.SeedLoader;
import dev.mds.engine.Session;
import dev.mds.engine.SqlLiteral;
import dev.mds.graph.DataTest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.project.Project;
import dev.mds.project.QueryComment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds one model or seed on a worker's session and reports how it went, writing the statements
 * each node ran to {@code target/run/} (with the run's background writer).
 */
final class NodeExecutor {

  private final Project project;
  private final Compiler compiler;
  private final boolean fullRefresh;
  private final TestExecutor testExecutor;
  private final SeedLoader seedLoader;
  private final TextFiles files;
  private final RowCounts counts;
  private final QueryComment queryComment;
  private final PythonModelBuild pythonModels;
  private MicrobatchRun microbatches;
  private RunListener listener = RunListener.NONE;
  private final java.util.Set<String> notes = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param files writes the run SQL files
   * @param counts where a built table's rows are left to be counted
   */
  NodeExecutor(Project project, Compiler compiler, boolean fullRefresh, TextFiles files,
      RowCounts counts) {
    this.project = project;
    this.files = files;
    this.counts = counts;
    this.compiler = compiler;
    this.fullRefresh = fullRefresh;
    this.testExecutor = new TestExecutor(project, compiler);
    this.seedLoader = new SeedLoader(compiler.csvInspector());
    this.pythonModels = new PythonModelBuild(project, compiler);
    this.queryComment = QueryComment.of(project.config(), project.display(project.projectFile()));
  }

  /** Builds microbatch models with these options, reporting their batches to {@code listener}. */
  NodeExecutor microbatches(RunListener listener, MicrobatchOptions options, Instant now) {
    this.microbatches = new MicrobatchRun(compiler, listener, options, fullRefresh, now);
    this.listener = listener;
    return this;
  }

  /** Tells the run {@code message} the first time it comes up (a contract's one-time notes). */
  private void note(String message) {
    if (notes.add(message)) {
      listener.info(message);
    }
  }

  /**
   * What makes a session add the project's {@code query-comment}, rendered for {@code node}, to
   * each statement; null when there is none.
   */
  private java.util.function.UnaryOperator<String> comment(Node node) {
    if (queryComment.template().isEmpty()) {
      return null;
    }
    String text = compiler.renderQueryComment(queryComment.template().get(),
        project.display(project.projectFile()) + " (query-comment)", node).strip();
    return statement -> queryComment.applyTo(statement, text);
  }

  /**
   * Builds {@code node}; a table or incremental model with {@code audits} runs them inside its
   * transaction before committing (write-audit-publish), adding their results to
   * {@code auditResults}, and keeps the previous version when an error-severity one fails.
   */
  NodeResult execute(Node node, Session session, List<DataTest> audits,
      List<NodeResult> auditResults) {
    Instant start = Instant.now();
    session.clearStatements();
    try {
      session.queryComment(comment(node));
      return build(node, session, audits, auditResults, start);
    } catch (MdsException e) {
      // The query comment's template failed: the node did not start.
      writeRunSql(node, session);
      return failure(node, start, Optional.empty(), e.getMessage());
    } finally {
      session.queryComment(null);
    }
  }

  private NodeResult build(Node node, Session session, List<DataTest> audits,
      List<NodeResult> auditResults, Instant start) {
    Optional<String> sql = Optional.empty();
    try {
      BuildResult built;
      if (node instanceof Model model && dev.mds.engine.MicrobatchConfig.is(model.config())
          && !model.isPython() && !compiler.hasCustomMaterialization(model.materialized())) {
        MicrobatchRun run = microbatches != null ? microbatches : new MicrobatchRun(compiler,
            RunListener.NONE, MicrobatchOptions.NONE, fullRefresh, start);
        NodeResult result = run.build(model, session, hooks -> {
          for (String hook : hooks) {
            runHook(session, hook, model);
          }
        }, start);
        writeRunSql(node, session);
        return result;
      }
      if (node instanceof Model model) {
        CompiledNode compiled = compiler.compile(model);
        sql = Optional.of(compiled.sql());
        Map<DataTest, Path> storedFailures = new LinkedHashMap<>();
        // Post-hooks run inside the model's transaction, as in dbt, and before its audits: what
        // a hook adds or changes is part of the data the audits check.
        java.util.concurrent.atomic.AtomicBoolean hooksRan =
            new java.util.concurrent.atomic.AtomicBoolean();
        boolean replaces = !audits.isEmpty()
            && session.relationType(model.relation()).isPresent();
        // An enforced contract is checked after the pre-hooks, before anything is built; its
        // foreign keys, before the commit.
        Optional<dev.mds.engine.Contract> contract = compiler.hasCustomMaterialization(
            model.materialized()) ? Optional.empty() : ContractCheck.enforced(model);
        Optional<dev.mds.engine.Contract> foreignKeys =
            contract.filter(c -> ContractCheck.checksForeignKeys(model, c));
        if (!audits.isEmpty() || !model.config().postHooks().isEmpty()
            || foreignKeys.isPresent()) {
          session.beforeCommit(() -> {
            if (session.capabilities().transactions()) {
              // Without transactions they run after the new version is swapped in.
              runPostHooks(session, model, hooksRan);
            }
            if (foreignKeys.isPresent()) {
              ContractCheck.foreignKeys(session, foreignKeys.get(), model.relation(),
                  to -> compiler.renderHook(
                  "{{ " + to + " }}", model.file(), Optional.of(model),
                  dev.mds.engine.TemplateDatabase.of(session)));
            }
            if (!audits.isEmpty()) {
              audit(model, audits, session, auditResults, storedFailures, replaces);
            }
            return null;
          });
        }
        try {
          built = buildModel(session, model, compiled.sql(), hooksRan, contract,
              !audits.isEmpty() || foreignKeys.isPresent());
        } catch (AuditFailure e) {
          keepStoredFailures(storedFailures, session);
          throw e;
        } finally {
          session.beforeCommit(null);
        }
        keepStoredFailures(storedFailures, session);
      } else if (node instanceof DataTest test) {
        NodeResult result = testExecutor.execute(test, session);
        writeRunSql(node, session);
        return result;
      } else if (node instanceof Seed seed) {
        built = compiler.emptyInputs() ? seedLoader.loadEmpty(session, seed,
            project.resolve(seed.file())) : seedLoader.load(session, seed, project.resolve(seed.file()));
      } else {
        return new NodeResult(node.uniqueId(), RunStatus.SUCCESS, "nothing to build",
            OptionalLong.empty(), start, Instant.now(), Optional.empty());
      }
      writeRunSql(node, session);
      built.rowsOf().ifPresent(table -> counts.request(node.uniqueId(), table));
      return new NodeResult(node.uniqueId(), RunStatus.SUCCESS, built.message(), built.rows(),
          start, Instant.now(), sql);
    } catch (SQLException e) {
      writeRunSql(node, session);
      // A source file that went bad since it was inspected: the line, not DuckDB's "sniffing".
      Optional<String> badLine = node instanceof Model
          ? dev.mds.engine.CsvInspector.badLine(e.getMessage(), sql, project::display)
          : Optional.empty();
      return failure(node, start, sql, badLine.orElse(DuckDbError.summary(e.getMessage())));
    } catch (MdsException | AuditFailure e) {
      writeRunSql(node, session);
      return failure(node, start, sql, e.getMessage());
    } catch (RuntimeException e) {
      return failure(node, start, sql, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void audit(Model model, List<DataTest> audits, Session session,
      List<NodeResult> results, Map<DataTest, Path> storedFailures, boolean replaces)
      throws SQLException {
    List<String> failed = new ArrayList<>();
    for (DataTest test : audits) {
      if (results.stream().anyMatch(r -> r.status() == RunStatus.ERROR)) {
        // A failed statement aborts the transaction; later tests could not run in it.
        results.add(NodeResult.skipped(test.uniqueId(),
            "skipped: an earlier audit test of " + model.name() + " errored"));
        continue;
      }
      Optional<Path> failuresFile = Optional.empty();
      // Without transactions (Spark) nothing rolls back: the failures table is written as is.
      if (TestExecutor.storeFailures(test) && session.capabilities().transactions()) {
        failuresFile = Optional.of(temporaryFile(test));
        storedFailures.put(test, failuresFile.get());
      }
      NodeResult result = testExecutor.execute(test, session, failuresFile);
      results.add(result);
      if (result.status().isFailure()) {
        failed.add(test.name());
      }
    }
    if (!failed.isEmpty()) {
      throw new AuditFailure("audit failed: " + String.join(", ", failed)
          + (failed.size() == 1 ? " fails" : " fail") + " on the new data, so " + model.relation()
          + (replaces ? " keeps its previous version" : " is not created"));
    }
  }

  private static Path temporaryFile(DataTest test) throws SQLException {
    try {
      Path file = Files.createTempFile("mds-failures-", ".parquet");
      Files.delete(file);
      return file;
    } catch (IOException e) {
      throw new SQLException("Cannot create a temporary file for the failing rows of "
          + test.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * After an audited model's transaction ends, committed or rolled back, turns the failing rows its
   * tests wrote to files into their {@code store_failures} tables.
   */
  private static void keepStoredFailures(Map<DataTest, Path> files, Session session)
      throws SQLException {
    try {
      for (Map.Entry<DataTest, Path> entry : files.entrySet()) {
        Path file = entry.getValue();
        if (Files.exists(file)) {
          session.execute("create or replace table " + entry.getKey().relation()
              + " as select * from read_parquet(" + SqlLiteral.string(file.toString()) + ")");
          session.created(entry.getKey().relation(), "BASE TABLE");
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new SQLException("Cannot remove a temporary file: " + e.getMessage(), e);
    } finally {
      files.clear();
    }
  }

  private BuildResult buildModel(Session session, Model model, String compiledSql,
      java.util.concurrent.atomic.AtomicBoolean hooksRan,
      Optional<dev.mds.engine.Contract> contract, boolean audited) throws SQLException {
    boolean incremental = "incremental".equals(model.materialized()) && !fullRefresh
        && session.relationType(model.relation()).filter("BASE TABLE"::equals).isPresent();
    String sql = Compiler.trimStatement(compiledSql);
    if (compiler.emptyInputs() && model.isSnapshot()
        && session.relationType(model.relation()).isPresent()) {
      // Zero rows read would end every current version of a snapshot that tracks hard deletes:
      // --empty gives a snapshot its shape once and never touches its history.
      return BuildResult.of("kept (--empty does not change snapshot history)");
    }
    if (compiler.hasCustomMaterialization(model.materialized())) {
      // One transaction, as mds's own materializations: a failure keeps yesterday's relation.
      String modelSql = sql;
      // The materialization runs the model's hooks itself (run_hooks(post_hooks)).
      hooksRan.set(true);
      session.inTransaction(() -> compiler.materializeCustom(model, modelSql,
          dev.mds.engine.TemplateDatabase.of(session)));
      return BuildResult.of("materialization " + model.materialized());
    }
    for (String hook : model.config().preHooks()) {
      runHook(session, hook, model);
    }
    if (model.isPython()) {
      sql = pythonModels.run(session, model, incremental);
    }
    if (contract.isPresent()) {
      ContractCheck.check(session, model, contract.get(), sql, this::note);
    }
    Materialization materialization =
        Materialization.of(model, project.root(), project.target().externalRoot());
    BuildResult built = session.capabilities().transactions()
        ? materialization.build(session, model, sql, incremental)
        : dev.mds.engine.StagedBuild.build(session, materialization, model, sql, incremental,
            audited);
    // A materialization without a transaction of its own (a view) leaves them to run here.
    runPostHooks(session, model, hooksRan);
    return built;
  }

  private void runPostHooks(Session session, Model model,
      java.util.concurrent.atomic.AtomicBoolean ran) throws SQLException {
    if (ran.compareAndSet(false, true)) {
      for (String hook : model.config().postHooks()) {
        runHook(session, hook, model);
      }
    }
  }

  /**
   * Renders a model's hook with the model's own session as the database its statements and
   * queries use (a hook may do its work through {@code statement}, as packages' hooks do), and
   * runs what it renders to, if anything.
   */
  private void runHook(Session session, String hook, Model model) throws SQLException {
    String sql = compiler.renderHook(hook, model.file(), Optional.of(model),
        dev.mds.engine.TemplateDatabase.of(session));
    if (!sql.replace(";", "").isBlank()) {
      session.executeForeign(sql);
    }
  }

  private static NodeResult failure(Node node, Instant start, Optional<String> sql,
      String message) {
    return new NodeResult(node.uniqueId(), RunStatus.ERROR, message, OptionalLong.empty(), start,
        Instant.now(), sql);
  }

  /**
   * Writes the statements the node ran to {@code target/run/<project>/}: at the model's path, the
   * seed's path plus {@code .sql}, or, for a data test, where its compiled SQL is (an audited
   * model's tests ran in its transaction and are in its file).
   */
  private void writeRunSql(Node node, Session session) {
    Path path = project.targetDir().resolve("run").resolve(project.name()).resolve(node.file());
    if (node instanceof Seed) {
      path = path.resolveSibling(path.getFileName() + ".sql");
    } else if (node instanceof Model model && model.isSnapshot() && !model.file().endsWith(".sql")) {
      path = path.resolve(model.name() + ".sql");
    } else if (node instanceof DataTest test && !test.isSingular()) {
      path = path.resolve(test.name() + ".sql");
    }
    try {
      files.write(path, String.join(";\n\n", session.statements()) + ";\n");
    } catch (IOException e) {
      throw new MdsException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
