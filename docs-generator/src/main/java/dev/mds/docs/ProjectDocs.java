package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project as the site presents it, assembled from the artifacts: one {@link DocPage} per
 * model, seed, source, test and macro, with the links between them.
 */
final class ProjectDocs {

  private final String projectName;
  private final Map<String, JsonNode> nodes = new LinkedHashMap<>();
  private final Map<String, JsonNode> macros = new LinkedHashMap<>();
  private final Map<String, NodeLink> links = new HashMap<>();
  private final Map<String, List<String>> parents = new HashMap<>();
  private final Map<String, List<String>> children = new HashMap<>();
  private final Map<String, List<String>> testsOf = new HashMap<>();
  private final Map<String, DocPage> pages = new LinkedHashMap<>();
  private final Map<String, String> plainDescriptions = new HashMap<>();
  /**
   * Inherited descriptions already followed, by node id and lower-case column: a chain of
   * passthroughs is walked once, not once per model below it (pages are built side by side).
   */
  private final Map<String, Optional<Map.Entry<InheritedDescription, String>>> inherited =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final JsonNode manifest;
  private final JsonNode catalog;
  private final RunHistory history;
  private final DescriptionMarkdown markdown;
  private final Path projectRoot;
  /** Semantic models, metrics, saved queries and groups, and what model pages show of them. */
  private SemanticPages semantic;

  private ProjectDocs(Artifacts artifacts, DescriptionMarkdown markdown, Path projectRoot) {
    this.manifest = artifacts.manifest();
    this.catalog = artifacts.catalog();
    this.history = RunHistory.of(artifacts.runResults());
    this.markdown = markdown;
    this.projectRoot = projectRoot;
    this.projectName = manifest.path("metadata").path("project_name").asText("project");
  }

  /** Builds every page; {@code projectRoot} (may be null) is where macro sources are read. */
  static ProjectDocs of(Artifacts artifacts, DescriptionMarkdown markdown, Path projectRoot) {
    ProjectDocs docs = new ProjectDocs(artifacts, markdown, projectRoot);
    docs.index();
    // Pages only read what index() built, so they can be built side by side.
    List<DocPage> built = List.copyOf(docs.nodes.values()).parallelStream()
        .map(docs::nodePage).toList();
    built.forEach(page -> docs.pages.put(page.self().id(), page));
    docs.macros.forEach((id, macro) -> docs.pages.put(id, docs.macroPage(id, macro)));
    docs.semantic.pages(docs, docs::neighbours).forEach(page -> docs.pages.put(page.self().id(),
        page));
    return docs;
  }

  String projectName() {
    return projectName;
  }

  JsonNode manifest() {
    return manifest;
  }

  RunHistory history() {
    return history;
  }

  DescriptionMarkdown markdown() {
    return markdown;
  }

  /** Every page, nodes in manifest order first, then macros. */
  List<DocPage> pages() {
    return List.copyOf(pages.values());
  }

  Optional<DocPage> page(String uniqueId) {
    return Optional.ofNullable(pages.get(uniqueId));
  }

  /** The manifest entry of a node or source. */
  Map<String, JsonNode> nodes() {
    return nodes;
  }

  NodeLink link(String uniqueId) {
    return links.get(uniqueId);
  }

  List<String> parents(String uniqueId) {
    return parents.getOrDefault(uniqueId, List.of());
  }

  /** The description of a node as plain text, for search and lists. */
  String plainDescription(String uniqueId) {
    return plainDescriptions.getOrDefault(uniqueId, "");
  }

