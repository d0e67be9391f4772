package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.graph.DataTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generic tests' SQL reused from target/partial_compile.json, and when it must not be. */
class TestRenderCacheTest {

  @TempDir
  Path dir;

  private static final String SCHEMA = """
      models:
        - name: customers
          config: {alias: %s}
          columns:
            - name: member_no
              tests: [not_null, {accepted_values: {values: [1, 2]}}, in_region]
          tests:
            - unique: {columns: [market, member_no]}
        - name: orders
          columns:
            - name: member_no
              tests:
                - relationships: {to: "ref('customers')", field: member_no}
      """;

  private TempProject shop() {
    return TempProject.named(dir, "shop")
        .file("models/customers.sql", "select 'UK' as market, 1 as member_no")
        .file("models/orders.sql", "select 1 as member_no")
        .file("models/schema.yml", SCHEMA.formatted("customers"))
        .file("tests/generic/in_region.sql", """
            {% test in_region(model, column_name) %}
            select * from {{ model }} where '{{ env_var('MDS_REGION', 'eu') }}' <> 'eu'
            {% endtest %}
            """);
  }

  /** Every data test's compiled SQL by test name. */
  private static Map<String, String> testSql(TempProject project, Map<String, String> env) {
    ParseResult parsed = ProjectParser.parse(project.load(), env, true);
    Map<String, String> sql = new TreeMap<>();
    for (CompiledNode node : Compiler.offline(parsed)
        .compileAll(parsed.manifest().nodes().keySet())) {
      if (parsed.manifest().nodes().get(node.uniqueId()) instanceof DataTest test) {
        sql.put(test.name(), node.sql());
      }
    }
    return sql;
  }

  private String cacheFile() throws Exception {
    return Files.readString(dir.resolve("target").resolve(TestRenderCache.FILE));
  }

  @Test
  void anUnchangedProjectGetsTheSameTestSqlAndRendersThatReadTheEnvironmentAreNotKept()
      throws Exception {
    TempProject project = shop();
    Map<String, String> first = testSql(project, Map.of());

    assertEquals(5, first.size(), first::toString);
    assertTrue(cacheFile().contains("not_null_customers_member_no"), this::toString);
    assertFalse(cacheFile().contains("in_region_customers_member_no"), "reads env_var()");
    assertEquals(first, testSql(project, Map.of()));
  }

  @Test
  void anEnvironmentVariableTheTestMacroReadsIsReadAgain() {
    TempProject project = shop();
    String eu = testSql(project, Map.of()).get("in_region_customers_member_no");
    String us = testSql(project, Map.of("MDS_REGION", "us")).get("in_region_customers_member_no");

    assertTrue(eu.contains("'eu' <> 'eu'"), eu);
    assertTrue(us.contains("'us' <> 'eu'"), us);
  }

  @Test
  void renamingTheTestedRelationRendersItsTestsAgain() {
    TempProject project = shop();
    Map<String, String> before = testSql(project, Map.of());
    project.file("models/schema.yml", SCHEMA.formatted("dim_customers"));

    Map<String, String> after = testSql(project, Map.of());

    assertTrue(after.get("not_null_customers_member_no").contains("\"dim_customers\""),
        after::toString);
    assertTrue(after.get("relationships_orders_member_no__member_no__ref_customers_")
        .contains("\"dim_customers\""), after::toString);
    assertNotEquals(before, after);
  }

  @Test
  void editingATestMacroRendersItsTestsAgain() {
    TempProject project = shop();
    testSql(project, Map.of());
    project.file("tests/generic/in_region.sql", """
        {% test in_region(model, column_name) %}
        select * from {{ model }} where {{ column_name }} is null
        {% endtest %}
        """);

    assertTrue(testSql(project, Map.of()).get("in_region_customers_member_no")
        .contains("where member_no is null"));
  }

  @Test
  void argumentsDigestByValueWhateverTheirMapOrderAndTellKindsApart() {
    java.util.function.Function<Map<String, Object>, String> digest = args ->
        TestRenderCache.input("accepted_values", args, "\"main\".\"t\"").orElseThrow();
    Map<String, Object> ab = new java.util.LinkedHashMap<>();
    ab.put("column_name", "market");
    ab.put("values", java.util.List.of("UK", "DE"));
    Map<String, Object> ba = new java.util.LinkedHashMap<>();
    ba.put("values", java.util.List.of("UK", "DE"));
    ba.put("column_name", "market");

    assertEquals(digest.apply(ab), digest.apply(ba));
    assertNotEquals(digest.apply(Map.of("values", java.util.List.of(1, 2))),
        digest.apply(Map.of("values", java.util.List.of("1", "2"))));
    assertNotEquals(digest.apply(Map.of("values", java.util.List.of("a", "b"))),
        digest.apply(Map.of("values", java.util.List.of("a,b"))));
    assertNotEquals(digest.apply(Map.of("values", java.util.List.of(java.util.List.of("a"), "b"))),
        digest.apply(Map.of("values", java.util.List.of("a", java.util.List.of("b")))));
    assertNotEquals(digest.apply(Map.of("x", "null")), digest.apply(nullValued("x")));
    assertNotEquals(digest.apply(ab), TestRenderCache.input("accepted_values", ab,
        "\"main\".\"other\"").orElseThrow());
    assertTrue(TestRenderCache.input("t", Map.of("x", new Object()), "r").isEmpty());
  }

  private static Map<String, Object> nullValued(String key) {
    Map<String, Object> map = new java.util.HashMap<>();
    map.put(key, null);
    return map;
  }
}
