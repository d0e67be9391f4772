package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout of large graphs (ours, above 500 nodes) and the layout cache in target/. */
class LayeredLayoutTest {

  @TempDir
  Path dir;

  /** 2 seeds, then 600 models each reading one or two earlier ones, some many layers back. */
  private static List<String> ids() {
    List<String> ids = new ArrayList<>(List.of("seed.a", "seed.b"));
    for (int i = 0; i < 600; i++) {
      ids.add("m" + i);
    }
    return ids;
  }

  private static List<LineageLayout.Link> links() {
    List<LineageLayout.Link> links = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      links.add(new LineageLayout.Link(i < 20 ? (i % 2 == 0 ? "seed.a" : "seed.b")
          : "m" + (i - 1 - i % 20), "m" + i));
      if (i % 7 == 0 && i > 100) {
        links.add(new LineageLayout.Link("m" + (i - 97), "m" + i));
      }
      if (i == 599) {
        links.add(new LineageLayout.Link("seed.a", "m" + i));
      }
    }
    return links;
  }

  @Test
  void largeGraphsGoLeftToRightAndNoEdgeRunsBeneathABox() {
    LaidOutGraph graph = LineageLayout.layout(ids(), Set.of("seed.a", "seed.b"), links());

    assertEquals(602, graph.nodes().size());
    assertEquals(0, graph.nodes().get(0).layer());
    assertEquals(0, graph.nodes().get(1).layer());
    double w = LineageLayout.NODE_WIDTH;
    double h = LineageLayout.NODE_HEIGHT;
    var placed = new java.util.HashMap<String, LaidOutGraph.Placed>();
    graph.nodes().forEach(p -> placed.put(p.id(), p));
    Set<String> boxes = new HashSet<>();
    for (LaidOutGraph.Placed p : graph.nodes()) {
      assertTrue(boxes.add(Math.round(p.x()) + "," + Math.round(p.y())), "two boxes at " + p);
    }
    int longEdges = 0;
    for (LaidOutGraph.Route route : graph.edges()) {
      double[] pts = route.points();
      LaidOutGraph.Placed from = placed.get(route.from());
      LaidOutGraph.Placed to = placed.get(route.to());
      assertTrue(to.layer() > from.layer(), route.toString());
      assertEquals(from.x() + w, pts[0], 0.5);
      assertEquals(to.x(), pts[pts.length - 2], 0.5);
      longEdges += pts.length > 4 ? 1 : 0;
      // Inside a column an edge runs level through its slot: no box may cover that height there.
      for (int k = 2; k + 3 < pts.length; k += 4) {
        double x = pts[k];
        double y = pts[k + 1];
        assertEquals(y, pts[k + 3], 0.01, "level through the column");
        for (LaidOutGraph.Placed p : graph.nodes()) {
          boolean sameColumn = Math.abs(p.x() - x) < 0.5;
          assertFalse(sameColumn && y > p.y() && y < p.y() + h,
              route.from() + " -> " + route.to() + " passes beneath " + p.id());
        }
      }
    }
    assertTrue(longEdges > 50, "the graph has edges that skip layers: " + longEdges);
  }

  @Test
  void aSecondLayoutOfTheSameGraphComesFromTheCache() throws Exception {
    Path cache = dir.resolve(LayoutCache.FILE);
    LaidOutGraph first = LineageLayout.start(ids(), Set.of("seed.a"), links(), cache).get();
    byte[] digest = LayoutCache.digest(ids(), Set.of("seed.a"), links());
    Optional<LaidOutGraph> cached = LayoutCache.read(cache, digest, ids());

    assertTrue(cached.isPresent(), "written beside the artifacts");
    assertEquals(first.nodes().size(), cached.get().nodes().size());
    for (int i = 0; i < first.nodes().size(); i++) {
      assertEquals(first.nodes().get(i).x(), cached.get().nodes().get(i).x(), 0.01);
      assertEquals(first.nodes().get(i).y(), cached.get().nodes().get(i).y(), 0.01);
      assertEquals(first.nodes().get(i).layer(), cached.get().nodes().get(i).layer());
    }
    assertEquals(first.edges().size(), cached.get().edges().size());
    assertArrayEquals(first.edges().get(7).points(), cached.get().edges().get(7).points(), 0.01);
    LaidOutGraph second = LineageLayout.start(ids(), Set.of("seed.a"), links(), cache).get();
    assertEquals(first.width(), second.width(), 0.01);

    List<LineageLayout.Link> changed = new ArrayList<>(links());
    changed.add(new LineageLayout.Link("m3", "m500"));
    assertTrue(LayoutCache.read(cache, LayoutCache.digest(ids(), Set.of("seed.a"), changed), ids())
        .isEmpty(), "another graph does not read this layout");
    LaidOutGraph relaid = LineageLayout.start(ids(), Set.of("seed.a"), changed, cache).get();
    assertEquals(first.edges().size() + 1, relaid.edges().size());
  }
}
