package dev.mds.cli;

import dev.mds.graph.ResourceType;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code mds run}. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Build the selected models in dependency order (views, tables, incremental, "
        + "ephemeral and external models).",
    footer = {"", "Exit codes: 0 all succeeded, 1 something failed, 2 the project or command line is wrong."})
final class RunCommand extends NodeCommand {

  @picocli.CommandLine.Mixin
  EventTimeOptions eventTime;

  @Override
  dev.mds.execution.MicrobatchOptions microbatch() {
    return eventTime.options();
  }

  @picocli.CommandLine.Mixin
  EmptyOption emptyOption;

  @Override
  boolean empty() {
    return emptyOption.empty;
  }

  @Override
  Set<ResourceType> types() {
    return Set.of(ResourceType.MODEL);
  }
}
