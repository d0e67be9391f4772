package dev.mds.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt's macros as mds ships them: each call is rendered by the project's engine and the SQL it
 * renders is run in DuckDB, so what is checked is the value a dbt user would get.
 */
class DbtMacrosTest {

  @TempDir
  Path dir;

  private TemplateEngine engine;
  private Connection duckdb;

  @BeforeEach
  void setUp() throws SQLException {
    engine = new TemplateEngine(TempProject.named(dir, "shop").load(), java.util.Map.of());
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterEach
  void tearDown() throws SQLException {
    duckdb.close();
  }

  private String render(String template) {
    return engine.renderText(template, "models/m.sql", NodeContext.none());
  }

  /** The rows of the query {@code template} renders to, each as a list of strings. */
  private List<List<String>> rows(String template) {
    String sql = render(template);
    try (Statement statement = duckdb.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError("DuckDB rejected:\n" + sql, e);
    }
  }

  /** The one value of {@code select <expression>}. */
  private String value(String expression) {
    List<List<String>> rows = rows("select " + expression);
    assertEquals(1, rows.size(), expression);
    return rows.get(0).get(0);
  }

  private String columnName(String template) {
    String sql = render(template);
    try (Statement statement = duckdb.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return result.getMetaData().getColumnName(1);
    } catch (SQLException e) {
      throw new AssertionError("DuckDB rejected:\n" + sql, e);
    }
  }

  // ---------------------------------------------------------------- dates and times

  @Test
  void dateTruncTruncatesToThePart() {
    assertEquals("select date_trunc('month', order_date) as m",
        render("select {{ duckdb__date_trunc('month', 'order_date') }} as m"));
    assertEquals("2024-05-01 00:00:00",
        value("strftime({{ duckdb__date_trunc('month', \"date '2024-05-17'\") }}, '%Y-%m-%d %H:%M:%S')"));
    assertEquals("2024-04-01 00:00:00",
        value("strftime({{ duckdb__date_trunc(datepart='quarter', date=\"timestamp '2024-05-17 10:30'\") }}, '%Y-%m-%d %H:%M:%S')"));
  }

  @Test
  void dateaddAddsWholeParts() {
    assertEquals("2024-02-29",
        value("cast({{ duckdb__dateadd('month', 1, \"date '2024-01-31'\") }} as date)"));
    assertEquals("2024-05-30",
        value("cast({{ duckdb__dateadd('quarter', '2', \"date '2023-11-30'\") }} as date)"));
    assertEquals("2024-01-15",
        value("cast({{ duckdb__dateadd('week', -2, \"date '2024-01-29'\") }} as date)"));
    assertEquals("2024-01-01 01:30:00",
        value("strftime({{ duckdb__dateadd(datepart='minute', interval='n', "
            + "from_date_or_timestamp=\"timestamp '2024-01-01 00:00'\") }}, '%Y-%m-%d %H:%M:%S') "
            + "from (select 90 as n)"));
  }

  @Test
  void datediffCountsBoundariesCrossed() {
    assertEquals("2", value("{{ duckdb__datediff(\"'2024-01-31'\", \"'2024-03-01'\", 'month') }}"));
    assertEquals("1", value("{{ duckdb__datediff(\"date '2024-03-31'\", \"date '2024-04-01'\", 'quarter') }}"));
    assertEquals("1", value("{{ duckdb__datediff(\"timestamp '2024-12-31 23:59'\", \"timestamp '2025-01-01 00:00'\", 'year') }}"));
    assertEquals("1", value("{{ duckdb__datediff(\"timestamp '2024-01-01 23:00'\", \"timestamp '2024-01-02 01:00'\", 'day') }}"));
    assertEquals("-2", value("{{ duckdb__datediff(\"'2024-03-01'\", \"'2024-01-31'\", 'month') }}"));
  }

  @Test
  void datediffCountsWeeksAsStartingOnSunday() {
    // 2024-01-06 is a Saturday, 2024-01-07 a Sunday, 2024-01-13 the Saturday after.
    assertEquals("1", value("{{ duckdb__datediff(\"date '2024-01-06'\", \"date '2024-01-07'\", 'week') }}"));
    assertEquals("0", value("{{ duckdb__datediff(\"date '2024-01-07'\", \"date '2024-01-13'\", 'week') }}"));
    assertEquals("2", value("{{ duckdb__datediff(\"date '2024-01-06'\", \"date '2024-01-14'\", 'week') }}"));
    assertEquals("-1", value("{{ duckdb__datediff(\"date '2024-01-08'\", \"date '2024-01-06'\", 'week') }}"));
    assertEquals("0", value("{{ duckdb__datediff(\"date '2024-01-08'\", \"date '2024-01-08'\", 'week') }}"));
  }

  @Test
  void lastDayIsTheLastDateOfThePeriod() {
    assertEquals("2024-02-29", value("{{ duckdb__last_day(\"date '2024-02-10'\", 'month') }}"));
    assertEquals("2024-06-30", value("{{ duckdb__last_day(\"date '2024-05-10'\", 'quarter') }}"));
    assertEquals("2024-12-31", value("{{ duckdb__last_day(\"timestamp '2024-05-10 12:00'\", 'year') }}"));
    assertEquals("2024-01-14", value("{{ duckdb__last_day(\"date '2024-01-10'\", 'week') }}"));
    assertEquals("DATE", value("typeof({{ duckdb__last_day(\"date '2024-02-10'\", 'month') }})"));
    assertEquals("2023-02-28", value("{{ duckdb__default_last_day(\"date '2023-02-10'\", 'month') }}"));
  }

  @Test
  void dateMakesADateFromItsParts() {
    assertEquals("2024-02-29", value("{{ duckdb__date(2024, 2, 29) }}"));
    assertEquals("DATE", value("typeof({{ duckdb__date(year=2023, month=12, day=1) }})"));
  }

  @Test
  void currentTimestampsAreNowInTheirTypes() {
    assertEquals("TIMESTAMP WITH TIME ZONE", value("typeof({{ duckdb__current_timestamp() }})"));
    assertEquals("TIMESTAMP", value("typeof({{ duckdb__current_timestamp_backcompat() }})"));
    assertEquals("TIMESTAMP", value("typeof({{ duckdb__current_timestamp_in_utc_backcompat() }})"));
    assertEquals("TIMESTAMP", value("typeof({{ duckdb__snapshot_get_time() }})"));
    assertEquals("2024-03-01 12:30:00",
        value("strftime({{ duckdb__snapshot_string_as_time('2024-03-01 12:30:00') }}, '%Y-%m-%d %H:%M:%S')"));
    assertEquals("true", value("abs(epoch({{ duckdb__current_timestamp() }}) - epoch(now())) < 5"));
    // Whatever the session's zone, the UTC one is the UTC wall clock.
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("set TimeZone = 'Asia/Tokyo'");
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    assertEquals("true", value("abs(epoch({{ duckdb__current_timestamp_in_utc_backcompat() }}) "
        + "- epoch(cast(now() at time zone 'UTC' as timestamp))) < 5"));
  }

  // ---------------------------------------------------------------- series

  @Test
  void dateSpineHasOneRowPerPeriodWithTheEndExcluded() {
    String spine = "{{ duckdb__date_spine('day', \"cast('2024-01-30' as date)\", \"cast('2024-02-02' as date)\") }}";
    assertEquals("date_day", columnName(spine));
    // dbt-duckdb's dates come out of date + interval, so they are timestamps; so are these.
    assertEquals(List.of(List.of("TIMESTAMP")), rows("select distinct typeof(date_day) from (" + spine + ")"));
    assertEquals(List.of(List.of("2024-01-30"), List.of("2024-01-31"), List.of("2024-02-01")),
        rows("select cast(date_day as date) as d from (" + spine + ") order by d"));
  }

  @Test
  void dateSpineByMonthCountsMonthBoundaries() {
    String spine = "{{ duckdb__date_spine(datepart='month', start_date=\"date '2024-01-15'\", "
        + "end_date=\"date '2024-03-20'\") }}";
    assertEquals("date_month", columnName(spine));
    // Two month boundaries lie between the dates, so two rows, as dbt renders it.
    assertEquals(List.of(List.of("2024-01-15"), List.of("2024-02-15")),
        rows("select cast(date_month as date) as d from (" + spine + ") order by d"));
    List<List<String>> year = rows("select min(cast(date_day as date)), max(cast(date_day as date)), "
        + "count(*) from ({{ duckdb__date_spine('day', \"date '2024-01-01'\", \"date '2025-01-01'\") }})");
    assertEquals(List.of(List.of("2024-01-01", "2024-12-31", "366")), year);
  }

  @Test
  void dateSpineIsEmptyWhenTheEndIsNotAfterTheStart() {
    assertEquals(List.of(), rows("{{ duckdb__date_spine('day', \"date '2024-01-05'\", \"date '2024-01-05'\") }}"));
    assertEquals(List.of(), rows("{{ duckdb__date_spine('day', \"date '2024-01-05'\", \"date '2024-01-01'\") }}"));
  }

  @Test
  void getIntervalsBetweenIsTheDatediff() {
    assertEquals("31", value("{{ duckdb__get_intervals_between(\"date '2024-01-01'\", \"date '2024-02-01'\", 'day') }}"));
  }

  @Test
  void generateSeriesCountsFromOne() {
    String series = "{{ duckdb__generate_series(5) }}";
    assertEquals("generated_number", columnName(series));
    assertEquals(List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5")),
        rows("select * from (" + series + ") order by 1"));
    assertEquals(List.of(), rows("{{ duckdb__generate_series(0) }}"));
  }

  @Test
  void getPowersOfTwoIsTheSmallestExponentReachingTheBound() {
    assertEquals("1", render("{{ duckdb__get_powers_of_two(1) }}"));
    assertEquals("1", render("{{ duckdb__get_powers_of_two(2) }}"));
    assertEquals("2", render("{{ duckdb__get_powers_of_two(3) }}"));
    assertEquals("10", render("{{ duckdb__get_powers_of_two(1000) }}"));
    assertEquals("10", render("{{ duckdb__get_powers_of_two(1024) }}"));
    assertEquals("11", render("{{ duckdb__get_powers_of_two(1025) }}"));
    assertEquals("4", value("{{ duckdb__get_powers_of_two(9) }}"));
  }

  @Test
  void getPowersOfTwoOfNothingFailsWhenRun() {
    AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> value("{{ duckdb__get_powers_of_two(0) }}"));
    assertTrue(String.valueOf(error.getCause()).contains("upper bound must be positive"),
        String.valueOf(error.getCause()));
  }

