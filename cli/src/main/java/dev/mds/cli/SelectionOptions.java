package dev.mds.cli;

import dev.mds.graph.Selector;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --select} and {@code --exclude}. */
final class SelectionOptions {

  @Option(names = {"-s", "--select", "-m", "--models"}, arity = "1..*", paramLabel = "SPEC",
      description = {"Nodes to include: name, +name (with parents), name+ (with children), "
          + "2+name, @name, tag:x, path:models/staging, resource_type:model, "
          + "config.materialized:table, source:erp. Space = union, comma = intersection."})
  List<String> select = new ArrayList<>();

  @Option(names = "--exclude", arity = "1..*", paramLabel = "SPEC",
      description = "Nodes to leave out, same syntax as --select.")
  List<String> exclude = new ArrayList<>();

  Selector selector() {
    return Selector.of(select, exclude);
  }
}
