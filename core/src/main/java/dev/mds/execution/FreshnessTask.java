package dev.mds.execution;

import dev.mds.MdsException;
import dev.mds.compile.Compiler;
import dev.mds.compile.ParseResult;
import dev.mds.engine.DuckDbError;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Node;
import dev.mds.graph.Selector;
import dev.mds.graph.Source;
import dev.mds.schema.SourceFreshness;
import dev.mds.engine.EngineConnection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code mds source freshness}: for each selected source table with a freshness rule and a
 * {@code loaded_at_field}, the newest load time (with the rule's {@code filter}), its age and the
 * rule's verdict. As dbt, a timestamp without a time zone is taken as UTC, and an empty table is
 * a runtime error (there is no load time to judge).
 */
public final class FreshnessTask {

  private FreshnessTask() {
  }

  /**
   * One source table's check.
   *
   * @param status {@code pass}, {@code warn}, {@code error} or {@code runtime error}
   * @param maxLoadedAt the newest load time; empty after a runtime error
   * @param error what went wrong, for a runtime error
   */
  public record Result(Source source, SourceFreshness criteria, String status,
      Optional<Instant> maxLoadedAt, Instant snapshottedAt, double ageSeconds,
      Optional<String> error, Instant startedAt, Instant completedAt) {

    public double seconds() {
      return Duration.between(startedAt, completedAt).toNanos() / 1e9;
    }

    public boolean failed() {
      return status.equals("error") || status.equals("runtime error");
    }
  }

  /** What the command checked, in order, and what the selection matched nothing for. */
  public record Outcome(List<Result> results, List<Source> skipped, List<String> unmatched,
      double elapsedSeconds) {

    public boolean failed() {
      return results.stream().anyMatch(Result::failed);
    }
  }

  /**
   * The selected sources with a rule, in graph order; those with a rule but no
   * {@code loaded_at_field} are skipped (DuckDB keeps no load times of its own).
   *
   * @param planned told how many tables will be checked, before the first
   * @param finished told each table's result as it comes
   */
  public static Outcome run(ParseResult parsed, Selector selector, double lockTimeoutSeconds,
      java.util.function.IntConsumer planned, Consumer<Result> finished) {
    long t0 = System.nanoTime();
    Selector.Selection selection = selector.select(parsed.manifest());
    List<Source> checked = new ArrayList<>();
    List<Source> skipped = new ArrayList<>();
    for (String id : selection.uniqueIds()) {
      Node node = parsed.manifest().nodes().get(id);
      if (node instanceof Source source
          && SourceFreshness.of(source.config()).isPresent()) {
        if (source.config().string(SourceFreshness.LOADED_AT_FIELD).filter(f -> !f.isBlank())
            .isPresent()) {
          checked.add(source);
        } else {
          skipped.add(source);
        }
      }
    }
    List<Result> results = new ArrayList<>();
    planned.accept(checked.size());
    if (!checked.isEmpty()) {
      try (Warehouse warehouse = dev.mds.engine.Engines.open(parsed.project().target(),
          dev.mds.engine.EngineOptions.forBuilding(lockTimeoutSeconds));
          EngineConnection connection = warehouse.connect()) {
        Compiler compiler = new Compiler(parsed, r -> false, false);
        compiler.useDatabase(dev.mds.engine.TemplateDatabase.of(warehouse));
        for (Source source : checked) {
          Result result = check(source, compiler, connection);
          results.add(result);
          finished.accept(result);
        }
      } catch (SQLException e) {
        throw new MdsException("Cannot read the database for source freshness: "
            + DuckDbError.summary(e.getMessage()), e);
      }
    }
    return new Outcome(results, skipped, selection.unmatched(),
        (System.nanoTime() - t0) / 1e9);
  }

  private static Result check(Source source, Compiler compiler,
      EngineConnection connection) {
    SourceFreshness criteria = SourceFreshness.of(source.config()).orElseThrow();
    Instant started = Instant.now();
    String field = source.config().string(SourceFreshness.LOADED_AT_FIELD).orElseThrow();
    String sql;
    try {
      String relation = compiler.sourceText(source);
      sql = "select max(" + field + ") as max_loaded_at from " + relation
          + criteria.filter().map(f -> "\nwhere " + f).orElse("");
    } catch (MdsException e) {
      return runtimeError(source, criteria, started, e.getMessage());
    }
    Object value;
    try {
      value = connection.query(sql, rs -> rs.next() ? rs.getObject(1) : null);
    } catch (SQLException e) {
      return runtimeError(source, criteria, started, DuckDbError.summary(e.getMessage()));
    }
    Instant snapshotted = Instant.now();
    if (value == null) {
      return runtimeError(source, criteria, started, "max(" + field + ") is null: the table has"
          + " no rows" + (criteria.filter().isPresent() ? " matching the freshness filter" : "")
          + ", so there is no load time to judge");
    }
    Optional<Instant> loaded = instant(value);
    if (loaded.isEmpty()) {
      return runtimeError(source, criteria, started, "loaded_at_field " + field + " is a "
          + value.getClass().getSimpleName() + " ('" + value + "'), not a timestamp or date");
    }
    double age = Duration.between(loaded.get(), snapshotted).toNanos() / 1e9;
    return new Result(source, criteria, criteria.status(age), loaded, snapshotted, age,
        Optional.empty(), started, Instant.now());
  }

  private static Result runtimeError(Source source, SourceFreshness criteria, Instant started,
      String message) {
    Instant now = Instant.now();
    return new Result(source, criteria, "runtime error", Optional.empty(), now, 0,
        Optional.of(message), started, now);
  }

  /** A load time as DuckDB returns it; one without a time zone is UTC, as dbt takes it. */
  private static Optional<Instant> instant(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return Optional.of(odt.toInstant());
    }
    if (value instanceof ZonedDateTime zdt) {
      return Optional.of(zdt.toInstant());
    }
    if (value instanceof LocalDateTime ldt) {
      return Optional.of(ldt.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof java.sql.Timestamp ts) {
      return Optional.of(ts.toLocalDateTime().toInstant(ZoneOffset.UTC));
    }
    if (value instanceof LocalDate date) {
      return Optional.of(date.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (value instanceof java.sql.Date date) {
      return Optional.of(date.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (value instanceof Instant instant) {
      return Optional.of(instant);
    }
    return Optional.empty();
  }
}
