package dev.mds.graph;

import static dev.mds.graph.TestNodes.id;
import static dev.mds.graph.TestNodes.model;
import static dev.mds.graph.TestNodes.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code state:} and {@code result:} selectors against a given {@link SelectionState}. */
class SelectorStateTest {

  private static final String RAW_ORDERS = "seed.shop.raw_orders";

  /*
   * raw_orders (seed) -> stg_orders -> fct_orders -> report
   *                                 -> orders_by_day
   * new_model is new; other stands alone.
   */
  private final Manifest manifest = new Manifest("shop", List.of(
      seed("raw_orders", Map.of()),
      model("staging", "stg_orders", Map.of("materialized", "view"), RAW_ORDERS),
      model("marts", "fct_orders", Map.of("tags", List.of("marts")), id("stg_orders")),
      model("marts", "orders_by_day", Map.of("tags", List.of("marts")), id("stg_orders")),
      model("marts", "report", Map.of(), id("fct_orders")),
      model("marts", "new_model", Map.of(), id("fct_orders")),
      model("marts", "other", Map.of())), Map.of(), Map.of());

  private final SelectionState state = new SelectionState(
      Set.of(id("new_model")),
      Map.of(id("stg_orders"), Set.of("body"),
          id("orders_by_day"), Set.of("configs", "descriptions"),
          id("other"), Set.of("macros")),
      Map.of(RAW_ORDERS, "success", id("stg_orders"), "success", id("fct_orders"), "error",
          id("report"), "skipped", id("new_model"), "skipped", id("orders_by_day"), "success"));

  private Set<String> names(String... select) {
    return names(List.of(select), List.of());
  }

  private Set<String> names(List<String> select, List<String> exclude) {
    Set<String> names = new TreeSet<>();
    for (String uniqueId : Selector.of(select, exclude, Optional.of(state)).select(manifest)
        .uniqueIds()) {
      names.add(manifest.nodes().get(uniqueId).name());
    }
    return names;
  }

  private static Set<String> set(String... names) {
    return new TreeSet<>(Arrays.asList(names));
  }

  @Test
  void stateModifiedSelectsEveryKindOfChange() {
    assertEquals(set("orders_by_day", "other", "stg_orders"), names("state:modified"));
  }

  @Test
  void stateModifiedKindSelectsOnlyThatKind() {
    assertEquals(set("stg_orders"), names("state:modified.body"));
    assertEquals(set("orders_by_day"), names("state:modified.configs"));
    assertEquals(set("orders_by_day"), names("state:modified.descriptions"));
    assertEquals(set("other"), names("state:modified.macros"));
  }

  @Test
  void graphOperatorsApplyToStateSelectors() {
    assertEquals(set("fct_orders", "new_model", "orders_by_day", "report", "stg_orders"),
        names("state:modified.body+"));
    assertEquals(set("raw_orders", "stg_orders"), names("+state:modified.body"));
    assertEquals(set("fct_orders", "orders_by_day", "stg_orders"),
        names("state:modified.body+1"));
  }

  @Test
  void stateNewSelectsOnlyNewNodes() {
    assertEquals(set("new_model"), names("state:new"));
  }

  @Test
  void stateSelectorsCombineWithOthers() {
    assertEquals(set("fct_orders", "orders_by_day"), names("state:modified.body+,tag:marts"));
    assertEquals(set("new_model", "orders_by_day", "other", "stg_orders"),
        names("state:modified", "state:new"));
    assertEquals(set("fct_orders", "new_model", "orders_by_day", "report"),
        names(List.of("state:modified.body+"), List.of("state:modified.body")));
  }

  @Test
  void resultSelectorsReadThePreviousStatuses() {
    assertEquals(set("fct_orders"), names("result:error"));
    assertEquals(set("new_model", "report"), names("result:skipped"));
    assertEquals(set("fct_orders", "new_model", "report"), names("result:error+"));
    assertEquals(set(), names("result:fail"));
  }

  @Test
  void stateAndResultSelectorsWithoutStateAreErrorsNamingTheFlag() {
    for (String selector : List.of("state:modified", "state:new+", "result:error")) {
      MdsException e = assertThrows(MdsException.class,
          () -> Selector.of(List.of(selector), List.of()));
      assertTrue(e.getMessage().contains(selector) && e.getMessage().contains("--state"),
          e.getMessage());
    }
    MdsException excluded = assertThrows(MdsException.class,
        () -> Selector.of(List.of("other"), List.of("state:modified")));
    assertTrue(excluded.getMessage().contains("--state"), excluded.getMessage());
  }

  @Test
  void unknownStateValuesAreErrorsListingTheKinds() {
    for (String selector : List.of("state:old", "state:modified.sql", "state:modified.")) {
      MdsException e = assertThrows(MdsException.class,
          () -> Selector.of(List.of(selector), List.of(), Optional.of(state)));
      assertTrue(e.getMessage().contains("body") && e.getMessage().contains("macros"),
          e.getMessage());
    }
  }
}
