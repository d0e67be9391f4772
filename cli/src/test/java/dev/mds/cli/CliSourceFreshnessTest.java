package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mds source freshness} end to end: source tables loaded (by "another tool": plain JDBC)
 * with rows of known ages, the rules inherited as dbt inherits them, the console lines, the exit
 * codes and target/sources.json.
 */
class CliSourceFreshnessTest {

  @TempDir
  Path dir;

  /*
   * erp (source level: warn after 1 hour, error after 1 day, loaded_at_field loaded_at)
   *   fresh_orders    newest row 10 minutes old            -> pass
   *   late_orders     newest row 2 hours old               -> warn
   *   stale_orders    newest row 3 days old                -> error
   *   customers       2 days old, table warn_after 10 days (a template, rendered as dbt does),
   *                   error_after null -> pass (overridden)
   *   events          freshness: null                      -> not checked
   *   payments        filter leaves only a 5-day-old row   -> error; config: freshness form
   *   utc_orders      TIMESTAMP without zone, 30 minutes old in UTC -> pass
   *   empty_orders    no rows                              -> runtime error
   * crm (no rule at source level; project file gives +freshness to all sources of crm)
   *   accounts        loaded_on DATE today                 -> pass by the project-level rule
   */
  private TempProject project() throws SQLException {
    TempProject project = TempProject.named(dir, "shop")
        .file("mds_project.yml", """
            name: shop
            sources:
              shop:
                crm:
                  +freshness:
                    error_after: {count: 2, period: day}
            """)
        .file("models/sources.yml", """
            sources:
              - name: erp
                schema: raw
                loaded_at_field: loaded_at
                freshness:
                  warn_after: {count: 1, period: hour}
                  error_after: {count: 1, period: day}
                tables:
                  - name: fresh_orders
                  - name: late_orders
                  - name: stale_orders
                  - name: customers
                    freshness:
                      warn_after:
                        count: "{{ env_var('MDS_FRESHNESS_TEST_DAYS', '10') | int }}"
                        period: day
                      error_after: null
                  - name: events
                    freshness: null
                  - name: payments
                    config:
                      loaded_at_field: paid_at
                      freshness:
                        filter: "method <> 'card'"
                  - name: utc_orders
                  - name: empty_orders
              - name: crm
                schema: raw
                tables:
                  - name: accounts
                    loaded_at_field: loaded_on
            """)
        .file("models/order_count.sql",
            "select count(*) as n from {{ source('erp', 'fresh_orders') }}\n")
        .file("models/late_count.sql",
            "select count(*) as n from {{ source('erp', 'late_orders') }}\n");
    load(project, """
        create schema raw;
        create table raw.fresh_orders as select now() - interval 10 minute as loaded_at;
        create table raw.late_orders as select now() - interval 2 hour as loaded_at;
        create table raw.stale_orders as
          select now() - interval 3 day as loaded_at union all select now() - interval 4 day;
        create table raw.customers as select now() - interval 2 day as loaded_at;
        create table raw.events as select now() - interval 300 day as loaded_at;
        create table raw.payments as
          select 'card' as method, now() - interval 5 minute as paid_at
          union all select 'cash', now() - interval 5 day;
        create table raw.utc_orders as
          select (now() at time zone 'UTC') - interval 30 minute as loaded_at;
        create table raw.empty_orders (loaded_at timestamp);
        create table raw.accounts as select current_date as loaded_on;
        """);
    return project;
  }

