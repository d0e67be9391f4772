package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.compile.ParseResult;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.lineage.ColumnLineage;
import dev.mds.lineage.ColumnRef;
import dev.mds.lineage.LineageAnalyzer;
import dev.mds.lineage.ModelLineage;
import dev.mds.lineage.ProjectLineage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mds lineage}. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = {"Print a column's lineage as a tree: the columns it is computed from, and"
        + " theirs (--upstream, the default), or every column computed from it (--downstream).",
        "Traced through the compiled SQL by DuckDB's own parser; what cannot be traced is shown"
            + " as unknown, never guessed."},
    footer = {"", "Example: mds lineage -s fct_orders.amount_eur",
        "         mds lineage -s customers.member_no --downstream",
        "", "Exit codes: 0 printed, 2 the project or the column is wrong."})
final class LineageCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Option(names = {"-s", "--select"}, required = true, paramLabel = "NODE.COLUMN",
      description = "The column: model.column, seed.column or source_name.table.column.")
  String column;

  @ArgGroup(exclusive = true)
  Direction direction;

  @Option(names = "--derivation", description = "After each model column, how it is derived:"
      + " passthrough, rename, transformed, aggregate or constant, with the SQL expression.")
  boolean derivation;

  /** Which way to walk. */
  static final class Direction {
    @Option(names = "--upstream", description = "Where the column comes from (the default).")
    boolean upstream;
    @Option(names = "--downstream", description = "What is computed from the column.")
    boolean downstream;
  }

  @Override
  public Integer call() {
    ParseResult parsed = project.parse(project.load());
    Manifest manifest = parsed.manifest();
    ColumnRef start = columnRef(manifest, column);
    boolean down = direction != null && direction.downstream;
    PrintWriter out = spec.commandLine().getOut();
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      if (manifest.nodes().get(start.node()) instanceof Model model) {
        ModelLineage lineage = analyzer.lineage(model);
        if (lineage.columnsKnown() && lineage.column(start.column()).isEmpty()) {
          throw new MdsException(model.file() + ": model " + model.name() + " has no column '"
              + start.column() + "'; its columns are "
              + String.join(", ", lineage.columns().stream().map(ColumnLineage::column).toList()));
        }
      }
      Tree tree;
      if (down) {
        Set<String> ids = new HashSet<>(manifest.graph().descendants(start.node(),
            Integer.MAX_VALUE));
        ProjectLineage lineage = analyzer.lineage(ids);
        tree = new Tree(manifest, ref -> new Children(lineage.downstream(ref), Optional.empty()),
            ref -> derivation ? how(manifest, analyzer, ref) : "");
      } else {
        tree = new Tree(manifest, ref -> upstream(manifest, analyzer, ref),
            ref -> derivation ? how(manifest, analyzer, ref) : "");
      }
      tree.print(out, start);
    }
    return Mds.OK;
  }

  private static Children upstream(Manifest manifest, LineageAnalyzer analyzer, ColumnRef ref) {
    if (!(manifest.nodes().get(ref.node()) instanceof Model model)) {
      return new Children(List.of(), Optional.empty());
    }
    ModelLineage lineage = analyzer.lineage(model);
    Optional<ColumnLineage> column = lineage.column(ref.column());
    if (column.isEmpty()) {
      return new Children(List.of(), Optional.of("unknown: "
          + String.join("; ", lineage.unknown())));
    }
    Optional<String> note = column.get().complete() ? Optional.empty()
        : Optional.of("unknown: " + String.join("; ", lineage.unknown()));
    if (column.get().complete() && column.get().sources().isEmpty()) {
      note = Optional.of("computed from no column");
    }
    return new Children(column.get().sources(), note);
  }

  /** {@code " [aggregate: count(*)]"} for a model column, empty for anything else. */
  private static String how(Manifest manifest, LineageAnalyzer analyzer, ColumnRef ref) {
    if (!(manifest.nodes().get(ref.node()) instanceof Model model)) {
      return "";
    }
    return analyzer.lineage(model).column(ref.column())
        .map(c -> " [" + c.kind().label()
            + (c.expression().isEmpty() ? "" : ": " + c.expression()) + "]")
        .orElse("");
  }

  /** The columns one step away, and a note on what could not be traced. */
  private record Children(List<ColumnRef> columns, Optional<String> note) {
  }

  /** Prints columns as an indented tree, with a walk function giving each column's children. */
  private record Tree(Manifest manifest,
      java.util.function.Function<ColumnRef, Children> walk,
      java.util.function.Function<ColumnRef, String> how) {

    void print(PrintWriter out, ColumnRef root) {
      out.println(label(root));
      List<ColumnRef> path = new ArrayList<>();
      path.add(root);
      children(out, root, "", path);
    }

    private void children(PrintWriter out, ColumnRef ref, String indent, List<ColumnRef> path) {
      Children next = walk.apply(ref);
      List<String> lines = new ArrayList<>();
      next.note().ifPresent(n -> lines.add("(" + n + ")"));
      int total = next.columns().size() + lines.size();
      int i = 0;
      for (String line : lines) {
        out.println(indent + (++i == total ? "`-- " : "|-- ") + line);
      }
      for (ColumnRef child : next.columns()) {
        boolean last = ++i == total;
        out.println(indent + (last ? "`-- " : "|-- ") + label(child));
        if (path.stream().noneMatch(child::sameAs)) {
          path.add(child);
          children(out, child, indent + (last ? "    " : "|   "), path);
          path.remove(path.size() - 1);
        }
      }
    }

    private String label(ColumnRef ref) {
      Node node = manifest.nodes().get(ref.node());
      if (node instanceof Source source) {
        return source.sourceName() + "." + source.name() + "." + ref.column() + " (source)";
      }
      String kind = node instanceof Seed ? " (seed)"
          : node instanceof Model model && model.isEphemeral() ? " (ephemeral)" : "";
      return node.name() + "." + ref.column() + kind + how.apply(ref);
    }
  }

  /** {@code model.column}, {@code seed.column} or {@code source.table.column}. */
  private static ColumnRef columnRef(Manifest manifest, String text) {
    int dot = text.lastIndexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new MdsException("--select '" + text + "': give a column as model.column (or"
          + " source_name.table.column)");
    }
    String name = text.substring(0, dot);
    String columnName = text.substring(dot + 1);
    for (Node node : manifest.nodes().values()) {
      boolean match = node instanceof Source source
          ? (source.sourceName() + "." + source.name()).equals(name)
          : (node instanceof Model || node instanceof Seed) && node.name().equals(name);
      if (match) {
        return new ColumnRef(node.uniqueId(), columnName);
      }
    }
    throw new MdsException("--select '" + text + "': no model, seed or source is named '" + name
        + "'");
  }
}
