package dev.mds.spark;

import static dev.mds.spark.CliRun.mds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.engine.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small retail project built end to end through the mds CLI on Spark and on DuckDB, twice: every
 * table must hold the same rows on both engines after each run. The second run adds orders (an
 * incremental model with the composite key (market, member_no) merges them) and breaks an audited
 * table, whose failing test must leave yesterday's rows in place on both engines.
 */
class RetailOnSparkTest {

  private static final String SCHEMA = "retail_e2e";
  private static final List<String> RELATIONS = List.of("members", "prices_de", "orders",
      "stg_orders", "order_lines", "member_totals", "member_totals_di", "uk_members",
      "daily_sales", "members_history", "member_names");

  /**
   * What is compared of a snapshot: the timestamp strategy's columns all follow from the rows
   * (the scd id is a hash of key and updated_at); the check strategy's validity times are the
   * clock's, so only which version is current is compared there.
   */
  private static final Map<String, String> COMPARED = Map.of(
      "members_history", "market, member_no, name, joined_at, dbt_scd_id, dbt_updated_at,"
          + " dbt_valid_from, dbt_valid_to",
      "member_names", "market, member_no, name, dbt_valid_to is null as is_current,"
          + " dbt_valid_from is not null as has_valid_from");

  @TempDir
  static Path dir;

  @BeforeAll
  static void startSpark() {
    SharedSpark.session();
  }

  @Test
  void buildsTheSameRowsAsDuckDbOverTwoRuns() throws Exception {
    Path project = writeProject(dir.resolve("retail"));

    CliRun duck = mds("build", "--project-dir", project.toString(), "--target", "duck");
    assertEquals(0, duck.code(), duck::describe);
    CliRun spark = mds("build", "--project-dir", project.toString(), "--target", "spark");
    assertEquals(0, spark.code(), spark::describe);
    Map<String, List<String>> firstDuck = duckDbRows(project);
    Map<String, List<String>> firstSpark = sparkRows();
    assertEquals(firstDuck, firstSpark);
    assertEquals(List.of("DE|00123|Bernd|2024-02-10", "IT|00456|Carla|2024-03-01",
        "UK|00123|Ann|2024-01-05"), firstSpark.get("members"));
    assertEquals(List.of("A-1|12.5|2024-01-01", "B-2|3.99|2024-01-01"),
        firstSpark.get("prices_de"));

    // Day 2: UK/00123 orders again, JP/00123 is new; the daily sales model breaks.
    Files.writeString(project.resolve("seeds/orders.csv"), ORDERS
        + "UK,3,00123,B-2,2,2024-03-02\nJP,1,00123,A-1,1,2024-03-02\n");
    Files.writeString(project.resolve("seeds/members.csv"), MEMBERS
        .replace("IT,00456,Carla,2024-03-01", "IT,00456,Carlotta,2024-03-05")
        + "JP,00123,Daiki,2024-03-02\n");
    String[] vars = {"--vars", "{break_sales: true}"};
    duck = mds("build", "--project-dir", project.toString(), "--target", "duck", vars[0], vars[1]);
    assertEquals(1, duck.code(), duck::describe);
    spark = mds("build", "--project-dir", project.toString(), "--target", "spark", vars[0],
        vars[1]);
    assertEquals(1, spark.code(), spark::describe);
    assertTrue(spark.out().contains("not_null_daily_sales_order_date"), spark::describe);
    Map<String, List<String>> secondDuck = duckDbRows(project);
    Map<String, List<String>> secondSpark = sparkRows();
    assertEquals(secondDuck, secondSpark);
    // The audited table kept yesterday's rows; the incremental merged on (market, member_no).
    assertEquals(firstSpark.get("daily_sales"), secondSpark.get("daily_sales"));
    assertEquals(List.of("DE|00123|1|25", "IT|00456|1|3.99", "JP|00123|1|12.5",
        "UK|00123|2|45.48"), secondSpark.get("member_totals"));
    assertEquals(secondSpark.get("member_totals"), secondSpark.get("member_totals_di"));
    // Snapshots: Carla's new name (and joined date) closed her first version on both strategies.
    assertEquals(List.of("DE|00123|Bernd|2024-02-10|null", "IT|00456|Carla|2024-03-01|2024-03-05",
        "IT|00456|Carlotta|2024-03-05|null", "JP|00123|Daiki|2024-03-02|null",
        "UK|00123|Ann|2024-01-05|null"), secondSpark.get("members_history").stream()
            .map(r -> String.join("|", java.util.Arrays.asList(r.split("\\|")).subList(0, 4))
                + "|" + r.substring(r.lastIndexOf('|') + 1)).toList());
    assertEquals(List.of("DE|00123|Bernd|true|true", "IT|00456|Carla|false|true",
        "IT|00456|Carlotta|true|true", "JP|00123|Daiki|true|true", "UK|00123|Ann|true|true"),
        secondSpark.get("member_names"));
  }

  private static final String MEMBERS = """
      market,member_no,name,joined
      UK,00123,Ann,2024-01-05
      DE,00123,Bernd,2024-02-10
      IT,00456,Carla,2024-03-01
      """;

