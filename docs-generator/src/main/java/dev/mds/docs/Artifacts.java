package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three artifacts the site is made from, as JSON trees: the manifest (required), and the run
 * results and catalog when they exist. Reading trees rather than bound classes keeps the site
 * tolerant of fields it does not know, including a manifest written by dbt itself.
 */
record Artifacts(JsonNode manifest, JsonNode runResults, JsonNode catalog, JsonNode sources) {

  /** Artifacts without source freshness results. */
  Artifacts(JsonNode manifest, JsonNode runResults, JsonNode catalog) {
    this(manifest, runResults, catalog, MissingNode.getInstance());
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code manifest.json}, {@code run_results.json} and {@code catalog.json} from a folder. */
  static Artifacts read(Path folder) {
    Path manifest = folder.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      throw new DocsException("No " + manifest + ": run `mds docs generate` (or `mds compile`)"
          + " in the project first.");
    }
    return read(folder, parse(manifest));
  }

  /** As {@link #read(Path)}, with the manifest's tree already at hand (it was just written). */
  static Artifacts read(Path folder, JsonNode manifest) {
    return new Artifacts(manifest, optional(folder.resolve("run_results.json")),
        optional(folder.resolve("catalog.json")), optional(folder.resolve("sources.json")));
  }

  private static JsonNode optional(Path file) {
    return Files.isRegularFile(file) ? parse(file) : MissingNode.getInstance();
  }

  private static JsonNode parse(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new DocsException("Cannot read " + file + ": " + e.getMessage()
          + " (delete it and run `mds docs generate` again)", e);
    }
  }
}
