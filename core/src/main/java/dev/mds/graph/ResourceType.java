package dev.mds.graph;

/** The kinds of node, named as dbt users know them. */
public enum ResourceType {
  MODEL, SEED, SOURCE, TEST, SNAPSHOT, EXPOSURE, ANALYSIS, UNIT_TEST;

  /** The lower-case name used in unique ids, selectors and artifacts. */
  public String label() {
    return name().toLowerCase();
  }

  public static java.util.Optional<ResourceType> fromLabel(String label) {
    for (ResourceType type : values()) {
      if (type.label().equals(label)) {
        return java.util.Optional.of(type);
      }
    }
    return java.util.Optional.empty();
  }
}
