package dev.mds.cli;

import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Lines several verbs print the same way. */
final class Reports {

  private Reports() {
  }

  /** "Found 12 models, 4 seeds, 3 sources, 5 macros". */
  static void found(PrintWriter out, Manifest manifest) {
    List<String> parts = new ArrayList<>();
    long snapshots = manifest.nodesOf(Model.class).stream().filter(Model::isSnapshot).count();
    parts.add(count(manifest.nodesOf(Model.class).size() - snapshots, "model"));
    if (snapshots > 0) {
      parts.add(count(snapshots, "snapshot"));
    }
    parts.add(count(manifest.nodesOf(Seed.class).size(), "seed"));
    parts.add(count(manifest.nodesOf(Source.class).size(), "source"));
    parts.add(count(manifest.macros().size(), "macro"));
    int exposures = manifest.nodesOf(dev.mds.graph.Exposure.class).size();
    if (exposures > 0) {
      parts.add(count(exposures, "exposure"));
    }
    int analyses = manifest.nodesOf(dev.mds.graph.Analysis.class).size();
    if (analyses > 0) {
      parts.add(analyses + (analyses == 1 ? " analysis" : " analyses"));
    }
    out.println("Found " + String.join(", ", parts));
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static void unmatched(PrintWriter out, List<String> unmatched) {
    for (String criterion : unmatched) {
      out.println("Warning: the selection criterion '" + criterion + "' does not match any nodes");
    }
  }
}
