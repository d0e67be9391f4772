package dev.mds.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the verbs that build things: run, seed, build. */
final class RunOptions {

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads. Default: the target's threads (4 without a profile).")
  Integer threads;

  /** The --threads given, or 0 for the target's; refuses fewer than one before anything runs. */
  int threads() {
    if (threads == null) {
      return 0;
    }
    if (threads < 1) {
      throw new dev.mds.MdsException("--threads must be at least 1, got " + threads);
    }
    return threads;
  }

  /** Refuses nonsense option values before the project is read. */
  void check() {
    threads();
    lock.check();
  }

  @Option(names = {"-x", "--fail-fast"},
      description = "Stop at the first failure; everything not yet started is skipped.")
  boolean failFast;

  @Option(names = {"-f", "--full-refresh"},
      description = "Rebuild incremental models (and seeds) from scratch.")
  boolean fullRefresh;

  @Mixin
  LockOptions lock;

  @Option(names = "--publish",
      description = "After a successful run, publish the read-only serving copy that BI tools,"
          + " notebooks, mds show and docs generate read while builds run (profile: publish:"
          + " true, serving_path:). Default: serving/<database file> beside the database.")
  boolean publish;

  @Option(names = "--log-format", paramLabel = "FORMAT",
      description = "text (default) or json: one JSON event per line.")
  ConsoleReporter.Format logFormat = ConsoleReporter.Format.text;

  @Option(names = "--junit-xml", paramLabel = "FILE",
      description = "Also write a JUnit XML report (one testcase per node) for CI systems.")
  java.nio.file.Path junitXml;

  @Option(names = "--no-color", description = "Never colour the output (colours are used only on a terminal).")
  boolean noColor;
}
