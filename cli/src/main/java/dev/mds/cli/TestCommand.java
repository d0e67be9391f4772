package dev.mds.cli;

import dev.mds.graph.ResourceType;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code mds test}. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Run the selected data tests (generic tests from schema YAML and singular tests "
        + "under tests/).",
        "-s model selects the tests on that model too. A failing test prints its failing row "
            + "count, up to 5 example rows and the compiled SQL to reproduce it."},
    footer = {"", "Exit codes: 0 all succeeded, 1 something failed, 2 the project or command line is wrong."})
final class TestCommand extends NodeCommand {

  @Override
  Set<ResourceType> types() {
    return Set.of(ResourceType.TEST, ResourceType.UNIT_TEST);
  }
}
