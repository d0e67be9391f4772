package dev.mds.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.MdsException;
import dev.mds.graph.Manifest;
import dev.mds.graph.Node;
import dev.mds.graph.Relation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where production keeps each node, read from production's {@code manifest.json}: what
 * {@code --defer} and {@code mds diff} read on an engine that cannot attach production's
 * database (Spark), as dbt does everywhere. Production is another schema (or catalog) of the same
 * warehouse; a node production does not have is absent.
 */
public final class ProductionRelations {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProductionRelations() {
  }

  /**
   * Production's relation for each node of {@code manifest} that production's manifest in
   * {@code state} has, keyed by unique id, rendered in this target's quoting.
   */
  public static Map<String, Relation> read(Path state, Manifest manifest, String ownCatalog) {
    Path file = state.resolve("manifest.json");
    JsonNode nodes;
    try {
      nodes = JSON.readTree(file.toFile()).path("nodes");
    } catch (IOException e) {
      throw new MdsException("--state " + state + " has no readable manifest.json for --defer"
          + " (" + e.getMessage() + ")", e);
    }
    Map<String, Relation> relations = new HashMap<>();
    for (Node node : manifest.nodes().values()) {
      JsonNode prod = nodes.path(node.uniqueId());
      Relation here = node.relation();
      if (here == null || !prod.path("schema").isTextual()) {
        continue;
      }
      String identifier = prod.path("alias").isTextual() ? prod.path("alias").asText()
          : prod.path("name").asText(here.identifier());
      String database = prod.path("database").asText("");
      boolean otherCatalog = !database.isEmpty() && ownCatalog != null
          && !ownCatalog.isEmpty() && !database.equalsIgnoreCase(ownCatalog);
      relations.put(node.uniqueId(), new Relation(otherCatalog ? database : here.database(),
          prod.path("schema").asText(), identifier, otherCatalog || here.qualified(),
          here.quoting()));
    }
    return relations;
  }
}
