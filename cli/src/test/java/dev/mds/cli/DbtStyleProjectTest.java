package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project laid out the dbt way (the classic jaffle shop: dbt_project.yml, profiles.yml, Jinja
 * loops with whitespace control, CRLF seeds) compiles unchanged.
 */
class DbtStyleProjectTest {

  @TempDir
  Path dir;

  private TempProject project;

  @BeforeEach
  void copyFixture() throws Exception {
    Path fixture = Path.of(getClass().getResource("/dbt_style_project").toURI());
    TempProject.copy(fixture, dir);
    project = TempProject.in(dir);
  }

  private String compiled(String model) {
    return project.read("target/compiled/jaffle_shop/models/" + model);
  }

  @Test
  void theFixtureIsWrittenTheDbtWay() throws Exception {
    assertFalse(Files.exists(project.path("mds_project.yml")));
    assertTrue(Files.exists(project.path("dbt_project.yml")));
    for (String seed : List.of("raw_customers.csv", "raw_orders.csv", "raw_payments.csv")) {
      assertTrue(project.read("seeds/" + seed).contains("\r\n"), seed + " should have CRLF endings");
    }
  }

  @Test
  void compilesWithExitCodeZeroAndEveryModelResolved() throws Exception {
    CliRun run = mds("compile", "--project-dir", project.dir()).assertOk();

    for (String count : List.of("5 models", "3 seeds", "0 sources", "1 macro")) {
      assertTrue(run.out().contains(count), run::describe);
    }
    assertEquals("", run.err(), run::describe);
    try (Stream<Path> files = Files.walk(project.path("target/compiled"))) {
      List<Path> sql = files.filter(Files::isRegularFile).toList();
      // Data tests compile into a folder named after their YAML file, as in dbt.
      assertEquals(5, sql.stream().filter(p -> !p.getParent().toString().endsWith(".yml")).count(),
          sql::toString);
      for (Path file : sql) {
        String text = Files.readString(file);
        assertFalse(text.contains("{{") || text.contains("{%") || text.contains("{#")
            || text.contains("ref("), file + ":\n" + text);
      }
    }
  }

  @Test
  void loopsWithWhitespaceControlExpandLikeJinja() {
    mds("compile", "--project-dir", project.dir()).assertOk();

    String orders = compiled("marts/orders.sql");

    assertTrue(orders.startsWith("\n\nwith orders as (\n    select * from \"main\".\"stg_orders\"\n),"),
        orders);
    assertTrue(orders.contains("""
                order_id,

                sum(case when payment_method = 'credit_card' then amount else 0 end) as credit_card_amount,
                sum(case when payment_method = 'coupon' then amount else 0 end) as coupon_amount,
                sum(case when payment_method = 'bank_transfer' then amount else 0 end) as bank_transfer_amount,
                sum(case when payment_method = 'gift_card' then amount else 0 end) as gift_card_amount,
                sum(amount) as total_amount
        """), orders);
    assertTrue(orders.contains("""
                orders.status,
                order_payments.credit_card_amount,order_payments.coupon_amount,\
        order_payments.bank_transfer_amount,order_payments.gift_card_amount,
                order_payments.total_amount as amount
        """), orders);
  }

  @Test
  void commentsWithWhitespaceControlAndMacrosRenderLikeJinja() {
    mds("compile", "--project-dir", project.dir()).assertOk();

    assertTrue(compiled("staging/stg_payments.sql")
        .contains("        payment_method,round(amount / 100, 2) as amount\n"),
        compiled("staging/stg_payments.sql"));
    assertTrue(compiled("staging/stg_customers.sql")
        .startsWith("with source as (\n    select * from \"main\".\"raw_customers\"\n\n),"),
        compiled("staging/stg_customers.sql"));
    assertTrue(compiled("marts/customers.sql")
        .startsWith("\n\nwith customers as (\n    select * from \"main\".\"stg_customers\"\n),"),
        compiled("marts/customers.sql"));
  }

