package dev.mds.cli;

import dev.mds.graph.ResourceType;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mds build}. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = {"Load seeds, build models and snapshots and run their data tests together in "
        + "dependency order.",
        "A model's tests run right after it; a failing error-severity test skips everything "
            + "downstream. Table and incremental models are audited: the new version is tested "
            + "inside its transaction and published only if its tests pass (config audit: false "
            + "or --no-audit turns this off)."},
    footer = {"", "Exit codes: 0 all succeeded, 1 something failed, 2 the project or command line is wrong."})
final class BuildCommand extends NodeCommand {

  @Option(names = "--no-audit",
      description = "Publish table and incremental models before their tests run, as dbt does.")
  boolean noAudit;

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
    return Set.of(ResourceType.SEED, ResourceType.MODEL, ResourceType.SNAPSHOT, ResourceType.TEST,
        ResourceType.UNIT_TEST);
  }

  @Override
  boolean audit() {
    return !noAudit;
  }
}
