package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit test ({@code unit_tests:} in schema YAML, as dbt 1.8 has them): the model's SQL run on
 * fixture rows given for its inputs, its output compared with the expected rows. It runs in an
 * in-memory DuckDB, never on the target.
 *
 * @param model the unique id of the model under test
 * @param dependsOn the model's own inputs: in a build the test waits for what the model waits
 *     for, and the model waits for its tests (see ExecutionPlan), so a failing one stops it
 * @param given one fixture per input ({@code ref('x')}, {@code source('a', 'b')} or {@code this})
 * @param macroOverrides {@code overrides: macros:} ({@code is_incremental: true})
 */
public record UnitTest(String uniqueId, String name, String file, List<String> fqn,
    NodeConfig config, String description, String model, List<String> dependsOn,
    List<Fixture> given, Fixture expect, Map<String, Object> macroOverrides,
    Map<String, Object> varOverrides, Map<String, String> envOverrides) implements Node {

  /**
   * Rows for one input or for the expected output.
   *
   * @param input {@code ref('x')}, {@code source('a', 'b')}, {@code this}; empty for expect
   * @param format {@code dict}, {@code csv} or {@code sql}
   * @param rows for dict, a list of maps; for csv and sql, the text
   * @param file a fixture file the rows were read from, if any
   */
  public record Fixture(String input, String format, Object rows, Optional<String> file) {
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.UNIT_TEST;
  }

  @Override
  public List<ColumnSpec> columns() {
    return List.of();
  }

  /** A unit test occupies no relation in the warehouse. */
  @Override
  public Relation relation() {
    return null;
  }
}
