package dev.mds.spark;

import dev.mds.engine.Dialect;
import dev.mds.engine.EngineOptions;
import dev.mds.engine.EngineProvider;
import dev.mds.engine.Warehouse;
import dev.mds.project.Target;
import java.util.Optional;

/**
 * The Apache Spark engine ({@code type: spark}): an in-process session or Spark Connect, tables
 * in Delta by default. Found through {@code META-INF/services}; nothing of Spark loads until a
 * target of this type is opened.
 */
public final class SparkEngine implements EngineProvider {

  /** Spark's default catalog, where the Hive metastore (or a cluster's) keeps the schemas. */
  static final String CATALOG = "spark_catalog";

  @Override
  public String type() {
    return "spark";
  }

  @Override
  public Dialect dialect() {
    return SparkDialect.INSTANCE;
  }

  /** Checks the profile's keys now, so a wrong one fails before anything runs. */
  @Override
  public Target configure(Target target) {
    SparkProfile.of(target);
    return target.withEngineNaming(dialect().quoting(), Optional.of(CATALOG), target.schema());
  }

  /** Starts an in-process session while the project parses (see {@link SparkSessions#warmUp}). */
  @Override
  public void warmUp(Target target) {
    try {
      SparkSessions.warmUp(SparkProfile.of(target));
    } catch (RuntimeException e) {
      // A wrong profile is reported when the run opens the target.
    }
  }

  @Override
  public Warehouse open(Target target, EngineOptions options) {
    return SparkWarehouse.open(target);
  }
}
