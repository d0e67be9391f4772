package dev.mds.spark;

import dev.mds.engine.Rows;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A Spark query's collected rows as the runner's cursor. */
final class SparkRows implements Rows {

  private final List<String> names;
  private final List<String> types;
  private final List<Row> rows;
  private int position = -1;

  SparkRows(StructType schema, List<Row> rows) {
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (StructField field : schema.fields()) {
      names.add(field.name());
      types.add(field.dataType().sql());
    }
    this.names = List.copyOf(names);
    this.types = List.copyOf(types);
    this.rows = rows;
  }

  @Override
  public List<String> columnNames() {
    return names;
  }

  @Override
  public List<String> columnTypes() {
    return types;
  }

  @Override
  public boolean next() {
    if (position + 1 >= rows.size()) {
      position = rows.size();
      return false;
    }
    position++;
    return true;
  }

  @Override
  public Object getObject(int column) throws SQLException {
    if (position < 0 || position >= rows.size()) {
      throw new SQLException("no current row");
    }
    Object value = rows.get(position).get(column - 1);
    // Arrays, maps and structs arrive as Scala collections: their text is what a reader can use.
    if (value instanceof scala.collection.Iterable<?> || value instanceof Row) {
      return value.toString();
    }
    return value;
  }
}
