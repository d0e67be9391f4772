package dev.mds.cli;

import dev.mds.artifacts.ManifestWriter;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.execution.CompileTask;
import dev.mds.graph.Model;
import dev.mds.project.Project;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mds compile}. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Render the selected models' SQL to target/compiled/ and write target/manifest.json.")
final class CompileCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  SelectionOptions selection;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Project loaded = project.load();
    ParseResult parsed = ProjectParser.parse(loaded);
    CompileTask.Result result = CompileTask.run(parsed, selection.selector(parsed),
        selection.defer);
    ManifestWriter.write(result.parsed(), result.compiled(), MdsVersion.version());
    Reports.found(out, result.parsed().manifest());
    Reports.unmatched(out, result.unmatched());
    long models = result.parsed().manifest().nodesOf(Model.class).stream()
        .filter(m -> result.selected().contains(m.uniqueId())).count();
    out.printf("Compiled %d model%s to %s%n", models, models == 1 ? "" : "s",
        loaded.display(loaded.targetDir().resolve("compiled")));
    return Mds.OK;
  }
}