  // ---------------------------------------------------------------- strings

  @Test
  void concatJoinsTheFields() {
    assertEquals("Ada Lovelace", value("{{ duckdb__concat([\"'Ada'\", \"' '\", \"'Lovelace'\"]) }}"));
    assertNull(value("{{ duckdb__concat([\"'Ada'\", 'null']) }}"));
  }

  @Test
  void hashIsTheMd5OfTheText() {
    assertEquals("202cb962ac59075b964b07152d234b70", value("{{ duckdb__hash(123) }}"));
    assertEquals("true", value("{{ duckdb__hash(\"date '2024-01-02'\") }} = md5('2024-01-02')"));
  }

  @Test
  void splitPartIsOneBasedAndCountsNegativePartsFromTheEnd() {
    assertEquals("b", value("{{ duckdb__split_part(\"'a,b,c'\", \"','\", 2) }}"));
    assertEquals("c", value("{{ duckdb__split_part(\"'a,b,c'\", \"','\", -1) }}"));
    assertEquals("a", value("{{ duckdb__split_part(string_text=\"'a,b,c'\", delimiter_text=\"','\", part_number=-3) }}"));
    assertNull(value("{{ duckdb__split_part(\"'a,b,c'\", \"','\", 4) }}"));
  }

  @Test
  void listaggJoinsInOrderAndKeepsTheFirstValues() {
    String from = " from (values ('b', 2), ('a', 1), (null, 0), ('c', 3)) t(name, n)";
    assertEquals("a,b,c", value("{{ duckdb__listagg('name', order_by_clause='order by name') }}" + from));
    assertEquals("c | b | a", value("{{ duckdb__listagg('name', \"' | '\", 'order by n desc') }}" + from));
    assertEquals("a-b", value("{{ duckdb__listagg('name', \"'-'\", 'order by n', 2) }}" + from));
    assertEquals("c", value("{{ duckdb__listagg(measure='name', delimiter_text=\"'-'\", "
        + "order_by_clause='order by n desc', limit_num=1) }}" + from));
    assertEquals("3", value("length({{ duckdb__listagg('name', \"''\") }})" + from));
  }

