package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LineageLayoutTest {

  private static LineageLayout.Link link(String from, String to) {
    return new LineageLayout.Link(from, to);
  }

  @Test
  void laysOutLeftToRightWithSourcesAndSeedsInTheFirstLayer() {
    LaidOutGraph graph = LineageLayout.layout(List.of("seed", "a", "b", "c", "d", "source"),
        Set.of("seed", "source"), List.of(link("seed", "a"), link("a", "b"), link("a", "c"),
            link("b", "d"), link("c", "d"), link("source", "d")));

    Map<String, LaidOutGraph.Placed> placed = graph.nodes().stream()
        .collect(Collectors.toMap(LaidOutGraph.Placed::id, Function.identity()));
    assertEquals(0, placed.get("seed").layer());
    assertEquals(0, placed.get("source").layer(), "sources sit on the left, not beside d");
    assertEquals(1, placed.get("a").layer());
    assertEquals(2, placed.get("b").layer());
    assertEquals(2, placed.get("c").layer());
    assertEquals(3, placed.get("d").layer());
    assertTrue(placed.get("a").x() > placed.get("seed").x());
    assertTrue(placed.get("d").x() > placed.get("b").x());
    assertEquals(6, graph.edges().size());
    for (LaidOutGraph.Route route : graph.edges()) {
      double[] p = route.points();
      assertEquals(placed.get(route.from()).x() + LineageLayout.NODE_WIDTH, p[0], 0.5,
          route.toString());
      assertEquals(placed.get(route.to()).x(), p[p.length - 2], 0.5, route.toString());
    }
    assertTrue(graph.width() >= 4 * LineageLayout.NODE_WIDTH);
  }

  @Test
  void aLongChainDoesNotOverflowTheStack() {
    List<String> ids = new ArrayList<>();
    List<LineageLayout.Link> links = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      ids.add("m" + i);
      if (i > 0) {
        links.add(link("m" + (i - 1), "m" + i));
      }
    }

    LaidOutGraph graph = LineageLayout.layout(ids, Set.of(), links);

    assertEquals(3_000, graph.nodes().size());
    assertEquals(2_999, graph.nodes().get(2_999).layer());
  }

  @Test
  void anEmptyProjectHasAnEmptyGraph() {
    LaidOutGraph graph = LineageLayout.layout(List.of(), Set.of(), List.of());

    assertTrue(graph.nodes().isEmpty());
  }
}
