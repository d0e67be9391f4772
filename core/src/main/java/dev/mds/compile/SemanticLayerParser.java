package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.SemanticLayer;
import dev.mds.graph.SemanticResource;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dbt's semantic layer ({@code semantic_models}, {@code metrics}, {@code saved_queries}),
 * {@code groups} and model {@code time_spine}s from schema YAML, checks them against the models
 * and each other as dbt's parse does (a semantic model naming a model that does not exist, a
 * metric naming a measure no semantic model defines, ...), and lays each out as dbt's manifest
 * does.
 */
final class SemanticLayerParser {

  /** {@code ref('orders')}, {@code ref('pkg', 'orders')}, with an optional {@code v=}. */
  private static final Pattern REF = Pattern.compile(
      "^\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*(?:,\\s*['\"]([^'\"]+)['\"]\\s*)?"
          + "(?:,\\s*(?:v|version)\\s*=\\s*['\"]?([^'\")\\s]+)['\"]?\\s*)?\\)\\s*$");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "max", "min", "count_distinct",
      "sum_boolean", "average", "percentile", "median", "count");
  private static final Set<String> ENTITY_TYPES = Set.of("primary", "unique", "foreign",
      "natural");
  private static final Set<String> DIMENSION_TYPES = Set.of("categorical", "time");
  private static final Set<String> GRANULARITIES = Set.of("nanosecond", "microsecond",
      "millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year");
  private static final Set<String> METRIC_TYPES = Set.of("simple", "ratio", "cumulative",
      "derived", "conversion");
  /** Top-level keys this parser reads; files without any are not parsed a second time. */
  private static final List<String> KEYS = List.of("semantic_models:", "metrics:",
      "saved_queries:", "groups:", "time_spine:");

  /** The root project or a package, and its listing. */
  record Unit(Project project, ProjectFiles files) {
  }

  private final Project root;
  private final List<Unit> units;
  private final Map<String, Node> byName;
  private final List<MdsException> errors;

  private final List<SemanticResource> semanticModels = new ArrayList<>();
  private final List<SemanticResource> metrics = new ArrayList<>();
  private final List<SemanticResource> savedQueries = new ArrayList<>();
  private final List<SemanticResource> groups = new ArrayList<>();
  private final Map<String, Map<String, Object>> timeSpines = new LinkedHashMap<>();
  /** Measure name to the semantic model (unique id) that defines it. */
  private final Map<String, String> measures = new LinkedHashMap<>();
  /** Raw metric entries with their file, read before any is checked (metrics name each other). */
  private final List<Entry> metricEntries = new ArrayList<>();
  private final List<Entry> savedQueryEntries = new ArrayList<>();

  private record Entry(Unit unit, String file, Map<String, Object> yaml) {
  }

  /**
   * Measures of semantic models and metrics that had an error of their own: what names them is
   * skipped rather than reported, so a user sees the cause once, not every consequence.
   */
  private final Set<String> brokenMeasures = new java.util.HashSet<>();
  private final Set<String> brokenMetrics = new java.util.HashSet<>();

  /** Thrown for a resource that names one with an error of its own; not reported. */
  private static final class Skipped extends RuntimeException {
    Skipped() {
      super(null, null, false, false);
    }
  }

  SemanticLayerParser(Project root, List<Unit> units, Map<String, Node> byName,
      List<MdsException> errors) {
    this.root = root;
    this.units = units;
    this.byName = byName;
    this.errors = errors;
  }

  /** Reads every unit's schema YAML; each problem is added to the errors, naming its file. */
  SemanticLayer parse() {
    for (Unit unit : units) {
      YamlReader yaml = new YamlReader(unit.project().displayRoot());
      for (Path path : unit.files().schemaFiles()) {
        String text;
        try {
          text = yaml.readText(path);
        } catch (MdsException e) {
          continue; // The schema loader reports an unreadable file.
        }
        if (KEYS.stream().noneMatch(text::contains)) {
          continue;
        }
        String file = yaml.display(path);
        try {
          read(unit, file, YamlReader.parseMap(text, file));
        } catch (MdsException e) {
          errors.add(e);
        }
      }
    }
    for (Entry entry : metricEntries) {
      if (!attempt(() -> metrics.add(metric(entry)))) {
        brokenMetrics.add(name(entry.yaml()));
      }
    }
    checkMetricCycles();
    for (Entry entry : savedQueryEntries) {
      attempt(() -> savedQueries.add(savedQuery(entry)));
    }
    return new SemanticLayer(List.copyOf(semanticModels), List.copyOf(metrics),
        List.copyOf(savedQueries), List.copyOf(groups), Map.copyOf(timeSpines));
  }

  /** Runs one resource's step; false when it failed (its error is kept unless skipped). */
  private boolean attempt(Runnable step) {
    try {
      step.run();
      return true;
    } catch (Skipped e) {
      return false;
    } catch (MdsException e) {
      errors.add(e);
      return false;
    }
  }

  private void read(Unit unit, String file, Map<String, Object> doc) {
    for (Map<String, Object> entry : entries(doc.get("groups"), "groups", file)) {
      attempt(() -> groups.add(group(unit, file, entry)));
    }
    for (Map<String, Object> entry : entries(doc.get("semantic_models"), "semantic_models",
        file)) {
      if (enabled(entry) && !attempt(() -> semanticModels.add(semanticModel(unit, file,
          entry)))) {
        for (Object measure : YamlValues.list(entry.get("measures"))) {
          YamlValues.string(YamlValues.map(measure).get("name")).ifPresent(brokenMeasures::add);
        }
      }
    }
    for (Map<String, Object> entry : entries(doc.get("metrics"), "metrics", file)) {
      if (enabled(entry)) {
        metricEntries.add(new Entry(unit, file, entry));
      }
    }
    for (Map<String, Object> entry : entries(doc.get("saved_queries"), "saved_queries", file)) {
      if (enabled(entry)) {
        savedQueryEntries.add(new Entry(unit, file, entry));
      }
    }
    for (Map<String, Object> entry : entries(doc.get("models"), "models", file)) {
      if (entry.get("time_spine") != null) {
        attempt(() -> timeSpine(unit, file, entry));
      }
    }
  }

  private static boolean enabled(Map<String, Object> entry) {
    return YamlValues.bool(YamlValues.map(entry.get("config")).get("enabled"), true);
  }

  private static List<Map<String, Object>> entries(Object value, String key, String file) {
    List<Map<String, Object>> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (!(value instanceof List<?> list)) {
      throw MdsException.at(file, "'" + key + ":' must be a list of entries (each starting"
          + " '- name:')");
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?>) || YamlValues.string(((Map<?, ?>) item).get("name"))
          .filter(n -> !n.isBlank()).isEmpty()) {
        throw MdsException.at(file, "each entry under '" + key + ":' must be a mapping with a"
            + " name, got '" + item + "'");
      }
      result.add(YamlValues.map(item));
    }
    return result;
  }

  private static String name(Map<String, Object> entry) {
    return String.valueOf(entry.get("name"));
  }

  /** Fields every resource of dbt's manifest carries. */
  private Map<String, Object> common(String type, Unit unit, String file,
      Map<String, Object> entry) {
    String name = name(entry);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("resource_type", type);
    json.put("package_name", unit.project().name());
    json.put("path", file);
    json.put("original_file_path", file);
    json.put("unique_id", type + "." + unit.project().name() + "." + name);
    // As dbt: the project, the folders of the YAML file below the model path, then the name.
    List<String> fqn = new ArrayList<>(ProjectParser.fqn(unit.project(),
        unit.project().located(file), unit.project().config().modelPaths()));
    fqn.set(fqn.size() - 1, name);
    json.put("fqn", fqn);
    return json;
  }

  private SemanticResource group(Unit unit, String file, Map<String, Object> entry) {
    String name = name(entry);
    if (groups.stream().anyMatch(g -> g.name().equals(name))) {
      throw MdsException.at(file, "group '" + name + "' is declared twice");
    }
    Object owner = entry.get("owner");
    if (!(owner instanceof Map<?, ?> ownerMap) || (ownerMap.get("name") == null
        && ownerMap.get("email") == null)) {
      throw MdsException.at(file, "group '" + name + "' needs an owner with a name or an email"
          + " (owner: {name: Finance, email: finance@example.com})");
    }
    Map<String, Object> json = common("group", unit, file, entry);
    json.remove("fqn");
    Map<String, Object> ownerJson = new LinkedHashMap<>();
    ownerJson.put("email", ownerMap.get("email") == null ? null
        : String.valueOf(ownerMap.get("email")));
    ownerJson.put("name", ownerMap.get("name") == null ? null
        : String.valueOf(ownerMap.get("name")));
    json.put("owner", ownerJson);
    json.put("description", YamlValues.string(entry.get("description")).orElse(null));
    json.put("config", Map.of("meta", YamlValues.map(
        YamlValues.map(entry.get("config")).getOrDefault("meta", entry.get("meta")))));
    return new SemanticResource("group", (String) json.get("unique_id"), name, file, List.of(),
        json);
  }

  private Model refModel(String text, String what, String file) {
    Matcher m = REF.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw MdsException.at(file, what + " needs 'model: ref(\"<model>\")', got "
          + (text == null ? "none" : "'" + text + "'"));
    }
    String name = m.group(2) != null ? m.group(2) : m.group(1);
    String key = m.group(3) != null ? name + "_v" + m.group(3) : name;
    Node node = VersionedRefs.resolve(byName, key);
    if (node instanceof Model model) {
      return model;
    }
    throw MdsException.at(file, what + " has model: " + text.trim() + ", but no model is named '"
        + key + "'" + ClosestName.hint(key, byName.keySet()));
  }

  private SemanticResource semanticModel(Unit unit, String file, Map<String, Object> entry) {
    String name = name(entry);
    String what = "semantic model '" + name + "'";
    if (semanticModels.stream().anyMatch(s -> s.name().equals(name))) {
      throw MdsException.at(file, what + " is declared twice");
    }
    Model model = refModel(YamlValues.string(entry.get("model")).orElse(null), what, file);
    Map<String, Object> json = common("semantic_model", unit, file, entry);
    json.put("model", String.valueOf(entry.get("model")).trim());
    Map<String, Object> relation = new LinkedHashMap<>();
    relation.put("alias", model.relation().identifier());
    relation.put("schema_name", model.relation().schema());
    relation.put("database", model.relation().database() != null ? model.relation().database()
        : root.target().database());
    relation.put("relation_name", model.relation().toString());
    json.put("node_relation", relation);
    json.put("description", YamlValues.string(entry.get("description")).orElse(""));
    json.put("label", YamlValues.string(entry.get("label")).orElse(null));
    Map<String, Object> defaults = YamlValues.map(entry.get("defaults"));
    Optional<String> defaultTime = YamlValues.string(defaults.get("agg_time_dimension"));
    json.put("defaults", defaultTime.isPresent()
        ? Map.of("agg_time_dimension", defaultTime.get()) : null);
    json.put("primary_entity", YamlValues.string(entry.get("primary_entity")).orElse(null));

    List<Object> entities = new ArrayList<>();
    for (Map<String, Object> e : entries(entry.get("entities"), "entities", file)) {
      String type = YamlValues.string(e.get("type")).orElse("");
      if (!ENTITY_TYPES.contains(type)) {
        throw MdsException.at(file, what + ": entity '" + name(e) + "' has type '" + type
            + "'; use one of " + sorted(ENTITY_TYPES));
      }
      Map<String, Object> ej = new LinkedHashMap<>();
      ej.put("name", name(e));
      ej.put("type", type);
      ej.put("description", YamlValues.string(e.get("description")).orElse(null));
      ej.put("label", YamlValues.string(e.get("label")).orElse(null));
      ej.put("role", YamlValues.string(e.get("role")).orElse(null));
      ej.put("expr", e.get("expr") == null ? null : String.valueOf(e.get("expr")));
      entities.add(ej);
    }
    json.put("entities", entities);

    Set<String> timeDimensions = new LinkedHashSet<>();
    List<Object> dimensions = new ArrayList<>();
    for (Map<String, Object> d : entries(entry.get("dimensions"), "dimensions", file)) {
      String type = YamlValues.string(d.get("type")).orElse("").toLowerCase();
      if (!DIMENSION_TYPES.contains(type)) {
        throw MdsException.at(file, what + ": dimension '" + name(d) + "' has type '"
            + d.get("type") + "'; use categorical or time");
      }
      Map<String, Object> params = YamlValues.map(d.get("type_params"));
      Map<String, Object> dj = new LinkedHashMap<>();
      dj.put("name", name(d));
      dj.put("type", type);
      dj.put("description", YamlValues.string(d.get("description")).orElse(null));
      dj.put("label", YamlValues.string(d.get("label")).orElse(null));
      dj.put("is_partition", YamlValues.bool(d.get("is_partition"), false));
      if (type.equals("time")) {
        String grain = YamlValues.string(params.get("time_granularity")).orElse("")
            .toLowerCase();
        if (!GRANULARITIES.contains(grain)) {
          throw MdsException.at(file, what + ": time dimension '" + name(d) + "' needs"
              + " type_params.time_granularity, one of " + List.of("day", "week", "month",
                  "quarter", "year", "hour", "...") + ", got '" + params.get("time_granularity")
              + "'");
        }
        Map<String, Object> tp = new LinkedHashMap<>();
        tp.put("time_granularity", grain);
        tp.put("validity_params", params.get("validity_params"));
        dj.put("type_params", tp);
        timeDimensions.add(name(d));
      } else {
        dj.put("type_params", null);
      }
      dj.put("expr", d.get("expr") == null ? null : String.valueOf(d.get("expr")));
      dimensions.add(dj);
    }
    json.put("dimensions", dimensions);
    if (defaultTime.isPresent() && !timeDimensions.contains(defaultTime.get())) {
      throw MdsException.at(file, what + ": defaults.agg_time_dimension '" + defaultTime.get()
          + "' is not a time dimension of it" + ClosestName.hint(defaultTime.get(),
              timeDimensions));
    }

    String id = (String) json.get("unique_id");
    List<Object> measureList = new ArrayList<>();
    for (Map<String, Object> me : entries(entry.get("measures"), "measures", file)) {
      String measure = name(me);
      String agg = YamlValues.string(me.get("agg")).orElse("").toLowerCase();
      if (!AGGREGATIONS.contains(agg)) {
        throw MdsException.at(file, what + ": measure '" + measure + "' has agg '"
            + me.get("agg") + "'; use one of " + sorted(AGGREGATIONS));
      }
      Optional<String> time = YamlValues.string(me.get("agg_time_dimension")).or(() -> defaultTime);
      if (time.isEmpty()) {
        throw MdsException.at(file, what + ": measure '" + measure + "' has no"
            + " agg_time_dimension, and the semantic model sets no defaults.agg_time_dimension");
      }
      if (!timeDimensions.contains(time.get())) {
        throw MdsException.at(file, what + ": measure '" + measure + "' has agg_time_dimension '"
            + time.get() + "', which is not a time dimension of it");
      }
      String previous = measures.putIfAbsent(measure, id);
      if (previous != null) {
        throw MdsException.at(file, what + ": measure '" + measure + "' is also defined in "
            + previous + "; measure names must be unique in the project");
      }
      Map<String, Object> mj = new LinkedHashMap<>();
      mj.put("name", measure);
      mj.put("agg", agg);
      mj.put("description", YamlValues.string(me.get("description")).orElse(null));
      mj.put("label", YamlValues.string(me.get("label")).orElse(null));
      mj.put("create_metric", YamlValues.bool(me.get("create_metric"), false));
      mj.put("expr", me.get("expr") == null ? null : String.valueOf(me.get("expr")));
      mj.put("agg_params", me.get("agg_params"));
      mj.put("non_additive_dimension", me.get("non_additive_dimension"));
      mj.put("agg_time_dimension", me.get("agg_time_dimension") == null ? null
          : String.valueOf(me.get("agg_time_dimension")));
      measureList.add(mj);
    }
    json.put("measures", measureList);
    json.put("metadata", null);
    json.put("depends_on", dependsOn(List.of(model.uniqueId())));
    json.put("refs", List.of(refJson(model)));
    json.put("config", config(entry));
    json.put("group", YamlValues.map(entry.get("config")).get("group"));
    return new SemanticResource("semantic_model", id, name, file, List.of(model.uniqueId()),
        json);
  }

  private static Map<String, Object> refJson(Model model) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", model.version().map(v -> v.modelName()).orElse(model.name()));
    ref.put("package", null);
    ref.put("version", model.version().map(v -> (Object) v.version()).orElse(null));
    return ref;
  }

  private static Map<String, Object> config(Map<String, Object> entry) {
    Map<String, Object> config = new LinkedHashMap<>();
    Map<String, Object> raw = YamlValues.map(entry.get("config"));
    config.put("enabled", YamlValues.bool(raw.get("enabled"), true));
    config.put("group", raw.get("group"));
    config.put("meta", YamlValues.map(raw.getOrDefault("meta", entry.get("meta"))));
    return config;
  }

  private static Map<String, Object> dependsOn(List<String> nodes) {
    Map<String, Object> depends = new LinkedHashMap<>();
    depends.put("macros", List.of());
    depends.put("nodes", nodes);
    return depends;
  }

  private static Map<String, Object> filter(Object value) {
    if (value == null) {
      return null;
    }
    List<Object> filters = new ArrayList<>();
    for (Object item : value instanceof List<?> list ? list : List.of(value)) {
      filters.add(Map.of("where_sql_template", String.valueOf(item).trim()));
    }
    return Map.of("where_filters", filters);
  }

  /** A metric's measure input: a name, or {name, filter, alias, join_to_timespine, ...}. */
  private Map<String, Object> measureInput(Object value, String what, String file,
      Set<String> semanticDeps) {
    Map<String, Object> raw = value instanceof Map<?, ?> map ? YamlValues.map(map)
        : value == null ? Map.of() : Map.of("name", value);
    String measure = YamlValues.string(raw.get("name")).orElse(null);
    if (measure == null) {
      throw MdsException.at(file, what + " needs a measure in type_params");
    }
    String owner = measures.get(measure);
    if (owner == null && brokenMeasures.contains(measure)) {
      throw new Skipped();
    }
    if (owner == null) {
      throw MdsException.at(file, what + " names measure '" + measure + "', which no semantic"
          + " model defines" + ClosestName.hint(measure, measures.keySet()));
    }
    semanticDeps.add(owner);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", measure);
    json.put("filter", filter(raw.get("filter")));
    json.put("alias", raw.get("alias"));
    json.put("join_to_timespine", YamlValues.bool(raw.get("join_to_timespine"), false));
    json.put("fill_nulls_with", raw.get("fill_nulls_with"));
    return json;
  }

  /** A metric's metric input: a name, or {name, filter, alias, offset_window, ...}. */
  private Map<String, Object> metricInput(Object value, String what, String file,
      Set<String> metricDeps) {
    Map<String, Object> raw = value instanceof Map<?, ?> map ? YamlValues.map(map)
        : value == null ? Map.of() : Map.of("name", value);
    String metric = YamlValues.string(raw.get("name")).orElse(null);
    Optional<Entry> target = metricEntries.stream()
        .filter(e -> name(e.yaml()).equals(metric)).findFirst();
    if (target.isEmpty()) {
      throw MdsException.at(file, what + " names metric '" + metric + "', which is not defined"
          + ClosestName.hint(String.valueOf(metric), metricEntries.stream()
              .map(e -> name(e.yaml())).toList()));
    }
    if (brokenMetrics.contains(metric)) {
      throw new Skipped();
    }
    metricDeps.add("metric." + target.get().unit().project().name() + "." + metric);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", metric);
    json.put("filter", filter(raw.get("filter")));
    json.put("alias", raw.get("alias"));
    json.put("offset_window", raw.get("offset_window"));
    json.put("offset_to_grain", raw.get("offset_to_grain"));
    return json;
  }

  private SemanticResource metric(Entry entry) {
    Map<String, Object> yaml = entry.yaml();
    String file = entry.file();
    String name = name(yaml);
    String what = "metric '" + name + "'";
    if (metrics.stream().anyMatch(m -> m.name().equals(name))) {
      throw MdsException.at(file, what + " is declared twice");
    }
    String type = YamlValues.string(yaml.get("type")).orElse("").toLowerCase();
    if (!METRIC_TYPES.contains(type)) {
      throw MdsException.at(file, what + " has type '" + yaml.get("type") + "'; use one of "
          + sorted(METRIC_TYPES));
    }
    Map<String, Object> params = YamlValues.map(yaml.get("type_params"));
    Set<String> semanticDeps = new LinkedHashSet<>();
    Set<String> metricDeps = new LinkedHashSet<>();
    Map<String, Object> tp = new LinkedHashMap<>();
    List<Object> inputMeasures = new ArrayList<>();
    switch (type) {
      case "simple", "cumulative" -> {
        Map<String, Object> measure = measureInput(params.get("measure"), what, file,
            semanticDeps);
        tp.put("measure", measure);
        inputMeasures.add(measure);
        if (type.equals("cumulative")) {
          Map<String, Object> cumulative = new LinkedHashMap<>(
              YamlValues.map(params.get("cumulative_type_params")));
          for (String key : List.of("window", "grain_to_date")) {
            if (params.get(key) != null) {
              cumulative.putIfAbsent(key, params.get(key));
            }
          }
          cumulative.putIfAbsent("period_agg", "first");
          if (cumulative.get("window") != null && cumulative.get("grain_to_date") != null) {
            throw MdsException.at(file, what + " sets both window and grain_to_date; a"
                + " cumulative metric takes one of them");
          }
          tp.put("window", cumulative.get("window"));
          tp.put("grain_to_date", cumulative.get("grain_to_date"));
          tp.put("cumulative_type_params", cumulative);
        }
      }
      case "ratio" -> {
        for (String side : List.of("numerator", "denominator")) {
          if (params.get(side) == null) {
            throw MdsException.at(file, what + " is a ratio and needs type_params." + side);
          }
          tp.put(side, metricInput(params.get(side), what, file, metricDeps));
        }
      }
      case "derived" -> {
        if (YamlValues.string(params.get("expr")).isEmpty()) {
          throw MdsException.at(file, what + " is derived and needs type_params.expr");
        }
        List<Object> inputs = new ArrayList<>();
        for (Object input : YamlValues.list(params.get("metrics"))) {
          inputs.add(metricInput(input, what, file, metricDeps));
        }
        if (inputs.isEmpty()) {
          throw MdsException.at(file, what + " is derived and needs type_params.metrics");
        }
        tp.put("expr", String.valueOf(params.get("expr")).trim());
        tp.put("metrics", inputs);
      }
      default -> {
        Map<String, Object> conversion = YamlValues.map(params.get("conversion_type_params"));
        Map<String, Object> cj = new LinkedHashMap<>();
        for (String side : List.of("base_measure", "conversion_measure")) {
          Map<String, Object> measure = measureInput(conversion.get(side), what + " ("
              + side + ")", file, semanticDeps);
          cj.put(side, measure);
          inputMeasures.add(measure);
        }
        if (YamlValues.string(conversion.get("entity")).isEmpty()) {
          throw MdsException.at(file, what + " is a conversion metric and needs"
              + " conversion_type_params.entity");
        }
        cj.put("entity", String.valueOf(conversion.get("entity")));
        cj.put("calculation", YamlValues.string(conversion.get("calculation"))
            .orElse("conversion_rate"));
        cj.put("window", conversion.get("window"));
        cj.put("constant_properties", conversion.get("constant_properties"));
        tp.put("conversion_type_params", cj);
      }
    }
    tp.put("input_measures", inputMeasures);
    if (params.get("expr") != null && !tp.containsKey("expr")) {
      tp.put("expr", String.valueOf(params.get("expr")));
    }
    Map<String, Object> json = common("metric", entry.unit(), file, yaml);
    json.put("description", YamlValues.string(yaml.get("description")).orElse(""));
    json.put("label", YamlValues.string(yaml.get("label")).orElse(name));
    json.put("type", type);
    json.put("type_params", tp);
    json.put("filter", filter(yaml.get("filter")));
    json.put("time_granularity", yaml.get("time_granularity"));
    json.put("metadata", null);
    json.put("meta", YamlValues.map(YamlValues.map(yaml.get("config"))
        .getOrDefault("meta", yaml.get("meta"))));
    json.put("tags", YamlValues.strings(yaml.get("tags")));
    json.put("config", config(yaml));
    json.put("sources", List.of());
    List<String> deps = new ArrayList<>(semanticDeps);
    deps.addAll(metricDeps);
    json.put("depends_on", dependsOn(deps));
    json.put("refs", List.of());
    json.put("metrics", metricDeps.stream().map(d -> List.of(d.substring(d.lastIndexOf('.') + 1)))
        .toList());
    json.put("group", YamlValues.map(yaml.get("config")).get("group"));
    return new SemanticResource("metric", (String) json.get("unique_id"), name, file, deps, json);
  }

  /** A derived or ratio metric that reaches itself through its inputs is refused, naming it. */
  private void checkMetricCycles() {
    Map<String, SemanticResource> byId = new LinkedHashMap<>();
    metrics.forEach(m -> byId.put(m.uniqueId(), m));
    for (SemanticResource metric : metrics) {
      Set<String> seen = new LinkedHashSet<>();
      List<String> queue = new ArrayList<>(metric.dependsOn());
      while (!queue.isEmpty()) {
        String id = queue.remove(0);
        if (id.equals(metric.uniqueId())) {
          errors.add(MdsException.at(metric.file(), "metric '" + metric.name()
              + "' depends on itself through its input metrics"));
          break;
        }
        if (seen.add(id) && byId.containsKey(id)) {
          queue.addAll(byId.get(id).dependsOn());
        }
      }
    }
  }

  private SemanticResource savedQuery(Entry entry) {
    Map<String, Object> yaml = entry.yaml();
    String file = entry.file();
    String name = name(yaml);
    String what = "saved query '" + name + "'";
    if (savedQueries.stream().anyMatch(q -> q.name().equals(name))) {
      throw MdsException.at(file, what + " is declared twice");
    }
    Map<String, Object> params = YamlValues.map(yaml.get("query_params"));
    List<String> names = YamlValues.strings(params.get("metrics"));
    Set<String> deps = new LinkedHashSet<>();
    for (String metric : names) {
      Optional<SemanticResource> found = metrics.stream().filter(m -> m.name().equals(metric))
          .findFirst();
      if (found.isEmpty() && brokenMetrics.contains(metric)) {
        throw new Skipped();
      }
      if (found.isEmpty()) {
        throw MdsException.at(file, what + " names metric '" + metric + "', which is not defined"
            + ClosestName.hint(metric, metrics.stream().map(SemanticResource::name).toList()));
      }
      deps.add(found.get().uniqueId());
    }
    Map<String, Object> json = common("saved_query", entry.unit(), file, yaml);
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("metrics", names);
    query.put("group_by", YamlValues.strings(params.get("group_by")));
    query.put("where", filter(params.get("where")));
    query.put("order_by", YamlValues.strings(params.get("order_by")));
    query.put("limit", params.get("limit"));
    json.put("query_params", query);
    List<Object> exports = new ArrayList<>();
    for (Map<String, Object> export : entries(yaml.get("exports"), "exports", file)) {
      Map<String, Object> raw = YamlValues.map(export.get("config"));
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("export_as", YamlValues.string(raw.get("export_as")).orElse("table"));
      config.put("schema_name", raw.getOrDefault("schema", root.target().schema()));
      config.put("alias", raw.getOrDefault("alias", name(export)));
      config.put("database", root.target().database());
      exports.add(Map.of("name", name(export), "config", config, "unrendered_config", raw));
    }
    json.put("exports", exports);
    json.put("description", YamlValues.string(yaml.get("description")).orElse(""));
    json.put("label", YamlValues.string(yaml.get("label")).orElse(null));
    json.put("metadata", null);
    json.put("config", config(yaml));
    json.put("group", YamlValues.map(yaml.get("config")).get("group"));
    json.put("depends_on", dependsOn(List.copyOf(deps)));
    json.put("refs", List.of());
    json.put("tags", YamlValues.strings(yaml.get("tags")));
    return new SemanticResource("saved_query", (String) json.get("unique_id"), name, file,
        List.copyOf(deps), json);
  }

  /**
   * dbt 1.9's {@code time_spine:} on a model: its standard-granularity column must be one of the
   * model's documented columns.
   */
  private void timeSpine(Unit unit, String file, Map<String, Object> entry) {
    String name = name(entry);
    Map<String, Object> spine = YamlValues.map(entry.get("time_spine"));
    Optional<String> column = YamlValues.string(spine.get("standard_granularity_column"));
    if (column.isEmpty()) {
      throw MdsException.at(file, "model '" + name + "': time_spine needs"
          + " standard_granularity_column (the column with one row per day)");
    }
    Set<String> columns = new LinkedHashSet<>();
    for (Object c : YamlValues.list(entry.get("columns"))) {
      YamlValues.string(YamlValues.map(c).get("name")).ifPresent(columns::add);
    }
    if (!columns.contains(column.get())) {
      throw MdsException.at(file, "model '" + name + "': time_spine's standard_granularity_column"
          + " '" + column.get() + "' is not among the model's columns; list it under columns:"
          + " with granularity: day");
    }
    Node node = byName.get(name);
    if (!(node instanceof Model)) {
      return; // A described model that does not exist is warned about elsewhere.
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("standard_granularity_column", column.get());
    json.put("custom_granularities", YamlValues.list(spine.get("custom_granularities")));
    timeSpines.put(node.uniqueId(), json);
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