  @Test
  void replaceLengthPositionAndRightWorkOnText() {
    assertEquals("axc", value("{{ duckdb__replace(\"'abc'\", \"'b'\", \"'x'\") }}"));
    assertEquals("3", value("{{ duckdb__length(\"'abc'\") }}"));
    assertEquals("2", value("{{ duckdb__position(\"'b'\", \"'abc'\") }}"));
    assertEquals("0", value("{{ duckdb__position(substring_text=\"'z'\", string_text=\"'abc'\") }}"));
    assertEquals("ef", value("{{ duckdb__right(\"'abcdef'\", 2) }}"));
  }

  @Test
  void escapeSingleQuotesAndStringLiteralMakeLiterals() {
    assertEquals("they''re", render("{{ duckdb__escape_single_quotes(\"they're\") }}"));
    assertEquals("they're", value("'{{ duckdb__escape_single_quotes(\"they're\") }}'"));
    assertEquals("'orders'", render("{{ duckdb__string_literal('orders') }}"));
    assertEquals("orders", value("{{ duckdb__string_literal('orders') }}"));
  }

  // ---------------------------------------------------------------- aggregates, comparison, casts

  @Test
  void anyValueAndBoolOrAggregate() {
    String from = " from (values (null), (4), (4)) t(x)";
    assertEquals("4", value("{{ duckdb__any_value('x') }}" + from));
    assertEquals("true", value("{{ duckdb__bool_or('x > 3') }}" + from));
    assertEquals("false", value("{{ duckdb__bool_or('x > 4') }}" + from));
  }

