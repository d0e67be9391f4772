package dev.mds.cli;

import dev.mds.graph.ResourceType;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code mds snapshot}. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = {"Run the selected snapshots: record each change of their queries' rows as a "
        + "type-2 history (dbt_valid_from, dbt_valid_to), one transaction per snapshot."},
    footer = {"", "Exit codes: 0 all succeeded, 1 something failed, 2 the project or command line is wrong."})
final class SnapshotCommand extends NodeCommand {

  @Override
  Set<ResourceType> types() {
    return Set.of(ResourceType.SNAPSHOT);
  }
}
