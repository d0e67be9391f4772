package dev.mds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.cli.Mds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
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
 * The verbs and model features beyond a plain build, on the shared Spark: hooks and on-run
 * hooks, an enforced contract, a stored failing test inside a build's audit, a unit test, show
 * --inline, docs generate, seed --full-refresh with insert_overwrite on parquet and delta and a
 * merge on a composite key, retry, and state:modified+ with --defer and diff against a
 * production schema in the same metastore. One project, built once; the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkVerbsTest {

  private static final String DEV = "verbs_dev";
  private static final String PROD = "verbs_prod";
  private static final String CI = "verbs_ci";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private static Path project;
  private static Run firstBuild;

  @BeforeAll
  static void buildOnce() throws IOException {
    SharedSpark.session();
    project = write(dir.resolve("verbs"), files());
    firstBuild = mds("build", "--project-dir", project.toString(), "--target", "dev",
        "--vars", "{log: true}");
  }

  @Test
  @Order(1)
  void buildRunsHooksEnforcesTheContractAndStoresFailures() {
    // The name test warns (Cid is not expected) and stores its failing rows.
    assertEquals(0, firstBuild.code(), firstBuild::describe);
    assertEquals(List.of("start", "pre customer_totals", "post customer_totals", "end"),
        rows("select event from " + DEV + ".run_log order by seq"));
    assertEquals(List.of("customer_id|bigint", "name|string", "total|decimal(18,2)"),
        rows("describe " + DEV + ".customer_totals").stream()
            .map(r -> r.substring(0, r.lastIndexOf('|'))).toList());
    assertEquals(List.of("Cid|1"), rows("select value_field, n_records from " + DEV
        + "_audit.accepted_values_customer_totals_name__Ann__Bob"));
    assertEquals(List.of("1|Ann|17.5", "2|Bob|3.25", "3|Cid|0"),
        rows("select * from " + DEV + ".customer_totals order by customer_id"));
    assertTrue(firstBuild.out().contains("customer_totals_adds_up"), firstBuild::describe);
  }

  @Test
  @Order(2)
  void aContractTheSqlBreaksStopsTheModelAndKeepsYesterdaysTable() throws IOException {
    Run broken = mds("run", "--project-dir", project.toString(), "--target", "dev", "-s",
        "customer_totals", "--vars", "{total_as_text: true}");
    assertEquals(1, broken.code(), broken::describe);
    assertTrue(broken.out().contains("contract"), broken::describe);
    assertEquals(List.of("1|Ann|17.5", "2|Bob|3.25", "3|Cid|0"),
        rows("select * from " + DEV + ".customer_totals order by customer_id"));
  }

  @Test
  @Order(3)
  void showInlineAndDocsGenerateReadSpark() throws IOException {
    Run show = mds("show", "--project-dir", project.toString(), "--target", "dev", "--inline",
        "select count(*) as customers from {{ ref('customer_totals') }}");
    assertEquals(0, show.code(), show::describe);
    assertTrue(show.out().contains("3"), show::describe);

    Run docs = mds("docs", "generate", "--project-dir", project.toString(), "--target", "dev");
    assertEquals(0, docs.code(), docs::describe);
    JsonNode catalog = JSON.readTree(project.resolve("target/catalog.json").toFile());
    JsonNode totals = catalog.path("nodes").path("model.verbs.customer_totals");
    assertEquals("decimal(18,2)",
        totals.path("columns").path("total").path("type").asText().toLowerCase(), totals::toString);
    assertEquals(DEV, totals.path("metadata").path("schema").asText(), totals::toString);
  }

  @Test
  @Order(4)
  void fullRefreshedSeedsFeedInsertOverwriteOnParquetAndDeltaAndACompositeMerge()
      throws IOException {
    // Only the days from the 2nd are rebuilt: the 1st keeps its (stale) row, the 2nd is
    // replaced, the 3rd is new.
    Files.writeString(project.resolve("seeds/events.csv"), EVENTS.replace("10.50", "99.00")
        + "4,2,2024-03-02,1.00\n5,3,2024-03-03,2.00\n");
    Run seed = mds("seed", "--project-dir", project.toString(), "--target", "dev",
        "--full-refresh", "-s", "events");
    assertEquals(0, seed.code(), seed::describe);
    assertEquals(List.of("99"), rows("select amount from " + DEV + ".events where event_id = 1"));
    Run run = mds("run", "--project-dir", project.toString(), "--target", "dev", "-s",
        "daily_parquet daily_delta customer_days", "--vars", "{since: '2024-03-02'}");
    assertEquals(0, run.code(), run::describe);
    List<String> daily = List.of("2|2|2024-03-01|13.75", "2|2|2024-03-02|8",
        "1|1|2024-03-03|2");
    assertEquals(daily, rows("select events, customers, event_date, amount from " + DEV
        + ".daily_parquet order by event_date"));
    assertEquals(daily, rows("select events, customers, event_date, amount from " + DEV
        + ".daily_delta order by event_date"));
    assertEquals(List.of("1|2024-03-01|10.5", "1|2024-03-02|7", "2|2024-03-01|3.25",
        "2|2024-03-02|1", "3|2024-03-03|2"),
        rows("select customer_id, event_date, amount from " + DEV
            + ".customer_days order by 1, 2"));
  }

  @Test
  @Order(5)
  void retryRunsOnlyWhatFailed() throws IOException {
    Path model = project.resolve("models/big_customers.sql");
    String good = Files.readString(model);
    Files.writeString(model, good.replace("total >", "no_such_column >"));
    Run failed = mds("build", "--project-dir", project.toString(), "--target", "dev", "-s",
        "stg_events", "big_customers");
    assertEquals(1, failed.code(), failed::describe);
    Files.writeString(model, good);
    Run retry = mds("retry", "--project-dir", project.toString());
    assertEquals(0, retry.code(), retry::describe);
    assertTrue(retry.out().contains("big_customers"), retry::describe);
    assertTrue(!retry.out().contains("stg_events"), retry::describe);
    assertEquals(List.of("Ann"), rows("select name from " + DEV + ".big_customers"));
  }

  @Test
  @Order(6)
  void stateModifiedDefersToProductionAndDiffComparesWithIt() throws IOException {
    Run prod = mds("build", "--project-dir", project.toString(), "--target", "prod", "-s",
        "+customer_totals", "--exclude", "test_type:unit");
    assertEquals(0, prod.code(), prod::describe);
    Path state = Files.createDirectories(dir.resolve("prod-state"));
    Files.copy(project.resolve("target/manifest.json"), state.resolve("manifest.json"));
    Path model = project.resolve("models/big_customers.sql");
    Files.writeString(model, Files.readString(model).replace("> 10", "> 3"));

    Run ci = mds("build", "--project-dir", project.toString(), "--target", "ci", "-s",
        "state:modified+", "--defer", "--state", state.toString());
    assertEquals(0, ci.code(), ci::describe);
    // Only the changed model was built in CI's schema, reading production's parent.
    assertEquals(List.of("big_customers"), rows("show tables in " + CI).stream()
        .map(r -> r.split("\\|")[1]).filter(t -> !t.equals("run_log")).toList());
    assertEquals(List.of("Ann", "Bob"), rows("select name from " + CI
        + ".big_customers order by 1"));

    Run diff = mds("diff", "--project-dir", project.toString(), "--target", "ci", "-s",
        "state:modified", "--state", state.toString());
    assertEquals(0, diff.code(), diff::describe);
    assertTrue(diff.out().contains("big_customers"), diff::describe);
    assertTrue(Files.readString(project.resolve("target/summary.md")).contains("Data diff"));
  }

  @Test
  @Order(7)
  void debugChecksTheSparkConnection() {
    Run debug = mds("debug", "--project-dir", project.toString(), "--target", "dev");
    assertEquals(0, debug.code(), debug::describe);
    assertTrue(debug.out().contains("spark: Spark 4."), debug::describe);
    assertTrue(debug.out().contains("spark method: session"), debug::describe);
    assertTrue(debug.out().contains("spark master: local[2]"), debug::describe);
    assertTrue(debug.out().contains("spark catalog: spark_catalog"), debug::describe);
    assertTrue(debug.out().contains("spark schema: " + DEV + " (exists)"), debug::describe);
    assertTrue(debug.out().contains("connection: ok"), debug::describe);
    // A Spark target has no database file: no line pretends it has.
    assertTrue(!debug.out().contains("database: "), debug::describe);
  }

  @Test
  @Order(8)
  void parquetRefusesMergeOnItsFirstBuildNamingTheModel() throws IOException {
    Path model = project.resolve("models/parquet_merge.sql");
    Files.writeString(model, """
        {{ config(materialized='incremental', incremental_strategy='merge', unique_key='id',
                  file_format='parquet') }}
        select id, name from {{ ref('customers') }}
        """);
    try {
      Run run = mds("run", "--project-dir", project.toString(), "--target", "dev", "-s",
          "parquet_merge");
      assertEquals(1, run.code(), run::describe);
      assertTrue(run.out().contains("models/parquet_merge.sql: incremental_strategy 'merge'"
          + " cannot be applied on spark with file_format 'parquet'"), run::describe);
      assertTrue(!SharedSpark.session().catalog().tableExists(DEV, "parquet_merge"));
    } finally {
      Files.delete(model);
    }
  }

  @Test
  @Order(9)
  void locationAndLocationRootPlaceTheTablesFiles() throws IOException {
    Path root = dir.resolve("lake");
    Files.writeString(project.resolve("models/located_root.sql"), """
        {{ config(file_format='parquet', location_root='%s') }}
        select id, name from {{ ref('customers') }}
        """.formatted(root));
    Files.writeString(project.resolve("models/located_exactly.sql"), """
        {{ config(location='%s') }}
        select id from {{ ref('customers') }}
        """.formatted(root.resolve("exact")));
    try {
      Run run = mds("run", "--project-dir", project.toString(), "--target", "dev", "-s",
          "located_root located_exactly");
      assertEquals(0, run.code(), run::describe);
      // Twice: a table at a fixed location is replaced there.
      run = mds("run", "--project-dir", project.toString(), "--target", "dev", "-s",
          "located_root located_exactly");
      assertEquals(0, run.code(), run::describe);
      assertEquals(List.of("1|Ann", "2|Bob", "3|Cid"),
          rows("select * from " + DEV + ".located_root order by id"));
      assertEquals(3, rows("select * from " + DEV + ".located_exactly").size());
      assertTrue(location("located_root").endsWith(root.resolve("located_root").toString()),
          location("located_root"));
      assertTrue(location("located_exactly").endsWith(root.resolve("exact").toString()),
          location("located_exactly"));
      assertTrue(Files.isDirectory(root.resolve("exact/_delta_log")));
      try (var files = Files.list(root.resolve("located_root"))) {
        assertTrue(files.anyMatch(f -> f.toString().endsWith(".parquet")));
      }
    } finally {
      Files.delete(project.resolve("models/located_root.sql"));
      Files.delete(project.resolve("models/located_exactly.sql"));
    }
  }

  @Test
  @Order(10)
  void testRunsTheDataTestsOnSpark() {
    Run test = mds("test", "--project-dir", project.toString(), "--target", "dev", "-s",
        "customer_totals", "--exclude", "test_type:unit");
    assertEquals(0, test.code(), test::describe);
    assertTrue(test.out().contains(" WARN 1 accepted_values_customer_totals_name__Ann__Bob"),
        test::describe);
    assertTrue(test.out().contains("WARN=1"), test::describe);
  }

  /** Where Spark's catalog says a table's files are. */
  private static String location(String table) {
    return rows("describe table extended " + DEV + "." + table).stream()
        .filter(r -> r.startsWith("Location|")).findFirst().orElse("none")
        .split("\\|")[1];
  }

  private static final String EVENTS = """
      event_id,customer_id,event_date,amount
      1,1,2024-03-01,10.50
      2,2,2024-03-01,3.25
      3,1,2024-03-02,7.00
      """;

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dbt_project.yml", """
        name: verbs
        profile: verbs
        on-run-start:
          - "{{ create_log() }}"
          - "{{ log_event('start') }}"
        on-run-end:
          - "{{ log_event('end') }}"
        models:
          verbs:
            +materialized: table
        data_tests:
          +store_failures: true
        """);
    files.put("profiles.yml", """
        verbs:
          target: dev
          outputs:
            dev: {type: spark, method: session, master: "local[2]", schema: %s, threads: 1}
            prod: {type: spark, method: session, master: "local[2]", schema: %s, threads: 1}
            ci: {type: spark, method: session, master: "local[2]", schema: %s, threads: 1}
        """.formatted(DEV, PROD, CI));
    // Each Delta write costs seconds on a busy machine: the log is written only with --vars
    // {log: true}, by the first build.
    files.put("macros/log_event.sql", """
        {% macro create_log() %}
        {%- if not var('log', false) -%} select 1
        {%- else -%}
        create table if not exists {{ target.schema }}.run_log (seq bigint, event string)
        {%- endif %}
        {% endmacro %}
        {% macro log_event(event) %}
        {%- if not var('log', false) -%} select 1
        {%- else -%}
        insert into {{ target.schema }}.run_log
        select coalesce(max(seq), 0) + 1, '{{ event }}' from {{ target.schema }}.run_log
        {%- endif %}
        {% endmacro %}
        """);
    files.put("seeds/customers.csv", "id,name,country\n1,Ann,UK\n2,Bob,DE\n3,Cid,UK\n");
    files.put("seeds/events.csv", EVENTS);
    files.put("models/stg_events.sql", """
        {{ config(materialized='view') }}
        select event_id, customer_id, cast(event_date as date) as event_date,
               cast(amount as decimal(10,2)) as amount
        from {{ ref('events') }}
        """);
    files.put("models/customer_totals.sql", """
        {{ config(
            pre_hook="{{ log_event('pre ' ~ this.identifier) }}",
            post_hook="{{ log_event('post ' ~ this.identifier) }}") }}
        select c.id as customer_id, c.name,
               {% if var('total_as_text', false) %}cast(coalesce(sum(e.amount), 0) as string)
               {% else %}cast(coalesce(sum(e.amount), 0) as decimal(18,2)){% endif %} as total
        from {{ ref('customers') }} as c
        left join {{ ref('stg_events') }} as e on e.customer_id = c.id
        group by c.id, c.name
        """);
    files.put("models/big_customers.sql", """
        select customer_id, name from {{ ref('customer_totals') }} where total > 10
        """);
    String daily = """
        {{ config(materialized='incremental', incremental_strategy='insert_overwrite',
                  partition_by=['event_date'], file_format='%s') }}
        select count(*) as events, count(distinct customer_id) as customers, event_date,
               sum(amount) as amount
        from {{ ref('stg_events') }}
        {%% if is_incremental() %%}
        where event_date >= cast('{{ var("since", "2000-01-01") }}' as date)
        {%% endif %%}
        group by event_date
        """;
    files.put("models/daily_parquet.sql", daily.formatted("parquet"));
    files.put("models/daily_delta.sql", daily.formatted("delta"));
    files.put("models/customer_days.sql", """
        {{ config(materialized='incremental', incremental_strategy='merge',
                  unique_key=['customer_id', 'event_date']) }}
        select customer_id, event_date, sum(amount) as amount
        from {{ ref('stg_events') }}
        {% if is_incremental() %}
        where event_date >= cast('{{ var("since", "2000-01-01") }}' as date)
        {% endif %}
        group by customer_id, event_date
        """);
    files.put("models/schema.yml", """
        models:
          - name: customer_totals
            config:
              contract: {enforced: true}
            columns:
              - name: customer_id
                data_type: bigint
                constraints: [{type: not_null}]
              - name: name
                data_type: string
                data_tests:
                  - accepted_values:
                      values: [Ann, Bob]
                      config: {severity: warn}
              - name: total
                data_type: decimal(18,2)
        unit_tests:
          - name: customer_totals_adds_up
            model: customer_totals
            given:
              - input: ref('customers')
                rows:
                  - {id: 7, name: Eve, country: UK}
              - input: ref('stg_events')
                rows:
                  - {event_id: 1, customer_id: 7, event_date: 2024-01-01, amount: 2.5}
                  - {event_id: 2, customer_id: 7, event_date: 2024-01-02, amount: 1.25}
            expect:
              rows:
                - {customer_id: 7, name: Eve, total: 3.75}
        """);
    return files;
  }

  private static Path write(Path root, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return root;
  }

  /** A query's rows on the shared session, values joined by '|'. */
  private static List<String> rows(String sql) {
    List<String> rows = new ArrayList<>();
    for (Row row : SharedSpark.session().sql(sql).collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        Object value = row.get(i);
        if (value instanceof Double || value instanceof Float) {
          value = new BigDecimal(value.toString());
        }
        values.add(value instanceof BigDecimal d
            ? (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString())
            : String.valueOf(value));
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }

  static Run mds(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Mds.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }
}