  @Test
  void equalsIsPlainEquality() {
    assertEquals("true", value("{{ duckdb__equals('1', '1') }}"));
    assertEquals("false", value("{{ duckdb__equals('1', '2') }}"));
    assertNull(value("{{ duckdb__equals('null', 'null') }}"));
  }

  @Test
  void castAndSafeCastConvert() {
    assertEquals("INTEGER", value("typeof({{ duckdb__cast(\"'7'\", 'integer') }})"));
    assertEquals("7", value("{{ duckdb__cast(field=\"'7'\", type=duckdb__type_int()) }}"));
    assertNull(value("{{ duckdb__safe_cast(\"'x'\", 'int') }}"));
    assertEquals("12", value("{{ duckdb__safe_cast(\"'12'\", duckdb__type_bigint()) }}"));
    assertEquals("true", value("{{ duckdb__cast_bool_to_text('1 = 1') }}"));
    assertEquals("VARCHAR", value("typeof({{ duckdb__cast_bool_to_text('false') }})"));
  }

  @Test
  void exceptAndIntersectAreSetOperators() {
    assertEquals(List.of(List.of("1")),
        rows("select * from (values (1), (2)) t(x) {{ duckdb__except() }} select 2 order by 1"));
    assertEquals(List.of(List.of("2")),
        rows("select * from (values (1), (2)) t(x) {{ duckdb__intersect() }} select 2"));
  }

  @Test
  void typeNamesAreDbtDuckdbsAndDuckdbCastsToThem() {
    assertEquals("TEXT|timestamp|float|numeric(28,6)|bigint|integer|boolean",
        render("{{ duckdb__type_string() }}|{{ duckdb__type_timestamp() }}|{{ duckdb__type_float() }}"
            + "|{{ duckdb__type_numeric() }}|{{ duckdb__type_bigint() }}|{{ duckdb__type_int() }}"
            + "|{{ duckdb__type_boolean() }}"));
    assertEquals(List.of(List.of("VARCHAR", "TIMESTAMP", "FLOAT", "DECIMAL(28,6)", "BIGINT",
            "INTEGER", "BOOLEAN")),
        rows("select typeof(cast(1 as {{ duckdb__type_string() }})), "
            + "typeof(cast('2024-01-01' as {{ duckdb__type_timestamp() }})), "
            + "typeof(cast(1 as {{ duckdb__type_float() }})), "
            + "typeof(cast(1.5 as {{ duckdb__type_numeric() }})), "
            + "typeof(cast(1 as {{ duckdb__type_bigint() }})), "
            + "typeof(cast(1 as {{ duckdb__type_int() }})), "
            + "typeof(cast('true' as {{ duckdb__type_boolean() }}))"));
  }

  // ---------------------------------------------------------------- arrays

  @Test
  void arraysAreDuckdbLists() {
    assertEquals("[1, 2, 3]", value("{{ duckdb__array_construct([1, 2, 3]) }}"));
    assertEquals("INTEGER[]", value("typeof({{ duckdb__array_construct() }})"));
    assertEquals("0", value("len({{ duckdb__array_construct() }})"));
    assertEquals("VARCHAR[]", value("typeof({{ duckdb__array_construct([], 'varchar') }})"));
    assertEquals("[a, b]", value("{{ duckdb__array_construct(inputs=[\"'a'\", \"'b'\"], data_type='text') }}"));
    assertEquals("[1, 2, 3]", value("{{ duckdb__array_append(duckdb__array_construct([1, 2]), 3) }}"));
    assertEquals("[1, 2, 3]",
        value("{{ duckdb__array_concat(duckdb__array_construct([1]), duckdb__array_construct([2, 3])) }}"));
  }

