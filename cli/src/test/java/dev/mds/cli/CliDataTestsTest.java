package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds test} and the data tests of {@code mds build}, end to end on real DuckDB files. */
class CliDataTestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** Each result in target/run_results.json as {@code status failures}, by unique id. */
  private static Map<String, String> results(TempProject project) throws Exception {
    JsonNode root = JSON.readTree(project.path("target/run_results.json").toFile());
    Map<String, String> results = new TreeMap<>();
    for (JsonNode result : root.get("results")) {
      results.put(result.get("unique_id").asText(), result.get("status").asText()
          + (result.get("failures").isNull() ? "" : " " + result.get("failures").asLong()));
    }
    return results;
  }

  /** Only the data tests of {@link #results}, by test name. */
  private static Map<String, String> testResults(TempProject project) throws Exception {
    return results(project).entrySet().stream()
        .filter(e -> e.getKey().startsWith("test.")).collect(Collectors.toMap(
            e -> e.getKey().substring(e.getKey().lastIndexOf('.') + 1), Map.Entry::getValue,
            (a, b) -> a, TreeMap::new));
  }

  /** The names of the tests a run started, in the order printed. */
  private static List<String> started(CliRun run) {
    Matcher m = Pattern.compile("\\d+ of \\d+ START (\\S+) \\.").matcher(run.out());
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  // --- every kind of test, on good and on bad data ---------------------------------------------

  private static final String GOOD = """
      customer_id,market,member_no,tier,points,referrer_id
      1,UK,1001,gold,10,
      2,UK,1002,silver,20,1
      3,DE,1001,gold,30,1
      4,DE,1002,bronze,40,2
      """;

  /**
   * The good rows plus: a repeated (UK, 1001) with an unknown tier, negative points and a
   * referrer that does not exist; a row without market and member_no; a repeated customer_id;
   * a member of an unknown market with a member_no outside the list and too many points.
   */
  private static final String BAD = GOOD + """
      5,UK,1001,platinum,-5,9
      6,,,gold,500,8
      7,DE,1003,silver,25,
      7,IT,2001,tin,1000,
      """;

  /** The same tests, in every spelling, on model {@code name}. */
  private static String everyKindOfTest(String name) {
    return """
          - name: %1$s
            tests:
              - unique: {columns: [market, member_no]}
              - dbt_utils.unique_combination_of_columns:
                  combination_of_columns: [market, member_no]
              - unique: {column_name: "market || '_' || member_no"}
              - not_null: {columns: [market, member_no]}
              - expression_is_true: {expression: "points < 600"}
            columns:
              - name: customer_id
                tests: [unique]
              - name: market
                data_tests:
                  - not_null
                  - accepted_values: {values: [UK, DE]}
              - name: member_no
                tests:
                  - accepted_values: {values: [1001, 1002, 1003], quote: false}
              - name: tier
                tests:
                  - accepted_values:
                      arguments:
                        values: [gold, silver, bronze]
                  - max_length: {n: 6}
              - name: points
                tests:
                  - accepted_range: {min_value: 10, max_value: 40}
                  - is_positive
              - name: referrer_id
                tests:
                  - relationships: {to: "ref('good')", field: customer_id}
        """.formatted(name);
  }

  private TempProject members() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_good.csv", GOOD)
        .file("seeds/raw_bad.csv", BAD)
        .file("models/good.sql", "select * from {{ ref('raw_good') }}\n")
        .file("models/bad.sql", "select * from {{ ref('raw_bad') }}\n")
        .file("macros/is_positive.sql", """
            {% test is_positive(model, column_name) %}
            select * from {{ model }} where {{ column_name }} <= 0
            {% endtest %}
            """)
        .file("tests/generic/max_length.sql", """
            {% test max_length(model, column_name, n) %}
            select {{ column_name }} from {{ model }} where length({{ column_name }}) > {{ n }}
            {% endtest %}
            """)
        .file("tests/good_members_have_a_market.sql",
            "select * from {{ ref('good') }} where market is null\n")
        .file("tests/bad_members_have_a_market.sql",
            "select * from {{ ref('bad') }} where market is null\n")
        .file("models/schema.yml", "models:\n" + everyKindOfTest("good") + everyKindOfTest("bad")
            + """
              - name: points_inclusive
                columns:
                  - name: points
                    tests:
                      - accepted_range: {min_value: 10, max_value: 40, inclusive: false}
            """)
        .file("models/points_inclusive.sql", "select * from {{ ref('good') }}\n");
  }

  @Test
  void everyTestKindPassesOnGoodDataAndFailsWithTheRightCountOnBadData() throws Exception {
    TempProject project = members();

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> expected = new TreeMap<>();
    Map<String, Integer> badCounts = new TreeMap<>(Map.ofEntries(
        Map.entry("unique_%s_market__member_no", 1),
        Map.entry("dbt_utils_unique_combination_of_columns_%s_market__member_no", 1),
        Map.entry("unique_%s_market___member_no", 1),
        Map.entry("not_null_%s_market__member_no", 1),
        Map.entry("expression_is_true_%s_points_600", 1),
        Map.entry("unique_%s_customer_id", 1),
        Map.entry("not_null_%s_market", 1),
        Map.entry("accepted_values_%s_market__UK__DE", 1),
        Map.entry("accepted_values_%s_member_no__False__1001__1002__1003", 1),
        Map.entry("accepted_values_%s_tier__gold__silver__bronze", 2),
        Map.entry("max_length_%s_tier__6", 1),
        Map.entry("accepted_range_%s_points__40__10", 3),
        Map.entry("is_positive_%s_points", 1),
        Map.entry("relationships_%s_referrer_id__customer_id__ref_good_", 2),
        Map.entry("%s_members_have_a_market", 1)));
    badCounts.forEach((pattern, count) -> {
      expected.put(pattern.formatted("good"), "pass 0");
      expected.put(pattern.formatted("bad"), "fail " + count);
    });
    // Boundary values fail a range that excludes them.
    expected.put("accepted_range_points_inclusive_points__False__40__10", "fail 2");
    assertEquals(expected, testResults(project), run::describe);
    // 2 seeds and 3 models, 15 passing and 16 failing tests.
    assertTrue(run.out().contains("Done. PASS=20 WARN=0 ERROR=16 SKIP=0 TOTAL=36"),
        run::describe);
  }

  @Test
  void aDuplicateMarketAndMemberPairFailsTheCompositeTestsButNoPerColumnTest() throws Exception {
    // member_no restarts in every market, so 1001 in UK and 1001 in DE are different members.
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_members.csv", """
            customer_id,market,member_no
            1,UK,1001
            2,UK,1002
            3,DE,1001
            4,DE,1002
            """)
        .file("models/members.sql", "select * from {{ ref('raw_members') }}\n")
        .file("models/schema.yml", """
            models:
              - name: members
                tests:
                  - unique:
                      columns: [market, member_no]
                  - dbt_utils.unique_combination_of_columns:
                      combination_of_columns: [market, member_no]
                  - unique:
                      column_name: "market || '_' || member_no"
                columns:
                  - name: customer_id
                    tests: [unique, not_null]
                  - name: market
                    tests:
                      - not_null
                      - accepted_values:
                          values: [UK, DE]
                  - name: member_no
                    tests:
                      - not_null
                      - accepted_range:
                          min_value: 1000
                          max_value: 9999
            """);
    // The dbt_utils name is 65 characters, so dbt shortens it with a hash.
    List<String> composite = List.of("dbt_utils_unique_combination_o_",
        "unique_members_market___member_no", "unique_members_market__member_no");

    mds("build", "--project-dir", project.dir()).assertOk();
    assertTrue(testResults(project).values().stream().allMatch("pass 0"::equals),
        testResults(project)::toString);

    // A second UK 1001 arrives under a new customer_id: every column on its own still looks fine.
    project.file("seeds/raw_members.csv", project.read("seeds/raw_members.csv") + "5,UK,1001\n");
    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> tests = testResults(project);
    assertEquals(9, tests.size(), tests::toString);
    tests.forEach((name, outcome) -> {
      boolean isComposite = composite.stream().anyMatch(name::startsWith);
      assertEquals(isComposite ? "fail 1" : "pass 0", outcome, name + " in " + tests);
    });
    assertTrue(run.out().contains("Done. PASS=8 WARN=0 ERROR=3 SKIP=0 TOTAL=11"), run::describe);
  }

  @Test
  void anUnknownTestNameIsAOneLineErrorNamingTheYamlFile() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders.sql", "select 1 as id\n")
        .file("models/marts/orders.yml", """
            models:
              - name: orders
                columns:
                  - name: id
                    tests: [uniqe]
            """);

    CliRun run = mds("test", "--project-dir", project.dir());

    run.assertProjectError("models/marts/orders.yml", "unknown test 'uniqe'", "model 'orders'");
  }

  @Test
  void testsOnSeedsAndSourcesRunWithMdsTest() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/countries.csv", "code,name\nUK,United Kingdom\nDE,\n")
        .file("models/sources.yml", """
            sources:
              - name: loaded
                schema: main
                tables:
                  - name: countries
                    columns:
                      - name: code
                        tests: [unique]
            seeds:
              - name: countries
                columns:
                  - name: name
                    tests: [not_null]
            """);
    mds("seed", "--project-dir", project.dir()).assertOk();

    CliRun run = mds("test", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(Map.of("not_null_countries_name", "fail 1",
        "source_unique_loaded_countries_code", "pass 0"), testResults(project));
  }

  // --- configs -----------------------------------------------------------------------------------

  /** Thirty orders; every third is 'lost', amounts are 10 x id. */
  private TempProject orders(String schemaYml) {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "order_id,status,amount\n" + IntStream.rangeClosed(1, 30)
            .mapToObj(i -> i + "," + (i % 3 == 0 ? "lost" : "placed") + "," + i * 10)
            .collect(Collectors.joining("\n")) + "\n")
        .file("models/orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/customers.sql", "select 1 as customer_id\n")
        .file("models/schema.yml", schemaYml);
  }

  @Test
  void severityWarnExitsZeroAndReportsWarn() throws Exception {
    TempProject project = orders("""
        models:
          - name: orders
            columns:
              - name: status
                tests:
                  - accepted_values:
                      values: [placed]
                      config:
                        severity: warn
        """);

    CliRun run = mds("build", "--project-dir", project.dir()).assertOk();

    assertTrue(run.out().contains(" WARN 1 accepted_values_orders_status__placed "),
        run::describe);
    assertTrue(run.out().contains("Warning in test accepted_values_orders_status__placed"),
        run::describe);
    assertTrue(run.out().contains("Got 1 result, configured to warn if != 0"), run::describe);
    assertTrue(run.out().contains("Done. PASS=3 WARN=1 ERROR=0 SKIP=0 TOTAL=4"), run::describe);
    assertEquals("warn 1", testResults(project).get("accepted_values_orders_status__placed"));
  }

  @Test
  void errorIfAndWarnIfDecideByTheNumberOfFailingRows() throws Exception {
    // 10 of the 30 orders are lost.
    TempProject project = orders("""
        models:
          - name: orders
            tests:
              - expression_is_true:
                  name: lost_orders_tolerated
                  expression: "status <> 'lost'"
                  config: {warn_if: ">5", error_if: ">10"}
              - expression_is_true:
                  name: lost_orders_too_many
                  expression: "status <> 'lost'"
                  config: {warn_if: ">5", error_if: ">=10"}
              - expression_is_true:
                  name: lost_orders_ignored
                  expression: "status <> 'lost'"
                  config: {warn_if: ">10", error_if: ">10"}
        """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(Map.of("lost_orders_tolerated", "warn 10", "lost_orders_too_many", "fail 10",
        "lost_orders_ignored", "pass 10"), testResults(project));
    assertTrue(run.out().contains("Got 10 results, configured to warn if >5"), run::describe);
    assertTrue(run.out().contains("Got 10 results, configured to fail if >=10"), run::describe);
    assertTrue(run.out().contains("Done. PASS=4 WARN=1 ERROR=1 SKIP=0 TOTAL=6"), run::describe);
  }

  @Test
  void whereLimitStoreFailuresAndEnabledApply() throws Exception {
    TempProject project = orders("""
        models:
          - name: orders
            columns:
              - name: amount
                tests:
                  - accepted_range:
                      name: small_orders_only
                      max_value: 100
                      config:
                        where: "order_id <= 10"
                  - accepted_range:
                      name: at_most_100
                      max_value: 100
                      config:
                        limit: 4
                        store_failures: true
                  - not_null:
                      config:
                        enabled: false
        """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(Map.of("small_orders_only", "pass 0", "at_most_100", "fail 4"),
        testResults(project));
    assertEquals(List.of("110", "120", "130", "140"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select amount from \"main_audit\".\"at_most_100\" order by 1"));
    assertFalse(run.out().contains("not_null_orders_amount"), run::describe);
  }

  private TempProject tagged() {
    return orders("""
        models:
          - name: orders
            columns:
              - name: order_id
                tests:
                  - unique:
                      config:
                        tags: [nightly]
                  - not_null
              - name: status
                tests:
                  - accepted_values:
                      values: [placed, lost]
                      tags: [nightly]
          - name: customers
            columns:
              - name: customer_id
                tests: [unique]
        """);
  }

  @Test
  void testsAreSelectedByTagByTheirDbtNameAndByTheModelTheyTest() throws Exception {
    TempProject project = tagged();
    mds("build", "--project-dir", project.dir()).assertOk();

    CliRun byTag = mds("test", "--project-dir", project.dir(), "-s", "tag:nightly").assertOk();
    CliRun byName = mds("test", "--project-dir", project.dir(), "-s", "unique_orders_order_id")
        .assertOk();
    CliRun byModel = mds("test", "--project-dir", project.dir(), "-s", "orders").assertOk();

    assertEquals(List.of("accepted_values_orders_status__placed__lost", "unique_orders_order_id"),
        started(byTag).stream().sorted().toList(), byTag::describe);
    assertEquals(List.of("unique_orders_order_id"), started(byName), byName::describe);
    assertEquals(List.of("accepted_values_orders_status__placed__lost",
        "not_null_orders_order_id", "unique_orders_order_id"),
        started(byModel).stream().sorted().toList(), byModel::describe);
    assertTrue(byModel.out().contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3"),
        byModel::describe);
  }

  // --- what a failure prints ---------------------------------------------------------------------

  @Test
  void aFailingTestPrintsItsCountFiveExampleRowsAndTheSqlToReproduceIt() throws Exception {
    TempProject project = orders("""
        models:
          - name: orders
            tests:
              - unique:
                  columns: [status, amount]
            columns:
              - name: amount
                tests:
                  - accepted_range:
                      max_value: 100
        """);
    // Eight (status, amount) pairs appear twice.
    project.file("seeds/raw_orders.csv", project.read("seeds/raw_orders.csv") + IntStream
        .rangeClosed(1, 8).mapToObj(i -> (100 + i) + "," + (i % 3 == 0 ? "lost" : "placed")
            + "," + i * 10).collect(Collectors.joining("\n")) + "\n");

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    String out = run.out();
    assertTrue(out.contains(" FAIL 8 unique_orders_status__amount "), out);
    assertTrue(out.contains("Failure in test unique_orders_status__amount (models/schema.yml)"),
        out);
    assertTrue(out.contains("Got 8 results, configured to fail if != 0"), out);
    assertTrue(out.contains("First 5 failing rows:"), out);
    String section = out.substring(out.indexOf("Failure in test unique_orders_status__amount"));
    List<String> table = section.lines().skip(3).limit(7).map(String::strip).toList();
    assertTrue(table.get(0).matches(".*status\\s+\\|\\s+amount\\s+\\|\\s+n_records"),
        table::toString);
    assertEquals(5, table.stream().skip(2).filter(l -> l.matches(".*(placed|lost)\\s+\\|\\s+\\d+"
        + "\\s+\\|\\s+2")).count(), section);
    String path = "target/compiled/shop/models/schema.yml/unique_orders_status__amount.sql";
    assertTrue(out.contains("Reproduce with the SQL in " + path), out);
    // The accepted_range failure shows all of its columns: the rows to look at.
    assertTrue(out.contains("Got 20 results, configured to fail if != 0"), out);

    assertTrue(Files.isRegularFile(project.path(path)));
    String sql = project.read(path);
    assertEquals(8, DuckDbFile.rows(project.path("shop.duckdb"), sql).size(), sql);
  }

  // --- what package tests rely on ---------------------------------------------------------------

  @Test
  void aGenericTestsOwnConfigCallSetsItsFailCalcAndSeverityUnderItsYamlConfig() throws Exception {
    // As dbt_utils.equal_rowcount: one row comes back, the failing count is a column of it.
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "id\n1\n2\n3\n")
        .file("seeds/refunds.csv", "id\n1\n")
        .file("macros/row_gap.sql", """
            {% test row_gap(model, compare_model) %}
              {{ config(fail_calc='sum(gap)', severity='warn') }}
              select abs((select count(*) from {{ model }}) - (select count(*) from {{ compare_model }})) as gap
            {% endtest %}
            """)
        .file("models/schema.yml", """
            seeds:
              - name: orders
                tests:
                  - row_gap:
                      compare_model: ref('refunds')
                  - row_gap:
                      name: row_gap_counted
                      compare_model: ref('refunds')
                      config:
                        fail_calc: count(*)
                        severity: error
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> results = testResults(project);
    assertEquals("warn 2", results.get("row_gap_orders_ref_refunds_"), results::toString);
    assertEquals("fail 1", results.get("row_gap_counted"), results::toString);
  }

  @Test
  void testsComparingAModelWithTwoOfItsChildrenDoNotWaitForEachOther() throws Exception {
    // Each test reads one child of orders; were the other child held back by it, each would
    // wait for the other (dbt holds a child back only for tests of what it reads itself).
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "id\n1\n2\n")
        .file("models/copy_a.sql", "select * from {{ ref('orders') }}\n")
        .file("models/copy_b.sql", "select * from {{ ref('orders') }} where id = 1\n")
        .file("models/schema.yml", """
            seeds:
              - name: orders
                tests:
                  - relationships_to_a:
                      to: ref('copy_a')
                  - relationships_to_a:
                      name: orders_in_b
                      to: ref('copy_b')
            """)
        .file("macros/in_other.sql", """
            {% test relationships_to_a(model, to) %}
              select id from {{ model }} where id not in (select id from {{ to }})
            {% endtest %}
            """);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> results = testResults(project);
    assertEquals("pass 0", results.get("relationships_to_a_orders_ref_copy_a_"), results::toString);
    assertEquals("fail 1", results.get("orders_in_b"), results::toString);
    assertTrue(run.out().contains("SKIP=0"), run::describe);
  }
}