  private static void load(TempProject project, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"
        + project.path("shop.duckdb"));
        Statement st = connection.createStatement()) {
      for (String statement : sql.split(";")) {
        if (!statement.isBlank()) {
          st.execute(statement);
        }
      }
    }
  }

  private static Map<String, JsonNode> results(Path sourcesJson) throws IOException {
    JsonNode root = new ObjectMapper().readTree(sourcesJson.toFile());
    Map<String, JsonNode> byId = new HashMap<>();
    root.path("results").forEach(r -> byId.put(r.path("unique_id").asText(), r));
    return byId;
  }

  @Test
  void eachSourceTableGetsItsStatusAndTheRunFailsWhenOneIsPastErrorAfter() throws Exception {
    TempProject project = project();
    CliRun run = mds("source", "freshness", "--project-dir", project.dir());
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("PASS freshness of erp.fresh_orders"), run::describe);
    assertTrue(run.out().contains("WARN freshness of erp.late_orders (max loaded_at "),
        run::describe);
    assertTrue(run.out().contains("ERROR STALE freshness of erp.stale_orders"), run::describe);
    assertTrue(run.out().contains("ERROR freshness of erp.empty_orders (runtime error: "),
        run::describe);
    assertTrue(run.out().contains("PASS=4 WARN=1 ERROR=2 RUNTIME_ERROR=1"), run::describe);
    assertFalse(run.out().contains("erp.events"), run::describe);

    Map<String, JsonNode> results = results(project.path("target/sources.json"));
    assertEquals(8, results.size(), results.keySet()::toString);
    assertEquals("pass", results.get("source.shop.erp.fresh_orders").path("status").asText());
    assertEquals("warn", results.get("source.shop.erp.late_orders").path("status").asText());
    assertEquals("error", results.get("source.shop.erp.stale_orders").path("status").asText());
    assertEquals("runtime error",
        results.get("source.shop.erp.empty_orders").path("status").asText());
    assertTrue(results.get("source.shop.erp.empty_orders").path("error").asText()
        .contains("no rows"));
    assertFalse(results.containsKey("source.shop.erp.events"), "freshness: null disables");

    JsonNode late = results.get("source.shop.erp.late_orders");
    double age = late.path("max_loaded_at_time_ago_in_s").asDouble();
    assertTrue(age > 7190 && age < 7400, "two hours old, got " + age);
    assertEquals(1, late.path("criteria").path("warn_after").path("count").asInt());
    assertEquals("hour", late.path("criteria").path("warn_after").path("period").asText());
    assertEquals("day", late.path("criteria").path("error_after").path("period").asText());
    assertTrue(late.path("max_loaded_at").asText().endsWith("Z"), late::toString);
    assertTrue(late.path("snapshotted_at").isTextual(), late::toString);
    assertEquals("execute", late.path("timing").get(1).path("name").asText());

    // The stale table's newest row is the 3-day-old one, not the 4-day-old one.
    double staleAge = results.get("source.shop.erp.stale_orders")
        .path("max_loaded_at_time_ago_in_s").asDouble();
    assertTrue(staleAge > 3 * 86_400 - 60 && staleAge < 3 * 86_400 + 600, "got " + staleAge);
  }

  @Test
  void tableLevelRulesOverrideTheSourcesAndTheFilterNarrowsTheRows() throws Exception {
    TempProject project = project();
    mds("source", "freshness", "--project-dir", project.dir());
    Map<String, JsonNode> results = results(project.path("target/sources.json"));

    JsonNode customers = results.get("source.shop.erp.customers");
    assertEquals("pass", customers.path("status").asText(), customers::toString);
    assertEquals(10, customers.path("criteria").path("warn_after").path("count").asInt());
    assertTrue(customers.path("criteria").path("error_after").path("count").isNull(),
        "error_after: null clears the source's: " + customers);

    // Only the cash payment (5 days old) passes the filter: past the inherited error_after.
    JsonNode payments = results.get("source.shop.erp.payments");
    assertEquals("error", payments.path("status").asText(), payments::toString);
    assertEquals("method <> 'card'", payments.path("criteria").path("filter").asText());
    assertEquals(1, payments.path("criteria").path("warn_after").path("count").asInt(),
        "the filter-only table keeps the source's thresholds");

    // A TIMESTAMP without a time zone is taken as UTC, as dbt does.
    double utcAge = results.get("source.shop.erp.utc_orders")
        .path("max_loaded_at_time_ago_in_s").asDouble();
    assertTrue(utcAge > 1790 && utcAge < 2000, "half an hour old, got " + utcAge);

    // The project file's +freshness reaches crm.accounts, a DATE column of today.
    JsonNode accounts = results.get("source.shop.crm.accounts");
    assertEquals("pass", accounts.path("status").asText(), accounts::toString);
    assertEquals(2, accounts.path("criteria").path("error_after").path("count").asInt());

    mds("compile", "--project-dir", project.dir()).assertOk();
    JsonNode manifest = new ObjectMapper().readTree(project.path("target/manifest.json").toFile());
    JsonNode source = manifest.path("sources").path("source.shop.erp.customers");
    assertEquals("loaded_at", source.path("loaded_at_field").asText());
    assertEquals(10, source.path("freshness").path("warn_after").path("count").asInt());
    assertTrue(manifest.path("sources").path("source.shop.erp.events").path("freshness")
        .isNull());
  }

  @Test
  void aWarningExitsZeroAndSelectionPicksTheSources() throws Exception {
    TempProject project = project();
    CliRun warn = mds("source", "freshness", "--project-dir", project.dir(),
        "-s", "source:erp.late_orders", "source:erp.fresh_orders");
    assertEquals(0, warn.exitCode(), warn::describe);
    assertTrue(warn.out().contains("PASS=1 WARN=1 ERROR=0 RUNTIME_ERROR=0"), warn::describe);
    assertEquals(2, results(project.path("target/sources.json")).size());

    // A model's parents are its sources: +order_count checks fresh_orders only.
    CliRun parents = mds("source", "freshness", "--project-dir", project.dir(),
        "-s", "+order_count", "-o", project.path("elsewhere/fresh.json").toString());
    assertEquals(0, parents.exitCode(), parents::describe);
    assertEquals(List.of("source.shop.erp.fresh_orders"),
        List.copyOf(results(project.path("elsewhere/fresh.json")).keySet()));
  }

  @Test
  void sourceStatusFresherSelectsSourcesWithNewerDataThanTheState() throws Exception {
    TempProject project = project();
    mds("compile", "--project-dir", project.dir()).assertOk();
    mds("source", "freshness", "--project-dir", project.dir());
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Files.copy(project.path("target/manifest.json"), state.resolve("manifest.json"));
    Files.copy(project.path("target/sources.json"), state.resolve("sources.json"));

    load(project, "insert into raw.late_orders select now()");
    mds("source", "freshness", "--project-dir", project.dir());
    CliRun selected = mds("ls", "--project-dir", project.dir(), "-s", "source_status:fresher+",
        "--state", state.toString());
    selected.assertOk();
    assertEquals(List.of("source:shop.erp.late_orders", "shop.late_count"),
        selected.out().lines().toList(), selected::describe);

    CliRun withoutState = mds("ls", "--project-dir", project.dir(), "-s",
        "source_status:fresher");
    withoutState.assertProjectError("--state");
    CliRun unknown = mds("ls", "--project-dir", project.dir(), "-s", "source_status:staler",
        "--state", state.toString());
    unknown.assertProjectError("source_status:fresher");
  }

  @Test
  void aBadPeriodOrCountIsOneLineNamingTheYamlFile() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/sources.yml", """
            sources:
              - name: erp
                loaded_at_field: loaded_at
                freshness:
                  warn_after: {count: 2, period: fortnight}
                tables:
                  - name: orders
                  - name: customers
            """);
    mds("source", "freshness", "--project-dir", project.dir())
        .assertProjectError("models/sources.yml", "source 'erp'", "fortnight",
            "minute, hour or day");
    project.file("models/sources.yml", """
        sources:
          - name: erp
            loaded_at_field: loaded_at
            tables:
              - name: orders
                freshness:
                  error_after: {count: many, period: hour}
        """);
    mds("build", "--project-dir", project.dir())
        .assertProjectError("models/sources.yml", "count must be a whole number", "many");
  }
}
