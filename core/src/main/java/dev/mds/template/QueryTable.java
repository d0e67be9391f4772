package dev.mds.template;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's result as dbt's templates read it (an agate table): a list of rows, so
 * {@code table[0][1]}, {@code for row in table} and {@code table | length} work, plus
 * {@code .rows}, {@code .columns} (each with {@code .name} and {@code .values()}) and
 * {@code .column_names}. Rows are lists that can also be read by column name.
 */
public final class QueryTable extends AbstractList<QueryTable.Row> {

  private final List<String> names;
  private final List<Row> rows;

  public QueryTable(List<String> names, List<List<Object>> rows) {
    this.names = List.copyOf(names);
    List<Row> wrapped = new ArrayList<>();
    for (List<Object> row : rows) {
      // Dates and times as the Python values dbt's agate tables hold.
      List<Object> values = new ArrayList<>(row.size());
      for (Object value : row) {
        values.add(dev.mds.template.context.DatabaseValues.python(value));
      }
      wrapped.add(new Row(this.names, values));
    }
    this.rows = List.copyOf(wrapped);
  }

  @Override
  public Row get(int index) {
    return rows.get(index);
  }

  @Override
  public int size() {
    return rows.size();
  }

  public List<Row> getRows() {
    return rows;
  }

  public List<String> getColumn_names() {
    return names;
  }

  /** The columns, each a name and its values in row order. */
  public Columns getColumns() {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      List<Object> values = new ArrayList<>();
      for (Row row : rows) {
        values.add(row.get(i));
      }
      columns.add(new Column(names.get(i), values));
    }
    return new Columns(columns);
  }

  /** The rows as plain lists, what {@code load_result(...)['data']} holds. */
  public List<List<Object>> data() {
    return new ArrayList<>(rows.stream().<List<Object>>map(ArrayList::new).toList());
  }

  /** A table's columns: a list that can also be read by column name ({@code columns['id']}). */
  public static final class Columns extends AbstractList<Column> {
    private final List<Column> columns;

    Columns(List<Column> columns) {
      this.columns = columns;
    }

    @Override
    public Column get(int index) {
      return columns.get(index);
    }

    @Override
    public int size() {
      return columns.size();
    }

    /** The column of this name, or null. */
    public Column named(String name) {
      return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    // agate's columns are a mapped sequence: keys(), values() and items() as a dict's.

    public List<String> keys() {
      return columns.stream().map(Column::name).toList();
    }

    public List<Column> values() {
      return List.copyOf(columns);
    }

    public List<List<Object>> items() {
      return columns.stream().map(c -> List.<Object>of(c.name(), c)).toList();
    }
  }

  /** One column: its name and its values. */
  public record Column(String name, List<Object> values) {
    public String getName() {
      return name;
    }

    public List<Object> values() {
      return values;
    }
  }

  /** One row: a list of values, also readable by column name. */
  public static final class Row extends AbstractList<Object> {
    private final List<String> names;
    private final List<Object> values;

    Row(List<String> names, List<Object> values) {
      this.names = names;
      this.values = new ArrayList<>(values);
    }

    @Override
    public Object get(int index) {
      return values.get(index);
    }

    @Override
    public int size() {
      return values.size();
    }

    /** The value of the column named {@code name}, or null when there is none. */
    public Object named(String name) {
      int at = names.indexOf(name);
      return at < 0 ? null : values.get(at);
    }

    // agate's rows are a mapped sequence too: keys(), values() and items() as a dict's.

    public List<String> keys() {
      return names;
    }

    public List<Object> values() {
      return new ArrayList<>(values);
    }

    public List<List<Object>> items() {
      List<List<Object>> items = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        items.add(java.util.Arrays.asList(names.get(i), values.get(i)));
      }
      return items;
    }
  }
}
