package dev.mds.execution;

import dev.mds.TextFiles;
import dev.mds.compile.CompiledNode;
import dev.mds.compile.Compiler;
import dev.mds.compile.Deferral;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.Selector;
import dev.mds.project.Project;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code mds compile}: parse, select, render the selected models, write the manifest. */
public final class CompileTask {

  private CompileTask() {
  }

  /** What a compile produced. */
  public record Result(ParseResult parsed, Set<String> selected, List<String> unmatched,
      Map<String, CompiledNode> compiled, boolean queriedDatabase) {
  }

  public static Result run(Project project, Selector selector) {
    return run(ProjectParser.parse(project), selector, false);
  }

  /**
   * Compiles the selection of an already parsed project.
   *
   * @param defer render refs to unselected nodes as production's; compile does not open the
   *     target, so it cannot see which of them a run would find there instead
   */
  public static Result run(ParseResult parsed, Selector selector, boolean defer) {
    return run(parsed, selector, defer, new TextFiles());
  }

  /**
   * As {@link #run(ParseResult, Selector, boolean)}, writing the compiled SQL files through
   * {@code files}: with {@link TextFiles#inBackground} the caller goes on (the partial-key check)
   * while they are written, and must {@link TextFiles#finish} them.
   */
  public static Result run(ParseResult parsed, Selector selector, boolean defer,
      TextFiles files) {
    Selector.Selection selection = selector.select(parsed.manifest());
    Optional<Deferral> deferral = defer
        ? Optional.of(new Deferral(Deferral.CATALOG, selection.uniqueIds(), r -> false))
        : Optional.empty();
    Compiler compiler = new Compiler(parsed, r -> false, false, deferral, files);
    List<CompiledNode> compiled = compiler.compileAll(selection.uniqueIds());
    Map<String, CompiledNode> byId = new LinkedHashMap<>();
    compiled.forEach(c -> byId.put(c.uniqueId(), c));
    return new Result(parsed, selection.uniqueIds(), selection.unmatched(), byId,
        compiler.queriedDatabase());
  }
}
