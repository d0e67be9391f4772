package dev.mds.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.graph.DependencyGraph;
import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import dev.mds.project.NodeConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler on small graphs, with work that records what ran instead of touching DuckDB. */
@Timeout(20)
class SchedulerTest {

  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, NodeResult> told = new ConcurrentHashMap<>();

  @Test
  void independentNodesRunInParallel() {
    DependencyGraph graph = graph(node("a"), node("b"), node("c"));
    CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);

    Map<String, NodeResult> results = run(new Scheduler(3, false), List.of("a", "b", "c"), graph,
        id -> {
          try {
            // Passes only if all three are running at the same time.
            allThreeAtOnce.await(5, TimeUnit.SECONDS);
            return ok(id);
          } catch (Exception e) {
            return error(id);
          }
        });

    assertEquals(Map.of("a", RunStatus.SUCCESS, "b", RunStatus.SUCCESS, "c", RunStatus.SUCCESS),
        statuses(results));
  }

  @Test
  void childStartsOnlyAfterItsParentsFinish() {
    DependencyGraph graph = graph(node("a"), node("b"), node("c", "a", "b"));
    List<String> events = Collections.synchronizedList(new ArrayList<>());

    run(new Scheduler(4, false), List.of("a", "b", "c"), graph, id -> {
      events.add("start " + id);
      sleep(id.equals("c") ? 0 : 100);
      events.add("end " + id);
      return ok(id);
    });

    int startC = events.indexOf("start c");
    assertTrue(events.indexOf("end a") < startC && events.indexOf("end b") < startC,
        events.toString());
  }

  @Test
  void failureSkipsOnlyItsDescendantsAlsoThroughUnselectedNodes() {
    // a -> b (not selected) -> c;  a -> d;  e is unrelated.
    DependencyGraph graph = graph(node("a"), node("b", "a"), node("c", "b"), node("d", "a"),
        node("e"));

    Map<String, NodeResult> results = run(new Scheduler(2, false), List.of("a", "c", "d", "e"),
        graph, id -> id.equals("a") ? error(id) : ok(id));

    assertEquals(Map.of("a", RunStatus.ERROR, "c", RunStatus.SKIPPED, "d", RunStatus.SKIPPED,
        "e", RunStatus.SUCCESS), statuses(results));
    assertEquals(List.of("a", "e"), sorted(ran));
    assertTrue(results.get("c").message().contains("a"), results.get("c").message());
    assertEquals(statuses(results), statuses(told), "every result is reported as it happens");
  }

  @Test
  void unselectedParentIsNotWaitedForButSelectedGrandparentIs() {
    DependencyGraph graph = graph(node("a"), node("b", "a"), node("c", "b"));
    List<String> events = Collections.synchronizedList(new ArrayList<>());

    run(new Scheduler(4, false), List.of("a", "c"), graph, id -> {
      events.add("start " + id);
      sleep(id.equals("a") ? 100 : 0);
      events.add("end " + id);
      return ok(id);
    });

    assertEquals(List.of("start a", "end a", "start c", "end c"), events);
  }

  @Test
  void failFastSkipsEverythingNotYetStarted() {
    DependencyGraph graph = graph(node("a"), node("b"), node("c"), node("d", "b"));

    Map<String, NodeResult> results = run(new Scheduler(1, true), List.of("a", "b", "c", "d"),
        graph, id -> id.equals("a") ? error(id) : ok(id));

    assertEquals(List.of("a"), ran);
    assertEquals(Map.of("a", RunStatus.ERROR, "b", RunStatus.SKIPPED, "c", RunStatus.SKIPPED,
        "d", RunStatus.SKIPPED), statuses(results));
    assertTrue(results.get("c").message().contains("fail-fast"), results.get("c").message());
  }

  @Test
  void withoutFailFastTheRestStillRuns() {
    DependencyGraph graph = graph(node("a"), node("b"), node("c"));

    Map<String, NodeResult> results = run(new Scheduler(1, false), List.of("a", "b", "c"), graph,
        id -> id.equals("a") ? error(id) : ok(id));

    assertEquals(List.of("a", "b", "c"), sorted(ran));
    assertEquals(RunStatus.SUCCESS, results.get("c").status());
  }

  @Test
  void cancelStartsNothingNewAndMarksTheRestCancelled() {
    DependencyGraph graph = graph(node("a"), node("b", "a"), node("c", "b"));
    Scheduler scheduler = new Scheduler(2, false);

    Map<String, NodeResult> results = run(scheduler, List.of("a", "b", "c"), graph, id -> {
      scheduler.cancel();
      return ok(id);
    });

    assertEquals(List.of("a"), ran);
    assertEquals(RunStatus.SKIPPED, results.get("b").status());
    assertTrue(results.get("c").message().contains("cancelled"), results.get("c").message());
  }

  @Test
  void oneWorkerRunsALongChainInOrderAndAWorkerThatThrowsFailsTheRun() {
    List<Model> chain = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      chain.add(i == 0 ? node("n0") : node("n" + i, "n" + (i - 1)));
      order.add("n" + i);
    }
    DependencyGraph graph = graph(chain.toArray(Model[]::new));

    run(new Scheduler(1, false), order, graph, this::okWithThread);
    assertEquals(order, ran);
    assertEquals(1, threadNames.size(), threadNames::toString);

    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> new Scheduler(2, false).run(List.of("n0", "n1"),
            graph, id -> {
              throw new IllegalArgumentException("bug in " + id);
            }, told::put));
    assertEquals("bug in n0", e.getCause().getMessage());
  }

  private final Set<String> threadNames = ConcurrentHashMap.newKeySet();

  private NodeResult okWithThread(String id) {
    threadNames.add(Thread.currentThread().getName() + "@" + Thread.currentThread().getId());
    return ok(id);
  }

  private Map<String, NodeResult> run(Scheduler scheduler, List<String> order,
      DependencyGraph graph, Scheduler.Work work) {
    List<NodeResult> list = scheduler.run(order, graph, id -> {
      ran.add(id);
      return work.run(id);
    }, told::put);
    Map<String, NodeResult> byId = new LinkedHashMap<>();
    list.forEach(r -> byId.put(r.uniqueId(), r));
    assertEquals(Set.copyOf(order), byId.keySet(), "one result per selected node");
    return byId;
  }

  private static Map<String, RunStatus> statuses(Map<String, NodeResult> results) {
    Map<String, RunStatus> statuses = new LinkedHashMap<>();
    results.forEach((id, r) -> statuses.put(id, r.status()));
    return statuses;
  }

  private static List<String> sorted(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    Collections.sort(copy);
    return copy;
  }

  private static NodeResult ok(String id) {
    return new NodeResult(id, RunStatus.SUCCESS, "OK", OptionalLong.empty(), Instant.now(),
        Instant.now(), Optional.empty());
  }

  private static NodeResult error(String id) {
    return new NodeResult(id, RunStatus.ERROR, "boom", OptionalLong.empty(), Instant.now(),
        Instant.now(), Optional.empty());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A model whose unique id is its name, so graphs read like the comments above. */
  private static Model node(String name, String... parents) {
    return new Model(name, name, "models/" + name + ".sql", List.of("shop", name),
        NodeConfig.empty(), "", List.of(), List.of(parents), new Relation("main", name),
        "select 1", List.of(), List.of(), "checksum");
  }

  private static DependencyGraph graph(Model... nodes) {
    return DependencyGraph.of(List.of(nodes));
  }
}
