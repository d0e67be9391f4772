package dev.mds.graph;

import java.util.List;
import java.util.Map;

/**
 * A resource of the project that is described rather than built: a semantic model, metric, saved
 * query or group. It sits beside the graph (never run, never selected for a build) and is kept for
 * the manifest and the docs site.
 *
 * @param resourceType {@code semantic_model}, {@code metric}, {@code saved_query} or
 *     {@code group}, as dbt's manifest names it
 * @param uniqueId {@code <resource_type>.<project>.<name>}
 * @param file the YAML file that declares it, relative to the project folder
 * @param dependsOn the unique ids it reads from (models, semantic models, metrics)
 * @param properties its manifest entry apart from the fields above, in dbt's layout
 */
public record SemanticResource(String resourceType, String uniqueId, String name, String file,
    List<String> dependsOn, Map<String, Object> properties) {
}
