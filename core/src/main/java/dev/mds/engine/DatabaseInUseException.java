package dev.mds.engine;

import dev.mds.MdsException;

/**
 * The DuckDB file is held by another process (DuckDB allows one writer, or any number of
 * readers, per file): readers may turn to the serving copy instead.
 */
public final class DatabaseInUseException extends MdsException {

  DatabaseInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
