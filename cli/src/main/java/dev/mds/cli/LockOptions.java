package dev.mds.cli;

import picocli.CommandLine.Option;

/** {@code --lock-timeout}, on every verb that opens the database. */
final class LockOptions {

  @Option(names = "--lock-timeout", paramLabel = "SECONDS",
      description = "How long to wait for another process to release the database (DuckDB allows "
          + "one writer per file). Default: 0.")
  double seconds;

  /** Refuses a negative wait before anything is read or built. */
  void check() {
    if (!(seconds >= 0)) {
      throw new dev.mds.MdsException("--lock-timeout must be 0 or more seconds, got " + seconds);
    }
  }
}
