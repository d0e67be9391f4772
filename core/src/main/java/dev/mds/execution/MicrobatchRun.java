package dev.mds.execution;

import dev.mds.MdsException;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.engine.BatchWindow;
import dev.mds.engine.DuckDbError;
import dev.mds.engine.MicrobatchConfig;
import dev.mds.engine.MicrobatchMaterialization;
import dev.mds.engine.MicrobatchPlan;
import dev.mds.engine.Session;
import dev.mds.graph.Model;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds a microbatch model as dbt ≥ 1.9 does: one batch per period, each rendered with its inputs
 * filtered to the period and written in a transaction of its own, so a failing batch is rolled
 * back while the others stay committed; the model is then a partial success, and {@code mds retry}
 * builds just the failed batches. Batches run one after the other whatever
 * {@code concurrent_batches} says: DuckDB has a single writer. Pre-hooks run before the first
 * batch, post-hooks after the last one, as in dbt.
 */
final class MicrobatchRun {

  /** How wide dbt-style progress lines are, dots included. */
  private static final int WIDTH = 80;

  private final Compiler compiler;
  private final RunListener listener;
  private final MicrobatchOptions options;
  private final boolean fullRefresh;
  private final Instant now;

  MicrobatchRun(Compiler compiler, RunListener listener, MicrobatchOptions options,
      boolean fullRefresh, Instant now) {
    this.compiler = compiler;
    this.listener = listener;
    this.options = options;
    this.fullRefresh = fullRefresh;
    this.now = now;
  }

  /** Runs a model's hooks (pre or post) on its session. */
  interface Hooks {
    void run(List<String> hooks) throws SQLException;
  }

  NodeResult build(Model model, Session session, Hooks hooks, Instant started) {
    Optional<String> compiledSql = Optional.empty();
    MicrobatchConfig config;
    List<BatchWindow> batches;
    boolean exists;
    try {
      config = MicrobatchConfig.of(model.config(), model.file());
      CompiledNode compiled = compiler.compile(model);
      compiledSql = Optional.of(compiled.sql());
      exists = session.relationType(model.relation()).filter("BASE TABLE"::equals).isPresent();
      boolean incremental = exists && !refreshes(model);
      List<BatchWindow> retried = options.retry().get(model.name());
      batches = retried != null
          ? retried.stream().map(b -> new BatchWindow(b.start(), b.end(), config.batchSize()))
              .toList()
          : MicrobatchPlan.batches(config, incremental, options.start(), options.end(), now);
      hooks.run(model.config().preHooks());
    } catch (SQLException e) {
      return result(model, RunStatus.ERROR, DuckDbError.summary(e.getMessage()), 0, started,
          compiledSql, Optional.empty());
    } catch (MdsException e) {
      return result(model, RunStatus.ERROR, e.getMessage(), 0, started, compiledSql,
          Optional.empty());
    }
    if (batches.isEmpty()) {
      return result(model, RunStatus.SUCCESS, "MICROBATCH no batches (begin "
          + BatchWindow.literal(config.begin()) + " is not before the end)", 0, started,
          compiledSql, Optional.of(new BatchResults(List.of(), List.of())));
    }
    // The first batch creates the table when there is none yet, or replaces it on a full refresh.
    boolean create = !exists || refreshes(model);
    List<BatchWindow> successful = new ArrayList<>();
    List<BatchWindow> failed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long rows = 0;
    int total = batches.size();
    MicrobatchMaterialization writer = new MicrobatchMaterialization(model, config);
    for (int i = 0; i < total; i++) {
      BatchWindow batch = batches.get(i);
      String what = "batch " + batch.label() + " of " + model.relation();
      String position = "Batch " + (i + 1) + " of " + total;
      if (create && !failed.isEmpty() || session.cancelled()) {
        // The batch that was to create the table failed, so there is nothing to add to; or the
        // run was interrupted.
        failed.add(batch);
        listener.info(dots(position + " SKIP " + what, "[SKIP]"));
        continue;
      }
      listener.info(dots(position + " START " + what, "[RUN]"));
      long batchStart = System.nanoTime();
      try {
        String sql = compiler.batchSql(model, batch, !create);
        long written = writer.build(session, sql, batch, create);
        create = false;
        rows += written;
        successful.add(batch);
        listener.info(dots(position + " OK created " + what, "[SUCCESS " + written + " in "
            + seconds(batchStart) + "]"));
      } catch (SQLException | MdsException e) {
        String message = e instanceof SQLException ? DuckDbError.summary(e.getMessage())
            : e.getMessage();
        failed.add(batch);
        errors.add("batch " + batch.label() + ": " + message);
        listener.info(dots(position + " ERROR creating " + what, "[ERROR in "
            + seconds(batchStart) + "]"));
      }
    }
    if (!successful.isEmpty()) {
      try {
        hooks.run(model.config().postHooks());
      } catch (SQLException | MdsException e) {
        errors.add("post-hook: " + (e instanceof SQLException
            ? DuckDbError.summary(e.getMessage()) : e.getMessage()));
      }
    }
    BatchResults results = new BatchResults(List.copyOf(successful), List.copyOf(failed));
    String done = "MICROBATCH " + successful.size() + " of " + total + " batches, " + rows
        + " rows";
    if (errors.isEmpty() && failed.isEmpty()) {
      return result(model, RunStatus.SUCCESS, done, rows, started, compiledSql,
          Optional.of(results));
    }
    if (errors.isEmpty()) {
      errors.add("interrupted before batch " + failed.get(0).label());
    }
    RunStatus status = successful.isEmpty() ? RunStatus.ERROR : RunStatus.PARTIAL_SUCCESS;
    String failedList = failed.isEmpty() ? "" : " (" + failed.size() + " failed; mds retry"
        + " builds just " + (failed.size() == 1 ? "that one" : "those") + ")";
    return result(model, status, done + failedList + "\n" + String.join("\n", errors), rows,
        started, compiledSql, Optional.of(results));
  }

  /**
   * Whether {@code --full-refresh} rebuilds the model: not when its config says
   * {@code full_refresh: false}, dbt's guard for a long history.
   */
  private boolean refreshes(Model model) {
    return fullRefresh && !model.config().get("full_refresh").map(String::valueOf)
        .filter(v -> v.equalsIgnoreCase("false")).isPresent();
  }

  private static NodeResult result(Model model, RunStatus status, String message, long rows,
      Instant started, Optional<String> sql, Optional<BatchResults> batches) {
    return new NodeResult(model.uniqueId(), status, message,
        rows > 0 || status == RunStatus.SUCCESS ? OptionalLong.of(rows) : OptionalLong.empty(),
        started, Instant.now(), sql, Optional.empty(), batches);
  }

  private static String seconds(long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return String.format(java.util.Locale.ROOT, "%.2fs", seconds);
  }

  private static String dots(String text, String status) {
    int pad = Math.max(3, WIDTH - text.length() - status.length() - 2);
    return text + " " + ".".repeat(pad) + " " + status;
  }
}
