package dev.mds.cli;

import dev.mds.artifacts.DiffMarkdownWriter;
import dev.mds.compile.ParseResult;
import dev.mds.execution.DiffTask;
import dev.mds.project.Project;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mds diff}. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare the selected models as built here with production, row by row on their "
        + "unique key (unique_key, grain, or a unique test; composite keys too): rows added, removed "
        + "and changed, and per column how many values changed, with example keys.",
        "Production is --defer-database PATH or the .duckdb file in the --state folder, opened "
            + "read-only; on Spark, the relations named by the --state folder's manifest.json "
            + "(another schema of the same warehouse). Appends a 'Data diff' section to "
            + "target/summary.md."})
final class DiffCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  SelectionOptions selection;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Mixin
  LockOptions lock;

  @Override
  public Integer call() {
    lock.check();
    Project loaded = project.load();
    ParseResult parsed = project.parse(loaded);
    List<DiffTask.RelationDiff> diffs = DiffTask.run(parsed, selection.selector(parsed),
        selection.productionDatabase(), lock.seconds);
    PrintWriter out = spec.commandLine().getOut();
    List<List<String>> rows = new ArrayList<>();
    for (DiffTask.RelationDiff d : diffs) {
      if (d.problem().isPresent()) {
        rows.add(List.of(d.name(), String.join(", ", d.key()), "-", "-", "-", d.problem().get()));
        continue;
      }
      List<String> columns = new ArrayList<>();
      d.changedByColumn().forEach((c, n) -> columns.add(c + " " + n));
      d.addedColumns().forEach(c -> columns.add("new " + c));
      d.removedColumns().forEach(c -> columns.add("dropped " + c));
      rows.add(List.of(d.name(), String.join(", ", d.key()), String.valueOf(d.added()),
          String.valueOf(d.removed()), String.valueOf(d.changed()), String.join(", ", columns)));
    }
    ShowCommand.print(out, List.of("relation", "key", "added", "removed", "changed",
        "columns changed"), rows);
    for (DiffTask.RelationDiff d : diffs) {
      for (Map.Entry<String, List<String>> e : d.examples().entrySet()) {
        if (!e.getValue().isEmpty()) {
          out.println(d.name() + " " + e.getKey() + ": (" + String.join("), (", e.getValue())
              + ")");
        }
      }
    }
    out.println("Wrote " + loaded.display(DiffMarkdownWriter.append(loaded, diffs)));
    return Mds.OK;
  }
}
