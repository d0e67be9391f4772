package dev.mds.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mds source}: verbs about the project's sources. */
@Command(name = "source", mixinStandardHelpOptions = true,
    description = "Check the project's sources (mds source freshness).",
    subcommands = {SourceFreshnessCommand.class})
final class SourceCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
