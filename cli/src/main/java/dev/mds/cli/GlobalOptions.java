package dev.mds.cli;

import picocli.CommandLine.Option;

/** Options that change how mds reports, on every verb. */
final class GlobalOptions {

  @Option(names = "--debug", description = "Print stack traces and extra detail.")
  boolean debug;
}
