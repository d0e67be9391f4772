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
}
