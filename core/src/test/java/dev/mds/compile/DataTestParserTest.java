package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import dev.mds.graph.DataTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema YAML and test files become data test nodes with dbt's names, arguments and SQL. */
class DataTestParserTest {

  @TempDir
  Path dir;

  private TempProject shop(String schemaYml) {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_members.csv", "market,member_no\nUK,1\n")
        .file("models/members.sql", "select * from {{ ref('raw_members') }}\n")
        .file("models/customers.sql", "select 1 as customer_id\n")
        .file("models/schema.yml", schemaYml);
  }

  private static Map<String, DataTest> tests(ParseResult parsed) {
    return parsed.manifest().nodesOf(DataTest.class).stream()
        .collect(Collectors.toMap(DataTest::name, t -> t, (a, b) -> a, TreeMap::new));
  }

  private static Map<String, DataTest> tests(TempProject project) {
    return tests(ProjectParser.parse(project.load()));
  }

  /**
   * Runs a compiled test against an in-memory DuckDB holding {@code "main"."members"} with the
   * given rows, and returns how many rows it selects (its failure count).
   */
  private static long failures(String testSql, String membersRows) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = connection.createStatement()) {
      st.execute("create table main.members as select * from (values " + membersRows
          + ") t(market, member_no)");
      try (ResultSet rs = st.executeQuery("select count(*) from (" + testSql + ") t")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void columnTestsAreNamedLikeDbtSoTheirSelectorsCarryOver() {
    Map<String, DataTest> tests = tests(shop("""
        models:
          - name: members
            columns:
              - name: member_no
                tests:
                  - unique
                  - not_null
              - name: market
                data_tests:
                  - accepted_values:
                      values: [UK, DE]
                  - relationships:
                      to: ref('customers')
                      field: customer_id
        """));

    assertEquals(List.of("accepted_values_members_market__UK__DE", "not_null_members_member_no",
        "relationships_members_market__customer_id__ref_customers_",
        "unique_members_member_no"), List.copyOf(tests.keySet()));
    DataTest relationships = tests.get("relationships_members_market__customer_id__ref_customers_");
    assertEquals("test.shop.relationships_members_market__customer_id__ref_customers_",
        relationships.uniqueId());
    assertEquals(List.of("model.shop.members", "model.shop.customers"), relationships.dependsOn());
    assertEquals("model.shop.members", relationships.attachedTo().orElseThrow());
  }

  @Test
  void namespacedSourceAndCustomNamedTestsAreNamedLikeDbt() {
    TempProject project = shop("""
        sources:
          - name: crm
            tables:
              - name: accounts
                columns:
                  - name: id
                    tests: [unique]
        models:
          - name: members
            tests:
              - dbt_utils.unique_combination_of_columns:
                  combination_of_columns: [market]
              - unique:
                  name: one_row_per_member
                  columns: [market, member_no]
        """);

    Map<String, DataTest> tests = tests(project);

    assertEquals(List.of("dbt_utils_unique_combination_of_columns_members_market",
        "one_row_per_member", "source_unique_crm_accounts_id"), List.copyOf(tests.keySet()));
    assertEquals("source.shop.crm.accounts",
        tests.get("source_unique_crm_accounts_id").attachedTo().orElseThrow());
  }

  @Test
  void aNameOfSixtyFourCharactersOrMoreIsShortenedWithAHashAsDbtDoes() throws Exception {
    // dbt: len(full_name) >= 64 -> first 30 characters of "<test>_<model>", "_", md5(full_name)
    String model = "m".repeat(64 - "not_null_".length() - "_id".length());
    String full = "not_null_" + model + "_id";
    assertEquals(64, full.length());
    TempProject project = TempProject.named(dir, "shop")
        .file("models/" + model + ".sql", "select 1 as id\n")
        .file("models/schema.yml", "models:\n  - name: " + model
            + "\n    columns:\n      - name: id\n        tests: [not_null]\n");

    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
        .digest(full.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(("not_null_" + model).substring(0, 30) + "_" + md5),
        List.copyOf(tests(project).keySet()));
  }

  @Test
  void aTestWithoutArgumentsEndsInAnUnderscoreAsInDbt() {
    // dbt names it f"{test}_{model}_{args}" even when there are no args.
    TempProject project = shop("""
        models:
          - name: members
            tests: [has_rows]
        """).file("macros/has_rows.sql", """
        {% test has_rows(model) %}
        select 1 where (select count(*) from {{ model }}) = 0
        {% endtest %}
        """);

    assertEquals(List.of("has_rows_members_"), List.copyOf(tests(project).keySet()));
  }

  @Test
  void argumentsUnderAnArgumentsKeyAreTheSameTestAsInline() {
    Map<String, DataTest> tests = tests(shop("""
        models:
          - name: members
            columns:
              - name: member_no
                tests:
                  - accepted_values:
                      arguments:
                        values: [1, 2]
                        quote: false
                      config:
                        severity: warn
              - name: market
                tests:
                  - accepted_values:
                      values: [UK]
                      severity: warn
        """));

    DataTest nested = tests.get("accepted_values_members_member_no__False__1__2");
    assertTrue(nested != null, tests.keySet()::toString);
    assertEquals(Map.of("values", List.of(1, 2), "quote", false, "column_name", "member_no"),
        nested.arguments());
    assertEquals("warn", nested.severity());
    assertEquals("warn", tests.get("accepted_values_members_market__UK").severity());
    assertFalse(tests.get("accepted_values_members_market__UK").arguments()
        .containsKey("severity"), "severity is a config, not an argument");
  }

  @Test
  void theThreeCompositeKeySpellingsAllCatchADuplicatePairThatPerColumnTestsMiss()
      throws Exception {
    ParseResult parsed = ProjectParser.parse(shop("""
        models:
          - name: members
            tests:
              - unique:
                  columns: [market, member_no]
              - dbt_utils.unique_combination_of_columns:
                  combination_of_columns: [market, member_no]
              - unique:
                  column_name: "market || '_' || member_no"
        """).load());
    Compiler compiler = Compiler.offline(parsed);
    Map<String, DataTest> tests = tests(parsed);
    assertEquals(3, tests.size(), tests.keySet()::toString);
    assertTrue(tests.containsKey("unique_members_market__member_no"), tests.keySet()::toString);
    assertTrue(tests.containsKey("unique_members_market___member_no"), tests.keySet()::toString);

    for (String name : tests.keySet()) {
      String sql = compiler.compileTest(tests.get(name)).sql();
      // member_no restarts per market: 1 in UK and in DE is two different members.
      assertEquals(0, failures(sql, "('UK', 1), ('UK', 2), ('DE', 1)"), name + ":\n" + sql);
      assertEquals(1, failures(sql, "('UK', 1), ('UK', 2), ('DE', 1), ('UK', 1)"),
          name + ":\n" + sql);
    }
  }

  @Test
  void whereConfigNarrowsTheTestedRows() throws Exception {
    ParseResult parsed = ProjectParser.parse(shop("""
        models:
          - name: members
            columns:
              - name: member_no
                tests:
                  - not_null:
                      config:
                        where: "market = 'UK'"
        """).load());

    String sql = Compiler.offline(parsed)
        .compileTest(tests(parsed).get("not_null_members_member_no")).sql();

    assertEquals(0, failures(sql, "('UK', 1), ('DE', null)"), sql);
    assertEquals(1, failures(sql, "('UK', null), ('DE', null)"), sql);
  }

  @Test
  void testsOnAnEphemeralModelRunAgainstItsInlinedSql() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/eph_members.sql", """
            {{ config(materialized='ephemeral') }}
            select * from (values ('UK', 1), ('UK', 1)) t(market, member_no)
            """)
        .file("models/schema.yml", """
            models:
              - name: eph_members
                tests:
                  - unique:
                      columns: [market, member_no]
                      config: {where: "market = 'UK'"}
            """);
    ParseResult parsed = ProjectParser.parse(project.load());

    String sql = Compiler.offline(parsed)
        .compileTest(tests(parsed).get("unique_eph_members_market__member_no")).sql();

    assertFalse(sql.contains("\"main\".\"eph_members\""), sql);
    assertEquals(1, failures(sql, "('DE', 1)"), sql);
  }

  @Test
  void compiledTestSqlIsWrittenBesideItsYamlFileAsInDbt() throws Exception {
    TempProject project = shop("""
        models:
          - name: members
            columns:
              - name: member_no
                tests: [not_null]
        """);
    ParseResult parsed = ProjectParser.parse(project.load());

    CompiledNode compiled = Compiler.offline(parsed)
        .compileTest(tests(parsed).get("not_null_members_member_no"));

    Path expected = project.path(
        "target/compiled/shop/models/schema.yml/not_null_members_member_no.sql");
    assertEquals(expected, compiled.path());
    assertEquals(compiled.sql(), Files.readString(expected));
    assertTrue(compiled.sql().contains("from \"main\".\"members\""), compiled.sql());
  }

  @Test
  void disabledTestsAreLeftOut() {
    Map<String, DataTest> tests = tests(shop("""
        models:
          - name: members
            columns:
              - name: member_no
                tests:
                  - unique:
                      config:
                        enabled: false
                  - not_null:
                      enabled: false
                  - accepted_values:
                      values: [1]
        """).file("tests/off.sql", """
        {{ config(enabled=false) }}
        select * from {{ ref('members') }}
        """));

    assertEquals(List.of("accepted_values_members_member_no__1"), List.copyOf(tests.keySet()));
  }

  @Test
  void testsFolderConfigsReachGenericTestsThroughTheirYamlFolder() {
    TempProject project = TempProject.named(dir, "shop")
        .file("mds_project.yml", """
            name: shop
            tests:
              shop:
                +severity: warn
                staging:
                  +tags: [staging_tests]
                  +store_failures: true
            """)
        .file("models/staging/stg_members.sql", "select 1 as id\n")
        .file("models/staging/schema.yml", """
            models:
              - name: stg_members
                columns:
                  - name: id
                    tests: [unique]
            """)
        .file("models/marts/members.sql", "select * from {{ ref('stg_members') }}\n")
        .file("models/marts/schema.yml", """
            models:
              - name: members
                columns:
                  - name: id
                    tests:
                      - unique:
                          config: {severity: error}
            """);

    Map<String, DataTest> tests = tests(project);

    DataTest staging = tests.get("unique_stg_members_id");
    assertEquals(List.of("shop", "staging", "unique_stg_members_id"), staging.fqn());
    assertEquals("warn", staging.severity());
    assertEquals(List.of("staging_tests"), staging.config().tags());
    assertEquals(true, staging.config().get("store_failures").orElseThrow());
    DataTest marts = tests.get("unique_members_id");
    assertEquals(List.of("shop", "marts", "unique_members_id"), marts.fqn());
    assertEquals("error", marts.severity(), "the test's own config wins");
    assertEquals(List.of(), marts.config().tags());
  }

  @Test
  void customGenericTestsComeFromMacrosAndTestsGeneric() {
    TempProject project = shop("""
        models:
          - name: members
            columns:
              - name: member_no
                tests:
                  - positive
                  - at_most:
                      limit_value: 10
        """)
        .file("macros/positive.sql", """
            {% test positive(model, column_name) %}
            select * from {{ model }} where {{ column_name }} <= 0
            {% endtest %}
            """)
        .file("tests/generic/at_most.sql", """
            {% test at_most(model, column_name, limit_value) %}
            select * from {{ model }} where {{ column_name }} > {{ limit_value }}
            {% endtest %}
            """);
    ParseResult parsed = ProjectParser.parse(project.load());
    Compiler compiler = Compiler.offline(parsed);

    Map<String, DataTest> tests = tests(parsed);
    assertEquals(List.of("at_most_members_member_no__10", "positive_members_member_no"),
        List.copyOf(tests.keySet()));
    assertEquals("select * from \"main\".\"members\" where member_no > 10",
        compiler.compileTest(tests.get("at_most_members_member_no__10")).sql().strip());
    assertEquals("select * from \"main\".\"members\" where member_no <= 0",
        compiler.compileTest(tests.get("positive_members_member_no")).sql().strip());
  }

  @Test
  void singularTestDependsOnTheModelsItRefs() {
    TempProject project = shop("models: []\n")
        .file("tests/members_have_customers.sql", """
            select m.* from {{ ref('members') }} m
            left join {{ ref('customers') }} c on c.customer_id = m.member_no
            where c.customer_id is null
            """);
    ParseResult parsed = ProjectParser.parse(project.load());

    DataTest singular = tests(parsed).get("members_have_customers");

    assertTrue(singular.isSingular());
    assertEquals("tests/members_have_customers.sql", singular.file());
    assertEquals(List.of("model.shop.members", "model.shop.customers"), singular.dependsOn());
    assertEquals(project.path("target/compiled/shop/tests/members_have_customers.sql"),
        Compiler.offline(parsed).compileTest(singular).path());
  }

  @Test
  void testsOnSeedsAttachToTheSeed() {
    Map<String, DataTest> tests = tests(shop("""
        seeds:
          - name: raw_members
            columns:
              - name: market
                tests: [not_null]
        """));

    assertEquals("seed.shop.raw_members",
        tests.get("not_null_raw_members_market").attachedTo().orElseThrow());
  }

  @Test
  void anUnknownTestNameIsAnErrorNamingTheYamlFileAndTheModel() {
    TempProject project = shop("""
        models:
          - name: members
            columns:
              - name: member_no
                tests: [uniqe]
        """);

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/schema.yml"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown test 'uniqe' on model 'members'"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