  @Test
  void folderConfigsAndTheProfileApply() throws Exception {
    mds("compile", "--project-dir", project.dir()).assertOk();
    CliRun debug = mds("debug", "--project-dir", project.dir()).assertOk();

    JsonNode manifest = new ObjectMapper().readTree(project.path("target/manifest.json").toFile());
    assertEquals("view", manifest.at("/nodes/model.jaffle_shop.stg_orders/config/materialized").asText());
    assertEquals("table", manifest.at("/nodes/model.jaffle_shop.orders/config/materialized").asText());
    assertEquals("table", manifest.at("/nodes/model.jaffle_shop.customers/config/materialized").asText());
    assertEquals("staging", manifest.at("/nodes/model.jaffle_shop.stg_orders/tags/0").asText());
    assertEquals("One row per order.",
        manifest.at("/nodes/model.jaffle_shop.stg_orders/description").asText());
    assertEquals(List.of("model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments"),
        List.of(manifest.at("/parent_map/model.jaffle_shop.orders/0").asText(),
            manifest.at("/parent_map/model.jaffle_shop.orders/1").asText()));
    assertTrue(debug.out().contains("profile: jaffle_shop"), debug::describe);
    assertTrue(debug.out().contains("database: " + project.path("jaffle_shop.duckdb")),
        debug::describe);
  }

  @Test
  void lsListsTheDbtProjectBySelector() {
    CliRun run = mds("ls", "--project-dir", project.dir(), "-s", "+orders", "--resource-type",
        "model", "-o", "name").assertOk();

    assertEquals(List.of("stg_orders", "stg_payments", "orders"),
        run.out().lines().filter(l -> !l.isBlank()).toList());
  }

  /** Each data test's status in target/run_results.json, by test name. */
  private Map<String, String> testStatuses() throws Exception {
    Map<String, String> statuses = new TreeMap<>();
    for (JsonNode result : new ObjectMapper().readTree(
        project.path("target/run_results.json").toFile()).get("results")) {
      String id = result.get("unique_id").asText();
      if (id.startsWith("test.")) {
        statuses.put(id.substring(id.lastIndexOf('.') + 1), result.get("status").asText());
      }
    }
    return statuses;
  }

  @Test
  void buildsUnchangedWithEveryClassicTestRunningAndPassing() throws Exception {
    CliRun run = mds("build", "--project-dir", project.dir()).assertOk();

    Map<String, String> tests = testStatuses();
    assertEquals(15, tests.size(), tests::toString);
    assertTrue(tests.values().stream().allMatch("pass"::equals), tests::toString);
    assertEquals(15, run.out().lines().filter(l -> l.matches(".* PASS \\S+ \\.+ \\[PASS in .*"))
        .count(), run::describe);
    // The names dbt gives the jaffle shop's tests, hashed ones included.
    for (String name : List.of("unique_stg_customers_customer_id",
        "not_null_stg_orders_order_id",
        "accepted_values_stg_orders_4f514bf94b77b7ea437830eec4421c58",
        "accepted_values_stg_payments_c7909fb19b1f0177c2bf99c7912f06ef",
        "relationships_orders_customer_id__customer_id__ref_customers_")) {
      assertEquals("pass", tests.get(name), name + " in " + tests);
    }
    assertTrue(run.out().contains("Done. PASS=23 WARN=0 ERROR=0 SKIP=0 TOTAL=23"), run::describe);
    // The tests look at real rows: every tested model has them.
    Map<String, String> counts = new TreeMap<>();
    for (String model : List.of("stg_customers", "stg_orders", "stg_payments", "customers",
        "orders")) {
      counts.put(model, DuckDbFile.rows(project.path("jaffle_shop.duckdb"),
          "select count(*) from " + model).get(0));
    }
    assertEquals(Map.of("stg_customers", "3", "stg_orders", "3", "stg_payments", "4",
        "customers", "3", "orders", "3"), counts);
  }

  @Test
  void theClassicTestsCatchBadRowsInTheCrlfSeeds() throws Exception {
    mds("build", "--project-dir", project.dir()).assertOk();
    // Order 3 again, for an unknown customer, in a status nobody expects.
    project.file("seeds/raw_orders.csv", project.read("seeds/raw_orders.csv")
        + "3,9,2018-01-05,lost\r\n");

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    Map<String, String> tests = testStatuses();
    for (String name : List.of("unique_stg_orders_order_id",
        "accepted_values_stg_orders_4f514bf94b77b7ea437830eec4421c58",
        "relationships_stg_orders_96411fe0c89b49c3f4da955dfd358ba0")) {
      assertEquals("fail", tests.get(name), name + " in " + tests);
    }
    assertEquals("pass", tests.get("not_null_stg_orders_order_id"));
    assertEquals("skipped", tests.get("unique_orders_order_id"), "orders is downstream");
  }
}
