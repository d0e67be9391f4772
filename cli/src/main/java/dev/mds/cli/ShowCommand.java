package dev.mds.cli;

import dev.mds.compile.ParseResult;
import dev.mds.execution.ShowTask;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mds show}. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Run one model's query and print its first rows as a table (nothing is built).")
final class ShowCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  SelectionOptions selection;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Option(names = "--inline", paramLabel = "SQL",
      description = "Run this SQL instead of a model's, rendered as a model is (refs, sources,"
          + " macros, vars), e.g. \"select * from {{ ref('orders') }}\".")
  String inline;

  @Option(names = "--limit", paramLabel = "N", description = "Rows to show. Default: 5.")
  int limit = 5;

  @Mixin
  LockOptions lock;

  @Override
  public Integer call() {
    lock.check();
    if (limit < 0) {
      throw new dev.mds.MdsException("--limit must be 0 or more rows, got " + limit);
    }
    if (inline != null && !selection.select.isEmpty()) {
      throw new dev.mds.MdsException("--inline runs its own query: give either --inline or"
          + " --select, not both");
    }
    ParseResult parsed = project.parse(project.load());
    PrintWriter out = spec.commandLine().getOut();
    ShowTask.Preview preview = inline != null
        ? ShowTask.inline(parsed, inline, limit, lock.seconds, out::println)
        : ShowTask.run(parsed, selection.selector(parsed), limit,
        lock.seconds, out::println);
    out.println("Previewing " + preview.model() + " (" + Reports.count(preview.rows().size(), "row")
        + "):");
    print(out, preview.columns(), preview.rows());
    return Mds.OK;
  }

  static void print(PrintWriter out, List<String> columns, List<List<String>> rows) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(line(columns, widths));
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    out.println(String.join("-+-", rule).replace(' ', '-'));
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    List<String> padded = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      padded.add(String.format("%-" + Math.max(1, widths[i]) + "s", cells.get(i)));
    }
    return String.join(" | ", padded).stripTrailing();
  }
}