  /** Catalog columns of a node, in warehouse order (empty when not built). */
  List<String> catalogColumns(String uniqueId) {
    List<String> names = new ArrayList<>();
    catalogEntry(uniqueId).path("columns").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  static String id(JsonNode node) {
    return node.path("unique_id").asText();
  }

  static String type(JsonNode node) {
    return node.path("resource_type").asText();
  }

  /** How a node is named to people: {@code source_name.table} for sources, else its name. */
  static String displayName(JsonNode node) {
    if (type(node).equals("source")) {
      return node.path("source_name").asText() + "." + node.path("name").asText();
    }
    // Versions of a model share dbt's name: the version tells them apart (dim_customers.v2).
    if (node.path("version").isValueNode() && !node.path("version").isNull()) {
      return node.path("name").asText() + ".v" + node.path("version").asText();
    }
    if (type(node).equals("exposure") && !node.path("label").asText("").isBlank()) {
      return node.path("label").asText();
    }
    return node.path("name").asText();
  }

  private void index() {
    PageNames names = new PageNames();
    for (String section : List.of("nodes", "sources", "exposures")) {
      manifest.path(section).forEach(node -> nodes.put(id(node), node));
    }
    // A macro entry may lack unique_id (older manifests); its key is the id.
    for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("macros").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> entry = it.next();
      macros.put(entry.getKey(), entry.getValue());
    }
    nodes.forEach((id, node) -> links.put(id,
        new NodeLink(id, displayName(node), type(node), names.page(id))));
    macros.forEach((id, macro) -> links.put(id,
        new NodeLink(id, macro.path("name").asText(id), "macro", names.page(id))));
    semantic = SemanticPages.index(manifest, names, links);
    for (JsonNode node : nodes.values()) {
      String id = id(node);
      List<String> deps = strings(node.path("depends_on").path("nodes"));
      parents.put(id, deps);
      for (String parent : deps) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
      }
      if (type(node).equals("test")) {
        String attached = node.path("attached_node").asText("");
        for (String tested : attached.isEmpty() ? deps : List.of(attached)) {
          testsOf.computeIfAbsent(tested, k -> new ArrayList<>()).add(id);
        }
      }
      plainDescriptions.put(id, markdown.plainText(node.path("description").asText("")));
    }
  }

  private DocPage nodePage(JsonNode node) {
    String id = id(node);
    String type = type(node);
    NodeLink self = links.get(id);
    JsonNode config = node.path("config");
    JsonNode entry = catalogEntry(id);
    List<Fact> facts = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    List<CodeBlock> code = new ArrayList<>();
    String kicker;
    switch (type) {
      case "model" -> {
        String materialized = config.path("materialized").asText("view");
        kicker = "Model · " + materialized;
        facts.add(Fact.of("Materialization", materialized));
      }
      case "seed" -> kicker = "Seed";
      case "snapshot" -> {
        String strategy = config.path("strategy").asText("");
        kicker = "Snapshot · " + strategy;
        facts.add(Fact.of("Strategy", strategy));
        text(config, "updated_at").ifPresent(u -> facts.add(Fact.of("Updated at", u)));
        if (config.has("check_cols")) {
          facts.add(Fact.of("Check columns", flat(config.path("check_cols"))));
        }
        facts.add(Fact.of("Hard deletes", config.path("hard_deletes").asText(
            config.path("invalidate_hard_deletes").asBoolean(false) ? "invalidate" : "ignore")));
      }
      case "source" -> {
        kicker = "Source · " + node.path("source_name").asText();
        String about = markdown.html(node.path("source_description").asText(""));
        if (!about.isEmpty()) {
          notes.add(new Note("About " + node.path("source_name").asText(), about));
        }
      }
      case "test" -> kicker = "Data test · " + testKind(node);
      case "analysis" -> kicker = "Analysis · compiled, never built";
      case "exposure" -> {
        kicker = "Exposure · " + node.path("type").asText();
        ExposureFacts.add(node, facts);
      }
      default -> kicker = capitalised(type);
    }
    if (type.equals("exposure") || type.equals("analysis")) {
      // Neither is built: no relation, catalog entry or row count to show.
    } else if (!type.equals("test")) {
      text(node, "relation_name").ifPresent(r -> facts.add(Fact.of("Relation", r)));
      String relationType = entry.path("metadata").path("type").asText("");
      if (!relationType.isEmpty()) {
        facts.add(Fact.of("Stored as", relationType.equals("BASE TABLE") ? "Table"
            : capitalised(relationType.toLowerCase(Locale.ROOT))));
      }
      JsonNode rows = entry.path("stats").path("row_count").path("value");
      if (rows.isNumber()) {
        facts.add(Fact.of("Rows", String.format(Locale.ROOT, "%,d", rows.asLong())));
      }
    } else {
      testFacts(node, facts);
    }
    // First, so the page's head can show whom to ask (a group's owner may follow).
    owner(node).ifPresent(owner -> facts.add(0, Fact.of("Owner", owner)));
    if (config.has("unique_key")) {
      facts.add(Fact.of("Unique key", flat(config.path("unique_key"))));
    }
    if (config.has("incremental_strategy")) {
      facts.add(Fact.of("Incremental strategy", config.path("incremental_strategy").asText()));
    }
    if (config.path("contract").path("enforced").asBoolean(false)) {
      facts.add(Fact.of("Contract", "enforced: names and types checked at build"));
    }
    if (type.equals("model")) {
      semantic.modelFacts(this, node, facts, notes);
    }
    text(node, "original_file_path").ifPresent(f -> facts.add(Fact.of("Defined in", f)));
    String raw = node.path("raw_code").asText("");
    if (!raw.isBlank()) {
      code.add(new CodeBlock("raw", "Source", SqlHighlight.html(raw.strip())));
    }
    String compiled = node.path("compiled_code").asText("");
    if (!compiled.isBlank()) {
      code.add(new CodeBlock("compiled", "Compiled SQL", SqlHighlight.html(compiled.strip())));
    }
    List<TestRow> tests = testsOf.getOrDefault(id, List.of()).stream()
        .map(testId -> testRow(nodes.get(testId)))
        .sorted(Comparator.comparing((TestRow t) -> t.column() == null ? "" : t.column())
            .thenComparing(t -> t.test().name()))
        .toList();
    boolean graphed = isGraphed(type);
    return new DocPage(self, self.name(), kicker,
        markdown.html(node.path("description").asText("")), strings(node.path("tags")), facts,
        meta(node), notes, columns(node, entry, tests), tests, TestTally.of(tests),
        neighbours(parents(id)), neighbours(children.getOrDefault(id, List.of())), code,
        lastRun(node), graphed);
  }

  /**
   * Models, snapshots, seeds, sources and exposures are drawn in the lineage graph; tests and
   * macros are not.
   */
  static boolean isGraphed(String type) {
    return type.equals("model") || type.equals("snapshot") || type.equals("seed")
        || type.equals("source") || type.equals("exposure");
  }

  private void testFacts(JsonNode test, List<Fact> facts) {
    String attached = test.path("attached_node").asText("");
    if (!attached.isEmpty() && links.containsKey(attached)) {
      NodeLink tested = links.get(attached);
      facts.add(new Fact("Tests", tested.name(), tested.page()));
    }
    text(test, "column_name").ifPresent(c -> facts.add(Fact.of("Column", c)));
    facts.add(Fact.of("Severity", test.path("config").path("severity").asText("error")));
    JsonNode kwargs = test.path("test_metadata").path("kwargs");
    for (Iterator<Map.Entry<String, JsonNode>> it = kwargs.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> arg = it.next();
      if (!arg.getKey().equals("column_name") && !arg.getKey().equals("model")) {
        facts.add(Fact.of(arg.getKey(), flat(arg.getValue())));
      }
    }
  }

  private TestRow testRow(JsonNode test) {
    String column = test.path("column_name").asText(null);
    return new TestRow(links.get(id(test)), testKind(test), column,
        test.path("config").path("severity").asText("error"), lastRun(test));
  }

  /** A node's last result; a failed test's with its failing values put into words. */
  private RunView lastRun(JsonNode node) {
    RunView run = history.last(id(node)).orElse(null);
    if (run != null && type(node).equals("test") && run.failing() != null) {
      run = run.explainedAs(TestExplanation.of(node, run.failing()));
    }
    return run;
  }

  private static String testKind(JsonNode test) {
    return test.path("test_metadata").path("name").asText("singular");
  }

  private List<ColumnRow> columns(JsonNode node, JsonNode entry, List<TestRow> tests) {
    Map<String, ColumnRow> rows = new LinkedHashMap<>();
    Map<String, JsonNode> documented = new LinkedHashMap<>();
    node.path("columns").forEach(c -> documented.put(lower(c.path("name").asText()), c));
    Map<String, String> traced = new LinkedHashMap<>();
    node.path("column_lineage").fieldNames().forEachRemaining(c -> traced.put(lower(c), c));
    List<JsonNode> actual = new ArrayList<>();
    entry.path("columns").forEach(actual::add);
    actual.sort(Comparator.comparingInt(c -> c.path("index").asInt()));
    for (JsonNode column : actual) {
      String name = column.path("name").asText();
      JsonNode doc = documented.get(lower(name));
      String type = column.path("type").asText("");
      rows.put(lower(name), row(node, traced, name, type.isEmpty() ? declaredType(doc) : type,
          doc, tests));
    }
    // An ephemeral model, or one not built yet, has no catalog entry: lineage still knows its
    // columns, and in the order the query returns them; the type is the one the schema YAML
    // declares (a contract's data_type), if any.
    traced.forEach((key, name) -> {
      if (!rows.containsKey(key)) {
        JsonNode doc = documented.get(key);
        rows.put(key, row(node, traced, name, declaredType(doc), doc, tests));
      }
    });
    documented.forEach((key, doc) -> {
      if (!rows.containsKey(key)) {
        rows.put(key, row(node, traced, doc.path("name").asText(), declaredType(doc), doc,
            tests));
      }
    });
    return List.copyOf(rows.values());
  }

  private static String declaredType(JsonNode doc) {
    return doc == null ? "" : doc.path("data_type").asText("");
  }

  private ColumnRow row(JsonNode node, Map<String, String> traced, String name, String type,
      JsonNode doc, List<TestRow> tests) {
    String description = doc == null ? "" : markdown.html(doc.path("description").asText(""));
    List<TestRow> onColumn = tests.stream()
        .filter(t -> t.column() != null && t.column().equalsIgnoreCase(name)).toList();
    InheritedDescription inherited = null;
    if (description.isEmpty()) {
      Optional<Map.Entry<InheritedDescription, String>> found =
          inheritedDescription(id(node), name, 0);
      if (found.isPresent()) {
        inherited = found.get().getKey();
        description = markdown.html(found.get().getValue());
      }
    }
    return new ColumnRow(name, type, description, onColumn, origin(node, traced, name),
        inherited, constraints(node, doc, name));
  }

  /**
   * The constraints declared on a column (its own {@code constraints:}, and the model's that name
   * it, such as a primary key over several columns), in words and without repeats.
   */
  private static List<String> constraints(JsonNode node, JsonNode doc, String column) {
    Set<String> said = new LinkedHashSet<>();
    if (doc != null) {
      doc.path("constraints").forEach(c -> said.add(constraintWords(c)));
    }
    for (JsonNode constraint : node.path("constraints")) {
      for (JsonNode named : constraint.path("columns")) {
        if (named.asText().equalsIgnoreCase(column)) {
          said.add(constraintWords(constraint));
        }
      }
    }
    said.remove("");
    return List.copyOf(said);
  }

  private static String constraintWords(JsonNode constraint) {
    String type = constraint.path("type").asText("");
    String words = type.replace('_', ' ');
    if (type.equals("check") && !constraint.path("expression").asText("").isBlank()) {
      words += " " + constraint.path("expression").asText().strip();
    } else if (type.equals("foreign_key") && !constraint.path("to").asText("").isBlank()) {
      words += " to " + constraint.path("to").asText().strip();
    }
    return words;
  }

  /**
   * The description of the column a model's column passes through or renames unchanged, followed
   * upstream to where one is written (dbt Explorer's description inheritance), also through a
   * cast or a change of case ({@code same_meaning}). A column otherwise transformed, aggregated
   * or built from several columns inherits nothing: its meaning changed.
   */
  Optional<Map.Entry<InheritedDescription, String>> inheritedDescription(String nodeId,
      String column, int depth) {
    JsonNode node = nodes.get(nodeId);
    if (node == null || depth > 100) {
      return Optional.empty();
    }
    String key = nodeId + "\u0000" + lower(column);
    Optional<Map.Entry<InheritedDescription, String>> known = inherited.get(key);
    if (known != null) {
      return known;
    }
    Optional<Map.Entry<InheritedDescription, String>> found =
        followInherited(node, column, depth);
    inherited.put(key, found);
    return found;
  }

  private Optional<Map.Entry<InheritedDescription, String>> followInherited(JsonNode node,
      String column, int depth) {
    JsonNode lineage = null;
    for (Map.Entry<String, JsonNode> entry : node.path("column_lineage").properties()) {
      if (entry.getKey().equalsIgnoreCase(column)) {
        lineage = entry.getValue();
      }
    }
    if (lineage == null || lineage.path("sources").size() != 1) {
      return Optional.empty();
    }
    String kind = lineage.path("kind").asText("");
    if (!kind.equals("passthrough") && !kind.equals("rename")
        && !lineage.path("same_meaning").asBoolean(false)) {
      return Optional.empty();
    }
    JsonNode source = lineage.path("sources").path(0);
    String parentId = source.path("node").asText();
    String parentColumn = source.path("column").asText();
    JsonNode parent = nodes.get(parentId);
    if (parent == null || !links.containsKey(parentId)) {
      return Optional.empty();
    }
    for (JsonNode documented : parent.path("columns")) {
      String text = documented.path("description").asText("");
      if (documented.path("name").asText().equalsIgnoreCase(parentColumn) && !text.isBlank()) {
        return Optional.of(Map.entry(new InheritedDescription(links.get(parentId),
            documented.path("name").asText()), text));
      }
    }
    return inheritedDescription(parentId, parentColumn, depth + 1);
  }

  /** The column's lineage, or null when the manifest holds none for this node. */
  private ColumnOrigin origin(JsonNode node, Map<String, String> traced, String column) {
    if (!node.has("lineage_complete")) {
      return null;
    }
    String why = String.join("; ", strings(node.path("lineage_unknown")));
    String key = traced.get(lower(column));
    if (key == null) {
      // Documented or built, yet not among the columns the SQL was traced to return.
      return new ColumnOrigin(List.of(), false,
          why.isEmpty() ? "the traced SQL returns no column of this name" : why);
    }
    JsonNode entry = node.path("column_lineage").path(key);
    List<ColumnSource> sources = new ArrayList<>();
    for (JsonNode source : entry.path("sources")) {
      NodeLink parent = links.get(source.path("node").asText());
      if (parent != null) {
        sources.add(new ColumnSource(parent, source.path("column").asText()));
      }
    }
    boolean complete = entry.path("complete").asBoolean(false);
    return new ColumnOrigin(List.copyOf(sources), complete,
        complete ? "" : why.isEmpty() ? "part of the expression could not be traced" : why,
        entry.path("kind").asText(""), entry.path("expression").asText(""));
  }

  private DocPage macroPage(String id, JsonNode macro) {
    NodeLink self = links.get(id);
    String name = self.name();
    String file = macro.path("original_file_path").asText("");
    List<Fact> facts = new ArrayList<>();
    if (!file.isEmpty()) {
      facts.add(Fact.of("Defined in", file));
    }
    List<CodeBlock> code = new ArrayList<>();
    String sql = macro.path("macro_sql").asText("");
    if (sql.isBlank()) {
      sql = MacroSource.read(projectRoot, file, name).orElse("");
    }
    if (!sql.isBlank()) {
      code.add(new CodeBlock("macro", "Definition", SqlHighlight.html(sql)));
    }
    boolean generic = name.startsWith("test_");
    Pattern call = Pattern.compile("\\b" + Pattern.quote(name) + "\\s*\\(");
    List<NodeLink> usedBy = new ArrayList<>();
    for (JsonNode node : nodes.values()) {
      JsonNode declared = node.path("depends_on").path("macros");
      boolean uses = declared.isArray() ? strings(declared).contains(id)
          || (generic && type(node).equals("test") && testKind(node).equals(name.substring(5)))
          : generic ? type(node).equals("test") && testKind(node).equals(name.substring(5))
          // Manifests without depends_on.macros: a call in the SQL is the best evidence there is.
          : call.matcher(node.path("raw_code").asText("")).find();
      if (uses) {
        usedBy.add(links.get(id(node)));
      }
    }
    String kicker = generic ? "Macro · generic test" : "Macro";
    return new DocPage(self, name, kicker,
        markdown.html(macro.path("description").asText("")), List.of(), facts, List.of(),
        List.of(), List.of(), List.of(), TestTally.of(List.of()), List.of(), usedBy, code, null,
        false);
  }

  private List<NodeLink> neighbours(List<String> ids) {
    return ids.stream().map(links::get)
        .filter(l -> l != null && !l.type().equals("test"))
        .sorted(Comparator.comparing(NodeLink::name))
        .toList();
  }

  private List<Fact> meta(JsonNode node) {
    Map<String, JsonNode> merged = new LinkedHashMap<>();
    for (JsonNode meta : List.of(node.path("config").path("meta"), node.path("meta"))) {
      meta.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
    }
    merged.remove("owner");
    List<Fact> facts = new ArrayList<>();
    merged.forEach((key, value) -> facts.add(Fact.of(key, flat(value))));
    return facts;
  }

  private static Optional<String> owner(JsonNode node) {
    for (JsonNode holder : List.of(node.path("meta"), node.path("config").path("meta"),
        node.path("config"))) {
      String owner = flat(holder.path("owner"));
      if (!owner.isEmpty()) {
        return Optional.of(owner);
      }
    }
    return Optional.empty();
  }

  JsonNode catalogEntry(String uniqueId) {
    JsonNode entry = catalog.path("nodes").path(uniqueId);
    return entry.isMissingNode() ? catalog.path("sources").path(uniqueId) : entry;
  }

  /** A JSON value as one line: strings bare, lists comma-separated, anything else as JSON. */
  static String flat(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(flat(v)));
      return String.join(", ", parts);
    }
    return value.toString();
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }

  static Optional<String> text(JsonNode node, String field) {
    String value = node.path(field).asText("");
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