  // ---------------------------------------------------------------- names of schemas, aliases, databases

  @Test
  void generateSchemaNameAppendsTheCustomSchemaToTheTargets() {
    assertEquals("main", render("{{ duckdb__generate_schema_name(none, none) }}"));
    assertEquals("main_staging", render("{{ duckdb__generate_schema_name(' staging ', none) }}"));
    assertEquals("main_marts",
        render("{{ duckdb__generate_schema_name(custom_schema_name='marts', node={'name': 'orders'}) }}"));
  }

  @Test
  void generateSchemaNameForEnvUsesTheCustomSchemaOnlyInProd() {
    assertEquals("main", render("{{ generate_schema_name_for_env('marts', none) }}"));
    assertEquals("main", render("{{ generate_schema_name_for_env(none, none) }}"));
  }

  @Test
  void generateSchemaNameForEnvOnProdIsTheCustomSchema() {
    TempProject project = TempProject.named(dir.resolve("prod"), "shop")
        .file("profiles.yml", """
            shop:
              target: prod
              outputs:
                prod:
                  type: duckdb
                  path: shop.duckdb
                  schema: analytics
            """);
    TemplateEngine prod = new TemplateEngine(project.load(), java.util.Map.of());
    assertEquals("marts", prod.renderText("{{ generate_schema_name_for_env(' marts', none) }}",
        "models/m.sql", NodeContext.none()));
    assertEquals("analytics", prod.renderText("{{ generate_schema_name_for_env(none, none) }}",
        "models/m.sql", NodeContext.none()));
  }

  @Test
  void generateAliasNameIsTheCustomAliasElseTheNodesName() {
    assertEquals("orders", render("{{ duckdb__generate_alias_name(none, {'name': 'orders'}) }}"));
    assertEquals("fct_orders",
        render("{{ duckdb__generate_alias_name(' fct_orders ', {'name': 'orders'}) }}"));
    assertEquals("orders", render("{{ duckdb__generate_alias_name(node={'name': 'orders'}) }}"));
  }

  @Test
  void generateDatabaseNameIsTheTargetsUnlessCustom() {
    assertEquals("shop", render("{{ duckdb__generate_database_name() }}"));
    assertEquals("lake", render("{{ duckdb__generate_database_name('lake', none) }}"));
  }

  @Test
  void registerUpstreamExternalModelsRendersNothing() {
    assertEquals("", render("{{ register_upstream_external_models() }}"));
  }

  @Test
  void aProjectMacroCanCallThem() {
    TempProject project = TempProject.named(dir.resolve("calls"), "shop")
        .file("macros/months.sql", """
            {% macro month_of(column) -%}
            {{ duckdb__date_trunc('month', column) }}
            {%- endmacro %}
            """)
        .file("models/m.sql", "select {{ month_of('ordered_at') }} as m");
    TemplateEngine calls = new TemplateEngine(project.load(), java.util.Map.of());
    assertEquals("select date_trunc('month', ordered_at) as m",
        calls.render(project.path("models/m.sql"), NodeContext.none()));
  }

  // ---------------------------------------------------------------- precedence

  @Test
  void aProjectMacroOfTheSameNameWins() {
    TempProject project = TempProject.named(dir.resolve("own"), "shop")
        .file("macros/dates.sql", """
            {% macro duckdb__date_trunc(datepart, date) -%}
            date_trunc('year', {{ date }})
            {%- endmacro %}
            """)
        .file("models/m.sql", "select {{ duckdb__date_trunc('month', \"date '2024-05-17'\") }} as d");
    TemplateEngine own = new TemplateEngine(project.load(), java.util.Map.of());
    assertEquals("select date_trunc('year', date '2024-05-17') as d",
        own.render(project.path("models/m.sql"), NodeContext.none()));
    // The built-ins the project did not redefine are still there, and the project's file is the
    // one that defines the macro.
    assertEquals("select length('x')", own.renderText("select {{ duckdb__length(\"'x'\") }}",
        "models/m.sql", NodeContext.none()));
    assertEquals("macros/dates.sql", own.macros().get("duckdb__date_trunc"));
  }
}