  private static final String ORDERS = """
      market,order_no,member_no,sku,qty,order_date
      UK,1,00123,A-1,3,2024-03-01
      DE,1,00123,A-1,2,2024-03-01
      IT,1,00456,B-2,1,2024-03-02
      """;

  private static Path writeProject(Path root) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dbt_project.yml", """
        name: retail
        profile: retail
        models:
          retail:
            +materialized: view
            marts:
              +materialized: table
        """);
    files.put("profiles.yml", """
        retail:
          target: duck
          outputs:
            duck:
              type: duckdb
              path: retail.duckdb
              threads: 1
            spark:
              type: spark
              method: session
              master: "local[2]"
              schema: %s
              threads: 1
        """.formatted(SCHEMA));
    files.put("seeds/members.csv", MEMBERS);
    files.put("seeds/orders.csv", ORDERS);
    // A German export: semicolons and decimal commas.
    files.put("seeds/prices_de.csv", "sku;price;valid_from\nA-1;12,50;2024-01-01\n"
        + "B-2;3,99;2024-01-01\n");
    files.put("seeds/schema.yml", """
        seeds:
          - name: prices_de
            config:
              delimiter: ";"
              decimal_separator: ","
        """);
    files.put("models/staging/stg_orders.sql", """
        select market, cast(order_no as int) as order_no, member_no, sku, qty,
               cast(order_date as date) as order_date
        from {{ ref('orders') }}
        """);
    files.put("models/marts/order_lines.sql", """
        select {{ dbt.concat(["o.market", "'-'", "cast(o.order_no as " ~ dbt.type_string() ~ ")"]) }} as order_key,
               o.market, o.member_no, o.sku, o.qty, o.order_date,
               cast({{ dbt.date_trunc('month', 'o.order_date') }} as date) as order_month,
               cast({{ dbt.dateadd('day', 7, 'o.order_date') }} as date) as due_date,
               {{ dbt.datediff("'2024-01-01'", 'o.order_date', 'day') }} as days_into_year,
               cast(o.qty * p.price as decimal(18,2)) as amount
        from {{ ref('stg_orders') }} as o
        join {{ ref('prices_de') }} as p on p.sku = o.sku
        """);
    files.put("models/marts/member_totals.sql", """
        {{ config(materialized='incremental', incremental_strategy='merge',
                  unique_key=['market', 'member_no']) }}
        select market, member_no, count(*) as orders, sum(amount) as total
        from {{ ref('order_lines') }}
        group by market, member_no
        """);
    files.put("models/marts/member_totals_di.sql", """
        {{ config(materialized='incremental', incremental_strategy='delete+insert',
                  unique_key=['market', 'member_no']) }}
        select market, member_no, count(*) as orders, sum(amount) as total
        from {{ ref('order_lines') }}
        group by market, member_no
        """);
    files.put("models/marts/uk_orders.sql", """
        {{ config(materialized='ephemeral') }}
        select * from {{ ref('order_lines') }} where market = 'UK'
        """);
    files.put("models/marts/uk_members.sql", """
        select m.member_no, m.name, count(*) as orders
        from {{ ref('members') }} as m
        join {{ ref('uk_orders') }} as o on o.member_no = m.member_no and m.market = 'UK'
        group by m.member_no, m.name
        """);
    files.put("models/marts/daily_sales.sql", """
        select order_date, sum(amount) as amount from {{ ref('order_lines') }} group by order_date
        {% if var('break_sales', false) %}
        union all select cast(null as date), 0
        {% endif %}
        """);
    files.put("snapshots/members.sql", """
        {% snapshot members_history %}
        {{ config(unique_key=['market', 'member_no'], strategy='timestamp',
                  updated_at='joined_at') }}
        select market, member_no, name, cast(joined as timestamp) as joined_at
        from {{ ref('members') }}
        {% endsnapshot %}

        {% snapshot member_names %}
        {{ config(unique_key=['market', 'member_no'], strategy='check', check_cols=['name']) }}
        select market, member_no, name from {{ ref('members') }}
        {% endsnapshot %}
        """);
    files.put("models/schema.yml", """
        models:
          - name: order_lines
            columns:
              - name: order_key
                data_tests: [unique, not_null]
              - name: market
                data_tests:
                  - accepted_values:
                      values: [UK, DE, IT, JP]
          - name: daily_sales
            columns:
              - name: order_date
                data_tests: [not_null]
        """);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return root;
  }

  private static Map<String, List<String>> duckDbRows(Path project) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection connection = DuckDb.connect("jdbc:duckdb:"
        + project.resolve("retail.duckdb"))) {
      for (String relation : RELATIONS) {
        List<String> rows;
        try (Statement st = connection.createStatement();
            ResultSet rs = st.executeQuery("select " + COMPARED.getOrDefault(relation, "*")
                + " from main." + relation)) {
          rows = EngineRows.of(rs);
        }
        rows.sort(null);
        tables.put(relation, rows);
      }
    }
    return tables;
  }

  private static Map<String, List<String>> sparkRows() {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String relation : RELATIONS) {
      List<String> rows = EngineRows.of(SharedSpark.session().sql("select "
          + COMPARED.getOrDefault(relation, "*") + " from " + SCHEMA + "." + relation));
      rows.sort(null);
      tables.put(relation, rows);
    }
    return tables;
  }
}
