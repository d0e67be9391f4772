package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.project.Attachment;
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
  /** The catalog every connection USEs when this is the serving copy, attached read-only. */
  private final String servingCatalog;
  private final Capabilities capabilities;

  private DuckDbWarehouse(Target target, DuckDBConnection root, Capabilities capabilities) {
    this(target, root, null, capabilities);
  }

  private DuckDbWarehouse(Target target, DuckDBConnection root, String servingCatalog,
      Capabilities capabilities) {
    this.target = target;
    this.root = root;
    this.servingCatalog = servingCatalog;
    this.capabilities = capabilities;
  }

  /**
   * Opens the target's database, waiting up to {@code lockTimeoutSeconds} for another process to
   * let go of it.
   */
  public static DuckDbWarehouse open(Target target, double lockTimeoutSeconds) {
    return open(target, lockTimeoutSeconds, Capabilities.DUCKDB);
  }

  /**
   * Opens the database as an engine with other {@code capabilities} than DuckDB's own: with
   * transactions switched off, mds builds the way it does on engines without them (staging,
   * audit, swap), on a real engine that tests can inspect and kill.
   */
  public static DuckDbWarehouse open(Target target, double lockTimeoutSeconds,
      Capabilities capabilities) {
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
            (DuckDBConnection) DuckDb.connect(url, StorageVersion.openOptions(target));
        DuckDbWarehouse warehouse = new DuckDbWarehouse(target, connection, capabilities);
        try {
          if (!memory) {
            warehouse.requireDatabaseFile(connection, "current_database()", path, "path");
          }
          warehouse.loadExtensions();
          warehouse.attach();
          warehouse.applySettings(target.settings());
        } catch (RuntimeException | SQLException e) {
          connection.close();
          throw e;
        }
        return warehouse;
      } catch (SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains("Could not set lock")) {
          throw new MdsException("Cannot open database " + path + ": " + DuckDbError.summary(message), e);
        }
        if (System.nanoTime() >= deadline) {
          throw new DatabaseInUseException("Database " + path + " is in use by " + holder(message)
              + " (DuckDB allows one writer per file, and none while another process has it"
              + " open); " + (lockTimeoutSeconds > 0
                  ? "waited " + waited(lockTimeoutSeconds) + " (--lock-timeout) for it to"
                      + " finish; wait longer, or stop it"
                  : "wait for it to finish or pass --lock-timeout SECONDS to wait")
              + (lockTimeoutSeconds > 0 ? "" : "; readers (BI tools, notebooks) should open the"
                  + " serving copy instead (mds build --publish)") + ".", e);
        }
        sleep();
      }
    }
  }

  /**
   * Who holds the lock, from DuckDB's message ("Conflicting lock is held in /usr/bin/java (PID
   * 4242) by user ann"): {@code process 4242 (/usr/bin/java)}.
   */
  static String holder(String message) {
    Matcher pid = LOCK_PID.matcher(message);
    if (!pid.find()) {
      return "another process";
    }
    Matcher program = LOCK_PROGRAM.matcher(message);
    return "process " + pid.group(1) + (program.find() ? " (" + program.group(1) + ")" : "");
  }

  private static final Pattern LOCK_PROGRAM =
      Pattern.compile("held in (\\S[^\\n]*?) \\(PID \\d+\\)");

  /**
   * Opens the serving copy {@code file} read-only, attached under the target's own catalog name
   * (so that three-part names in views and compiled SQL resolve) in a private in-memory
   * database. Attaching, unlike opening the path, reads the file there now: DuckDB keeps one
   * instance per opened path in a process, which would still be the copy an earlier
   * connection opened before it was replaced.
   */
  public static DuckDbWarehouse openServing(Target target, Path file) {
    String catalog = target.database();
    DuckDBConnection connection;
    try {
      connection = (DuckDBConnection) DuckDb.connect("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new MdsException("Cannot open DuckDB: " + DuckDbError.summary(e.getMessage()), e);
    }
    DuckDbWarehouse warehouse = new DuckDbWarehouse(target, connection, catalog,
        Capabilities.DUCKDB);
    try {
      try (Statement st = connection.createStatement()) {
        st.execute("attach " + SqlLiteral.string(file.toAbsolutePath().toString()) + " as "
            + Relation.quote(catalog) + " (read_only)");
        st.execute("use " + Relation.quote(catalog));
      } catch (SQLException e) {
        throw new MdsException("Cannot open the serving copy " + file + ": "
            + DuckDbError.summary(e.getMessage()), e);
      }
      warehouse.requireDatabaseFile(connection, SqlLiteral.string(catalog), file, "serving_path");
      warehouse.loadExtensions();
      warehouse.attach();
      warehouse.applySettings(target.settings());
      return warehouse;
    } catch (RuntimeException | SQLException e) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The error being reported matters more.
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new MdsException("Cannot open the serving copy " + file + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }

  /** A --lock-timeout as a person reads it: 90 s, 2.5 s. */
  private static String waited(double seconds) {
    return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds)
        : String.valueOf(seconds)) + " s";
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MdsException("Interrupted while waiting for the database lock");
    }
  }

  /**
   * LOADs the profile's {@code extensions}. mds never downloads one (as dbt-duckdb's INSTALL
   * would): only those DuckDB carries built in can be loaded.
   */
  private void loadExtensions() {
    for (String extension : target.extensions()) {
      if (!SETTING_NAME.matcher(extension).matches()) {
        throw new MdsException(profile() + ": extension '" + extension + "' is not an extension"
            + " name (letters, digits and underscores)");
      }
      try (Statement st = root.createStatement()) {
        st.execute("load " + extension);
      } catch (SQLException e) {
        // DuckDB's own message says to INSTALL it, which would download it: not said here.
        throw new MdsException(profile() + ": extension '" + extension + "' is not available"
            + " offline: mds downloads no extension, and loads only those built into DuckDB"
            + " (parquet, json, icu, core_functions) or installed already; remove it from"
            + " 'extensions:'", e);
      }
    }
  }

  /** The profile's {@code attach:} databases, under their aliases. */
  private void attach() {
    for (Attachment attachment : target.attachments()) {
      Path file = attachment.path();
      boolean memory = file.toString().equals(":memory:");
      if (!memory && attachment.readOnly() && !Files.isRegularFile(file)) {
        throw new MdsException(profile() + ": the read-only attached database " + file
            + " does not exist");
      }
      try {
        if (!memory && file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
      } catch (java.io.IOException e) {
        throw new MdsException("Cannot create folder for database " + file + ": "
            + e.getMessage());
      }
      try (Statement st = root.createStatement()) {
        st.execute("attach if not exists " + SqlLiteral.string(memory ? ":memory:"
            : file.toAbsolutePath().toString()) + " as " + Relation.quote(attachment.alias())
            + (attachment.readOnly() ? " (read_only)" : ""));
      } catch (SQLException e) {
        throw new MdsException(profile() + ": cannot attach " + file + " as '"
            + attachment.alias() + "': " + DuckDbError.summary(e.getMessage()), e);
      }
      if (!memory) {
        requireDatabaseFile(root, SqlLiteral.string(attachment.alias()), file,
            "attach '" + attachment.alias() + "' path");
      }
    }
  }

  /**
   * DuckDB opens a CSV, Parquet or JSON file named as a database as a new in-memory database with a
   * view over the file: a build would then succeed and keep nothing. The database DuckDB opened
   * under {@code nameSql} must be the file itself.
   */
  private void requireDatabaseFile(Connection connection, String nameSql, Path file, String key) {
    String opened = null;
    try (Statement st = connection.createStatement();
        java.sql.ResultSet rs = st.executeQuery("select path from duckdb_databases()"
            + " where database_name = " + nameSql)) {
      if (rs.next()) {
        opened = rs.getString(1);
      }
    } catch (SQLException e) {
      throw new MdsException("Cannot check database " + file + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
    if (opened != null && sameFile(Path.of(opened), file)) {
      return;
    }
    throw new MdsException(profile() + ": " + key + " " + file + " is not a DuckDB database"
        + " file (DuckDB would read it as data into a throw-away in-memory database); point "
        + key + " at a .duckdb file");
  }

  private static boolean sameFile(Path opened, Path file) {
    if (opened.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.isSameFile(opened, file);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Names the profile in errors about its keys: {@code profiles.yml (profile 'shop')}. */
  private String profile() {
    return target.profilesFile().map(Path::toString).orElse("profiles.yml")
        + " (profile '" + target.profileName() + "', target '" + target.name() + "')";
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
  public DuckDbConnection connect() {
    try {
      DuckDBConnection connection = root.duplicate();
      if (servingCatalog != null) {
        // USE belongs to a connection: each new one starts in the in-memory catalog.
        try (Statement st = connection.createStatement()) {
          st.execute("use " + Relation.quote(servingCatalog));
        }
      }
      return new DuckDbConnection(connection);
    } catch (SQLException e) {
      throw new MdsException("Cannot open a connection to " + target.databasePath() + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }

  @Override
  public Dialect dialect() {
    return DuckDbDialect.INSTANCE;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
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
  public synchronized void createSchemas(java.util.Collection<Relation> relations) {
    java.util.Set<String> schemas = new java.util.TreeSet<>();
    relations.forEach(r -> schemas.add(r.schemaSql()));
    for (String schema : schemas) {
      try (Statement st = root.createStatement()) {
        st.execute("create schema if not exists " + schema);
      } catch (SQLException e) {
        throw new MdsException("Cannot create schema " + schema + ": " + DuckDbError.summary(e.getMessage()), e);
      }
    }
  }

  /** {@code BASE TABLE}, {@code VIEW} or empty when the relation does not exist. */
  @Override
  public synchronized java.util.Optional<String> relationType(Relation relation) {
    try (PreparedStatement st = root.prepareStatement(RELATION_TYPE)) {
      RelationType.bind(st, relation);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw new MdsException("Cannot look up " + relation + ": " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  /** {@link #relationType}'s query: the relation's own catalog, or the target's file. */
  static final String RELATION_TYPE = "select table_type from information_schema.tables"
      + " where table_schema = ? and table_name = ?"
      + " and table_catalog = coalesce(?, current_database())";

  /** Binds {@link #RELATION_TYPE}'s parameters. */
  static final class RelationType {
    private RelationType() {
    }

    static void bind(PreparedStatement st, Relation relation) throws SQLException {
      st.setString(1, relation.schema());
      st.setString(2, relation.identifier());
      st.setString(3, relation.writtenDatabase());
    }
  }

  @Override
  public synchronized Map<Relation, String> relationTypes() {
    StringBuilder catalogs = new StringBuilder("current_database()");
    for (Attachment attachment : target.attachments()) {
      catalogs.append(", ").append(SqlLiteral.string(attachment.alias()));
    }
    String sql = "select table_catalog, table_schema, table_name, table_type,"
        + " table_catalog = current_database() from information_schema.tables"
        + " where table_catalog in (" + catalogs + ")";
    Map<Relation, String> types = new java.util.HashMap<>();
    try (Statement st = root.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        java.util.Optional<String> catalog = rs.getBoolean(5) ? java.util.Optional.empty()
            : java.util.Optional.of(rs.getString(1));
        types.put(target.relation(catalog, rs.getString(2), rs.getString(3)), rs.getString(4));
      }
    } catch (SQLException e) {
      throw new MdsException("Cannot list the relations of " + target.databasePath() + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
    return types;
  }

  @Override
  public Map<Relation, CatalogRelation> catalog(java.util.Collection<Relation> wanted) {
    try (DuckDbConnection connection = connect()) {
      return CatalogReader.read(connection, wanted);
    } catch (SQLException e) {
      throw new MdsException("Cannot close the catalog connection: " + e.getMessage(), e);
    }
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
