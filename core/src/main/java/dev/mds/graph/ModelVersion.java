package dev.mds.graph;

import java.math.BigDecimal;

/**
 * One version of a versioned model ({@code versions:} in schema YAML). The node of version 2 of
 * {@code dim_customers} is named {@code dim_customers_v2} inside mds (that is its default relation
 * name too), while artifacts show dbt's name, {@code dim_customers}, with the version beside it.
 *
 * @param modelName the model's name without the version, as refs name it
 * @param version {@code v}, as written (usually a whole number)
 * @param latestVersion {@code latest_version}, or the highest {@code v} when unset
 * @param definedIn the base name of the file that defines it ({@code <name>_v<v>} unless
 *     {@code defined_in} says otherwise)
 */
public record ModelVersion(String modelName, String version, String latestVersion,
    String definedIn) {

  /** The node name mds gives a version: {@code <name>_v<v>}. */
  public static String nodeName(String modelName, String version) {
    return modelName + "_v" + version;
  }

  public String nodeName() {
    return nodeName(modelName, version);
  }

  public boolean isLatest() {
    return compare(version, latestVersion) == 0;
  }

  /** {@code latest}, {@code prerelease} (newer than the latest) or {@code old}, as dbt's selector. */
  public String kind() {
    int c = compare(version, latestVersion);
    return c == 0 ? "latest" : c > 0 ? "prerelease" : "old";
  }

  /** Versions compare as numbers when both are numbers (so 10 follows 9), else as text. */
  public static int compare(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
