package dev.mds.artifacts;

import dev.mds.MdsException;
import dev.mds.Secrets;
import dev.mds.execution.NodeResult;
import dev.mds.execution.RunStatus;
import dev.mds.execution.RunTask;
import dev.mds.execution.TestFailures;
import dev.mds.graph.Manifest;
import dev.mds.graph.Node;
import dev.mds.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes {@code target/summary.md}: the run's outcome for a pull-request comment. */
public final class SummaryMarkdownWriter {

  private SummaryMarkdownWriter() {
  }

  public static Path write(Project project, String command, Manifest manifest,
      RunTask.Outcome outcome) {
    StringBuilder md = new StringBuilder();
    long failed = outcome.count(RunStatus.ERROR) + outcome.count(RunStatus.FAIL);
    md.append("## mds ").append(command).append(": ")
        .append(failed == 0 ? "passed" : failed + (failed == 1 ? " failure" : " failures"))
        .append("\n\n");
    md.append(String.format(Locale.ROOT,
        "| pass | warn | error | skip | total | time |\n| --- | --- | --- | --- | --- | --- |\n"
            + "| %d | %d | %d | %d | %d | %.1f s |\n\n",
        outcome.count(RunStatus.SUCCESS) + outcome.count(RunStatus.PASS),
        outcome.count(RunStatus.WARN), failed, outcome.count(RunStatus.SKIPPED),
        outcome.results().size(), outcome.elapsedSeconds()));
    section(md, "Failures", outcome, manifest, List.of(RunStatus.ERROR, RunStatus.FAIL));
    section(md, "Warnings", outcome, manifest, List.of(RunStatus.WARN));
    List<NodeResult> skipped = outcome.results().stream()
        .filter(r -> r.status() == RunStatus.SKIPPED).toList();
    if (!skipped.isEmpty()) {
      md.append("### Skipped\n\n");
      for (NodeResult r : skipped) {
        md.append("- `").append(name(manifest, r)).append("`: ").append(escape(r.message()))
            .append('\n');
      }
      md.append('\n');
    }
    Path file = project.targetDir().resolve("summary.md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Secrets.scrub(md.toString()));
    } catch (IOException e) {
      throw new MdsException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static void section(StringBuilder md, String title, RunTask.Outcome outcome,
      Manifest manifest, List<RunStatus> statuses) {
    List<NodeResult> matching = outcome.results().stream()
        .filter(r -> statuses.contains(r.status())).toList();
    if (matching.isEmpty()) {
      return;
    }
    md.append("### ").append(title).append("\n\n");
    for (NodeResult r : matching) {
      String file = manifest.node(r.uniqueId()).map(Node::file).orElse("");
      md.append("- **").append(name(manifest, r)).append("** (`").append(file).append("`): ")
          .append(escape(r.message())).append('\n');
      r.failures().ifPresent(f -> table(md, f));
    }
    md.append('\n');
  }

  private static void table(StringBuilder md, TestFailures f) {
    if (f.sampleRows().isEmpty()) {
      return;
    }
    md.append("\n  | ").append(String.join(" | ", f.columns().stream()
        .map(SummaryMarkdownWriter::escape).toList())).append(" |\n  |");
    f.columns().forEach(c -> md.append(" --- |"));
    md.append('\n');
    for (List<String> row : f.sampleRows()) {
      md.append("  | ").append(String.join(" | ", row.stream()
          .map(SummaryMarkdownWriter::escape).toList())).append(" |\n");
    }
    md.append("\n  SQL: `").append(f.compiledPath()).append("`\n");
  }

  private static String name(Manifest manifest, NodeResult r) {
    return manifest.node(r.uniqueId()).map(n -> n.resourceType().label() + " " + n.name())
        .orElse(r.uniqueId());
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
