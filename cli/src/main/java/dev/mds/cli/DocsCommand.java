package dev.mds.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mds docs}: the documentation site's verbs. */
@Command(name = "docs", mixinStandardHelpOptions = true,
    description = "Generate and serve the project's documentation site.",
    subcommands = {DocsGenerateCommand.class, DocsServeCommand.class})
final class DocsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
