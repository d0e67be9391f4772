package dev.mds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit-before-publish on Spark leaves no staging tables: a snapshot, an incremental model and
 * an audited table that fail keep yesterday's rows and drop their stages, and a run drops the
 * stages a killed run left next to the relations it writes (and only those).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStagingTest {

  private static final String SCHEMA = "staging_dev";

  @TempDir
  static Path dir;

  private static Path project;
  private static CliRun firstBuild;

  @BeforeAll
  static void buildOnce() throws IOException {
    SharedSpark.session();
    project = dir.resolve("staging");
    for (Map.Entry<String, String> file : files().entrySet()) {
      Path path = project.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    firstBuild = mds("build");
  }

  @Test
  @Order(1)
  void aFailingSnapshotKeepsItsHistoryAndLeavesNoStagingTable() {
    assertEquals(0, firstBuild.code(), firstBuild::describe);
    List<String> history = rows("select id, name, dbt_scd_id, dbt_valid_to from " + SCHEMA
        + ".people_history order by id");
    assertEquals(3, history.size(), history::toString);

    CliRun failed = mds("snapshot", "--vars", "{duplicate: true}");
    assertEquals(1, failed.code(), failed::describe);
    assertTrue(failed.out().contains("more than one row for unique_key"), failed::describe);
    assertEquals(history, rows("select id, name, dbt_scd_id, dbt_valid_to from " + SCHEMA
        + ".people_history order by id"));
    assertEquals(List.of(), stagingTables());
  }

  @Test
  @Order(2)
  void aFailingIncrementalAndAFailingAuditLeaveNoStagingTable() {
    List<String> orders = rows("select * from " + SCHEMA + ".orders_inc order by id");
    assertEquals(List.of("1|10", "2|20"), orders);
    CliRun incremental = mds("run", "-s", "orders_inc", "--vars", "{extra: true}");
    assertEquals(1, incremental.code(), incremental::describe);
    assertTrue(incremental.out().contains("on_schema_change"), incremental::describe);
    assertEquals(orders, rows("select * from " + SCHEMA + ".orders_inc order by id"));
    assertEquals(List.of(), stagingTables());

    CliRun audited = mds("build", "-s", "named", "--vars", "{no_name: true}");
    assertEquals(1, audited.code(), audited::describe);
    assertEquals(List.of("1|Ann", "2|Bob", "3|Cid"),
        rows("select * from " + SCHEMA + ".named order by id"));
    assertEquals(List.of(), stagingTables());
  }

  @Test
  @Order(3)
  void aRunDropsWhatAKilledRunLeftOfTheRelationsItWrites() {
    // What a kill between two statements leaves: the copy a snapshot or an incremental model is
    // built in, its staged rows, a seed's stage; and another model's stage this run leaves be.
    for (String leftover : List.of("people_history__mds_stage",
        "people_history__mds_stage__mds_snapshot_new_people_history",
        "orders_inc__mds_new_orders_inc", "people__mds_stage", "elsewhere__mds_stage")) {
      SharedSpark.session().sql("create table " + SCHEMA + "." + leftover
          + " using delta as select 1 as id");
    }
    SharedSpark.session().sql("create view " + SCHEMA + ".named__mds_stage as select 1 as id");
    CliRun build = mds("build", "--exclude", "elsewhere");
    assertEquals(0, build.code(), build::describe);
    assertEquals(List.of("elsewhere__mds_stage"), stagingTables());
    SharedSpark.session().sql("drop table " + SCHEMA + ".elsewhere__mds_stage");
  }

  @Test
  @Order(4)
  void aParquetTableAKillLeftMissingIsRenamedBackFromItsSwap() {
    // A kill between dropping the old parquet table and renaming the new one into place.
    SharedSpark.session().sql("drop table " + SCHEMA + ".flat");
    SharedSpark.session().sql("create table " + SCHEMA + ".flat__mds_swap using parquet as"
        + " select 7 as id, 'swapped' as v");
    CliRun failing = mds("run", "-s", "flat", "--vars", "{break_flat: true}");
    assertEquals(1, failing.code(), failing::describe);
    assertEquals(List.of("7|swapped"), rows("select * from " + SCHEMA + ".flat"));
    assertEquals(List.of(), stagingTables());
  }

  /** The tables and views of the schema whose name has mds's staging mark. */
  private static List<String> stagingTables() {
    return rows("show tables in " + SCHEMA).stream().map(r -> r.split("\\|")[1])
        .filter(t -> t.contains("__mds_")).sorted().toList();
  }

  private static CliRun mds(String verb, String... args) {
    List<String> all = new ArrayList<>(List.of(verb, "--project-dir", project.toString()));
    all.addAll(List.of(args));
    return CliRun.mds(all.toArray(String[]::new));
  }

  private static List<String> rows(String sql) {
    List<String> rows = new ArrayList<>();
    for (Row row : SharedSpark.session().sql(sql).collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(String.valueOf(row.get(i)));
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dbt_project.yml", """
        name: staging
        version: '1.0'
        profile: staging
        """);
    files.put("profiles.yml", """
        staging:
          target: dev
          outputs:
            dev: {type: spark, method: session, master: "local[2]", schema: %s, threads: 1}
        """.formatted(SCHEMA));
    files.put("seeds/people.csv", "id,name\n1,Ann\n2,Bob\n3,Cid\n");
    files.put("snapshots/people.sql", """
        {% snapshot people_history %}
        {{ config(unique_key='id', strategy='check', check_cols='all') }}
        select id, name from {{ ref('people') }}
        {% if var('duplicate', false) %} union all select id, 'Dup' from {{ ref('people') }}
        {% endif %}
        {% endsnapshot %}
        """);
    files.put("models/orders_inc.sql", """
        {{ config(materialized='incremental', unique_key='id', incremental_strategy='merge',
                  on_schema_change='fail') }}
        select id, id * 10 as amount
        {% if var('extra', false) %}, 'x' as extra {% endif %}
        from {{ ref('people') }} where id < 3
        """);
    files.put("models/named.sql", """
        {{ config(materialized='table') }}
        select id, {{ 'cast(null as string)' if var('no_name', false) else 'name' }} as name
        from {{ ref('people') }}
        """);
    files.put("models/elsewhere.sql", "select 1 as id\n");
    files.put("models/flat.sql", """
        {{ config(materialized='table', file_format='parquet') }}
        select id, 'built' as v from {{ ref('people') }}
        {% if var('break_flat', false) %} where no_such_column {% endif %}
        """);
    files.put("models/schema.yml", """
        models:
          - name: named
            columns:
              - name: name
                data_tests: [not_null]
        """);
    return files;
  }
}
