package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.project.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB file of a target, opened once per invocation. Worker threads get their own
 * connections to the same database through {@link #connect()}.
 */
public final class DuckDbWarehouse implements Warehouse {

  private static final Pattern LOCK_PID = Pattern.compile("PID (\\d+)");
  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Target target;
  private final DuckDBConnection root;

  private DuckDbWarehouse(Target target, DuckDBConnection root) {
    this.target = target;
    this.root = root;
  }

  /**
   * Opens the target's database, waiting up to {@code lockTimeoutSeconds} for another process to
   * let go of it.
   */
  public static DuckDbWarehouse open(Target target, double lockTimeoutSeconds) {
    Path path = target.databasePath();
    boolean memory = path.toString().equals(":memory:");
    String url = memory ? "jdbc:duckdb:" : "jdbc:duckdb:" + path;
    if (!memory && path.getParent() != null) {
      try {
        Files.createDirectories(path.getParent());
      } catch (java.io.IOException e) {
        throw new MdsException("Cannot create folder for database " + path + ": " + e.getMessage());
      }
    }
    long deadline = System.nanoTime() + (long) (lockTimeoutSeconds * 1e9);
    while (true) {
      try {
        DuckDBConnection connection =
            (DuckDBConnection) DuckDb.connect(url);
        DuckDbWarehouse warehouse = new DuckDbWarehouse(target, connection);
        warehouse.applySettings(target.settings());
        return warehouse;
      } catch (SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains("Could not set lock")) {
          throw new MdsException("Cannot open database " + path + ": " + DuckDbError.summary(message), e);
        }
        if (System.nanoTime() >= deadline) {
          Matcher pid = LOCK_PID.matcher(message);
          String holder = pid.find() ? "process " + pid.group(1) : "another process";
          throw new MdsException("Database " + path + " is in use by " + holder
              + " (DuckDB allows one writer per file); wait for it to finish or pass"
              + " --lock-timeout SECONDS to wait.", e);
        }
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MdsException("Interrupted while waiting for the database lock");
    }
  }

  private void applySettings(Map<String, String> settings) throws SQLException {
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      if (!SETTING_NAME.matcher(setting.getKey()).matches()) {
        throw new MdsException("Invalid DuckDB setting name '" + setting.getKey()
            + "' in the profile's settings:");
      }
      try (Statement st = root.createStatement()) {
        st.execute("SET " + setting.getKey() + " = " + SqlLiteral.string(setting.getValue()));
      } catch (SQLException e) {
        throw new MdsException("DuckDB rejected setting " + setting.getKey() + " = '"
            + setting.getValue() + "' from profiles.yml: " + DuckDbError.summary(e.getMessage()), e);
      }
    }
  }


  @Override
  public Connection connect() {
    try {
      return root.duplicate();
    } catch (SQLException e) {
      throw new MdsException("Cannot open a connection to " + target.databasePath() + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }

  @Override
  public String version() {
    try (Statement st = root.createStatement(); ResultSet rs = st.executeQuery("select version()")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new MdsException("Cannot query DuckDB version: " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  @Override
  public synchronized void attachReadOnly(Path database, String alias) {
    if (!Files.isRegularFile(database)) {
      throw new MdsException("The production database " + database + " does not exist");
    }
    if (database.toAbsolutePath().normalize().equals(
        target.databasePath().toAbsolutePath().normalize())) {
      throw new MdsException("The production database " + database
          + " is the target database itself; defer to a copy of production instead");
    }
    try (Statement st = root.createStatement()) {
      st.execute("attach " + SqlLiteral.string(database.toAbsolutePath().toString()) + " as "
          + Relation.quote(alias) + " (read_only)");
    } catch (SQLException e) {
      throw new MdsException("Cannot open the production database " + database + " read-only: "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }

  @Override
  public synchronized void createSchemas(java.util.Collection<String> schemas) {
    for (String schema : new java.util.TreeSet<>(schemas)) {
      try (Statement st = root.createStatement()) {
        st.execute("create schema if not exists " + Relation.quote(schema));
      } catch (SQLException e) {
        throw new MdsException("Cannot create schema " + schema + ": " + DuckDbError.summary(e.getMessage()), e);
      }
    }
  }

  @Override
  public synchronized boolean exists(Relation relation) {
    return relationType(relation).isPresent();
  }

  /** {@code BASE TABLE}, {@code VIEW} or empty when the relation does not exist. */
  @Override
  public synchronized java.util.Optional<String> relationType(Relation relation) {
    String sql = "select table_type from information_schema.tables"
        + " where table_schema = ? and table_name = ? and table_catalog = current_database()";
    try (PreparedStatement st = root.prepareStatement(sql)) {
      st.setString(1, relation.schema());
      st.setString(2, relation.identifier());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw new MdsException("Cannot look up " + relation + ": " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  @Override
  public synchronized Map<Relation, String> relationTypes() {
    String sql = "select table_schema, table_name, table_type from information_schema.tables"
        + " where table_catalog = current_database()";
    Map<Relation, String> types = new java.util.HashMap<>();
    try (Statement st = root.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        types.put(new Relation(rs.getString(1), rs.getString(2)), rs.getString(3));
      }
    } catch (SQLException e) {
      throw new MdsException("Cannot list the relations of " + target.databasePath() + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
    return types;
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public void close() {
    try {
      root.close();
    } catch (SQLException e) {
      throw new MdsException("Cannot close database " + target.databasePath() + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }
}
