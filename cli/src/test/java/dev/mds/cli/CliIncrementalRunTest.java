package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incremental models across runs, with the source seed rewritten between runs. order_no restarts
 * in every market, so only the composite key (market, order_no) identifies an order.
 */
class CliIncrementalRunTest {

  private static final String HEADER = "market,order_no,amount,updated_at\n";
  private static final String DAY_1 = "UK,1,10,2024-01-01\nDE,1,20,2024-01-01\nUK,2,30,2024-01-01\n";

  @TempDir
  Path dir;

  private TempProject project(String strategy) {
    return TempProject.named(dir, "shop")
        .file("seeds/source_orders.csv", HEADER + DAY_1)
        .file("models/orders.sql", """
            {{ config(materialized='incremental', unique_key=['market', 'order_no'],
                      incremental_strategy='%s') }}
            select market, order_no, amount, updated_at from {{ ref('source_orders') }}
            {%% if is_incremental() %%}
            where updated_at > (select max(updated_at) from {{ this }})
            {%% endif %%}
            """.formatted(strategy));
  }

  /** Loads the source as it is now, then runs the models. */
  private static CliRun seedAndRun(TempProject project, String... runArgs) {
    mds("seed", "--project-dir", project.dir()).assertOk();
    String[] args = new String[runArgs.length + 3];
    args[0] = "run";
    args[1] = "--project-dir";
    args[2] = project.dir();
    System.arraycopy(runArgs, 0, args, 3, runArgs.length);
    return mds(args);
  }

  private static List<String> orders(TempProject project) {
    return DuckDbFile.rows(project.path("shop.duckdb"),
        "select market, order_no, amount, updated_at from orders order by all");
  }

  @ParameterizedTest
  @ValueSource(strings = {"append", "delete+insert", "merge"})
  void compositeKeyUpdatesChangedRowsAndAppendsNewOnesOverThreeRuns(String strategy) {
    TempProject project = project(strategy);
    boolean append = strategy.equals("append");

    seedAndRun(project).assertOk();
    assertEquals(List.of("DE|1|20|2024-01-01", "UK|1|10|2024-01-01", "UK|2|30|2024-01-01"),
        orders(project));

    // Day 2: UK/1 changes, JP/1 is new (same order_no as UK/1 and DE/1).
    project.file("seeds/source_orders.csv", HEADER
        + "UK,1,11,2024-01-02\nDE,1,20,2024-01-01\nUK,2,30,2024-01-01\nJP,1,40,2024-01-02\n");
    CliRun second = seedAndRun(project);
    second.assertOk();
    assertTrue(second.out().contains("[" + strategy.toUpperCase() + " 2 in"), second.describe());
    assertEquals(append
        ? List.of("DE|1|20|2024-01-01", "JP|1|40|2024-01-02", "UK|1|10|2024-01-01",
            "UK|1|11|2024-01-02", "UK|2|30|2024-01-01")
        : List.of("DE|1|20|2024-01-01", "JP|1|40|2024-01-02", "UK|1|11|2024-01-02",
            "UK|2|30|2024-01-01"), orders(project));

    // Day 3: DE/1 changes, IT/2 is new.
    project.file("seeds/source_orders.csv", HEADER + "UK,1,11,2024-01-02\nDE,1,21,2024-01-03\n"
        + "UK,2,30,2024-01-01\nJP,1,40,2024-01-02\nIT,2,50,2024-01-03\n");
    seedAndRun(project).assertOk();
    assertEquals(append
        ? List.of("DE|1|20|2024-01-01", "DE|1|21|2024-01-03", "IT|2|50|2024-01-03",
            "JP|1|40|2024-01-02", "UK|1|10|2024-01-01", "UK|1|11|2024-01-02",
            "UK|2|30|2024-01-01")
        : List.of("DE|1|21|2024-01-03", "IT|2|50|2024-01-03", "JP|1|40|2024-01-02",
            "UK|1|11|2024-01-02", "UK|2|30|2024-01-01"), orders(project));
  }

  @Test
  void fullRefreshRebuildsTheIncrementalTable() throws SQLException {
    TempProject project = project("merge");
    seedAndRun(project).assertOk();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.path("shop.duckdb"));
        Statement st = c.createStatement()) {
      st.execute("insert into orders values ('XX', 9, 99, date '2023-12-31')");
    }
    seedAndRun(project).assertOk();
    assertTrue(orders(project).contains("XX|9|99|2023-12-31"), "an incremental run keeps rows");

    CliRun refresh = seedAndRun(project, "--full-refresh");

    refresh.assertOk();
    assertTrue(refresh.out().contains("[SELECT 3 in"), refresh.describe());
    assertEquals(List.of("DE|1|20|2024-01-01", "UK|1|10|2024-01-01", "UK|2|30|2024-01-01"),
        orders(project));
    assertTrue(project.read("target/compiled/shop/models/orders.sql").lines()
        .noneMatch(l -> l.contains("max(updated_at)")), "is_incremental() is false");
  }

  @Test
  void onSchemaChangeFailErrorsAndKeepsTheTable() {
    TempProject project = TempProject.named(dir, "shop").file("models/orders.sql", """
        {{ config(materialized='incremental', unique_key='id', on_schema_change='fail') }}
        select 1 as id
        """);
    mds("run", "--project-dir", project.dir()).assertOk();
    project.file("models/orders.sql", """
        {{ config(materialized='incremental', unique_key='id', on_schema_change='fail') }}
        select 2 as id, 'new' as channel
        """);

    CliRun run = mds("run", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run.describe());
    assertTrue(run.out().contains("on_schema_change") && run.out().contains("channel"),
        run.describe());
    assertEquals(List.of("1"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select * from orders"));
  }

  @Test
  void onSchemaChangeAppendNewColumnsAddsTheColumn() {
    TempProject project = TempProject.named(dir, "shop").file("models/orders.sql", """
        {{ config(materialized='incremental', unique_key='id',
                  on_schema_change='append_new_columns') }}
        select 1 as id
        """);
    mds("run", "--project-dir", project.dir()).assertOk();
    project.file("models/orders.sql", """
        {{ config(materialized='incremental', unique_key='id',
                  on_schema_change='append_new_columns') }}
        select 2 as id, 'web' as channel
        """);

    mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("1|null", "2|web"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select id, channel from orders order by id"));
  }

  @Test
  void varsDriveTheIncrementalBatch() {
    TempProject project = TempProject.named(dir, "shop").file("models/daily.sql", """
        {{ config(materialized='incremental', unique_key=['market', 'day'],
                  incremental_strategy='merge') }}
        select '{{ var("market") }}' as market, {{ var("day") }} as day, {{ var("sales") }} as sales
        """);

    mds("run", "--project-dir", project.dir(), "--vars", "{market: UK, day: 1, sales: 5}")
        .assertOk();
    mds("run", "--project-dir", project.dir(), "--vars", "{market: DE, day: 1, sales: 7}")
        .assertOk();
    mds("run", "--project-dir", project.dir(), "--vars", "{market: UK, day: 1, sales: 6}")
        .assertOk();

    assertEquals(List.of("DE|1|7", "UK|1|6"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select * from daily order by all"));
  }
}
