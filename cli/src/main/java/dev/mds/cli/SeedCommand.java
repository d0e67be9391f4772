package dev.mds.cli;

import dev.mds.engine.CsvLayout;
import dev.mds.execution.SeedSchemaTask;
import dev.mds.graph.ResourceType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mds seed}. */
@Command(name = "seed", mixinStandardHelpOptions = true,
    description = "Load the CSV files under seed-paths into tables.",
    footer = {"", "Exit codes: 0 all succeeded, 1 something failed, 2 the project or command line is wrong."})
final class SeedCommand extends NodeCommand {

  @Option(names = "--show-schema",
      description = "Print how each selected seed's file would be read (encoding, delimiter, and per "
          + "column the type and any conversion such as decimal commas) without loading it.")
  boolean showSchema;

  @Override
  public Integer call() {
    if (showSchema) {
      PrintWriter out = spec.commandLine().getOut();
      var parsed = project.parse(project.load());
      for (SeedSchemaTask.Inferred inferred : SeedSchemaTask.run(parsed,
          selection.selector(parsed))) {
        CsvLayout layout = inferred.layout();
        out.println(inferred.seed().file() + ": encoding " + layout.encoding() + ", delimiter '"
            + (layout.delimiter().equals("\t") ? "\\t" : layout.delimiter()) + "'");
        List<List<String>> rows = new ArrayList<>();
        for (CsvLayout.Column column : layout.columns()) {
          rows.add(List.of(column.name(), column.type(), column.note()));
        }
        ShowCommand.print(out, List.of("column", "type", "how"), rows);
        out.println();
      }
      return Mds.OK;
    }
    return super.call();
  }

  @picocli.CommandLine.Mixin
  EmptyOption emptyOption;

  @Override
  boolean empty() {
    return emptyOption.empty;
  }

  @Override
  Set<ResourceType> types() {
    return Set.of(ResourceType.SEED);
  }
}
