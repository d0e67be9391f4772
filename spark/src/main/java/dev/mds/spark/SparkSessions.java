package dev.mds.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session a profile describes. A JVM holds one in-process Spark, so a second
 * target in the same process (the tests' many projects) gets the running session back with the
 * profile's runtime settings applied; its metastore stays the first one's.
 */
final class SparkSessions {

  private SparkSessions() {
  }

  /**
   * Settings that make Spark read a dbt-duckdb project's SQL as DuckDB does, for sessions mds
   * starts and for Spark Connect sessions (runtime settings there): double quotes around a name
   * make it an identifier ({@code select "customerNumber"}; Spark would read a string literal,
   * silently), and new Delta tables map columns by name, so that names with spaces or
   * punctuation ({@code "Anzahl Tage von"}, {@code as "Total (EUR)"}) can be stored as DuckDB
   * stores them; parquet files of one source are read with their columns merged by name, as
   * mds's DuckDB file scan reads them ({@code union_by_name}). A profile's
   * {@code server_side_parameters} win.
   */
  static final Map<String, String> DUCKDB_COMPATIBLE = Map.of(
      "spark.sql.ansi.doubleQuotedIdentifiers", "true",
      "spark.sql.parquet.mergeSchema", "true",
      // CSV sources in Windows-1252 and the other encodings DuckDB reads (Spark 4 takes only
      // UTF-8/16/32, ASCII and Latin-1 otherwise).
      "spark.sql.legacy.javaCharsets", "true",
      "spark.databricks.delta.properties.defaults.columnMapping.mode", "name");

  /**
   * A table at a fixed {@code location} ({@code location_root}) in a plain format is rebuilt by
   * a drop and a create: the drop leaves its files (the table is external), and Spark refuses a
   * CTAS into a folder that is not empty, so the second build would fail. With this the create
   * writes over the old files, which is what rebuilding that table means (dbt-spark's drop and
   * create intends the same).
   */
  static final Map<String, String> REBUILD_AT_LOCATION =
      Map.of("spark.sql.legacy.allowNonEmptyLocationInCTAS", "true");

  /** A session being started for a profile by {@link #warmUp}, until {@link #open} takes it. */
  private static java.util.concurrent.CompletableFuture<SparkSession> starting;
  private static SparkProfile startingFor;

  /**
   * Starts the in-process session for {@code profile} on a thread of its own: a run calls this
   * before it parses the project, so Spark's start (seconds: its classes and context) overlaps
   * the parse rather than following it. Only for {@code method: session} in a JVM opened as Spark
   * needs ({@link SparkWarehouse#open} reports otherwise); a failure is thrown again by
   * {@link #open}.
   */
  static synchronized void warmUp(SparkProfile profile) {
    if (starting != null || !profile.method().equals(SparkProfile.SESSION)
        || !Object.class.getModule().isOpen("sun.nio.ch", SparkSessions.class.getModule())) {
      return;
    }
    java.util.concurrent.CompletableFuture<SparkSession> future =
        new java.util.concurrent.CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        future.complete(start(profile));
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    }, "mds-spark-start");
    // Spark loads its classes through the thread's context class loader: the engine's.
    thread.setContextClassLoader(SparkSessions.class.getClassLoader());
    thread.setDaemon(true);
    starting = future;
    startingFor = profile;
    thread.start();
  }

  /** The session for {@code profile}: started (or found running), or connected to. */
  static SparkSession open(SparkProfile profile) {
    java.util.concurrent.CompletableFuture<SparkSession> started = null;
    synchronized (SparkSessions.class) {
      if (starting != null && profile.equals(startingFor)) {
        started = starting;
      }
      starting = null;
      startingFor = null;
    }
    if (started != null) {
      try {
        return started.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
    return start(profile);
  }

  private static SparkSession start(SparkProfile profile) {
    if (profile.method().equals(SparkProfile.CONNECT)) {
      // The Connect client's own builder: SparkSession.builder() picks the in-process
      // implementation whenever Spark's core is on the class path, as it is here.
      SparkSession spark = org.apache.spark.sql.connect.SparkSession.builder()
          .remote(profile.connectUrl().orElseThrow()).getOrCreate();
      Map<String, String> runtime = new LinkedHashMap<>(DUCKDB_COMPATIBLE);
      runtime.putAll(REBUILD_AT_LOCATION);
      runtime.forEach((k, v) -> {
        try {
          spark.conf().set(k, v);
        } catch (Exception refused) {
          // A server that does not let sessions change this (a managed warehouse) keeps its own.
        }
      });
      profile.serverSideParameters().forEach((k, v) -> spark.conf().set(k, v));
      return spark;
    }
    Path state = profile.stateDir().toAbsolutePath();
    // Derby writes derby.log into its home: the metastore's folder, not the working directory.
    System.setProperty("derby.system.home", state.toString());
    SparkSession.Builder builder = SparkSession.builder().appName("mds").master(profile.master());
    settings(profile).forEach(builder::config);
    return builder.enableHiveSupport().getOrCreate();
  }

  /**
   * The settings of an in-process session: Delta as the default catalog's table format, a Hive
   * metastore (Derby) and warehouse under the profile's state folder so tables outlive the
   * invocation, dynamic partition overwrite (what insert_overwrite means), no UI and no progress
   * bars; then the profile's {@code server_side_parameters}, which win.
   */
  static Map<String, String> settings(SparkProfile profile) {
    Path state = profile.stateDir().toAbsolutePath();
    Map<String, String> conf = new LinkedHashMap<>();
    // DuckDB's null order first: Delta's parser then wraps that one.
    conf.put("spark.sql.extensions",
        DuckDbSyntax.EXTENSION + ",io.delta.sql.DeltaSparkSessionExtension");
    conf.put("spark.sql.catalog.spark_catalog",
        "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // A plain `create table` (a hook's, a custom materialization's) makes Delta tables too.
    conf.put("spark.sql.sources.default", SparkDialect.DEFAULT_FORMAT);
    conf.put("spark.sql.warehouse.dir", state.toUri().toString());
    conf.put("spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + state.resolve("metastore_db") + ";create=true");
    conf.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.ui.showConsoleProgress", "false");
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.putAll(DUCKDB_COMPATIBLE);
    conf.putAll(REBUILD_AT_LOCATION);
    if (profile.master().startsWith("local")) {
      // A laptop's tables are small: Spark's 200 shuffle partitions and Delta's 50 snapshot
      // partitions cost seconds per statement there.
      conf.put("spark.sql.shuffle.partitions", "4");
      conf.put("spark.databricks.delta.snapshotPartitions", "2");
    }
    conf.putAll(profile.serverSideParameters());
    return conf;
  }
}
