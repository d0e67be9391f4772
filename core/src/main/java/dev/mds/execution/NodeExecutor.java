package dev.mds.execution;

import dev.mds.MdsException;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.engine.BuildResult;
import dev.mds.engine.DuckDbError;
import dev.mds.engine.Materialization;
import dev.mds.engine.SeedLoader;
import dev.mds.engine.Session;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds one model or seed on a worker's session and reports how it went. */
final class NodeExecutor {

  private final Project project;
  private final Compiler compiler;
  private final boolean fullRefresh;

  NodeExecutor(Project project, Compiler compiler, boolean fullRefresh) {
    this.project = project;
    this.compiler = compiler;
    this.fullRefresh = fullRefresh;
  }

  NodeResult execute(Node node, Session session) {
    Instant start = Instant.now();
    session.clearStatements();
    Optional<String> sql = Optional.empty();
    try {
      BuildResult built;
      if (node instanceof Model model) {
        CompiledNode compiled = compiler.compile(model);
        sql = Optional.of(compiled.sql());
        built = buildModel(session, model, compiled.sql());
      } else if (node instanceof Seed seed) {
        built = SeedLoader.load(session, seed, project.resolve(seed.file()));
      } else {
        return new NodeResult(node.uniqueId(), RunStatus.SUCCESS, "nothing to build",
            OptionalLong.empty(), start, Instant.now(), Optional.empty());
      }
      writeRunSql(node, session);
      return new NodeResult(node.uniqueId(), RunStatus.SUCCESS, built.message(), built.rows(),
          start, Instant.now(), sql);
    } catch (SQLException e) {
      writeRunSql(node, session);
      return failure(node, start, sql, firstLine(e.getMessage()));
    } catch (MdsException e) {
      return failure(node, start, sql, e.getMessage());
    } catch (RuntimeException e) {
      return failure(node, start, sql, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private BuildResult buildModel(Session session, Model model, String compiledSql)
      throws SQLException {
    boolean incremental = "incremental".equals(model.materialized()) && !fullRefresh
        && session.relationType(model.relation()).filter("BASE TABLE"::equals).isPresent();
    String sql = Compiler.trimStatement(compiledSql);
    for (String hook : model.config().preHooks()) {
      session.execute(compiler.renderHook(hook, model.file(), Optional.of(model)));
    }
    BuildResult built = Materialization.of(model).build(session, model, sql, incremental);
    for (String hook : model.config().postHooks()) {
      session.execute(compiler.renderHook(hook, model.file(), Optional.of(model)));
    }
    return built;
  }

  private static NodeResult failure(Node node, Instant start, Optional<String> sql,
      String message) {
    return new NodeResult(node.uniqueId(), RunStatus.ERROR, message, OptionalLong.empty(), start,
        Instant.now(), sql);
  }

  private void writeRunSql(Node node, Session session) {
    Path path = project.targetDir().resolve("run").resolve(project.name()).resolve(node.file());
    if (node instanceof Seed) {
      path = path.resolveSibling(path.getFileName() + ".sql");
    }
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, String.join(";\n\n", session.statements()) + ";\n");
    } catch (IOException e) {
      throw new MdsException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  static String firstLine(String message) {
    return DuckDbError.summary(message);
  }
}
