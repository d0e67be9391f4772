package dev.mds.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Source;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column lineage over the real-shaped models in {@code src/test/resources/lineage/}, traced with
 * DuckDB's parser and compared column by column, in order, with what a reader of the SQL expects.
 * A line reads {@code column <- parent.column, ...}; {@code (unknown)} marks lineage that could not
 * be traced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColumnLineageCorpusTest {

  private ParseResult parsed;
  private LineageAnalyzer analyzer;

  @BeforeAll
  void analyseCorpus(@TempDir Path dir) throws IOException, URISyntaxException {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", """
            market,order_no,member_no,order_date,status,amount
            UK,1,1001,2024-03-01,shipped,54.20
            """)
        .file("seeds/customers.csv", """
            market,member_no,first_name,tier,signup_date
            UK,1001,Olivia,gold,2023-01-15
            """)
        .file("seeds/markets.csv", "market,country,eur_rate,usd_rate\nUK,United Kingdom,1.17,1.27\n")
        .file("models/sources.yml", """
            sources:
              - name: crm
                tables:
                  - name: payments
                    columns:
                      - name: payment_id
                      - name: market
                      - name: member_no
                      - name: amount
            """);
    Path corpus = Path.of(getClass().getResource("/lineage").toURI());
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path file : files.toList()) {
        project.file("models/" + file.getFileName(), Files.readString(file));
      }
    }
    parsed = ProjectParser.parse(project.load());
    analyzer = new LineageAnalyzer(parsed, Map.of());
  }

  @AfterAll
  void close() {
    analyzer.close();
  }

  @Test
  void renamesAndCastsTraceToTheSeedColumn() {
    assertLineage("stg_orders", """
        market <- orders.market
        order_no <- orders.order_no
        member_no <- orders.member_no
        order_date <- orders.order_date
        status <- orders.status
        amount_local <- orders.amount
        """);
  }

  @Test
  void starWithExcludeAndReplaceExpandsTheCsvHeader() {
    assertLineage("stg_customers", """
        market <- customers.market
        member_no <- customers.member_no
        first_name <- customers.first_name
        signup_date <- customers.signup_date
        loyalty_tier <- customers.tier
        """);
  }

  @Test
  void starOverASourceUsesItsDeclaredColumns() {
    assertLineage("stg_payments", """
        payment_id <- crm.payments.payment_id
        market <- crm.payments.market
        member_no <- crm.payments.member_no
        amount <- crm.payments.amount
        amount_cents <- crm.payments.amount
        """);
  }

  @Test
  void ctesAliasesAggregatesAndGroupByAll() {
    assertLineage("customer_orders", """
        market <- stg_customers.market
        member_no <- stg_customers.member_no
        customer_name <- stg_customers.first_name
        orders <-
        revenue <- stg_orders.amount_local
        largest_order <- stg_orders.amount_local
        """);
  }

  @Test
  void windowFunctionsReadArgumentsPartitionsAndOrderingAndQualifyOnlyFilters() {
    assertLineage("orders_ranked", """
        market <- stg_orders.market
        member_no <- stg_orders.member_no
        order_no <- stg_orders.order_no
        amount_local <- stg_orders.amount_local
        recency <- stg_orders.market, stg_orders.member_no, stg_orders.order_date
        market_total <- stg_orders.amount_local, stg_orders.market
        doubled <- stg_orders.amount_local
        """);
  }

  @Test
  void unionTakesNamesFromTheFirstQueryAndSourcesFromBoth() {
    assertLineage("all_activity", """
        market <- stg_customers.market, stg_orders.market
        member_no <- stg_customers.member_no, stg_orders.member_no
        activity_date <- stg_customers.signup_date, stg_orders.order_date
        kind <-
        """);
  }

  @Test
  void pivotStatementWithAnInList() {
    assertLineage("revenue_by_status", """
        market <- stg_orders.market
        placed <- stg_orders.amount_local, stg_orders.status
        shipped <- stg_orders.amount_local, stg_orders.status
        returned <- stg_orders.amount_local, stg_orders.status
        """);
  }

  @Test
  void pivotClauseWithTwoAggregatesNamesColumnsValueThenAggregate() {
    assertLineage("orders_by_status", """
        market <- stg_orders.market
        placed_orders <- stg_orders.status
        placed_revenue <- stg_orders.amount_local, stg_orders.status
        shipped_orders <- stg_orders.status
        shipped_revenue <- stg_orders.amount_local, stg_orders.status
        """);
  }

  @Test
  void pivotWithoutAnInListIsUnknown() {
    ModelLineage lineage = lineage("status_columns_dynamic");
    assertFalse(lineage.columnsKnown());
    assertTrue(lineage.columns().isEmpty());
    assertTrue(lineage.unknown().get(0).contains("DuckDB cannot analyse"), lineage.unknown()::toString);
  }

  @Test
  void unpivotKeepsOtherColumnsAndFoldsTheListedOnes() {
    assertLineage("market_rates", """
        market <- markets.market
        country <- markets.country
        currency <-
        rate <- markets.eur_rate, markets.usd_rate
        """);
  }

  @Test
  void starOverAUsingJoinGivesSharedColumnsOnceFromBothSides() {
    assertLineage("orders_wide", """
        market <- stg_customers.market, stg_orders.market
        order_no <- stg_orders.order_no
        member_no <- stg_customers.member_no, stg_orders.member_no
        order_date <- stg_orders.order_date
        status <- stg_orders.status
        amount_local <- stg_orders.amount_local
        first_name <- stg_customers.first_name
        signup_date <- stg_customers.signup_date
        loyalty_tier <- stg_customers.loyalty_tier
        """);
  }

  @Test
  void ephemeralModelsAreParentsAndScalarSubqueriesGiveTheirValue() {
    assertLineage("int_member_totals", """
        market <- stg_orders.market
        member_no <- stg_orders.member_no
        total <- stg_orders.amount_local
        """);
    assertLineage("member_totals", """
        market <- int_member_totals.market
        member_no <- int_member_totals.member_no
        total <- int_member_totals.total
        first_name <- stg_customers.first_name
        eur_rate <- markets.eur_rate
        """);
  }

  @Test
  void columnsRegexStructFieldsLateralUnnestAndKeywordFunctions() {
    assertLineage("orders_extras", """
        market <- stg_orders.market
        member_no <- stg_orders.member_no
        detail <- stg_orders.amount_local, stg_orders.order_no
        detail_amount <- stg_orders.amount_local, stg_orders.order_no
        part <- stg_orders.order_date
        loaded_on <-
        """);
  }

  @Test
  void recursiveCteFollowsTheRecursiveStep() {
    assertLineage("order_days", """
        day <- stg_orders.order_date
        """);
  }

  @Test
  void tableNotInTheProjectIsUnknownAndReadingASeedByNameIsTraced() {
    assertLineage("legacy_orders", """
        market <- orders.market
        order_no <- orders.order_no
        event_type <- (unknown)
        """);
  }

  @Test
  void readsThatBypassRefOrSourceAreWarningsNamingTheFileAndLine() {
    List<String> warnings = analyzer.warnings(model("legacy_orders")).stream()
        .map(LineageWarning::toString).toList();
    assertEquals(List.of(
        "models/legacy_orders.sql:3: reads \"main\".\"orders\" by name instead of through"
            + " {{ ref('orders') }}, so mds does not know it depends on orders and may build it"
            + " later",
        "models/legacy_orders.sql:4: reads \"raw\".\"events\", which is no model, seed or source"
            + " of this project; declare it as a source and use {{ source(...) }}"),
        warnings);
    assertEquals(List.of(), analyzer.warnings(model("customer_orders")));
  }

  @Test
  void downstreamFindsEveryColumnComputedFromAColumn() {
    ProjectLineage all = analyzer.lineage();
    List<String> children = all.downstream(new ColumnRef("model.shop.stg_orders",
        "amount_local")).stream().map(c -> display(c)).toList();
    assertEquals(List.of("customer_orders.largest_order", "customer_orders.revenue",
        "int_member_totals.total", "orders_by_status.placed_revenue",
        "orders_by_status.shipped_revenue", "orders_extras.detail",
        "orders_extras.detail_amount", "orders_ranked.amount_local",
        "orders_ranked.doubled", "orders_ranked.market_total", "orders_wide.amount_local",
        "revenue_by_status.placed", "revenue_by_status.returned", "revenue_by_status.shipped"),
        children);
  }

  private Model model(String name) {
    return (Model) parsed.manifest().node("model.shop." + name).orElseThrow();
  }

  private ModelLineage lineage(String name) {
    return analyzer.lineage(model(name));
  }

  private void assertLineage(String model, String expected) {
    ModelLineage lineage = lineage(model);
    String actual = lineage.columns().stream()
        .map(c -> (c.column() + " <- " + (c.complete() ? "" : "(unknown) ")
            + c.sources().stream().map(this::display).collect(Collectors.joining(", "))).strip())
        .collect(Collectors.joining("\n", "", "\n"));
    assertEquals(expected.lines().map(String::strip).collect(Collectors.joining("\n", "", "\n")),
        actual, () -> model + " (unknown: " + lineage.unknown() + ")");
    assertEquals(expected.contains("(unknown)"), !lineage.complete(), lineage.unknown()::toString);
  }

  private String display(ColumnRef ref) {
    Node node = parsed.manifest().node(ref.node()).orElseThrow();
    String name = node instanceof Source s ? s.sourceName() + "." + s.name() : node.name();
    return name + "." + ref.column();
  }
}
