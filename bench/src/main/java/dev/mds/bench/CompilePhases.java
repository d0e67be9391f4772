package dev.mds.bench;

import dev.mds.artifacts.ManifestWriter;
import dev.mds.execution.CompileTask;
import dev.mds.graph.Selector;
import dev.mds.lineage.LineageAnalyzer;
import dev.mds.lineage.ProjectLineage;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.project.Project;
import dev.mds.project.ProjectLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Times the phases of one {@code mds compile} in-process (load, parse, compile, manifest), so a
 * slow whole-process figure can be attributed. Usage: {@code CompilePhases PROJECT_DIR [RUNS]};
 * the first run is cold, later runs show the warm cost.
 */
public final class CompilePhases {

  private CompilePhases() {
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    boolean partial = args.length <= 2 || !args[2].equals("--no-partial-parse");
    for (int run = 1; run <= runs; run++) {
      Map<String, Long> phases = new LinkedHashMap<>();
      long t = System.nanoTime();
      Project project = ProjectLoader.load(dir, Optional.empty(), Optional.empty());
      t = lap(phases, "load project", t);
      ParseResult parsed = ProjectParser.parse(project, partial);
      t = lap(phases, "parse (templates, schema, graph)", t);
      CompileTask.Result result = CompileTask.run(parsed, Selector.all(), false);
      t = lap(phases, "compile " + result.compiled().size() + " nodes + write files", t);
      try (LineageAnalyzer analyzer = new LineageAnalyzer(result.parsed(), result.compiled())) {
        analyzer.partialKeyJoins(result.selected());
      }
      t = lap(phases, "partial-key check", t);
      ManifestWriter.write(result.parsed(), result.compiled(), "bench", ProjectLineage.none());
      lap(phases, "manifest.json", t);
      StringBuilder line = new StringBuilder("run " + run + ":");
      phases.forEach((name, ms) -> line.append(String.format("  %s %d ms;", name, ms)));
      System.out.println(line);
    }
  }

  private static long lap(Map<String, Long> phases, String name, long start) {
    long now = System.nanoTime();
    phases.put(name, (now - start) / 1_000_000);
    return now;
  }
}
