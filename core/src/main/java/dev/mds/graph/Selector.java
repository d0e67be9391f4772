package dev.mds.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * dbt's node selection: {@code --select} and {@code --exclude} values where a space is a union
 * and a comma an intersection of criteria.
 */
public final class Selector {

  private final List<List<SelectorAtom>> includes;
  private final List<List<SelectorAtom>> excludes;
  private final Optional<SelectionState> state;

  private Selector(List<List<SelectorAtom>> includes, List<List<SelectorAtom>> excludes,
      Optional<SelectionState> state) {
    this.includes = includes;
    this.excludes = excludes;
    this.state = state;
  }

  /** Parses the selector values; an empty {@code select} means every node. */
  public static Selector of(List<String> select, List<String> exclude) {
    return of(select, exclude, Optional.empty());
  }

  /** With {@code --state}: {@code state:} and {@code result:} criteria become available. */
  public static Selector of(List<String> select, List<String> exclude,
      Optional<SelectionState> state) {
    Selector selector = new Selector(terms(select), terms(exclude), state);
    if (state.isEmpty()) {
      for (List<List<SelectorAtom>> terms : List.of(selector.includes, selector.excludes)) {
        for (List<SelectorAtom> term : terms) {
          for (SelectorAtom atom : term) {
            if (atom.needsState()) {
              throw new dev.mds.MdsException("Selector '" + atom.text()
                  + "' compares with a previous state: pass --state DIR (the folder with the"
                  + " production manifest.json and run_results.json)");
            }
          }
        }
      }
    }
    return selector;
  }

  public static Selector all() {
    return of(List.of(), List.of());
  }

  private static List<List<SelectorAtom>> terms(List<String> values) {
    List<List<SelectorAtom>> terms = new ArrayList<>();
    for (String value : values) {
      for (String term : value.trim().split("\\s+")) {
        if (term.isEmpty()) {
          continue;
        }
        List<SelectorAtom> atoms = new ArrayList<>();
        for (String atom : term.split(",")) {
          if (!atom.isEmpty()) {
            atoms.add(SelectorAtom.parse(atom));
          }
        }
        terms.add(atoms);
      }
    }
    return terms;
  }

  /** The selected unique ids in topological order, and the criteria that matched nothing. */
  public Selection select(Manifest manifest) {
    List<String> unmatched = new ArrayList<>();
    Set<String> chosen = new LinkedHashSet<>();
    if (includes.isEmpty()) {
      chosen.addAll(manifest.nodes().keySet());
    } else {
      chosen.addAll(withTests(evaluate(includes, manifest, unmatched, state), manifest));
    }
    chosen.removeAll(withTests(evaluate(excludes, manifest, unmatched, state), manifest));
    Set<String> ordered = new LinkedHashSet<>();
    for (String id : manifest.graph().topologicalOrder()) {
      if (chosen.contains(id)) {
        ordered.add(id);
      }
    }
    return new Selection(ordered, unmatched);
  }

  /**
   * dbt's eager indirect selection: a data test comes along with any node it tests, so
   * {@code -s orders} includes the tests on orders.
   */
  private static Set<String> withTests(Set<String> ids, Manifest manifest) {
    Set<String> result = new LinkedHashSet<>(ids);
    for (DataTest test : manifest.nodesOf(DataTest.class)) {
      if (test.dependsOn().stream().anyMatch(ids::contains)) {
        result.add(test.uniqueId());
      }
    }
    for (UnitTest test : manifest.nodesOf(UnitTest.class)) {
      if (ids.contains(test.model())) {
        result.add(test.uniqueId());
      }
    }
    return result;
  }

  private static Set<String> evaluate(List<List<SelectorAtom>> terms, Manifest manifest,
      List<String> unmatched, Optional<SelectionState> state) {
    Set<String> union = new LinkedHashSet<>();
    for (List<SelectorAtom> term : terms) {
      Set<String> intersection = null;
      for (SelectorAtom atom : term) {
        Set<String> selected = atom.select(manifest, state);
        if (selected.isEmpty()) {
          unmatched.add(atom.text());
        }
        if (intersection == null) {
          intersection = selected;
        } else {
          intersection.retainAll(selected);
        }
      }
      if (intersection != null) {
        union.addAll(intersection);
      }
    }
    return union;
  }

  /** The result of a selection. */
  public record Selection(Set<String> uniqueIds, List<String> unmatched) {
  }
}
