package dev.mds.execution;

import dev.mds.compile.ProjectParser;
import dev.mds.graph.ResourceType;
import dev.mds.graph.Selector;
import dev.mds.project.ProjectLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Builds the project in {@code args[0]} in a process of its own, for a test to kill. */
public final class StagedBuildChild {

  private StagedBuildChild() {
  }

  public static void main(String[] args) {
    RunTask.Outcome outcome = RunTask.run(ProjectParser.parse(
        ProjectLoader.load(Path.of(args[0]), Optional.empty(), Optional.empty())),
        new RunTask.Options(Set.of(ResourceType.SEED, ResourceType.MODEL, ResourceType.TEST),
            Selector.all(), 1, false, false, 0, true), RunListener.NONE);
    outcome.results().forEach(r -> System.out.println(r.uniqueId() + " " + r.status() + " "
        + r.message()));
    System.exit(outcome.failed() ? 1 : 0);
  }
}
