package dev.mds.cli;

import picocli.CommandLine.Option;

/** {@code --lock-timeout}, on every verb that opens the database. */
final class LockOptions {

  @Option(names = "--lock-timeout", paramLabel = "SECONDS",
      description = "How long to wait for another process to release the database (DuckDB allows "
          + "one writer per file). Default: 0.")
  double seconds;
}
