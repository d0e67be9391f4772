package dev.mds.template;

import java.util.List;
import java.util.Optional;

/**
 * What templates may ask of the database while a node compiles or runs ({@code run_query},
 * {@code {% call statement %}}, {@code adapter.get_columns_in_relation}, ...). The engine
 * implements it; while a project is parsed there is none ({@code execute} is false then).
 */
public interface Database {

  /** Runs one SQL statement; a query's rows come back as a table, other statements as none. */
  QueryTable query(String sql);

  /** The columns of a relation in order, empty when it does not exist. */
  List<Column> columns(RelationName relation);

  /** {@code table} or {@code view} when the relation exists. */
  Optional<String> relationType(RelationName relation);

  /** A relation's parts; {@code database} may be null (the main database). */
  record RelationName(String database, String schema, String identifier) {
  }

  /** A column as dbt's adapter describes it: {@code .name}, {@code .data_type}, {@code .quoted}. */
  record Column(String name, String dataType) {

    public String getName() {
      return name;
    }

    public String getColumn() {
      return name;
    }

    public String getData_type() {
      return dataType;
    }

    public String getDtype() {
      return dataType;
    }

    public String getQuoted() {
      return dev.mds.graph.Relation.quote(name);
    }

    public boolean is_string() {
      String type = dataType.toUpperCase(java.util.Locale.ROOT);
      return type.startsWith("VARCHAR") || type.startsWith("TEXT") || type.startsWith("CHAR")
          || type.equals("STRING");
    }

    public boolean is_number() {
      return is_integer() || is_float() || is_numeric();
    }

    public boolean is_integer() {
      String type = dataType.toUpperCase(java.util.Locale.ROOT);
      return type.contains("INT");
    }

    public boolean is_float() {
      String type = dataType.toUpperCase(java.util.Locale.ROOT);
      return type.equals("FLOAT") || type.equals("DOUBLE") || type.equals("REAL");
    }

    public boolean is_numeric() {
      return dataType.toUpperCase(java.util.Locale.ROOT).startsWith("DECIMAL")
          || dataType.toUpperCase(java.util.Locale.ROOT).startsWith("NUMERIC");
    }

    @Override
    public String toString() {
      return "<Column " + name + " (" + dataType + ")>";
    }
  }

  /** No database: what parsing has. */
  Database NONE = new Database() {
    @Override
    public QueryTable query(String sql) {
      throw new dev.mds.MdsException("no database is open here; guard queries with"
          + " {% if execute %}");
    }

    @Override
    public List<Column> columns(RelationName relation) {
      return List.of();
    }

    @Override
    public Optional<String> relationType(RelationName relation) {
      return Optional.empty();
    }
  };
}
