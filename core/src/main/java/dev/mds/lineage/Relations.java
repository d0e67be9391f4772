package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.compile.ParseResult;
import dev.mds.engine.CsvInspector;
import dev.mds.engine.CsvLayout;
import dev.mds.engine.CsvOptions;
import dev.mds.engine.FileScan;
import dev.mds.engine.SqlLiteral;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.schema.ColumnSpec;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The project's nodes as the relations a query can name, and the columns each offers: a model's
 * from its own lineage, a seed's from its CSV header, a source's from its files or else its
 * declared columns.
 */
final class Relations {

  Grains grains() {
    return grains;
  }

  /** How the compiler names an inlined ephemeral model's CTE. */
  static final String EPHEMERAL_PREFIX = "__mds_cte__";

  private final ParseResult parsed;
  private final DuckDbParser parser;
  private final Grains grains;
  private final Function<Model, ModelLineage> models;
  private final Map<String, Node> byRelation = new HashMap<>();
  private final Map<String, Model> ephemerals = new HashMap<>();
  private final Map<String, Shape> shapes = new HashMap<>();
  private final Map<String, String> problems = new HashMap<>();
  private final Consumer<String> depends;
  private Map<JsonNode, Source> fileSources;
  private CsvInspector inspector;

  /** Token of an answer that comes from files outside the project, which no cache can key. */
  static final String UNCACHEABLE = "uncacheable";

  /**
   * @param models the lineage of a model, computed on demand
   * @param depends told of everything an answer depended on, as a token: {@code node:ID},
   *     {@code lookup:SCHEMA\0TABLE}, {@code ephemeral:CTE} or {@link #UNCACHEABLE}
   */
  Relations(ParseResult parsed, DuckDbParser parser, Function<Model, ModelLineage> models,
      Consumer<String> depends) {
    this.parsed = parsed;
    this.parser = parser;
    this.models = models;
    this.depends = depends;
    this.grains = new Grains(parsed.manifest());
    for (Node node : parsed.manifest().nodes().values()) {
      if (node instanceof Model model && model.isEphemeral()) {
        ephemerals.put(key(EPHEMERAL_PREFIX + model.name()), model);
      } else if (node instanceof Model || node instanceof Seed
          || node instanceof Source source && source.config().string("location").isEmpty()) {
        byRelation.put(key(node.relation().schema() + "\u0000" + node.relation().identifier()),
            node);
      }
    }
  }

  /** The node stored at {@code schema.table}; an unqualified name is looked up in the target's
   * schema, then in {@code main}, DuckDB's default. */
  Optional<Node> byRelation(String schema, String table) {
    depends.accept("lookup:" + schema + "\u0000" + table);
    if (!schema.isEmpty()) {
      return Optional.ofNullable(byRelation.get(key(schema + "\u0000" + table)));
    }
    Node node = byRelation.get(key(parsed.project().target().schema() + "\u0000" + table));
    return Optional.ofNullable(node != null ? node : byRelation.get(key("main\u0000" + table)));
  }

  /** The ephemeral model a compiler-made CTE name stands for. */
  Optional<Model> ephemeral(String cteName) {
    depends.accept("ephemeral:" + cteName);
    return Optional.ofNullable(ephemerals.get(key(cteName)));
  }

  /** The node's columns as a relation; a problem finding them is recorded in {@code findings}. */
  Shape shape(Node node, Findings findings) {
    dependsOn(node);
    Shape shape;
    if (node instanceof Model model) {
      ModelLineage lineage = models.apply(model);
      shape = Shape.ofNode(model.uniqueId(),
          lineage.columns().stream().map(ColumnLineage::column).toList(), lineage.columnsKnown(),
          false, grains.of(model.uniqueId()), model.name());
    } else {
      shape = shapes.computeIfAbsent(node.uniqueId(), id -> nonModelShape(node));
    }
    String problem = problems.get(node.uniqueId());
    if (problem != null) {
      findings.unknown(problem);
    }
    return shape;
  }

  /**
   * The node as a relation whose columns are worked out only when first asked for: its grain
   * and name are known without them.
   */
  RelationShape relation(Node node, Findings findings) {
    dependsOn(node);
    String label = node instanceof Source source ? source.sourceName() + "." + source.name()
        : node.name();
    return RelationShape.lazy(Lazy.of(() -> shape(node, findings)), grains.of(node.uniqueId()),
        label);
  }

