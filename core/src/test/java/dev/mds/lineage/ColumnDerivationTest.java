package dev.mds.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mds.TempProject;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How each column of a model is derived from its parents' columns, traced with DuckDB's parser:
 * one line per column, {@code column kind: expression}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColumnDerivationTest {

  private dev.mds.compile.ParseResult parsed;
  private LineageAnalyzer analyzer;

  @BeforeAll
  void analyse(@TempDir Path dir) throws IOException {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "market,order_no,member_no,status,amount\nUK,1,1001,shipped,5.2\n")
        .file("seeds/customers.csv", "market,member_no,first_name,tier\nUK,1001,Olivia,gold\n")
        .file("models/kinds.sql", """
            select
                market,
                member_no as customer_no,
                lower(first_name) as first_name,
                'DE' as country,
                current_date as loaded_on,
                cast(member_no as varchar) as member_text
            from {{ ref('customers') }}
            """)
        .file("models/per_customer.sql", """
            with orders as (
                select market, member_no, count(*) as orders, sum(amount) as revenue,
                       max(amount) as largest
                from {{ ref('orders') }}
                group by market, member_no
            ), named as (
                select market, member_no, upper(status) as status_upper from {{ ref('orders') }}
            )
            select
                c.market,
                c.tier as loyalty_tier,
                coalesce(o.orders, 0) as orders,
                o.revenue,
                o.largest as biggest,
                n.status_upper,
                sum(o.revenue) over (partition by c.market) as market_revenue,
                row_number() over (order by c.member_no) as position,
                (select count(*) from {{ ref('orders') }}) as all_orders
            from {{ ref('customers') }} as c
            left join orders as o on o.market = c.market and o.member_no = c.member_no
            left join named as n on n.market = c.market and n.member_no = c.member_no
            """)
        .file("models/calendar.sql", """
            with spine as (
                select generate_series::date as day
                from generate_series(date '2024-01-01', date '2024-01-03', interval '1 day')
            )
            select day, extract('year' from day)::int as year, r.range as slot
            from spine, range(2) as r
            """)
        .file("models/stacked.sql", """
            select market, member_no from {{ ref('orders') }}
            union all
            select market, member_no from {{ ref('customers') }}
            """);
    parsed = ProjectParser.parse(project.load());
    analyzer = new LineageAnalyzer(parsed, Map.of());
  }

  @AfterAll
  void close() {
    analyzer.close();
  }

  @Test
  void aPlainColumnIsAPassthroughAndAnAliasARename() {
    assertDerivations("kinds", """
        market passthrough
        customer_no rename
        first_name transformed: lower(first_name)
        country constant: 'DE'
        loaded_on constant: current_date
        member_text transformed: CAST(member_no AS VARCHAR)
        """);
  }

  @Test
  void countStarIsAnAggregateNotAConstantAndCtesShowTheirExpressions() {
    assertDerivations("per_customer", """
        market passthrough
        loyalty_tier rename
        orders aggregate: COALESCE(o.orders, 0) ← count(*)
        revenue aggregate: sum(amount)
        biggest aggregate: max(amount)
        status_upper transformed: upper(status)
        market_revenue aggregate: sum(o.revenue) OVER (PARTITION BY c.market) ← sum(amount)
        position transformed: row_number() OVER (ORDER BY c.member_no)
        all_orders aggregate: (SELECT count(*) FROM main.orders)
        """);
  }

  @Test
  void aCastOrChangeOfCaseKeepsTheMeaningOtherTransformationsDoNot() {
    Model node = (Model) parsed.manifest().nodes().get("model.shop.kinds");
    Map<String, Boolean> same = analyzer.lineage(node).columns().stream()
        .collect(Collectors.toMap(ColumnLineage::column, ColumnLineage::sameMeaning));
    assertEquals(Map.of("market", true, "customer_no", true, "first_name", true,
        "country", false, "loaded_on", false, "member_text", true), same);
    Model counted = (Model) parsed.manifest().nodes().get("model.shop.per_customer");
    assertEquals(false, analyzer.lineage(counted).column("orders").orElseThrow().sameMeaning());
    assertEquals(true, analyzer.lineage(counted).column("loyalty_tier").orElseThrow()
        .sameMeaning());
    assertEquals(true, analyzer.lineage(counted).column("status_upper").orElseThrow()
        .sameMeaning(), "upper() in a CTE, passed on by the outer query, still respells status");
    assertEquals(false, analyzer.lineage(counted).column("revenue").orElseThrow().sameMeaning());
  }

  @Test
  void aDateSpineFromGenerateSeriesOrRangeIsTracedNotUnknown() {
    // DuckDB names the column of range() and generate_series() after the function: the spine's
    // values come from the arguments alone, as with an alias list (generate_series(...) t(d)).
    assertDerivations("calendar", """
        day constant: CAST(generate_series AS DATE)
        year constant: CAST(main.date_part('year', "day") AS INTEGER)
        slot constant: "range"(2)
        """);
    Model node = (Model) parsed.manifest().nodes().get("model.shop.calendar");
    assertEquals(java.util.List.of(), analyzer.lineage(node).unknown());
  }

  @Test
  void aUnionOfPlainColumnsStaysAPassthrough() {
    assertDerivations("stacked", """
        market passthrough
        member_no passthrough
        """);
  }

  @Test
  void sourcesAloneClassifyWhenNoKindIsGiven() {
    ColumnRef a = new ColumnRef("seed.shop.orders", "amount");
    assertEquals(ColumnLineage.Kind.PASSTHROUGH,
        new ColumnLineage("m", "AMOUNT", java.util.List.of(a), true).kind());
    assertEquals(ColumnLineage.Kind.RENAME,
        new ColumnLineage("m", "total", java.util.List.of(a), true).kind());
    assertEquals(ColumnLineage.Kind.CONSTANT,
        new ColumnLineage("m", "x", java.util.List.of(), true).kind());
    assertEquals(ColumnLineage.Kind.UNKNOWN,
        new ColumnLineage("m", "x", java.util.List.of(), false).kind());
  }

  private void assertDerivations(String model, String expected) {
    Model node = (Model) parsed.manifest().nodes().get("model.shop." + model);
    String actual = analyzer.lineage(node).columns().stream()
        .map(c -> c.column() + " " + c.kind().label()
            + (c.expression().isEmpty() ? "" : ": " + c.expression()))
        .collect(Collectors.joining("\n", "", "\n"));
    assertEquals(expected, actual);
  }
}
