package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.project.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A real engine for tests, found through the engine registry like any engine module
 * ({@code META-INF/services} of the test class path): profile {@code type: duckdb_no_transactions}
 * opens DuckDB (the output's {@code path}) with transactions switched off, so mds drives it the
 * way it drives Spark (staging, audit, swap). With the system property
 * {@code mds.test.pauseBefore} set, the first statement containing its text writes the file
 * named by {@code mds.test.pausedFile} and then blocks, so that a test can kill the process
 * exactly between two statements.
 */
public class DuckDbWithoutTransactions implements EngineProvider {

  static final String TYPE = "duckdb_no_transactions";

  private final String type;
  private final Capabilities capabilities;

  public DuckDbWithoutTransactions() {
    this(TYPE, Capabilities.DUCKDB.withTransactions(false));
  }

  protected DuckDbWithoutTransactions(String type, Capabilities capabilities) {
    this.type = type;
    this.capabilities = capabilities;
  }

  /**
   * {@code type: duckdb_like_spark}: DuckDB with only what Spark with Delta has — no
   * transactions, no temp tables, no DuckDB file functions (seeds are read by mds and written
   * as SQL), no attach or serving copy.
   */
  public static final class LikeSpark extends DuckDbWithoutTransactions {
    public LikeSpark() {
      super("duckdb_like_spark", new Capabilities(false, true, true, true, true, false, false,
          true, false, false, false));
    }
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Dialect dialect() {
    return DuckDbDialect.INSTANCE;
  }

  @Override
  public Target configure(Target target) {
    String path = String.valueOf(target.output().getOrDefault("path",
        target.profileName() + ".duckdb"));
    Path file = target.databasePath().resolve(path).normalize();
    // DuckDB's default schema, where an engine without one of its own says "default".
    String schema = target.output().containsKey("schema") ? target.schema() : "main";
    return new Target(target.profileName(), target.name(), target.type(), file, schema,
        target.threads(), Map.of(), java.util.List.of(), java.util.List.of(), Optional.empty(),
        java.util.List.of(), target.profilesFile(), dev.mds.project.Serving.defaultFor(file),
        target.output(), dev.mds.graph.Quoting.DOUBLE_QUOTES, Optional.empty());
  }

  @Override
  public Warehouse open(Target target, EngineOptions options) {
    return new Pausing(DuckDbWarehouse.open(target, options.lockTimeoutSeconds(),
        capabilities));
  }

  /** The DuckDB warehouse, its connections pausing before the statement a test waits for. */
  private record Pausing(DuckDbWarehouse duck) implements Warehouse {
    @Override
    public Target target() {
      return duck.target();
    }

    @Override
    public EngineConnection connect() {
      DuckDbConnection connection = duck.connect();
      String pauseBefore = System.getProperty("mds.test.pauseBefore");
      if (pauseBefore == null) {
        return connection;
      }
      return new EngineConnection() {
        @Override
        public long execute(String sql) throws SQLException {
          pauseAt(sql, pauseBefore);
          return connection.execute(sql);
        }

        @Override
        public <T> T query(String sql, RowReader<T> reader) throws SQLException {
          pauseAt(sql, pauseBefore);
          return connection.query(sql, reader);
        }

        @Override
        public Optional<String> relationType(Relation relation) throws SQLException {
          return connection.relationType(relation);
        }

        @Override
        public Map<String, String> columns(String relationSql) throws SQLException {
          return connection.columns(relationSql);
        }

        @Override
        public void cancel() {
          connection.cancel();
        }

        @Override
        public void close() throws SQLException {
          connection.close();
        }
      };
    }

    private static void pauseAt(String sql, String text) {
      if (!sql.contains(text)) {
        return;
      }
      try {
        Files.writeString(Path.of(System.getProperty("mds.test.pausedFile")), sql);
        Thread.sleep(600_000);
      } catch (java.io.IOException | InterruptedException e) {
        throw new MdsException("pause failed: " + e);
      }
    }

    @Override
    public Dialect dialect() {
      return duck.dialect();
    }

    @Override
    public Capabilities capabilities() {
      return duck.capabilities();
    }

    @Override
    public String version() {
      return duck.version();
    }

    @Override
    public Optional<String> relationType(Relation relation) {
      return duck.relationType(relation);
    }

    @Override
    public Map<Relation, String> relationTypes() {
      return duck.relationTypes();
    }

    @Override
    public Map<Relation, CatalogRelation> catalog(Collection<Relation> wanted) {
      return duck.catalog(wanted);
    }

    @Override
    public void createSchemas(Collection<Relation> relations) {
      duck.createSchemas(relations);
    }

    @Override
    public void close() {
      duck.close();
    }
  }
}
