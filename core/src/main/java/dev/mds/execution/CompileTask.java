package dev.mds.execution;

import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.Selector;
import dev.mds.project.Project;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code mds compile}: parse, select, render the selected models, write the manifest. */
public final class CompileTask {

  private CompileTask() {
  }

  /** What a compile produced. */
  public record Result(ParseResult parsed, Set<String> selected, List<String> unmatched,
      Map<String, CompiledNode> compiled) {
  }

  public static Result run(Project project, Selector selector) {
    ParseResult parsed = ProjectParser.parse(project);
    Selector.Selection selection = selector.select(parsed.manifest());
    List<CompiledNode> compiled = Compiler.offline(parsed).compileAll(selection.uniqueIds());
    Map<String, CompiledNode> byId = new LinkedHashMap<>();
    compiled.forEach(c -> byId.put(c.uniqueId(), c));
    return new Result(parsed, selection.uniqueIds(), selection.unmatched(), byId);
  }
}
