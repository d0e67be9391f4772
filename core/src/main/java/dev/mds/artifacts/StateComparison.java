package dev.mds.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.compile.ParseResult;
import dev.mds.graph.SelectionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the project as it is now with a production manifest ({@code --state DIR}): each node
 * is new, or modified in its body, configs, descriptions (schema YAML) or the macros it uses.
 * Both sides are the same JSON that {@link ManifestWriter} writes, so they compare like for like.
 */
public final class StateComparison {

  private StateComparison() {
  }

  public static SelectionState compare(ParseResult parsed, Path stateDir, String version) {
    JsonNode previous = read(stateDir.resolve("manifest.json"), true);
    JsonNode results = read(stateDir.resolve("run_results.json"), false);
    ObjectNode current = ManifestWriter.build(parsed, Map.of(), version);
    Set<String> added = new LinkedHashSet<>();
    Map<String, Set<String>> modified = new LinkedHashMap<>();
    for (String section : new String[] {"nodes", "sources", "exposures"}) {
      current.path(section).fields().forEachRemaining(entry -> {
        JsonNode before = previous.path(section).path(entry.getKey());
        if (before.isMissingNode()) {
          added.add(entry.getKey());
          return;
        }
        Set<String> kinds = changes(before, entry.getValue(), previous.path("macros"),
            current.path("macros"));
        if (!kinds.isEmpty()) {
          modified.put(entry.getKey(), kinds);
        }
      });
    }
    Map<String, String> statuses = new HashMap<>();
    for (JsonNode result : results.path("results")) {
      statuses.put(result.path("unique_id").asText(), result.path("status").asText());
    }
    return new SelectionState(added, modified, statuses,
        SourceStatusComparison.fresher(stateDir, parsed.project().targetDir()));
  }

  private static Set<String> changes(JsonNode before, JsonNode now, JsonNode macrosBefore,
      JsonNode macrosNow) {
    Set<String> kinds = new TreeSet<>();
    if (!before.path("checksum").path("checksum").equals(now.path("checksum").path("checksum"))) {
      kinds.add("body");
    }
    if (!before.path("config").equals(now.path("config"))) {
      kinds.add("configs");
    }
    if (!before.path("description").equals(now.path("description"))
        || !before.path("columns").equals(now.path("columns"))) {
      kinds.add("descriptions");
    }
    JsonNode usedBefore = before.path("depends_on").path("macros");
    JsonNode usedNow = now.path("depends_on").path("macros");
    if (!usedBefore.equals(usedNow)) {
      kinds.add("macros");
    } else {
      for (JsonNode macro : usedNow) {
        String id = macro.asText();
        if (!macrosBefore.path(id).path("checksum").equals(macrosNow.path(id).path("checksum"))) {
          kinds.add("macros");
        }
      }
    }
    return kinds;
  }

  private static JsonNode read(Path file, boolean required) {
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw new MdsException("--state " + file.getParent() + ": there is no manifest.json in"
            + " it; copy the production target/manifest.json there");
      }
      return MissingNode.getInstance();
    }
    try {
      return ManifestWriter.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new MdsException(file + ": not a readable JSON artifact: " + e.getMessage(), e);
    }
  }
}
