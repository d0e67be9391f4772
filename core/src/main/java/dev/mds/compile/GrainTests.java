package dev.mds.compile;

import dev.mds.graph.Node;
import dev.mds.project.YamlValues;
import dev.mds.schema.TestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tests a declared grain implies ({@code config: {grain: [market, member_no]}}): the grain
 * columns are unique together and never null. Each is added unless the project declares it
 * already, so the names stay dbt's ({@code unique_customers_market__member_no}).
 */
final class GrainTests {

  private GrainTests() {
  }

  /**
   * @param declared the tests the node declares (node and column level)
   * @param file the schema YAML the node is described in, where the tests are said to live
   */
  static List<TestSpec> missing(Node node, List<TestSpec> declared, String file) {
    Object raw = node.config().values().get("grain");
    if (raw instanceof Number || raw instanceof Boolean || raw instanceof java.util.Map<?, ?>) {
      throw dev.mds.MdsException.at(file, node.resourceType().label() + " '" + node.name()
          + "': grain must name its key columns (grain: [market, member_no]), got '" + raw + "'");
    }
    List<String> grain = node.config().grain();
    if (grain.isEmpty()) {
      return List.of();
    }
    List<TestSpec> added = new ArrayList<>();
    if (declared.stream().noneMatch(t -> coversColumns(t, "unique", grain))) {
      added.add(spec("unique", grain, file));
    }
    boolean everyColumnNotNull = grain.stream().allMatch(column -> declared.stream().anyMatch(t ->
        name(t).equals("not_null") && t.columnName().filter(column::equalsIgnoreCase).isPresent()));
    if (!everyColumnNotNull && declared.stream().noneMatch(t -> coversColumns(t, "not_null", grain))) {
      added.add(spec("not_null", grain, file));
    }
    return added;
  }

  private static TestSpec spec(String test, List<String> grain, String file) {
    // Grain entries are column names: quoted as a column's name is, so they cannot be SQL.
    List<String> columns = grain.stream()
        .map(column -> dev.mds.graph.Relation.column(column, Optional.empty())).toList();
    return new TestSpec(test, Optional.empty(), Optional.empty(), Map.of("columns", columns),
        Map.of(), file);
  }

  /** Whether {@code spec} is the node-level {@code test} over exactly the grain's columns. */
  private static boolean coversColumns(TestSpec spec, String test, List<String> grain) {
    if (!name(spec).equals(test) || spec.columnName().isPresent()) {
      return false;
    }
    List<String> columns = YamlValues.strings(spec.arguments().get("columns")).stream()
        .map(c -> c.strip().toLowerCase(Locale.ROOT)).sorted().toList();
    return columns.equals(grain.stream().map(c -> c.toLowerCase(Locale.ROOT)).sorted().toList());
  }

  private static String name(TestSpec spec) {
    String full = spec.testName();
    return full.substring(full.lastIndexOf('.') + 1);
  }
}
