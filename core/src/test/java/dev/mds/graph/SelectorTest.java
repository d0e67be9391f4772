package dev.mds.graph;

import static dev.mds.graph.TestNodes.id;
import static dev.mds.graph.TestNodes.model;
import static dev.mds.graph.TestNodes.seed;
import static dev.mds.graph.TestNodes.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SelectorTest {

  private static final String RAW_ORDERS = "seed.shop.raw_orders";
  private static final String ERP_CUSTOMERS = "source.shop.erp.customers";

  /*
   * raw_orders (seed) -> stg_orders -> int_orders -> fct_orders -> report
   * erp.customers (source) -> stg_customers ------^
   * other stands alone.
   */
  private final Manifest manifest = new Manifest("shop", List.of(
      seed("raw_orders", Map.of("tags", List.of("raw"))),
      source("erp", "customers"),
      model("staging", "stg_orders", Map.of("materialized", "view", "tags", List.of("staging")),
          RAW_ORDERS),
      model("staging", "stg_customers", Map.of("materialized", "view", "tags", List.of("staging")),
          ERP_CUSTOMERS),
      model("intermediate", "int_orders", Map.of("materialized", "ephemeral"), id("stg_orders")),
      model("marts", "fct_orders", Map.of("materialized", "table", "tags", List.of("marts")),
          id("int_orders"), id("stg_customers")),
      model("marts/finance", "report",
          Map.of("materialized", "table", "tags", List.of("marts", "finance")), id("fct_orders")),
      model("marts", "other", Map.of())), Map.of(), Map.of());

  private Set<String> select(String... select) {
    return Selector.of(List.of(select), List.of()).select(manifest).uniqueIds();
  }

  /** Names of the selected nodes, sorted, so failures read well. */
  private Set<String> names(String... select) {
    Set<String> names = new TreeSet<>();
    for (String id : select(select)) {
      names.add(manifest.nodes().get(id).name());
    }
    return names;
  }

  private static Set<String> set(String... names) {
    return new TreeSet<>(Arrays.asList(names));
  }

  @Test
  void noSelectionMeansEveryNode() {
    assertEquals(manifest.nodes().keySet(), Selector.all().select(manifest).uniqueIds());
  }

  @Test
  void aNameSelectsThatNode() {
    assertEquals(set("fct_orders"), names("fct_orders"));
  }

  @Test
  void aNameDoesNotSelectASourceTableOfTheSameName() {
    Manifest withTwin = new Manifest("shop", List.of(source("erp", "customers"),
        model("customers", ERP_CUSTOMERS)), Map.of(), Map.of());

    Set<String> ids = Selector.of(List.of("customers"), List.of()).select(withTwin).uniqueIds();
    Set<String> all = Selector.of(List.of("*"), List.of()).select(withTwin).uniqueIds();

    assertEquals(Set.of(id("customers")), ids);
    assertEquals(Set.of(id("customers")), all);
  }

  @Test
  void aWildcardNameSelectsEveryMatch() {
    assertEquals(set("stg_customers", "stg_orders"), names("stg_*"));
  }

  @Test
  void plusBeforeANameAddsAllAncestors() {
    assertEquals(set("fct_orders", "int_orders", "stg_orders", "raw_orders", "stg_customers",
        "customers"), names("+fct_orders"));
  }

  @Test
  void plusAfterANameAddsAllDescendants() {
    assertEquals(set("stg_orders", "int_orders", "fct_orders", "report"), names("stg_orders+"));
  }

  @Test
  void aDepthBeforePlusLimitsAncestors() {
    assertEquals(set("fct_orders", "int_orders", "stg_customers"), names("1+fct_orders"));
    assertEquals(set("fct_orders", "int_orders", "stg_customers", "stg_orders", "customers"),
        names("2+fct_orders"));
  }

  @Test
  void aDepthAfterPlusLimitsDescendants() {
    assertEquals(set("stg_orders", "int_orders"), names("stg_orders+1"));
    assertEquals(set("stg_orders", "int_orders", "fct_orders"), names("stg_orders+2"));
  }

  @Test
  void atSelectsDescendantsAndAllTheirAncestors() {
    assertEquals(set("int_orders", "fct_orders", "report", "stg_orders", "raw_orders",
        "stg_customers", "customers"), names("@int_orders"));
  }

  @Test
  void tagSelectsNodesCarryingTheTag() {
    assertEquals(set("fct_orders", "report"), names("tag:marts"));
    assertEquals(set("raw_orders"), names("tag:raw"));
  }

  @Test
  void pathSelectsAFolderOrAFile() {
    assertEquals(set("stg_customers", "stg_orders"), names("path:models/staging"));
    assertEquals(set("report"), names("path:models/marts/finance/"));
    assertEquals(set("fct_orders"), names("path:models/marts/fct_orders.sql"));
    assertEquals(set("raw_orders"), names("path:seeds"));
  }

  @Test
  void aBareValueWithASlashIsAPath() {
    assertEquals(set("stg_customers", "stg_orders"), names("models/staging"));
  }

  @Test
  void folderNamesSelectTheirModelsByFullyQualifiedName() {
    assertEquals(set("report"), names("marts.finance"));
    assertEquals(set("stg_customers", "stg_orders"), names("shop.staging"));
    assertEquals(set("fct_orders", "other", "report"), names("fqn:marts"));
  }

  @Test
  void resourceTypeSelectsByKind() {
    assertEquals(set("raw_orders"), names("resource_type:seed"));
    assertEquals(set("customers"), names("resource_type:source"));
    assertEquals(6, select("resource_type:model").size());
  }

  @Test
  void configMaterializedSelectsByMaterialization() {
    assertEquals(set("fct_orders", "report"), names("config.materialized:table"));
    assertEquals(set("int_orders"), names("config.materialized:ephemeral"));
    assertEquals(set("stg_customers", "stg_orders", "other"), names("config.materialized:view"));
  }

  @Test
  void sourceSelectsASourceOrOneOfItsTables() {
    assertEquals(Set.of(ERP_CUSTOMERS), select("source:erp"));
    assertEquals(Set.of(ERP_CUSTOMERS), select("source:erp.customers"));
    assertEquals(set("customers", "stg_customers", "fct_orders", "report"), names("source:erp+"));
  }

  @Test
  void spaceSeparatedCriteriaAreAUnion() {
    assertEquals(set("stg_orders", "report", "raw_orders"), names("stg_orders report", "raw_orders"));
  }

  @Test
  void commaSeparatedCriteriaAreAnIntersection() {
    assertEquals(set("report"), names("tag:marts,path:models/marts/finance"));
    assertEquals(set("fct_orders", "int_orders"), names("+fct_orders,resource_type:model,tag:marts",
        "int_orders"));
  }

  @Test
  void excludeRemovesNodesFromTheSelection() {
    Selector selector = Selector.of(List.of("+report"), List.of("tag:staging", "raw_orders"));

    Set<String> ids = selector.select(manifest).uniqueIds();
    Set<String> names = new TreeSet<>();
    ids.forEach(id -> names.add(manifest.nodes().get(id).name()));

    assertEquals(set("report", "fct_orders", "int_orders", "customers"), names);
  }

  @Test
  void excludeAloneStartsFromEveryNode() {
    Set<String> ids = Selector.of(List.of(), List.of("resource_type:model")).select(manifest)
        .uniqueIds();

    assertEquals(Set.of(RAW_ORDERS, ERP_CUSTOMERS), ids);
  }

  @Test
  void theSelectionComesInTopologicalOrder() {
    List<String> ids = new ArrayList<>(select("+report"));

    assertEquals(ids, manifest.graph().topologicalOrder().stream().filter(ids::contains).toList());
    assertEquals(id("report"), ids.get(ids.size() - 1));
  }

  @Test
  void criteriaThatMatchNothingAreReported() {
    Selector.Selection selection = Selector.of(List.of("fct_orders nope tag:none"), List.of())
        .select(manifest);

    assertEquals(List.of("nope", "tag:none"), selection.unmatched());
    assertEquals(Set.of(id("fct_orders")), selection.uniqueIds());
  }

  @Test
  void anUnknownMethodIsAnErrorListingTheKnownOnes() {
    MdsException e = assertThrows(MdsException.class,
        () -> Selector.of(List.of("colour:red"), List.of()));

    assertTrue(e.getMessage().contains("unknown method 'colour'"), e.getMessage());
    assertTrue(e.getMessage().contains("tag"), e.getMessage());
  }

  @Test
  void anUnreadableSelectorIsAnError() {
    assertThrows(MdsException.class, () -> Selector.of(List.of("@+orders"), List.of()));
    assertThrows(MdsException.class, () -> Selector.of(List.of("tag:"), List.of()));
  }
}
