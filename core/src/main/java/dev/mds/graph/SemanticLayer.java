package dev.mds.graph;

import java.util.List;
import java.util.Map;

/**
 * What schema YAML declares about meaning and ownership rather than building: dbt's semantic
 * models, metrics and saved queries, its groups, and the models that are time spines.
 *
 * @param timeSpines for each time-spine model's unique id, its {@code time_spine} entry
 *     ({@code standard_granularity_column}, {@code custom_granularities})
 */
public record SemanticLayer(List<SemanticResource> semanticModels, List<SemanticResource> metrics,
    List<SemanticResource> savedQueries, List<SemanticResource> groups,
    Map<String, Map<String, Object>> timeSpines) {

  public static SemanticLayer none() {
    return new SemanticLayer(List.of(), List.of(), List.of(), List.of(), Map.of());
  }

  /** The group of that name, if the project declares one. */
  public java.util.Optional<SemanticResource> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst();
  }
}
