package dev.mds.artifacts;

import dev.mds.MdsException;
import dev.mds.Secrets;
import dev.mds.execution.DiffTask;
import dev.mds.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Adds a "Data diff" section to {@code target/summary.md} (after the build's own summary, when
 * there is one), for the pull-request comment.
 */
public final class DiffMarkdownWriter {

  private DiffMarkdownWriter() {
  }

  public static Path append(Project project, List<DiffTask.RelationDiff> diffs) {
    StringBuilder md = new StringBuilder("## Data diff against production\n\n");
    md.append("| relation | key | added | removed | changed | columns changed |\n");
    md.append("| --- | --- | --- | --- | --- | --- |\n");
    for (DiffTask.RelationDiff d : diffs) {
      if (d.problem().isPresent()) {
        md.append("| ").append(d.name()).append(" | ").append(String.join(", ", d.key()))
            .append(" | – | – | – | ").append(d.problem().get()).append(" |\n");
        continue;
      }
      StringBuilder columns = new StringBuilder();
      d.changedByColumn().forEach((c, n) -> columns.append(columns.length() == 0 ? "" : ", ")
          .append('`').append(c).append("` ").append(n));
      d.addedColumns().forEach(c -> columns.append(columns.length() == 0 ? "" : ", ")
          .append("new `").append(c).append('`'));
      d.removedColumns().forEach(c -> columns.append(columns.length() == 0 ? "" : ", ")
          .append("dropped `").append(c).append('`'));
      md.append("| ").append(d.name()).append(" | ").append(String.join(", ", d.key()))
          .append(" | ").append(d.added()).append(" | ").append(d.removed()).append(" | ")
          .append(d.changed()).append(" | ").append(columns).append(" |\n");
    }
    md.append('\n');
    for (DiffTask.RelationDiff d : diffs) {
      for (Map.Entry<String, List<String>> e : d.examples().entrySet()) {
        if (!e.getValue().isEmpty()) {
          md.append("- ").append(d.name()).append(", ").append(e.getKey()).append(": ");
          md.append(String.join("; ", e.getValue().stream().map(k -> "`(" + k + ")`").toList()));
          md.append('\n');
        }
      }
    }
    Path file = project.targetDir().resolve("summary.md");
    try {
      Files.createDirectories(file.getParent());
      String prefix = Files.isRegularFile(file) ? "\n" : "";
      Files.writeString(file, Secrets.scrub(prefix + md), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new MdsException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