  /** The file-reading source whose compiled scan is this subquery, if one is. */
  Optional<Source> fileSource(JsonNode subquery) {
    if (!subquery.path("from_table").path("type").asText().equals("TABLE_FUNCTION")) {
      return Optional.empty();
    }
    // A scan of files: what it finds depends on the files, not on the project.
    depends.accept(UNCACHEABLE);
    if (fileSources == null) {
      fileSources = new HashMap<>();
      for (Source source : parsed.manifest().nodesOf(Source.class)) {
        if (source.config().string("location").isEmpty()) {
          continue;
        }
        try {
          DuckDbParser.Parsed scan = parser.parse("select * from " + scan(source));
          scan.node().ifPresent(n -> fileSources.put(
              withoutLocations(n.path("from_table").path("subquery").path("node")), source));
        } catch (MdsException e) {
          problems.put(source.uniqueId(), e.getMessage());
        }
      }
    }
    return Optional.ofNullable(fileSources.get(withoutLocations(subquery)));
  }

  private void dependsOn(Node node) {
    depends.accept("node:" + node.uniqueId());
    if (node instanceof Source source && source.config().string("location").isPresent()) {
      depends.accept(UNCACHEABLE);
    }
  }

  private Shape nonModelShape(Node node) {
    List<String> grain = grains.of(node.uniqueId());
    if (node instanceof Seed seed) {
      Optional<List<String>> header = header(seed);
      if (header.isPresent()) {
        return Shape.ofNode(seed.uniqueId(), header.get(), true, false, grain, seed.name());
      }
      try {
        CsvLayout layout = inspector().inspect(parsed.project().resolve(seed.file()),
            CsvOptions.from(seed.config()), seed.file());
        return Shape.ofNode(seed.uniqueId(),
            layout.columns().stream().map(CsvLayout.Column::name).toList(), true, false, grain,
            seed.name());
      } catch (MdsException e) {
        problems.put(seed.uniqueId(), "the columns of seed " + seed.name() + " are unknown: "
            + e.getMessage());
        return Shape.ofNode(seed.uniqueId(), List.of(), false, false, grain, seed.name());
      }
    }
    Source source = (Source) node;
    String label = source.sourceName() + "." + source.name();
    List<String> declared = source.columns().stream().map(ColumnSpec::name).toList();
    if (source.config().string("location").isPresent()) {
      try {
        return Shape.ofNode(source.uniqueId(), parser.describe("select * from " + scan(source)),
            true, false, grain, label);
      } catch (SQLException | MdsException e) {
        problems.put(source.uniqueId(), "the files of source " + label + " cannot be read ("
            + e.getMessage().lines().findFirst().orElse("") + "), so only its declared columns"
            + " are known");
      }
    }
    return Shape.ofNode(source.uniqueId(), declared, !declared.isEmpty(), true, grain, label);
  }

  /**
   * A seed's column names as DuckDB reads its header: quick, where the full inspection that
   * loading does (encodings, decimal commas) samples the whole file. A file DuckDB cannot read
   * as it is (say, Windows-1252) gets the full inspection instead.
   */
  private Optional<List<String>> header(Seed seed) {
    CsvOptions options = CsvOptions.from(seed.config());
    if (options.encoding().isPresent()) {
      return Optional.empty();
    }
    StringBuilder select = new StringBuilder("select * from read_csv(")
        .append(SqlLiteral.string(parsed.project().resolve(seed.file()).toString()))
        .append(", header = true");
    options.delimiter().ifPresent(d -> select.append(", delim = ").append(SqlLiteral.string(d)));
    options.quote().ifPresent(q -> select.append(", quote = ").append(SqlLiteral.string(q)));
    try {
      return Optional.of(parser.describe(select.append(")").toString()));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private String scan(Source source) {
    return FileScan.sql(source.config(), parsed.project().root(), inspector(), source.file());
  }

  private CsvInspector inspector() {
    if (inspector == null) {
      inspector = new CsvInspector(parsed.project().targetDir().resolve("csv_cache"));
    }
    return inspector;
  }

  /** A syntax tree without its byte offsets, so the same SQL matches wherever it stands. */
  static JsonNode withoutLocations(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
      fields.forEach((name, value) -> {
        if (!name.equals("query_location")) {
          copy.set(name, withoutLocations(value));
        }
      });
      return copy;
    }
    if (node.isArray()) {
      var copy = ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
      node.forEach(element -> copy.add(withoutLocations(element)));
      return copy;
    }
    return node;
  }

  private static String key(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
