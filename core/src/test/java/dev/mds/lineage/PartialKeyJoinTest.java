package dev.mds.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.DataTest;
import dev.mds.graph.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multi-market bug: joining on member_no when a customer is (market, member_no). */
class PartialKeyJoinTest {

  @TempDir
  Path dir;

  private TempProject shop() {
    return TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "market,order_no,member_no,amount\nUK,1,1001,5.0\n")
        .file("seeds/customers.csv", "market,member_no,name\nUK,1001,Olivia\n")
        .file("seeds/markets.csv", "market,country\nUK,United Kingdom\n")
        .file("models/schema.yml", """
            models:
              - name: customers_model
                config:
                  grain: [market, member_no]
              - name: orders_model
                config:
                  grain: [market, order_no]
            """)
        .file("models/customers_model.sql", "select * from {{ ref('customers') }}\n")
        .file("models/orders_model.sql", "select * from {{ ref('orders') }}\n");
  }

  /** The warnings of a full analysis, checked to equal those of compile's quick check. */
  private List<String> warnings(TempProject project, String model) {
    ParseResult parsed = ProjectParser.parse(project.load());
    Model node = (Model) parsed.manifest().node("model.shop." + model).orElseThrow();
    List<String> full;
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      full = analyzer.warnings(node).stream().map(LineageWarning::toString).toList();
    }
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      assertEquals(full, analyzer.partialKeyJoins(List.of(node.uniqueId())).stream()
          .map(LineageWarning::toString).toList());
    }
    return full;
  }

  @Test
  void joinOnPartOfTheGrainIsFlaggedWithFileAndLine() {
    TempProject project = shop().file("models/bad_join.sql", """
        select o.order_no, c.name
        from {{ ref('orders_model') }} as o
        join {{ ref('customers_model') }} as c
          on o.member_no = c.member_no
        """);
    assertEquals(List.of("models/bad_join.sql:4: partial key join: customers_model (as c) has"
        + " grain (market, member_no) but is joined on member_no only; add market to the join"
        + " condition"), warnings(project, "bad_join"));
  }

  @Test
  void aCommaJoinOfAParentWithItselfIsChecked() {
    TempProject project = shop().file("models/self_comma.sql", """
        select a.name, b.member_no
        from {{ ref('customers_model') }} as a, {{ ref('customers_model') }} as b
        where a.member_no = b.member_no
        """);
    List<String> expected = List.of("models/self_comma.sql:3: partial key join: customers_model"
        + " (as a) has grain (market, member_no) but is joined on member_no only; add market to"
        + " the join condition");
    assertEquals(expected, warnings(project, "self_comma"));
    assertEquals(expected, quickCheck(project, "self_comma"));
  }

  /** The quick check alone, as compile runs it (it reuses target/partial_key_checks.json). */
  private static List<String> quickCheck(TempProject project, String model) {
    ParseResult parsed = ProjectParser.parse(project.load());
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      return analyzer.partialKeyJoins(List.of("model.shop." + model)).stream()
          .map(LineageWarning::toString).toList();
    }
  }

  @Test
  void aCleanModelIsCheckedAgainWhenAParentsGrainChanges() throws Exception {
    String schema = """
        models:
          - name: customers_model
            config:
              grain: %s
          - name: orders_model
            config:
              grain: [market, order_no]
        """;
    // Customers first declared unique per (member_no, name): orders have no name, so a join on
    // member_no cannot be completed and is not flagged.
    TempProject project = shop()
        .file("models/schema.yml", schema.formatted("[member_no, name]"))
        .file("models/member_orders.sql", """
            select o.order_no, c.name
            from {{ ref('orders_model') }} as o
            join {{ ref('customers_model') }} as c
              on o.member_no = c.member_no
            """);
    assertEquals(List.of(), quickCheck(project, "member_orders"));
    assertTrue(java.nio.file.Files.readString(project.root().resolve("target/"
        + CheckCache.FILE)).contains("model.shop.member_orders"), "the clean result is kept");
    assertEquals(List.of(), quickCheck(project, "member_orders"));

    // Only the parent's YAML changes: member numbers repeat across markets.
    project.file("models/schema.yml", schema.formatted("[market, member_no]"));

    assertEquals(List.of("models/member_orders.sql:4: partial key join: customers_model (as c)"
        + " has grain (market, member_no) but is joined on member_no only; add market to the join"
        + " condition"), quickCheck(project, "member_orders"));
  }

  @Test
  void aModelWithAWarningIsReportedOnEveryRun() {
    TempProject project = shop().file("models/bad_join.sql", """
        select o.order_no, c.name
        from {{ ref('orders_model') }} as o
        join {{ ref('customers_model') }} as c
          on o.member_no = c.member_no
        """);
    List<String> first = quickCheck(project, "bad_join");

    assertEquals(1, first.size(), first::toString);
    assertEquals(first, quickCheck(project, "bad_join"));
  }

  @Test
  void joinOnTheWholeGrainIsSilent() {
    TempProject project = shop().file("models/good_join.sql", """
        select o.order_no, c.name
        from {{ ref('orders_model') }} as o
        join {{ ref('customers_model') }} as c
          on o.member_no = c.member_no
         and o.market = c.market
        """);
    assertEquals(List.of(), warnings(project, "good_join"));
  }

  @Test
  void usingOnPartOfTheGrainIsFlaggedAndOnAllOfItIsNot() {
    TempProject project = shop()
        .file("models/using_bad.sql", """
            select * from {{ ref('orders_model') }}
            join {{ ref('customers_model') }} using (member_no)
            """)
        .file("models/using_good.sql", """
            select * from {{ ref('orders_model') }}
            join {{ ref('customers_model') }} using (market, member_no)
            """);
    assertEquals(1, warnings(project, "using_bad").size());
    assertEquals(List.of(), warnings(project, "using_good"));
  }

  @Test
  void joiningAFactToADimensionOnTheDimensionsWholeKeyIsSilent() {
    // market is part of the orders' grain, but markets has no order_no to complete it with.
    TempProject project = shop().file("models/market_totals.sql", """
        select m.market, count(o.order_no) as orders
        from {{ ref('markets') }} as m
        left join {{ ref('orders_model') }} as o
          on o.market = m.market
        group by m.market
        """);
    assertEquals(List.of(), warnings(project, "market_totals"));
  }

  @Test
  void constantOnTheGrainColumnDoesNotCompleteTheJoin() {
    TempProject project = shop().file("models/uk_only.sql", """
        select o.order_no, c.name
        from {{ ref('orders_model') }} as o
        join {{ ref('customers_model') }} as c
          on o.member_no = c.member_no and c.market = 'UK'
        """);
    assertEquals(1, warnings(project, "uk_only").size());
  }

  @Test
  void grainOfAnImportCteOrAGroupedCteIsChecked() {
    TempProject project = shop().file("models/per_member.sql", """
        with customers as (
            select * from {{ ref('customers_model') }}
        ),
        spend as (
            select market, member_no, sum(amount) as spend
            from {{ ref('orders_model') }}
            group by market, member_no
        )
        select c.name, s.spend
        from customers as c
        join spend as s on s.member_no = c.member_no
        """);
    List<String> warnings = warnings(project, "per_member");
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).startsWith("models/per_member.sql:11: partial key join: CTE"),
        warnings::toString);
  }

  @Test
  void compositeUniqueTestDeclaresTheGrainToo() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "market,order_no,member_no\nUK,1,1001\n")
        .file("seeds/customers.csv", "market,member_no,name\nUK,1001,Olivia\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: customers
                tests:
                  - unique:
                      columns: [market, member_no]
            """)
        .file("models/bad.sql", """
            select o.order_no, c.name
            from {{ ref('orders') }} as o
            {% if true %}
            join {{ ref('customers') }} as c on c.member_no = o.member_no
            {% endif %}
            """);
    assertEquals(List.of("models/bad.sql (compiled line 4): partial key join: customers (as c)"
        + " has grain (market, member_no) but is joined on member_no only; add market to the"
        + " join condition"), warnings(project, "bad"));
  }

  @Test
  void declaringAGrainAddsCompositeUniqueAndNotNullTestsOnce() {
    TempProject project = shop().file("models/schema.yml", """
        models:
          - name: customers_model
            config:
              grain: [market, member_no]
          - name: orders_model
            config:
              grain: [market, order_no]
            tests:
              - unique:
                  columns: [market, order_no]
            columns:
              - name: market
                tests: [not_null]
              - name: order_no
                tests: [not_null]
        """);
    ParseResult parsed = ProjectParser.parse(project.load());
    List<String> tests = parsed.manifest().nodesOf(DataTest.class).stream()
        .map(DataTest::name).sorted().toList();
    assertEquals(List.of("not_null_customers_model_market__member_no",
        "not_null_orders_model_market", "not_null_orders_model_order_no",
        "unique_customers_model_market__member_no", "unique_orders_model_market__order_no"),
        tests);
    DataTest unique = parsed.manifest().nodesOf(DataTest.class).stream()
        .filter(t -> t.name().equals("unique_customers_model_market__member_no")).findFirst()
        .orElseThrow();
    assertEquals("models/schema.yml", unique.file());
    assertEquals(List.of("market", "member_no"), unique.arguments().get("columns"));
  }
}
