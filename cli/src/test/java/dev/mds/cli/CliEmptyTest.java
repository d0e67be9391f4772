package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --empty} on seed, run and build: every table gets its columns and types and no rows,
 * tests still run, and a normal build afterwards fills them; and {@code mds show --inline}.
 */
@Timeout(120)
class CliEmptyTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.in(dir)
        .file("mds_project.yml", "name: shop\nvars:\n  min_amount: 1\n"
            + "models:\n  shop:\n    +materialized: table\n")
        .file("seeds/customers.csv", "id,name,signup\n1,ann,2024-01-02\n2,bob,2024-02-03\n")
        .file("seeds/orders.csv", "id,customer_id,amount\n1,1,10.5\n2,2,3.25\n3,1,7\n")
        .file("macros/double.sql", "{% macro double(c) %}({{ c }} * 2){% endmacro %}\n")
        .file("models/schema.yml", """
            sources:
              - name: erp
                schema: raw
                tables:
                  - name: payments
            models:
              - name: customer_totals
                columns:
                  - name: customer_id
                    tests: [unique, not_null]
            """)
        .file("models/customer_totals.sql", """
            select c.id as customer_id, c.name, c.signup, sum(o.amount) as total,
              count(p.order_id) as payments
            from {{ ref('customers') }} c
            join {{ ref('orders') }} as o on o.customer_id = c.id
            left join {{ source('erp', 'payments') }} p on p.order_id = o.id
            group by all
            """)
        .file("models/big_orders.sql", """
            {{ config(materialized='incremental', unique_key='id') }}
            select o.id, o.amount from {{ ref('orders') }} o
            where o.amount > {{ var('min_amount') }}
            {% if is_incremental() %}and o.id > (select coalesce(max(id), 0) from {{ this }}){% endif %}
            """)
        .file("snapshots/orders_history.sql", """
            {% snapshot orders_history %}
            {{ config(unique_key='id', strategy='check', check_cols='all',
                      hard_deletes='invalidate', target_schema='main') }}
            select * from {{ ref('orders') }}
            {% endsnapshot %}
            """)
        .file("models/named.sql", """
            {{ config(materialized='view') }}
            select '{{ ref('customers').render() }}' as reads, t.* from {{ ref('customer_totals') }} t
            """);
  }

  private static void createSource(TempProject project) {
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:"
            + project.path("shop.duckdb"));
        java.sql.Statement st = connection.createStatement()) {
      st.execute("create schema raw");
      st.execute("create table raw.payments as select 1 as order_id, 10.5 as paid"
          + " union all select 2, 3.25");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> rows(TempProject project, String sql) {
    return DuckDbFile.rows(project.path("shop.duckdb"), sql);
  }

  private static String columns(TempProject project, String table) {
    return String.join(", ", rows(project, "select column_name || ' ' || data_type"
        + " from information_schema.columns where table_schema = 'main' and table_name = '"
        + table + "' order by ordinal_position"));
  }

  @Test
  void buildEmptyGivesEveryTableItsShapeAndNoRowsThenABuildFillsThem() {
    TempProject project = project();
    createSource(project);
    CliRun empty = mds("build", "--empty", "--project-dir", project.dir()).assertOk();
    assertTrue(empty.out().contains("PASS unique_customer_totals_customer_id"), empty::describe);
    assertTrue(empty.out().contains("PASS=8"), empty::describe);
    for (String table : List.of("customers", "orders", "customer_totals", "big_orders",
        "named", "orders_history")) {
      assertEquals(List.of("0"), rows(project, "select count(*) from main." + table), table);
    }
    assertEquals("id BIGINT, name VARCHAR, signup DATE", columns(project, "customers"));
    assertEquals("customer_id BIGINT, name VARCHAR, signup DATE, total DOUBLE, payments BIGINT",
        columns(project, "customer_totals"));
    assertEquals("id BIGINT, amount DOUBLE", columns(project, "big_orders"));
    // The project's own alias follows the subquery; .render() is still the plain name.
    String compiled = project.read("target/compiled/shop/models/customer_totals.sql");
    assertTrue(compiled.contains("from (select * from \"main\".\"customers\" where false limit 0)"
        + " c"), compiled);
    assertTrue(compiled.contains("(select * from \"raw\".\"payments\" where false limit 0) p"),
        compiled);
    assertTrue(project.read("target/compiled/shop/models/named.sql")
        .contains("'\"shop\".\"main\".\"customers\"' as reads"));

    mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("1|ann|1|17.5", "2|bob|1|3.25"), rows(project,
        "select customer_id, name, payments, total from main.customer_totals order by 1"));
    assertEquals(List.of("3"), rows(project, "select count(*) from main.big_orders"));

    // An incremental model adds the zero rows it reads: it keeps what it has.
    mds("run", "--empty", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("3"), rows(project, "select count(*) from main.big_orders"));
    assertEquals(List.of("0"), rows(project, "select count(*) from main.customer_totals"));
    // Nor does --empty end a snapshot's current versions as if every row had been deleted.
    mds("build", "--empty", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("3"), rows(project,
        "select count(*) from main.orders_history where dbt_valid_to is null"));
  }

  @Test
  void seedEmptyCreatesSeedsWithTheirTypesAndReplacesLoadedOnes() {
    TempProject project = project();
    mds("seed", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("3"), rows(project, "select count(*) from main.orders"));
    CliRun empty = mds("seed", "--empty", "--project-dir", project.dir()).assertOk();
    assertTrue(empty.out().contains("INSERT 0"), empty::describe);
    assertEquals(List.of("0"), rows(project, "select count(*) from main.orders"));
    assertEquals("id BIGINT, customer_id BIGINT, amount DOUBLE", columns(project, "orders"));
  }

  @Test
  void showInlineRendersRefsSourcesMacrosAndVarsLikeAModel() {
    TempProject project = project();
    createSource(project);
    mds("build", "--project-dir", project.dir()).assertOk();
    CliRun shown = mds("show", "--project-dir", project.dir(), "--inline",
        "select o.id, {{ double('o.amount') }} as twice, p.paid from {{ ref('orders') }} o"
            + " join {{ source('erp', 'payments') }} p on p.order_id = o.id"
            + " where o.amount > {{ var('min_amount') }} order by o.id;").assertOk();
    assertEquals("""
        Previewing inline query (2 rows):
        id | twice | paid
        ---+-------+------
        1  | 21.0  | 10.50
        2  | 6.5   | 3.25
        """, shown.out());

    CliRun limited = mds("show", "--project-dir", project.dir(), "--limit", "1", "--inline",
        "select id from {{ ref('orders') }} order by id desc").assertOk();
    assertTrue(limited.out().startsWith("Previewing inline query (1 row):"), limited::describe);
    assertTrue(limited.out().strip().endsWith("3"), limited::describe);

    mds("show", "--project-dir", project.dir(), "--inline", "select * from {{ ref('nope') }}")
        .assertProjectError("--inline", "ref('nope')");
    mds("show", "--project-dir", project.dir(), "--inline", "select * from missing_table")
        .assertProjectError("--inline", "missing_table");
    mds("show", "--project-dir", project.dir(), "--inline", "select 1", "-s", "orders")
        .assertProjectError("--inline", "--select");
  }

  @Test
  void showInlineReadsTheServingCopyWhileAnotherProcessHoldsTheDatabase() throws Exception {
    TempProject project = project();
    createSource(project);
    mds("build", "--publish", "--project-dir", project.dir()).assertOk();
    try (JavaProcess holder = JavaProcess.start(dir, LockHolder.class,
        project.path("shop.duckdb").toString())) {
      holder.awaitLine("locked", 30);
      CliRun shown = mds("show", "--project-dir", project.dir(), "--inline",
          "select count(*) as n from {{ ref('customer_totals') }}").assertOk();
      assertTrue(shown.out().contains("Reading the serving copy "
          + project.path("serving/shop.duckdb")), shown::describe);
      assertTrue(shown.out().strip().endsWith("2"), shown::describe);
    }
  }
}
