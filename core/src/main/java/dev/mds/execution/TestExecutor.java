package dev.mds.execution;

import dev.mds.engine.DuckDbError;
import dev.mds.MdsException;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.engine.Session;
import dev.mds.engine.SqlLiteral;
import dev.mds.graph.DataTest;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one data test the way dbt does: counts the rows its query returns, compares the count with
 * {@code warn_if}/{@code error_if} (default {@code != 0}) under its severity, and keeps a few failing
 * rows to show.
 */
final class TestExecutor {

  static final int SAMPLE_ROWS = 5;
  private static final Pattern CONDITION =
      Pattern.compile("^\\s*(==|=|!=|<>|>=|<=|>|<)\\s*(-?\\d+(?:\\.\\d+)?)\\s*$");

  private final Project project;
  private final Compiler compiler;

  TestExecutor(Project project, Compiler compiler) {
    this.project = project;
    this.compiler = compiler;
  }

  NodeResult execute(DataTest test, Session session) {
    return execute(test, session, Optional.empty());
  }

  /**
   * @param failuresFile inside an audited model's transaction, the Parquet file that
   *     {@code store_failures} writes to instead of its table: a table would roll back with the
   *     rejected version, and its failing rows are what the user needs to see
   */
  NodeResult execute(DataTest test, Session session, Optional<Path> failuresFile) {
    Instant start = Instant.now();
    Optional<String> compiledSql = Optional.empty();
    try {
      CompiledNode compiled = compiler.compileTest(test);
      compiledSql = Optional.of(compiled.sql());
      String sql = session.audited(Compiler.trimStatement(compiled.sql()));
      // The test's config includes what its generic test's definition set with config().
      NodeConfig config = test.config();
      String warnIf = config.string("warn_if").orElse("!= 0").strip();
      String errorIf = config.string("error_if").orElse("!= 0").strip();
      String warnSql = condition(test, "warn_if", warnIf);
      String errorSql = condition(test, "error_if", errorIf);
      String failCalc = config.string("fail_calc").orElse("count(*)");
      // As dbt does, limit caps what is counted, shown and stored alike.
      Optional<Long> limit = config.get("limit")
          .map(l -> Long.parseLong(String.valueOf(l).trim()));
      if (limit.isPresent()) {
        sql = "select * from (\n" + sql + "\n) dbt_limit\nlimit " + limit.get();
      }
      if (storeFailures(test)) {
        session.execute(failuresFile.isPresent()
            ? "copy (\n" + sql + "\n) to " + SqlLiteral.string(failuresFile.get().toString())
                + " (format parquet)"
            : session.dialect().createTableAs(test.relation(), sql,
                dev.mds.engine.TableOptions.NONE));
        if (failuresFile.isEmpty()) {
          session.created(test.relation(), "BASE TABLE");
        }
      }
      Outcome outcome = session.query("select " + failCalc + " as failures, (" + failCalc
          + ") " + warnSql + " as should_warn, (" + failCalc + ") " + errorSql
          + " as should_error\nfrom (\n" + sql + "\n) dbt_internal_test", rs -> {
            rs.next();
            return new Outcome(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3));
          });
      long failures = outcome.failures();
      boolean warn = outcome.warn();
      boolean error = outcome.error();
      RunStatus status;
      if (test.severity().equals("warn")) {
        status = warn || error ? RunStatus.WARN : RunStatus.PASS;
      } else {
        status = error ? RunStatus.FAIL : warn ? RunStatus.WARN : RunStatus.PASS;
      }
      String shown = status == RunStatus.WARN && !error ? warnIf : errorIf;
      String message = status == RunStatus.PASS ? "PASS"
          : "Got " + failures + " result" + (failures == 1 ? "" : "s") + ", configured to "
              + (status == RunStatus.WARN ? "warn" : "fail") + " if " + shown;
      Optional<TestFailures> found = Optional.empty();
      if (failures > 0) {
        found = Optional.of(sample(session, sql, failures, shown,
            project.display(compiled.path())));
      }
      return new NodeResult(test.uniqueId(), status, message, OptionalLong.of(failures), start,
          Instant.now(), compiledSql, found);
    } catch (SQLException e) {
      return error(test, start, compiledSql, DuckDbError.summary(e.getMessage()));
    } catch (MdsException e) {
      return error(test, start, compiledSql, e.getMessage());
    } catch (RuntimeException e) {
      return error(test, start, compiledSql, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static NodeResult error(DataTest test, Instant start, Optional<String> sql,
      String message) {
    return new NodeResult(test.uniqueId(), RunStatus.ERROR, message, OptionalLong.empty(), start,
        Instant.now(), sql);
  }

  /** What the test's count query found. */
  private record Outcome(long failures, boolean warn, boolean error) {
  }

  static boolean storeFailures(DataTest test) {
    return test.config().get("store_failures").map(v -> Boolean.parseBoolean(String.valueOf(v)))
        .orElse(false);
  }

  /** {@code warn_if}/{@code error_if} as SQL after the failure count, e.g. {@code > 10}. */
  private static String condition(DataTest test, String key, String raw) {
    Matcher m = CONDITION.matcher(raw);
    if (!m.matches()) {
      throw new MdsException(test.file() + ": test " + test.name() + " has " + key + ": '" + raw
          + "'; write a comparison with a number, such as '>10' or '!= 0'");
    }
    String operator = m.group(1).equals("==") ? "=" : m.group(1);
    return " " + operator + " " + m.group(2);
  }

  private static TestFailures sample(Session session, String sql, long failures,
      String condition, String path) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    session.query("select * from (\n" + sql + "\n) dbt_sample limit " + SAMPLE_ROWS, rs -> {
      columns.addAll(rs.columnNames());
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          Object value = rs.getObject(i);
          row.add(value == null ? "NULL" : String.valueOf(value));
        }
        rows.add(row);
      }
      return null;
    });
    return new TestFailures(failures, condition.toLowerCase(Locale.ROOT), columns, rows, path);
  }
}
