package dev.mds.template;

import dev.mds.template.jinja.KeywordArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code adapter} global: dbt's adapter methods that templates call. {@link RuntimeAttributes}
 * resolves calls on it and passes the arguments here; {@code dispatch} lives in the runtime.
 * Introspection gives nothing while parsing ({@code execute} is false), as in dbt.
 */
final class Adapter {

  /** What {@link #call} answers for a method mds does not have. */
  static final Object UNKNOWN = new Object();

  private final String type;
  private final dev.mds.graph.Quoting quoting;

  /**
   * @param type the target's adapter type ({@code adapter.type()})
   * @param quoting how its engine quotes identifiers ({@code adapter.quote})
   */
  Adapter(String type, dev.mds.graph.Quoting quoting) {
    this.type = type;
    this.quoting = quoting;
  }

  /** Answers {@code adapter.<method>(...)} (possibly none), or {@link #UNKNOWN}. */
  Object call(String method, KeywordArgument.Split args) {
    return answer(method, args).orElse(null);
  }

  private Optional<Object> answer(String method, KeywordArgument.Split args) {
    NodeContext node = ActiveNode.get();
    switch (method) {
      case "quote" -> {
        return Optional.of(quoting.quote(String.valueOf(args.get("identifier", 0))));
      }
      case "type" -> {
        return Optional.of(type);
      }
      case "get_columns_in_relation" -> {
        node.introspected();
        if (!node.execute()) {
          return Optional.of(List.of());
        }
        return Optional.of(node.database().columns(
            TemplateRelation.from(args.get("relation", 0)).name()));
      }
      case "get_relation" -> {
        node.introspected();
        return Optional.ofNullable(lookUp(node, new Database.RelationName(
            string(args.get("database", 0)), string(args.get("schema", 1)),
            string(args.get("identifier", 2)))));

      }
      case "load_relation" -> {
        node.introspected();
        return Optional.ofNullable(lookUp(node,
            TemplateRelation.from(args.get("relation", 0)).name()));
      }
      case "get_missing_columns" -> {
        node.introspected();
        if (!node.execute()) {
          return Optional.of(List.of());
        }
        List<Database.Column> from = node.database().columns(
            TemplateRelation.from(args.get("from_relation", 0)).name());
        List<String> present = node.database().columns(
            TemplateRelation.from(args.get("to_relation", 1)).name()).stream()
            .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
        return Optional.of(from.stream()
            .filter(c -> !present.contains(c.name().toLowerCase(java.util.Locale.ROOT))).toList());
      }
      case "drop_relation" -> {
        node.introspected();
        TemplateRelation relation = TemplateRelation.from(args.get("relation", 0));
        if (node.execute()) {
          Optional<String> type = node.database().relationType(relation.name());
          if (type.isPresent()) {
            node.database().query("drop " + type.get() + " if exists " + relation);
          }
        }
        return Optional.of("");
      }
      case "rename_relation" -> {
        node.introspected();
        TemplateRelation from = TemplateRelation.from(args.get("from_relation", 0));
        TemplateRelation to = TemplateRelation.from(args.get("to_relation", 1));
        if (node.execute()) {
          String type = node.database().relationType(from.name()).orElse("table");
          node.database().query("alter " + type + " " + from + " rename to "
              + quoting.quote(to.identifier()));
        }
        return Optional.of("");
      }
      case "commit", "begin", "create_schema", "cache_added", "cache_dropped", "cache_renamed" -> {
        // The node's transaction is mds's to commit; schemas are created before nodes run.
        return Optional.of("");
      }
      case "execute" -> {
        node.introspected();
        if (!node.execute()) {
          return Optional.of(List.of(Statements.result(new QueryTable(List.of(), List.of()))
              .get("response"), new QueryTable(List.of(), List.of())));
        }
        QueryTable table = node.database().query(String.valueOf(args.get("sql", 0)).strip());
        List<Object> pair = new ArrayList<>();
        pair.add(Statements.result(table).get("response"));
        pair.add(table);
        return Optional.of(pair);
      }
      default -> {
        return Optional.of(UNKNOWN);
      }
    }
  }

  private static TemplateRelation lookUp(NodeContext node, Database.RelationName name) {
    if (!node.execute()) {
      return null;
    }
    return node.database().relationType(name)
        .map(type -> TemplateRelation.of(name.database(), name.schema(), name.identifier(), type))
        .orElse(null);
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  @Override
  public String toString() {
    return "duckdb";
  }

  /** The {@code api} global: {@code api.Relation.create(...)}, {@code api.Column}. */
  static final class Api {
    public RelationFactory getRelation() {
      return new RelationFactory();
    }

    public ColumnFactory getColumn() {
      return new ColumnFactory();
    }
  }

  /**
   * {@code api.Column}: dbt's column class as packages use it, to name portable types
   * ({@code translate_type('string')}) and make columns.
   */
  public static final class ColumnFactory {
    /** dbt's portable type labels and what DuckDB calls them. */
    private static final Map<String, String> TYPE_LABELS = Map.of("STRING", "TEXT",
        "TIMESTAMP", "TIMESTAMP", "FLOAT", "FLOAT", "INTEGER", "INT", "BOOLEAN", "BOOLEAN");

    public String translate_type(Object type) {
      String text = String.valueOf(type);
      return TYPE_LABELS.getOrDefault(text.toUpperCase(java.util.Locale.ROOT), text);
    }

    public Database.Column create(Object name, Object type) {
      return new Database.Column(String.valueOf(name), translate_type(type));
    }

    public String string_type(Object size) {
      return "character varying(" + size + ")";
    }

    public String numeric_type(Object type, Object precision, Object scale) {
      return precision == null || scale == null ? String.valueOf(type)
          : type + "(" + precision + "," + scale + ")";
    }
  }

  /** {@code api.Relation}: makes relations from their parts. */
  static final class RelationFactory {
    TemplateRelation create(KeywordArgument.Split args) {
      return TemplateRelation.of(string(args.get("database", 0)), string(args.get("schema", 1)),
          string(args.get("identifier", 2)), string(args.get("type", 3)));
    }
  }
}
