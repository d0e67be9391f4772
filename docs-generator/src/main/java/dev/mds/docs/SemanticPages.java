package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pages of the manifest's semantic layer and groups: what a metric means (its type,
 * measures, expression, filters, the dimensions it can be cut by and the model it comes from),
 * each semantic model, saved query and group, and the facts a model's own page gains from them
 * (its group and owner, access, version, and the metrics defined on it).
 */
final class SemanticPages {

  /** Manifest sections read here, in the order their pages are listed. */
  static final List<String> SECTIONS = List.of("semantic_models", "metrics", "saved_queries",
      "groups");

  private final Map<String, JsonNode> resources = new LinkedHashMap<>();
  /** Semantic model unique id to the model it reads. */
  private final Map<String, String> modelOf = new LinkedHashMap<>();

  /** Edges among these resources and to the models they read (kept apart from the lineage). */
  private final Map<String, List<String>> parents = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new LinkedHashMap<>();

  private SemanticPages() {
  }

  /** Reads the sections; registers a link per resource and the edges between them. */
  static SemanticPages index(JsonNode manifest, PageNames names, Map<String, NodeLink> links) {
    SemanticPages pages = new SemanticPages();
    Map<String, List<String>> parents = pages.parents;
    Map<String, List<String>> children = pages.children;
    for (String section : SECTIONS) {
      for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path(section).fields();
          it.hasNext();) {
        Map.Entry<String, JsonNode> entry = it.next();
        JsonNode resource = entry.getValue();
        String id = entry.getKey();
        pages.resources.put(id, resource);
        String type = resource.path("resource_type").asText(section.replaceAll("s$", ""));
        String name = resource.path("label").isTextual() && type.equals("metric")
            ? resource.path("name").asText() : resource.path("name").asText(id);
        links.put(id, new NodeLink(id, name, type, names.page(id)));
        List<String> deps = ProjectDocs.strings(resource.path("depends_on").path("nodes"));
        parents.put(id, deps);
        for (String parent : deps) {
          children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
        }
        if (type.equals("semantic_model") && !deps.isEmpty()) {
          pages.modelOf.put(id, deps.get(0));
        }
      }
    }
    return pages;
  }

  boolean isEmpty() {
    return resources.isEmpty();
  }

  /** One page per semantic model, metric, saved query and group. */
  List<DocPage> pages(ProjectDocs docs, Function<List<String>, List<NodeLink>> neighbours) {
    List<DocPage> pages = new ArrayList<>();
    resources.forEach((id, resource) -> {
      NodeLink self = docs.link(id);
      List<Fact> facts = new ArrayList<>();
      List<Note> notes = new ArrayList<>();
      String kicker = switch (self.type()) {
        case "metric" -> metric(docs, resource, facts, notes);
        case "semantic_model" -> semanticModel(docs, resource, facts, notes);
        case "saved_query" -> savedQuery(resource, facts);
        default -> group(docs, id, resource, facts);
      };
      ProjectDocs.text(resource, "original_file_path")
          .ifPresent(f -> facts.add(Fact.of("Defined in", f)));
      String title = self.type().equals("metric")
          ? resource.path("label").asText(self.name()) : self.name();
      pages.add(new DocPage(self, title, kicker,
          docs.markdown().html(resource.path("description").asText("")),
          ProjectDocs.strings(resource.path("tags")), facts, List.of(), notes, List.of(),
          List.of(), TestTally.of(List.of()), neighbours.apply(parents.getOrDefault(id, List.of())),
          neighbours.apply(children.getOrDefault(id, List.of())), List.of(), null, false));
    });
    return pages;
  }

  private String metric(ProjectDocs docs, JsonNode metric, List<Fact> facts, List<Note> notes) {
    String type = metric.path("type").asText();
    JsonNode params = metric.path("type_params");
    facts.add(Fact.of("Metric", metric.path("name").asText()));
    facts.add(Fact.of("Type", type));
    List<String> measures = new ArrayList<>();
    params.path("input_measures").forEach(m -> measures.add(m.path("name").asText()));
    if (!measures.isEmpty()) {
      facts.add(Fact.of(measures.size() == 1 ? "Measure" : "Measures",
          String.join(", ", measures)));
    }
    for (String side : List.of("numerator", "denominator")) {
      if (params.has(side)) {
        facts.add(metricFact(docs, metric, capitalised(side), params.path(side)));
      }
    }
    if (params.path("expr").isTextual()) {
      facts.add(Fact.of("Expression", params.path("expr").asText()));
    }
    List<String> inputs = new ArrayList<>();
    params.path("metrics").forEach(m -> inputs.add(m.path("name").asText()
        + (m.path("alias").isTextual() ? " as " + m.path("alias").asText() : "")
        + (m.path("offset_window").isTextual() ? " (offset " + m.path("offset_window").asText()
            + ")" : "")));
    if (!inputs.isEmpty()) {
      facts.add(Fact.of("From metrics", String.join(", ", inputs)));
    }
    JsonNode cumulative = params.path("cumulative_type_params");
    if (cumulative.path("window").isTextual()) {
      facts.add(Fact.of("Window", cumulative.path("window").asText()));
    }
    if (cumulative.path("grain_to_date").isTextual()) {
      facts.add(Fact.of("Grain to date", cumulative.path("grain_to_date").asText()));
    }
    JsonNode conversion = params.path("conversion_type_params");
    if (conversion.isObject()) {
      facts.add(Fact.of("Base measure", conversion.path("base_measure").path("name").asText()));
      facts.add(Fact.of("Conversion measure",
          conversion.path("conversion_measure").path("name").asText()));
      facts.add(Fact.of("Entity", conversion.path("entity").asText()));
      facts.add(Fact.of("Calculation", conversion.path("calculation").asText()));
    }
    List<String> filters = new ArrayList<>();
    metric.path("filter").path("where_filters")
        .forEach(f -> filters.add(f.path("where_sql_template").asText()));
    if (!filters.isEmpty()) {
      facts.add(Fact.of("Filter", String.join(" and ", filters)));
    }
    // Where the numbers come from: the semantic models of its measures, and their models.
    List<String> dimensions = new ArrayList<>();
    for (String semantic : semanticModelsOf(metric, new java.util.HashSet<>())) {
      NodeLink link = docs.link(semantic);
      if (link != null) {
        facts.add(new Fact("Semantic model", link.name(), link.page()));
      }
      NodeLink model = docs.link(modelOf.getOrDefault(semantic, ""));
      if (model != null) {
        facts.add(new Fact("Model", model.name(), model.page()));
      }
      JsonNode sm = resources.get(semantic);
      if (sm != null) {
        sm.path("dimensions").forEach(d -> dimensions.add(d.path("name").asText()
            + (d.path("type").asText().equals("time") ? " (time, "
                + d.path("type_params").path("time_granularity").asText() + ")"
                : " (" + d.path("type").asText() + ")")));
      }
    }
    if (!dimensions.isEmpty()) {
      notes.add(new Note("Dimensions to cut it by", list(dimensions)));
    }
    return "Metric · " + type;
  }

  private Fact metricFact(ProjectDocs docs, JsonNode metric, String label, JsonNode input) {
    String name = input.path("name").asText();
    NodeLink link = docs.link("metric." + metric.path("package_name").asText() + "." + name);
    return link == null ? Fact.of(label, name) : new Fact(label, name, link.page());
  }

  /** The semantic models a metric's numbers come from, through its input metrics too. */
  private List<String> semanticModelsOf(JsonNode metric, java.util.Set<String> seen) {
    List<String> found = new ArrayList<>();
    for (String dep : ProjectDocs.strings(metric.path("depends_on").path("nodes"))) {
      if (!seen.add(dep)) {
        continue;
      }
      if (dep.startsWith("semantic_model.")) {
        found.add(dep);
      } else if (resources.containsKey(dep)) {
        found.addAll(semanticModelsOf(resources.get(dep), seen));
      }
    }
    return found;
  }

  private String semanticModel(ProjectDocs docs, JsonNode sm, List<Fact> facts,
      List<Note> notes) {
    NodeLink model = docs.link(modelOf.getOrDefault(ProjectDocs.id(sm), ""));
    if (model != null) {
      facts.add(new Fact("Model", model.name(), model.page()));
    }
    ProjectDocs.text(sm.path("node_relation"), "relation_name")
        .ifPresent(r -> facts.add(Fact.of("Relation", r)));
    ProjectDocs.text(sm.path("defaults"), "agg_time_dimension")
        .ifPresent(t -> facts.add(Fact.of("Time dimension", t)));
    List<String> entities = new ArrayList<>();
    sm.path("entities").forEach(e -> entities.add(e.path("name").asText() + " ("
        + e.path("type").asText() + (e.path("expr").isTextual() ? ", " + e.path("expr").asText()
            : "") + ")"));
    List<String> dimensions = new ArrayList<>();
    sm.path("dimensions").forEach(d -> dimensions.add(d.path("name").asText() + " ("
        + d.path("type").asText() + (d.path("type").asText().equals("time") ? ", "
            + d.path("type_params").path("time_granularity").asText() : "") + ")"
        + (d.path("expr").isTextual() ? " = " + d.path("expr").asText() : "")));
    List<String> measures = new ArrayList<>();
    sm.path("measures").forEach(m -> measures.add(m.path("name").asText() + ": "
        + m.path("agg").asText() + "(" + m.path("expr").asText(m.path("name").asText()) + ")"
        + (m.path("description").isTextual() ? " — " + m.path("description").asText() : "")));
    for (Map.Entry<String, List<String>> part : Map.of("Entities", entities, "Dimensions",
        dimensions, "Measures", measures).entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).toList()) {
      if (!part.getValue().isEmpty()) {
        notes.add(new Note(part.getKey(), list(part.getValue())));
      }
    }
    return "Semantic model";
  }

  private static String savedQuery(JsonNode query, List<Fact> facts) {
    JsonNode params = query.path("query_params");
    facts.add(Fact.of("Metrics", ProjectDocs.flat(params.path("metrics"))));
    if (!params.path("group_by").isEmpty()) {
      facts.add(Fact.of("Group by", ProjectDocs.flat(params.path("group_by"))));
    }
    List<String> filters = new ArrayList<>();
    params.path("where").path("where_filters")
        .forEach(f -> filters.add(f.path("where_sql_template").asText()));
    if (!filters.isEmpty()) {
      facts.add(Fact.of("Filter", String.join(" and ", filters)));
    }
    List<String> exports = new ArrayList<>();
    query.path("exports").forEach(e -> exports.add(e.path("name").asText() + " ("
        + e.path("config").path("export_as").asText() + ")"));
    if (!exports.isEmpty()) {
      facts.add(Fact.of("Exports", String.join(", ", exports)));
    }
    return "Saved query";
  }

  private static String group(ProjectDocs docs, String id, JsonNode group, List<Fact> facts) {
    ownerFacts(group.path("owner"), facts);
    List<String> members = new ArrayList<>();
    docs.nodes().forEach((nodeId, node) -> {
      if (group.path("name").asText().equals(node.path("group").asText(null))) {
        members.add(ProjectDocs.displayName(node));
      }
    });
    if (!members.isEmpty()) {
      facts.add(Fact.of("Models", String.join(", ", members.stream().sorted().toList())));
    }
    return "Group";
  }

  private static void ownerFacts(JsonNode owner, List<Fact> facts) {
    if (owner.path("name").isTextual()) {
      facts.add(Fact.of("Owner", owner.path("name").asText()));
    }
    if (owner.path("email").isTextual()) {
      facts.add(Fact.of("Owner email", owner.path("email").asText()));
    }
  }

  /**
   * What a model's page shows of governance and meaning: its group (linked) and the group's
   * owner, its access and version, and the metrics computed from it.
   */
  void modelFacts(ProjectDocs docs, JsonNode node, List<Fact> facts, List<Note> notes) {
    String group = node.path("group").asText("");
    if (!group.isEmpty()) {
      String groupId = "group." + node.path("package_name").asText() + "." + group;
      NodeLink link = docs.link(groupId);
      facts.add(link == null ? Fact.of("Group", group) : new Fact("Group", group, link.page()));
      JsonNode declared = resources.get(groupId);
      if (declared != null) {
        ownerFacts(declared.path("owner"), facts);
      }
    }
    if (node.path("access").isTextual()) {
      facts.add(Fact.of("Access", node.path("access").asText()));
    }
    if (!node.path("version").isNull() && !node.path("version").isMissingNode()) {
      facts.add(Fact.of("Version", node.path("version").asText()
          + (node.path("version").asText().equals(node.path("latest_version").asText())
              ? " (latest)" : " (latest is " + node.path("latest_version").asText() + ")")));
    }
    if (node.path("time_spine").isObject()) {
      facts.add(Fact.of("Time spine", "standard granularity column "
          + node.path("time_spine").path("standard_granularity_column").asText()));
    } else if (node.path("name").asText().equals("metricflow_time_spine")) {
      facts.add(Fact.of("Time spine", "metricflow_time_spine (legacy)"));
    }
    String id = ProjectDocs.id(node);
    List<String> metrics = new ArrayList<>();
    resources.forEach((rid, resource) -> {
      if (resource.path("resource_type").asText().equals("metric")
          && semanticModelsOf(resource, new java.util.HashSet<>()).stream()
              .anyMatch(sm -> id.equals(modelOf.get(sm)))) {
        NodeLink link = docs.link(rid);
        metrics.add("<a href=\"../" + escape(link.page()) + "\">"
            + escape(resource.path("label").asText(link.name())) + "</a> — "
            + escape(resource.path("type").asText()) + metricSummary(resource));
      }
    });
    if (!metrics.isEmpty()) {
      notes.add(new Note("Metrics defined on this model", "<ul><li>"
          + String.join("</li><li>", metrics) + "</li></ul>"));
    }
  }

  private static String metricSummary(JsonNode metric) {
    String description = metric.path("description").asText("");
    return description.isBlank() ? "" : ": " + escape(description.strip());
  }

  private static String list(List<String> items) {
    StringBuilder html = new StringBuilder("<ul>");
    items.forEach(i -> html.append("<li>").append(escape(i)).append("</li>"));
    return html.append("</ul>").toString();
  }

  /** Text as HTML: notes are inserted raw, so every value from YAML is escaped here. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
