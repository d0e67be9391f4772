package dev.mds.cli;

import dev.mds.graph.ResourceType;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The verbs that build or test nodes (run, seed, test, build): same options, different nodes. */
abstract class NodeCommand implements Callable<Integer> {

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

  /** The kinds of node this verb runs. */
  abstract Set<ResourceType> types();

  /** Whether table and incremental models are tested before they are published. */
  boolean audit() {
    return false;
  }

  /** Which batches microbatch models build (run and build take --event-time-start/-end). */
  dev.mds.execution.MicrobatchOptions microbatch() {
    return dev.mds.execution.MicrobatchOptions.NONE;
  }

  /** Whether every ref and source reads no rows and seeds load none (run, seed, build --empty). */
  boolean empty() {
    return false;
  }

  @Override
  public Integer call() {
    return RunInvocation.execute(spec, project, selection, options, types(), audit(),
        global.warnError, microbatch(), empty());
  }
}
