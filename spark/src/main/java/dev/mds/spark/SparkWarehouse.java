package dev.mds.spark;

import dev.mds.MdsException;
import dev.mds.engine.Capabilities;
import dev.mds.engine.Dialect;
import dev.mds.engine.EngineConnection;
import dev.mds.engine.TableOptions;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Relation;
import dev.mds.project.Target;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Database;
import org.apache.spark.sql.catalog.Table;

/** A Spark target opened for one invocation: its session, catalog look-ups and schemas. */
final class SparkWarehouse implements Warehouse {

  private final Target target;
  private final SparkSession spark;

  SparkWarehouse(Target target, SparkSession spark) {
    this.target = target;
    this.spark = spark;
  }

  static SparkWarehouse open(Target target) {
    SparkProfile profile = SparkProfile.of(target);
    if (!profile.method().equals(SparkProfile.CONNECT)
        && !Object.class.getModule().isOpen("sun.nio.ch", SparkWarehouse.class.getModule())) {
      // Without these Spark fails deep inside its storage layer with an access error.
      throw new MdsException(target.profilesFile().map(Object::toString).orElse("profiles.yml")
          + ": profile '" + target.profileName() + "' target '" + target.name() + "': Spark in"
          + " this process (method: session) needs Java started with Spark's --add-opens flags;"
          + " run mds through ./mds or bin/mds (which add them for a Spark target), or put them in"
          + " MDS_JAVA_OPTS (README: Running on Apache Spark)");
    }
    SparkSession spark;
    try {
      spark = SparkSessions.open(profile);
    } catch (Exception | LinkageError e) {
      throw new MdsException(target.profilesFile().map(Object::toString).orElse("profiles.yml")
          + ": profile '" + target.profileName() + "' target '" + target.name()
          + "': Spark did not start (" + SparkError.firstLine(e) + ")", e);
    }
    return new SparkWarehouse(target, spark);
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public EngineConnection connect() {
    return new SparkConnection(spark);
  }

  @Override
  public Dialect dialect() {
    return SparkDialect.INSTANCE;
  }

  /** No {@code count(*)} job after each build: see {@link Warehouse#countsBuiltRows}. */
  @Override
  public boolean countsBuiltRows() {
    return false;
  }

  /**
   * A run looks up each relation it asks about (a metastore call or two) rather than list the
   * catalog: listing every schema's tables took ~0.8 s of CPU on a fresh JVM where the five
   * look-ups of the events pipeline took 0.2 s, and a cluster's catalog grows with every schema
   * on it.
   */
  @Override
  public boolean listsRelations() {
    return false;
  }

  @Override
  public Capabilities capabilities() {
    return SparkDialect.capabilities(TableOptions.NONE);
  }

  @Override
  public Capabilities capabilities(TableOptions options) {
    return SparkDialect.capabilities(options);
  }

  @Override
  public String version() {
    return "Spark " + spark.version();
  }

  @Override
  public Map<String, String> details() {
    SparkProfile profile = SparkProfile.of(target);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("method", profile.method());
    if (profile.method().equals(SparkProfile.CONNECT)) {
      // The token is a secret: never printed.
      details.put("host", profile.connectUrl().orElse("")
          .replaceAll(";token=[^;]*", ";token=***"));
    } else {
      details.put("master", spark.sparkContext().master());
      details.put("warehouse", spark.conf().get("spark.sql.warehouse.dir", ""));
    }
    details.put("catalog", spark.catalog().currentCatalog());
    details.put("schema", target.schema() + (spark.catalog().databaseExists(target.schema())
        ? " (exists)" : " (not created yet: the first build creates it)"));
    return details;
  }

  @Override
  public Optional<String> relationType(Relation relation) {
    try {
      return SparkConnection.type(spark, relation.schema(), relation.identifier());
    } catch (SQLException e) {
      throw new MdsException("looking up " + relation + " in Spark's catalog: " + e.getMessage(),
          e);
    }
  }

  @Override
  public Map<Relation, String> relationTypes() {
    Map<Relation, String> types = new LinkedHashMap<>();
    try {
      for (Database database : spark.catalog().listDatabases().collectAsList()) {
        for (Table table : spark.catalog().listTables(database.name()).collectAsList()) {
          if (!table.isTemporary()) {
            types.put(target.relation(Optional.empty(), database.name(), table.name()),
                SparkConnection.kind(table.tableType()));
          }
        }
      }
    } catch (Exception e) {
      throw new MdsException("reading Spark's catalog: " + SparkError.firstLine(e), e);
    }
    return types;
  }

  @Override
  public void createSchemas(Collection<Relation> relations) {
    TreeSet<String> schemas = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    relations.forEach(r -> schemas.add(r.schema()));
    for (String schema : schemas) {
      long start = System.nanoTime();
      try {
        spark.sql("create database if not exists " + dialect().quote(schema));
      } catch (Exception e) {
        throw new MdsException("creating schema " + schema + " in Spark: "
            + SparkError.firstLine(e), e);
      } finally {
        SparkConnection.trace("schema", schema, start);
      }
    }
  }

  /**
   * One {@code show tables ... like '*__mds_*'} per schema written (a metastore listing by
   * pattern, not per node); each table it finds whose name is a written relation's followed by
   * {@code __mds_} is a stage a killed run left (a failed build drops its own) and is dropped,
   * except a parquet table's {@code <name>__mds_swap} when {@code <name>} is missing: the kill
   * came between dropping the old table and renaming the new one (complete by then) into its
   * place, so the rename is finished instead. Stages of relations this run does not write are
   * left alone: another run may be using them.
   */
  @Override
  public void removeLeftovers(Collection<Relation> relations) {
    Map<String, java.util.Set<String>> prefixes = new java.util.TreeMap<>(
        String.CASE_INSENSITIVE_ORDER);
    for (Relation relation : relations) {
      prefixes.computeIfAbsent(relation.schema(), s -> new java.util.HashSet<>())
          .add(relation.identifier().toLowerCase(java.util.Locale.ROOT) + "__mds_");
    }
    java.util.Set<String> written = new java.util.HashSet<>();
    for (Relation relation : relations) {
      written.add((relation.schema() + "." + relation.identifier()).toLowerCase(
          java.util.Locale.ROOT));
    }
    for (Map.Entry<String, java.util.Set<String>> schema : prefixes.entrySet()) {
      String list = "show tables in " + dialect().quote(schema.getKey()) + " like '*__mds_*'";
      long start = System.nanoTime();
      try {
        for (org.apache.spark.sql.Row row : spark.sql(list).collectAsList()) {
          String name = row.getString(1);
          String lower = name.toLowerCase(java.util.Locale.ROOT);
          if (row.getBoolean(2) || schema.getValue().stream().noneMatch(lower::startsWith)) {
            continue;
          }
          String swapped = lower.endsWith(SWAP) ? lower.substring(0, lower.length()
              - SWAP.length()) : null;
          if (swapped != null && written.contains(schema.getKey().toLowerCase(
              java.util.Locale.ROOT) + "." + swapped)
              && SparkConnection.type(spark, schema.getKey(), swapped).isEmpty()) {
            finishSwap(schema.getKey(), name, swapped);
          } else {
            drop(schema.getKey(), name);
          }
        }
      } catch (MdsException e) {
        throw e;
      } catch (Exception e) {
        throw new MdsException("looking for staging tables an earlier run left in schema "
            + schema.getKey() + ": " + SparkError.firstLine(e), e);
      } finally {
        SparkConnection.trace("leftover", schema.getKey(), start);
      }
    }
  }

  /** The suffix of the table a parquet table is rebuilt in ({@link SparkDialect#createTableAs}). */
  private static final String SWAP = "__mds_swap";

  private void finishSwap(String schema, String swap, String name) {
    Relation from = target.relation(Optional.empty(), schema, swap);
    Relation to = target.relation(Optional.empty(), schema, name);
    try {
      spark.sql("alter table " + from + " rename to " + to);
    } catch (Exception e) {
      throw new MdsException(to + " is missing and " + from + " holds its rebuilt rows (an"
          + " earlier run was killed while replacing it), but renaming it back failed: "
          + SparkError.firstLine(e) + "; rename it by hand", e);
    }
  }

  private void drop(String schema, String name) throws SQLException {
    Relation leftover = target.relation(Optional.empty(), schema, name);
    String drop = SparkConnection.type(spark, schema, name)
        .filter(dev.mds.engine.RelationTypes.VIEW::equals).isPresent()
        ? dialect().dropView(leftover) : dialect().dropTable(leftover);
    try {
      spark.sql(drop);
    } catch (Exception e) {
      throw new MdsException("dropping " + leftover + ", a staging table an earlier (killed) run"
          + " left: " + SparkError.firstLine(e) + "; drop it by hand", e);
    }
  }

  @Override
  public void close() {
    // An in-process Spark stops with the JVM (mds exits after a command; tests share it).
  }
}
