package dev.mds.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The one in-process Spark ({@code local[2]}) every test of this module shares: starting one
 * costs ~10 s, and a JVM holds only one. Its metastore and warehouse live in a folder of their
 * own; every mds run in these tests gets this session back from {@link SparkSessions#open}.
 */
final class SharedSpark {

  private SharedSpark() {
  }

  private static final class Holder {
    static final Path STATE;
    static final SparkSession SESSION;

    static {
      try {
        STATE = Files.createTempDirectory("mds-spark-tests");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SESSION = SparkSessions.open(new SparkProfile(SparkProfile.SESSION, "local[2]",
          Optional.empty(), settings(), STATE));
    }
  }

  /** Small tables: few partitions, so that a statement is not dominated by scheduling. */
  static Map<String, String> settings() {
    return Map.of("spark.sql.shuffle.partitions", "2",
        "spark.databricks.delta.snapshotPartitions", "1",
        "spark.default.parallelism", "2",
        "spark.sql.adaptive.enabled", "false");
  }

  static SparkSession session() {
    return Holder.SESSION;
  }

  /** The folder holding the shared metastore and warehouse. */
  static Path state() {
    return Holder.STATE;
  }
}
