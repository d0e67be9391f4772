package dev.mds.cli;

import dev.mds.graph.ResourceType;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mds build}. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Load seeds and build models together in dependency order.",
    footer = {"", "Exit codes: 0 all succeeded, 1 something failed, 2 the project or command line is wrong."})
final class BuildCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  SelectionOptions selection;
  @Mixin
  RunOptions options;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    return RunInvocation.execute(spec, project, selection, options, Set.of(ResourceType.SEED, ResourceType.MODEL));
  }
}
