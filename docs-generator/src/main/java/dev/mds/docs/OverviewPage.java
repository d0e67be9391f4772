package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The front page: the project's own introduction ({@code {% docs __overview__ %}} or its README),
 * counts, what failed in the last run, and a way into each kind of node.
 */
record OverviewPage(String html, List<Stat> stats, List<Attention> attention, int attentionCount,
    boolean hasRun, List<Group> groups, List<BuiltinPackage> builtins, List<Skipped> skipped) {

  /**
   * A node the last run skipped, with the node whose failure caused it when the message names
   * one (null otherwise: --fail-fast, an interrupted run); or, with {@code link} null, the data
   * tests skipped for one cause together ({@code tests}), which can be many per model.
   */
  record Skipped(NodeLink link, RunView run, NodeLink cause, List<NodeLink> tests) {
  }

  /** Failures listed before the rest are left to the search. */
  static final int ATTENTION_SHOWN = 50;
  /** Nodes listed per group on the front page. */
  static final int GROUP_SHOWN = 12;

  /** One headline number. */
  record Stat(String label, String value, String detail, String tone, String href) {
  }

  /** A node whose last result was not a success. */
  record Attention(NodeLink link, RunView run) {
  }

  /** A folder of models, or all seeds, sources or macros. */
  record Group(String title, int total, int more, List<Item> items) {
  }

  /**
   * A node in a group, with the first sentence of its description and, for a table, its row
   * count from the catalog and when the last run built it (empty when unknown).
   */
  record Item(NodeLink link, String summary, String rows, String built) {
  }

  /**
   * A package mds's built-in version served, with the macros and generic tests the project used
   * from it (manifest metadata {@code mds_builtin_packages_used}).
   */
  record BuiltinPackage(String name, List<String> macros, List<String> tests) {
  }

  /** How many nodes the last run skipped, the grouped tests each counted. */
  public int skippedCount() {
    return skipped.stream().mapToInt(s -> s.link() == null ? s.tests().size() : 1).sum();
  }

  static OverviewPage of(ProjectDocs docs, Path projectRoot) {
    return of(docs, projectRoot, null);
  }

  /** The front page; {@code freshness}, when checked, gives the Sources card its verdict. */
  static OverviewPage of(ProjectDocs docs, Path projectRoot, FreshnessView freshness) {
    List<Attention> attention = attention(docs);
    return new OverviewPage(introduction(docs, projectRoot), stats(docs, freshness),
        attention.subList(0, Math.min(ATTENTION_SHOWN, attention.size())), attention.size(),
        !docs.history().isEmpty(), groups(docs), builtins(docs), skipped(docs));
  }

  private static List<Skipped> skipped(ProjectDocs docs) {
    List<Skipped> rows = new ArrayList<>();
    Map<String, List<Skipped>> testsByCause = new LinkedHashMap<>();
    for (DocPage page : docs.pages()) {
      RunView run = page.lastRun();
      if (run != null && run.status().equals("Skipped")) {
        String message = run.message();
        int colon = message.lastIndexOf(": ");
        NodeLink cause = colon < 0 ? null : docs.link(message.substring(colon + 2).strip());
        Skipped row = new Skipped(page.self(), run, cause, List.of());
        if (page.self().type().equals("test")) {
          testsByCause.computeIfAbsent(cause == null ? "" : cause.id(), k -> new ArrayList<>())
              .add(row);
        } else {
          rows.add(row);
        }
      }
    }
    rows.sort(Comparator.comparing((Skipped s) -> s.link().name()));
    List<Skipped> testRows = new ArrayList<>();
    for (List<Skipped> group : testsByCause.values()) {
      Skipped first = group.get(0);
      testRows.add(group.size() == 1 ? first : new Skipped(null, first.run(), first.cause(),
          group.stream().map(Skipped::link).sorted(Comparator.comparing(NodeLink::name))
              .toList()));
    }
    testRows.sort(Comparator.comparing((Skipped s) -> s.link() == null ? s.tests().get(0).name()
        : s.link().name()));
    rows.addAll(testRows);
    return List.copyOf(rows);
  }

  /** "5 built · 2 errored · 3 skipped" for the nodes of a type in the last run; empty if none. */
  private static String buildTrouble(ProjectDocs docs, String type) {
    int errored = 0;
    int skipped = 0;
    int built = 0;
    for (DocPage page : docs.pages()) {
      RunView run = page.lastRun();
      if (run == null || !page.self().type().equals(type)) {
        continue;
      }
      if (run.tone().equals("bad")) {
        errored++;
      } else if (run.status().equals("Skipped")) {
        skipped++;
      } else if (run.tone().equals("good")) {
        built++;
      }
    }
    if (errored + skipped + built == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    parts.add(built + " built");
    if (errored > 0) {
      parts.add(errored + " errored");
    }
    if (skipped > 0) {
      parts.add(skipped + " skipped");
    }
    return String.join(" · ", parts);
  }

  private static List<BuiltinPackage> builtins(ProjectDocs docs) {
    List<BuiltinPackage> packages = new ArrayList<>();
    docs.manifest().path("metadata").path("mds_builtin_packages_used").fields()
        .forEachRemaining(e -> packages.add(new BuiltinPackage(e.getKey(),
            ProjectDocs.strings(e.getValue().path("macros")),
            ProjectDocs.strings(e.getValue().path("tests")))));
    return packages;
  }

  private static String introduction(ProjectDocs docs, Path projectRoot) {
    JsonNode blocks = docs.manifest().path("docs");
    String own = blocks.path("doc." + docs.projectName() + ".__overview__")
        .path("block_contents").asText("");
    if (own.isBlank()) {
      for (JsonNode block : blocks) {
        if (block.path("name").asText().equals("__overview__")) {
          own = block.path("block_contents").asText("");
        }
      }
    }
    if (own.isBlank() && projectRoot != null) {
      Path readme = projectRoot.resolve("README.md");
      if (Files.isRegularFile(readme)) {
        try {
          own = Files.readString(readme);
        } catch (IOException e) {
          own = "";
        }
      }
    }
    return docs.markdown().readmeHtml(own);
  }

  private static List<Stat> stats(ProjectDocs docs, FreshnessView freshness) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String type : List.of("model", "source", "seed", "test", "macro")) {
      counts.put(type, 0);
    }
    for (DocPage page : docs.pages()) {
      counts.merge(page.self().type(), 1, Integer::sum);
    }
    List<TestRow> tests = new ArrayList<>();
    for (DocPage page : docs.pages()) {
      if (page.self().type().equals("test")) {
        tests.add(new TestRow(page.self(), "", null, "", page.lastRun()));
      }
    }
    TestTally tally = TestTally.of(tests);
    int skippedTests = (int) tests.stream()
        .filter(t -> t.run() != null && t.run().status().equals("Skipped")).count();
    String testDetail = tally.total() == 0 ? "" : tally.notRun() == tally.total()
        && skippedTests == 0 ? "not run yet" : testDetail(tally, skippedTests);
    String testTone = tally.failed() > 0 ? "bad" : tally.warned() > 0 || skippedTests > 0 ? "warn"
        : tally.passed() > 0 ? "good" : "muted";
    List<Stat> stats = new ArrayList<>(List.of(
        buildStat(docs, "Models", "model", counts),
        sourceStat(counts, freshness),
        buildStat(docs, "Seeds", "seed", counts),
        new Stat("Data tests", number(counts.get("test")), testDetail, testTone,
            tally.failed() > 0 ? "#attention" : skippedTests > 0 ? "#skipped" : "#browse"),
        new Stat("Macros", number(counts.get("macro")), "", "muted", "#browse")));
    if (counts.getOrDefault("snapshot", 0) > 0) {
      stats.add(1, buildStat(docs, "Snapshots", "snapshot", counts));
    }
    return List.copyOf(stats);
  }

  /** The Sources card, with what the last freshness check found when there was one. */
  private static Stat sourceStat(Map<String, Integer> counts, FreshnessView freshness) {
    String value = number(counts.get("source"));
    if (freshness == null || freshness.checkedAt() == null || freshness.checkedAt().isEmpty()) {
      return new Stat("Sources", value, "", "muted", "#browse");
    }
    if (freshness.failed() > 0) {
      return new Stat("Sources", value, freshness.failed() + " stale", "bad", "#freshness");
    }
    if (freshness.warned() > 0) {
      return new Stat("Sources", value, freshness.warned() + " warn", "warn", "#freshness");
    }
    return new Stat("Sources", value, freshness.passed() + " fresh", "good", "#freshness");
  }

  /** The card of a type the run builds, saying how many were built, errored or were skipped. */
  private static Stat buildStat(ProjectDocs docs, String label, String type,
      Map<String, Integer> counts) {
    String detail = buildTrouble(docs, type);
    boolean errored = detail.contains("errored");
    boolean skipped = detail.contains("skipped");
    // Only trouble is worth a colour on seeds; models say "built" even when all went well.
    if (!type.equals("model") && !errored && !skipped) {
      detail = "";
    }
    return new Stat(label, number(counts.getOrDefault(type, 0)), detail,
        errored ? "bad" : skipped ? "warn" : "muted",
        errored ? "#attention" : skipped ? "#skipped" : "#browse");
  }

  /** "3 failing · 150 passed · 18 skipped": every outcome of the last run, failures first. */
  private static String testDetail(TestTally tally, int skipped) {
    List<String> parts = new ArrayList<>();
    if (tally.failed() > 0) {
      parts.add(tally.failed() + " failing");
    }
    if (tally.passed() > 0) {
      parts.add(tally.passed() + " passed");
    }
    if (tally.warned() > 0) {
      parts.add(tally.warned() + " warn");
    }
    if (skipped > 0) {
      parts.add(skipped + " skipped");
    }
    if (tally.notRun() - skipped > 0) {
      parts.add(tally.notRun() - skipped + " not run");
    }
    return String.join(" · ", parts);
  }

  private static List<Attention> attention(ProjectDocs docs) {
    List<Attention> rows = new ArrayList<>();
    for (DocPage page : docs.pages()) {
      RunView run = page.lastRun();
      if (run != null && (run.tone().equals("bad") || run.tone().equals("warn"))) {
        rows.add(new Attention(page.self(), run));
      }
    }
    rows.sort(Comparator.comparing((Attention a) -> a.run().tone().equals("bad") ? 0 : 1)
        .thenComparing(a -> a.link().name()));
    return rows;
  }

  private static List<Group> groups(ProjectDocs docs) {
    Map<String, List<Item>> byGroup = new LinkedHashMap<>();
    for (DocPage page : docs.pages()) {
      String type = page.self().type();
      JsonNode node = docs.nodes().get(page.self().id());
      String title = switch (type) {
        case "model" -> "Models" + folder(node);
        case "seed" -> "Seeds";
        case "snapshot" -> "Snapshots";
        case "source" -> "Sources · " + node.path("source_name").asText();
        case "exposure" -> "Exposures";
        case "macro" -> "Macros";
        case "metric" -> "Metrics";
        default -> null;
      };
      if (title != null) {
        byGroup.computeIfAbsent(title, k -> new ArrayList<>())
            .add(item(docs, page));
      }
    }
    List<Group> groups = new ArrayList<>();
    byGroup.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, List<Item>> e) -> rank(e.getKey()))
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> {
          List<Item> items = new ArrayList<>(e.getValue());
          items.sort(Comparator.comparing(i -> i.link().name()));
          int shown = Math.min(GROUP_SHOWN, items.size());
          groups.add(new Group(e.getKey(), items.size(), items.size() - shown,
              items.subList(0, shown)));
        });
    return groups;
  }

  private static Item item(ProjectDocs docs, DocPage page) {
    String id = page.self().id();
    JsonNode rows = docs.catalogEntry(id).path("stats").path("row_count").path("value");
    RunView run = page.lastRun();
    String built = run != null && run.tone().equals("good")
        && (page.self().type().equals("model") || page.self().type().equals("seed")
            || page.self().type().equals("snapshot")) ? run.when() : "";
    return new Item(page.self(), firstSentence(docs.plainDescription(id)),
        rows.isNumber() ? String.format(Locale.ROOT, "%,d rows", rows.asLong()) : "", built);
  }

  private static int rank(String title) {
    return title.startsWith("Sources") ? 0 : title.startsWith("Seeds") ? 1
        : title.startsWith("Models") ? 2 : 3;
  }

  /** " · staging" for models/staging/x.sql; nothing for models at the top of the folder. */
  private static String folder(JsonNode node) {
    List<String> fqn = ProjectDocs.strings(node.path("fqn"));
    return fqn.size() > 2 ? " · " + String.join("/", fqn.subList(1, fqn.size() - 1)) : "";
  }

  private static String firstSentence(String text) {
    int stop = text.indexOf(". ");
    String sentence = stop > 0 ? text.substring(0, stop + 1) : text;
    return sentence.length() > 140 ? sentence.substring(0, 139) + "…" : sentence;
  }

  private static String number(int value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
