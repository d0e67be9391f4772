package dev.mds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.graph.SemanticLayer;
import dev.mds.graph.SemanticResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code mds ls} lines for semantic models, metrics and saved queries, which are not graph nodes:
 * listed, as dbt lists them, with no selection at all or when {@code --resource-type} names them.
 */
final class SemanticListing {

  private SemanticListing() {
  }

  static void print(PrintWriter out, SemanticLayer layer, List<String> resourceTypes,
      boolean selected, LsCommand.Output output, ObjectMapper mapper) throws Exception {
    for (List<SemanticResource> kind : List.of(layer.semanticModels(), layer.metrics(),
        layer.savedQueries())) {
      for (SemanticResource resource : kind) {
        boolean asked = resourceTypes.contains(resource.resourceType());
        if (!asked && (selected || !resourceTypes.isEmpty())) {
          continue;
        }
        @SuppressWarnings("unchecked")
        List<String> fqn = (List<String>) resource.properties().get("fqn");
        out.println(switch (output) {
          case name -> resource.name();
          case path -> resource.file();
          case json -> mapper.writeValueAsString(Map.of("unique_id", resource.uniqueId(),
              "name", resource.name(), "resource_type", resource.resourceType(),
              "original_file_path", resource.file()));
          case selector -> resource.resourceType() + ":" + String.join(".", fqn);
        });
      }
    }
  }
}
