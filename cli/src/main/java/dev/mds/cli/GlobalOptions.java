package dev.mds.cli;

import picocli.CommandLine.Option;

/** Options that change how mds reports, on every verb. */
final class GlobalOptions {

  @Option(names = "--debug", description = "Print stack traces and extra detail.")
  boolean debug;

  @Option(names = "--warn-error", description = "Treat warnings (such as a join on part of a"
      + " declared grain, or an unknown config key) as errors: print them and exit 2 before"
      + " building anything, as dbt's"
      + " --warn-error does.")
  boolean warnError;
}
