package dev.mds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.Timings;
import dev.mds.compile.ParseResult;
import dev.mds.graph.Node;
import dev.mds.graph.Selector;
import dev.mds.graph.Source;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mds ls}. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = "List the selected nodes in run order.")
final class LsCommand implements Callable<Integer> {

  enum Output { selector, name, path, json }

  @Mixin
  ProjectOptions project;
  @Mixin
  SelectionOptions selection;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Option(names = "--resource-type", paramLabel = "TYPE", split = ",",
      description = "Only these kinds: model, seed, snapshot, source, test, exposure, analysis,"
          + " semantic_model, metric, saved_query.")
  List<String> resourceTypes = List.of();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "selector (default), name, path or json.")
  Output output = Output.selector;


  @Override
  public Integer call() throws Exception {
    // One write for the listing, not one per line: the command line's writer flushes on every
    // println, and 14,000 lines were 14,000 system calls.
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
    ParseResult parsed = project.parse(project.load());
    Selector.Selection selected = selection.selector(parsed).select(parsed.manifest());
    // Jackson costs a tenth of a second to start: only when JSON is asked for.
    ObjectMapper mapper = output == Output.json ? new ObjectMapper() : null;
    for (String id : selected.uniqueIds()) {
      Node node = parsed.manifest().nodes().get(id);
      if (!resourceTypes.isEmpty() && !resourceTypes.contains(node.resourceType().label())) {
        continue;
      }
      out.println(switch (output) {
        case name -> node.name();
        case path -> node.file();
        case json -> json(node, mapper);
        case selector -> (node instanceof Source ? "source:"
            : node instanceof dev.mds.graph.Exposure ? "exposure:" : "")
            + String.join(".", node.fqn());
      });
    }
    SemanticListing.print(out, parsed.manifest().semanticLayer(), resourceTypes,
        !selection.select.isEmpty() || !selection.exclude.isEmpty(), output,
        mapper);
    out.flush();
    Reports.unmatched(spec.commandLine().getErr(), selected.unmatched());
    Timings.lap("select and print");
    return Mds.OK;
  }

  private static String json(Node node, ObjectMapper mapper) throws Exception {
    ObjectNode json = mapper.createObjectNode();
    json.put("unique_id", node.uniqueId());
    json.put("name", node.name());
    json.put("resource_type", node.resourceType().label());
    json.put("original_file_path", node.file());
    // Exposures and analyses occupy no relation in the warehouse.
    json.put("relation_name", node instanceof dev.mds.graph.Exposure
        || node instanceof dev.mds.graph.Analysis ? null : node.relation().toString());
    json.set("tags", mapper.valueToTree(node.tags()));
    json.set("config", mapper.valueToTree(node.config().values()));
    return mapper.writeValueAsString(json);
  }
}
