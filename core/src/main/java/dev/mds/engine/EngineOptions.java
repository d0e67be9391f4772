package dev.mds.engine;

import java.util.function.Consumer;

/**
 * How a command opens the engine.
 *
 * @param lockTimeoutSeconds how long to wait for another process that holds the database
 *     (DuckDB's one-writer lock; engines without one ignore it)
 * @param forReading the command only reads (show, docs generate): DuckDB may open the serving
 *     copy instead of the file a build is writing
 * @param note told things the user should know about what was opened (which copy is read)
 */
public record EngineOptions(double lockTimeoutSeconds, boolean forReading, Consumer<String> note) {

  /** Opening to build, waiting {@code lockTimeoutSeconds} for the lock. */
  public static EngineOptions forBuilding(double lockTimeoutSeconds) {
    return new EngineOptions(lockTimeoutSeconds, false, message -> { });
  }

  /** Opening to read, telling {@code note} when the serving copy is read. */
  public static EngineOptions forReading(double lockTimeoutSeconds, Consumer<String> note) {
    return new EngineOptions(lockTimeoutSeconds, true, note);
  }
}
