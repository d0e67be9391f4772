package dev.mds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.engine.RelationTypes;
import dev.mds.engine.TableOptions;
import dev.mds.graph.Quoting;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's connection and dialect against the shared in-process Spark. */
class SparkEngineTest {

  private final SparkConnection connection = new SparkConnection(SharedSpark.session());
  private final SparkDialect dialect = SparkDialect.INSTANCE;

  private static Relation relation(String schema, String name) {
    return new Relation(SparkEngine.CATALOG, schema, name, false, Quoting.BACKTICKS);
  }

  private List<String> rows(String sql) throws SQLException {
    return connection.query(sql, rows -> {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= rows.columnCount(); i++) {
          values.add(String.valueOf(rows.getObject(i)));
        }
        out.add(String.join("|", values));
      }
      return out;
    });
  }

  @Test
  void deltaTablesReplaceMergeAndDeleteOnACompositeKey() throws SQLException {
    connection.execute("create database if not exists engine_delta");
    Relation members = relation("engine_delta", "members");
    assertEquals("`engine_delta`.`members`", members.toString());
    connection.execute(dialect.createTableAs(members, "select 'UK' as market, 1 as member_no,"
        + " 10 as points union all select 'DE', 1, 20", TableOptions.NONE));
    assertEquals(Optional.of(RelationTypes.TABLE), connection.relationType(members));
    assertEquals(Map.of("market", "STRING", "member_no", "INT", "points", "INT"),
        connection.columns(members.toString()));

    String staging = dialect.stagingName(members, "members__mds_new", false);
    connection.execute(dialect.createStagingTable(staging, "select 'UK' as market, 1 as"
        + " member_no, 11 as points union all select 'JP', 1, 40", false));
    List<String> key = List.of("market", "member_no");
    List<String> columns = List.of("market", "member_no", "points");
    connection.execute(dialect.merge(members, staging, key, columns));
    assertEquals(List.of("DE|1|20", "JP|1|40", "UK|1|11"),
        rows("select * from " + members + " order by market"));

    connection.execute(dialect.deleteMatching(members, staging, key));
    connection.execute(dialect.insert(members, staging, columns));
    assertEquals(List.of("DE|1|20", "JP|1|40", "UK|1|11"),
        rows("select * from " + members + " order by market"));

    // Replacing keeps the table a table, in one statement.
    connection.execute(dialect.createTableAs(members, "select 'IT' as market, 2 as member_no,"
        + " 5 as points", TableOptions.NONE));
    assertEquals(List.of("IT|2|5"), rows("select * from " + members));
    connection.execute(dialect.dropTableIfExists(staging));
  }

  @Test
  void parquetTablesTakeTheirOptionsAndOverwritePartitions() throws SQLException {
    connection.execute("create database if not exists engine_parquet");
    Relation sales = relation("engine_parquet", "sales");
    connection.execute(dialect.dropTable(sales));
    TableOptions options = new TableOptions(Optional.of("parquet"), List.of("market"), List.of(),
        Optional.empty(), Optional.empty(), Map.of("mds.owner", "retail's team"));
    String create = dialect.createTableAs(sales, "select 1 as day, 10 as amount, 'UK' as market"
        + " union all select 1, 20, 'DE'", options);
    assertTrue(create.contains("create table `engine_parquet`.`sales__mds_swap`\nusing parquet\n"
        + "partitioned by (`market`)\n"), create);
    connection.execute(create);
    assertFalse(SparkDialect.capabilities(options).merge());
    assertFalse(SparkDialect.capabilities(options).createOrReplaceTable());
    assertTrue(SparkDialect.capabilities(TableOptions.NONE).merge());

    String staging = dialect.stagingName(sales, "sales__mds_new", false);
    connection.execute(dialect.createStagingTable(staging, "select 2 as day, 25 as amount,"
        + " 'DE' as market", false));
    connection.execute(dialect.insertOverwrite(sales, staging, List.of("day", "amount",
        "market"), options));
    // Only DE's partition was replaced.
    assertEquals(List.of("DE|2|25", "UK|1|10"),
        rows("select market, day, amount from " + sales + " order by market"));
    assertEquals(List.of("mds.owner|retail's team"),
        rows("show tblproperties " + sales + " ('mds.owner')"));
    connection.execute(dialect.dropTableIfExists(staging));

    // Replaced beside the old table: a SELECT that fails leaves the old one.
    assertThrows(SQLException.class, () -> connection.execute(dialect.createTableAs(sales,
        "select * from engine_parquet.missing", options)));
    assertEquals(2, rows("select * from " + sales).size());
    connection.execute(dialect.createTableAs(sales, "select 3 as day, 1 as amount, 'IT' as"
        + " market", options));
    assertEquals(List.of("IT|3|1"), rows("select market, day, amount from " + sales));
    assertEquals(Optional.empty(), connection.relationType(sales.named("sales__mds_swap")));
  }

  @Test
  void errorsAreSparksFirstLineAndNameDuckDbConstructs() {
    SQLException missing = assertThrows(SQLException.class,
        () -> connection.execute("select * from engine_nowhere.nothing"));
    assertTrue(missing.getMessage().startsWith("[TABLE_OR_VIEW_NOT_FOUND]"),
        missing.getMessage());
    assertEquals(1, missing.getMessage().lines().count());

    SQLException readCsv = assertThrows(SQLException.class,
        () -> connection.execute("select * from read_csv('orders.csv')"));
    assertTrue(readCsv.getMessage().contains("read_csv is DuckDB SQL"), readCsv.getMessage());

    // (* exclude and * replace are translated now, DuckDbProjectOnSparkTest; a replace
    // without a name is not.)
    SQLException replace = assertThrows(SQLException.class,
        () -> connection.query("select * replace (3) from (select 1 as a, 2 as b)",
            rows -> null));
    assertTrue(replace.getMessage().contains("replace is DuckDB SQL"), replace.getMessage());
    // Messages written in core (a contract's unknown data_type) name the engine of the target.
    assertEquals("Spark", dialect.engineName());
  }

  @Test
  void stringLiteralsEscapeWithBackslashes() throws SQLException {
    assertEquals(List.of("it's a \\ path"),
        rows("select " + dialect.string("it's a \\ path")));
  }
}
