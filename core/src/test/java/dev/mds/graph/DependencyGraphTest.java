package dev.mds.graph;

import static dev.mds.graph.TestNodes.id;
import static dev.mds.graph.TestNodes.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  @Test
  void cycleErrorPrintsThePathAndTheFiles() {
    List<Node> nodes = List.of(model("a", id("b")), model("b", id("a")), model("c", id("a")));

    MdsException e = assertThrows(MdsException.class, () -> DependencyGraph.of(nodes));

    assertTrue(e.getMessage().contains("dependency cycle: a -> b -> a"), e.getMessage());
    assertTrue(e.getMessage().contains("models/a.sql"), e.getMessage());
    assertTrue(e.getMessage().contains("models/b.sql"), e.getMessage());
  }

  @Test
  void aLongerCycleIsPrintedInDependencyOrder() {
    // x depends on z, y on x, z on y: x feeds y, y feeds z, z feeds x.
    List<Node> nodes = List.of(model("x", id("z")), model("y", id("x")), model("z", id("y")),
        model("ok"));

    MdsException e = assertThrows(MdsException.class, () -> DependencyGraph.of(nodes));

    assertTrue(e.getMessage().contains("x -> y -> z -> x"), e.getMessage());
  }

  @Test
  void aModelReferringToItselfIsACycle() {
    MdsException e = assertThrows(MdsException.class,
        () -> DependencyGraph.of(List.of(model("loop", id("loop")))));

    assertTrue(e.getMessage().contains("loop -> loop"), e.getMessage());
  }

  @Test
  void topologicalOrderPutsParentsFirstAndBreaksTiesByUniqueId() {
    List<Node> nodes = List.of(
        model("report", id("orders"), id("customers")),
        model("orders", id("stg_orders")),
        model("customers", id("stg_customers")),
        model("stg_orders"),
        model("stg_customers"),
        model("aardvark"));

    List<String> order = DependencyGraph.of(nodes).topologicalOrder();

    assertEquals(List.of(id("aardvark"), id("stg_customers"), id("customers"), id("stg_orders"),
        id("orders"), id("report")), order);
  }

  @Test
  void topologicalOrderIsTheSameWhateverTheInputOrder() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      nodes.add(i == 0 ? model("m00") : model(String.format("m%02d", i),
          id(String.format("m%02d", i / 3))));
    }
    List<String> expected = DependencyGraph.of(nodes).topologicalOrder();
    Random random = new Random(42);

    for (int round = 0; round < 20; round++) {
      Collections.shuffle(nodes, random);
      assertEquals(expected, DependencyGraph.of(nodes).topologicalOrder());
    }
  }

  @Test
  void ancestorsAndDescendantsHonourDepth() {
    DependencyGraph graph = DependencyGraph.of(List.of(model("a"), model("b", id("a")),
        model("c", id("b")), model("d", id("c"))));

    assertEquals(Set.of(id("c")), graph.ancestors(id("d"), 1));
    assertEquals(Set.of(id("c"), id("b")), graph.ancestors(id("d"), 2));
    assertEquals(Set.of(id("a"), id("b"), id("c")), graph.ancestors(id("d"), Integer.MAX_VALUE));
    assertEquals(Set.of(id("b"), id("c"), id("d")), graph.descendants(id("a"), Integer.MAX_VALUE));
    assertEquals(Set.of(id("b")), graph.children(id("a")));
    assertEquals(Set.of(id("a")), graph.parents(id("b")));
  }
}
