package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sidebar's contents as data ({@code data/nav.js}): models by folder, seeds, sources by
 * source, data tests by the node they test, and macros. The browser builds the tree, opening only
 * the branches on the way to the current page, so a 5,000-model project does not put 5,000 links
 * into every page.
 */
final class NavTree {

  private NavTree() {
  }

  /**
   * A branch ({@code n}: label, {@code c}: children) or a leaf ({@code n}, {@code p}: page,
   * {@code t}: type, and {@code l}: what to show instead of the name, if anything).
   */
  record Entry(String n, String p, String t, List<Entry> c, String l) {
    Entry(String n, String p, String t, List<Entry> c) {
      this(n, p, t, c, null);
    }
  }

  static List<Entry> of(ProjectDocs docs) {
    Folder models = new Folder();
    Folder seeds = new Folder();
    Folder snapshots = new Folder();
    Folder sources = new Folder();
    Folder tests = new Folder();
    Folder macros = new Folder();
    Map<String, Folder> semantic = new LinkedHashMap<>();
    for (String label : List.of("Metrics", "Semantic models", "Saved queries", "Groups")) {
      semantic.put(label, new Folder());
    }
    Folder exposures = new Folder();
    Folder analyses = new Folder();
    // The warehouse's view, as dbt docs' Database tab: database, schema, then each relation.
    Folder database = new Folder();
    for (DocPage page : docs.pages()) {
      NodeLink link = page.self();
      JsonNode node = docs.nodes().get(link.id());
      relation(node, link).ifPresent(r -> database.add(r.path(), r.link()));
      switch (link.type()) {
        case "model" -> {
          List<String> fqn = ProjectDocs.strings(node.path("fqn"));
          models.add(fqn.size() > 2 ? fqn.subList(1, fqn.size() - 1) : List.of(), link);
        }
        case "seed" -> seeds.add(List.of(), link);
        case "snapshot" -> snapshots.add(List.of(), link);
        case "source" -> sources.add(List.of(node.path("source_name").asText()),
            new NodeLink(link.id(), node.path("name").asText(), link.type(), link.page()));
        case "test" -> {
          String attached = node.path("attached_node").asText("");
          NodeLink tested = attached.isEmpty() ? null : docs.link(attached);
          // Under the node it tests, a generic test reads as the column and what it checks
          // ("email · not_null"), the column first so a narrow sidebar still tells tests apart:
          // its name repeats the node's and may end in a hash.
          String kind = node.path("test_metadata").path("name").asText("");
          String column = node.path("column_name").asText("");
          String label = tested == null || kind.isEmpty() ? null
              : column.isEmpty() ? kind : column + " · " + kind;
          tests.add(List.of(tested == null ? "singular tests" : tested.name()), link, label);
        }
        case "metric" -> semantic.get("Metrics").add(List.of(), link);
        case "semantic_model" -> semantic.get("Semantic models").add(List.of(), link);
        case "saved_query" -> semantic.get("Saved queries").add(List.of(), link);
        case "group" -> semantic.get("Groups").add(List.of(), link);
        case "exposure" -> exposures.add(List.of(), link);
        case "analysis" -> analyses.add(List.of(), link);
        default -> macros.add(List.of(), link);
      }
    }
    List<Entry> tree = new ArrayList<>();
    add(tree, "Sources", sources);
    add(tree, "Seeds", seeds);
    add(tree, "Models", models);
    add(tree, "Snapshots", snapshots);
    add(tree, "Data tests", tests);
    add(tree, "Exposures", exposures);
    add(tree, "Analyses", analyses);
    add(tree, "Macros", macros);
    add(tree, "Database", database);
    semantic.forEach((label, folder) -> add(tree, label, folder));
    return tree;
  }

  /** Where a built node lives: [database, schema] and its relation's name. */
  private record Placed(List<String> path, NodeLink link) {
  }

  private static java.util.Optional<Placed> relation(JsonNode node, NodeLink link) {
    if (node == null || !List.of("model", "seed", "snapshot", "source").contains(link.type())
        || node.path("config").path("materialized").asText("").equals("ephemeral")) {
      return java.util.Optional.empty();
    }
    String name = node.path("alias").asText(node.path("identifier").asText(""));
    if (name.isBlank()) {
      name = node.path("identifier").asText(node.path("name").asText());
    }
    String schema = node.path("schema").asText("");
    if (schema.isBlank()) {
      return java.util.Optional.empty();
    }
    String db = node.path("database").asText("");
    List<String> path = db.isBlank() ? List.of(schema) : List.of(db, schema);
    return java.util.Optional.of(new Placed(path,
        new NodeLink(link.id(), name, link.type(), link.page())));
  }

  private static void add(List<Entry> tree, String label, Folder folder) {
    if (!folder.isEmpty()) {
      tree.add(new Entry(label, null, null, folder.entries()));
    }
  }

  /** Compares names the way people count: m2 before m10, case aside. */
  static int naturally(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int endA = i;
        int endB = j;
        while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
          endA++;
        }
        while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
          endB++;
        }
        String numberA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
        String numberB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
        int byValue = numberA.length() != numberB.length()
            ? Integer.compare(numberA.length(), numberB.length()) : numberA.compareTo(numberB);
        if (byValue != 0) {
          return byValue;
        }
        i = endA;
        j = endB;
      } else {
        int byChar = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
        if (byChar != 0) {
          return byChar;
        }
        i++;
        j++;
      }
    }
    int byLength = Integer.compare(a.length() - i, b.length() - j);
    return byLength != 0 ? byLength : a.compareTo(b);
  }

  /** Sub-folders first, alphabetically, then leaves by name. */
  private static final class Folder {
    private final Map<String, Folder> folders = new TreeMap<>();
    private final List<Leaf> leaves = new ArrayList<>();

    private record Leaf(NodeLink link, String label) {
      String shown() {
        return label == null ? link.name() : label;
      }
    }

    void add(List<String> path, NodeLink link) {
      add(path, link, null);
    }

    void add(List<String> path, NodeLink link, String label) {
      Folder here = this;
      for (String part : path) {
        here = here.folders.computeIfAbsent(part, k -> new Folder());
      }
      here.leaves.add(new Leaf(link, label));
    }

    boolean isEmpty() {
      return folders.isEmpty() && leaves.isEmpty();
    }

    List<Entry> entries() {
      List<Entry> entries = new ArrayList<>();
      Map<String, Folder> ordered = new LinkedHashMap<>(folders);
      ordered.forEach((name, folder) -> entries.add(new Entry(name, null, null, folder.entries())));
      leaves.stream().sorted(Comparator.comparing(Leaf::shown, NavTree::naturally)
              .thenComparing(l -> l.link().name(), NavTree::naturally))
          .forEach(l -> entries.add(new Entry(l.link().name(), l.link().page(), l.link().type(),
              null, l.label())));
      return entries;
    }
  }
}
