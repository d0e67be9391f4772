package dev.mds.bench;

import dev.mds.artifacts.ManifestWriter;
import dev.mds.compile.Compiler;
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
    for (int run = 1; run <= runs; run++) {
      Map<String, Long> phases = new LinkedHashMap<>();
      long t = System.nanoTime();
      Project project = ProjectLoader.load(dir, Optional.empty(), Optional.empty());
      t = lap(phases, "load project", t);
      ParseResult parsed = ProjectParser.parse(project);
      t = lap(phases, "parse (templates, schema, graph)", t);
      var compiled = Compiler.offline(parsed).compileAll(parsed.manifest().nodes().keySet());
      t = lap(phases, "compile " + compiled.size() + " nodes + write files", t);
      Map<String, dev.mds.compile.CompiledNode> byId = new LinkedHashMap<>();
      compiled.forEach(c -> byId.put(c.uniqueId(), c));
      ManifestWriter.write(parsed, byId, "bench");
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
