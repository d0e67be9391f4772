package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --state DIR} end to end: a production folder is built, its artifacts copied to a state
 * folder, and a branch folder (a copy of the sources) is changed and compared with it.
 */
class CliStateTest {

  private static final List<String> NONE = List.of();

  /** Production, built once: its folder and the state folder with its artifacts. */
  @TempDir
  static Path shared;

  @TempDir
  Path dir;

  private Path state = shared.resolve("state");

  @BeforeAll
  static void buildProduction() {
    TempProject prod = prod(shared.resolve("prod"));
    ProductionState.build(prod);
    ProductionState.copyState(prod, shared.resolve("state"), false);
  }

  /*
   * raw_orders (seed) -> stg_orders -> order_amounts -> customer_revenue
   *                                 -> order_totals   (uses cents_to_units through order_amount)
   *                                 -> customers      (uses shout, defined beside cents_to_units)
   */
  private static TempProject prod(Path folder) {
    return TempProject.named(folder, "shop")
        .file("mds_project.yml", """
            name: shop
            models:
              shop:
                +materialized: view
            """)
        .file("seeds/raw_orders.csv", """
            id,customer,amount_cents
            1,ann,1000
            2,bob,250
            3,ann,500
            """)
        .file("macros/money.sql", """
            {% macro cents_to_units(column) -%}
            round({{ column }} / 100.0, 2)
            {%- endmacro %}

            {% macro shout(text) -%}
            upper({{ text }})
            {%- endmacro %}
            """)
        .file("macros/amounts.sql", """
            {% macro order_amount() -%}
            {{ cents_to_units('amount_cents') }}
            {%- endmacro %}
            """)
        .file("models/stg_orders.sql",
            "select id, customer, amount_cents from {{ ref('raw_orders') }}\n")
        .file("models/order_amounts.sql", """
            select id, customer, {{ cents_to_units('amount_cents') }} as amount
            from {{ ref('stg_orders') }}
            """)
        .file("models/order_totals.sql",
            "select id, {{ order_amount() }} as amount from {{ ref('stg_orders') }}\n")
        .file("models/customers.sql",
            "select distinct {{ shout('customer') }} as customer from {{ ref('stg_orders') }}\n")
        .file("models/customer_revenue.sql", """
            select customer, sum(amount) as revenue from {{ ref('order_amounts') }}
            group by customer
            """)
        .file("models/schema.yml", """
            models:
              - name: stg_orders
                description: One row per order.
                columns:
                  - name: id
                    description: The order number.
                    tests: [unique, not_null]
              - name: customer_revenue
                columns:
                  - name: customer
                    tests: [not_null]
            """);
  }

  /** A fresh copy of production's sources, for this test to change. */
  private TempProject branchOfBuiltProd() {
    return ProductionState.branch(TempProject.in(shared.resolve("prod")), dir.resolve("branch"));
  }

  /** The names {@code mds ls --state state/ -s select...} lists, sorted. */
  private List<String> selected(TempProject branch, String... select) {
    List<String> args = new ArrayList<>(List.of("ls", "--project-dir", branch.dir(), "--state",
        state.toString(), "-o", "name", "-s"));
    args.addAll(List.of(select));
    CliRun run = mds(args.toArray(String[]::new)).assertOk();
    return run.out().lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
  }

  @Test
  void unchangedBranchSelectsNothing() {
    TempProject branch = branchOfBuiltProd();

    assertEquals(NONE, selected(branch, "state:modified", "state:new"));
  }

  @Test
  void changedModelSqlSelectsExactlyItAndItsDescendants() {
    TempProject branch = branchOfBuiltProd();
    branch.file("models/order_amounts.sql", """
        select id, customer, {{ cents_to_units('amount_cents') }} as amount
        from {{ ref('stg_orders') }}
        where id > 0
        """);

    assertEquals(List.of("order_amounts"), selected(branch, "state:modified"));
    assertEquals(List.of("order_amounts"), selected(branch, "state:modified.body"));
    assertEquals(List.of("customer_revenue", "not_null_customer_revenue_customer",
        "order_amounts"), selected(branch, "state:modified+"));
    assertEquals(NONE, selected(branch, "state:modified.configs"));
    assertEquals(NONE, selected(branch, "state:modified.macros"));
    assertEquals(NONE, selected(branch, "state:new"));
  }

  @Test
  void changedMacroSelectsExactlyTheModelsThatUseItDirectlyOrThroughAnotherMacro() {
    TempProject branch = branchOfBuiltProd();
    branch.file("macros/money.sql", """
        {% macro cents_to_units(column) -%}
        round({{ column }} / 100.0, 3)
        {%- endmacro %}

        {% macro shout(text) -%}
        upper({{ text }})
        {%- endmacro %}
        """);

    assertEquals(List.of("order_amounts", "order_totals"), selected(branch, "state:modified"));
    assertEquals(List.of("order_amounts", "order_totals"),
        selected(branch, "state:modified.macros"));
    assertEquals(NONE, selected(branch, "state:modified.body"));
    assertEquals(List.of("customer_revenue", "not_null_customer_revenue_customer",
        "order_amounts", "order_totals"), selected(branch, "state:modified.macros+"));
  }

  @Test
  void changedOuterMacroSelectsOnlyItsUsers() {
    TempProject branch = branchOfBuiltProd();
    branch.file("macros/amounts.sql", """
        {% macro order_amount() -%}
        coalesce({{ cents_to_units('amount_cents') }}, 0)
        {%- endmacro %}
        """);

    assertEquals(List.of("order_totals"), selected(branch, "state:modified"));
  }

  @Test
  void rewritingEveryFileWithCrlfLineEndingsSelectsNothing() throws IOException {
    TempProject branch = branchOfBuiltProd();
    List<Path> rewritten = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(branch.root())) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sql") || name.endsWith(".yml") || name.endsWith(".csv")) {
          String text = Files.readString(file);
          Files.writeString(file, text.replace("\r\n", "\n").replace("\n", "\r\n"));
          rewritten.add(file);
        }
      }
    }
    assertEquals(10, rewritten.size(), rewritten::toString);

    assertEquals(NONE, selected(branch, "state:modified", "state:new"));
  }

  @Test
  void newModelIsStateNewAndNotStateModified() {
    TempProject branch = branchOfBuiltProd();
    branch.file("models/big_orders.sql",
        "select * from {{ ref('stg_orders') }} where amount_cents > 600\n");

    assertEquals(List.of("big_orders"), selected(branch, "state:new"));
    assertEquals(NONE, selected(branch, "state:modified"));
    assertEquals(List.of("big_orders"), selected(branch, "state:modified+", "state:new+"));
  }

  @Test
  void configChangeInTheProjectFileIsAModifiedConfigOnly() {
    TempProject branch = branchOfBuiltProd();
    branch.file("mds_project.yml", """
        name: shop
        models:
          shop:
            +materialized: view
            customers:
              +materialized: table
        """);

    assertEquals(List.of("customers"), selected(branch, "state:modified"));
    assertEquals(List.of("customers"), selected(branch, "state:modified.configs"));
    assertEquals(NONE, selected(branch, "state:modified.body"));
    assertEquals(NONE, selected(branch, "state:modified.descriptions"));
    assertEquals(NONE, selected(branch, "state:modified.macros"));
  }

  @Test
  void descriptionChangeInSchemaYamlIsAModifiedDescription() {
    TempProject branch = branchOfBuiltProd();
    branch.file("models/schema.yml", """
        models:
          - name: stg_orders
            description: One row per order, as booked.
            columns:
              - name: id
                description: The order number.
                tests: [unique, not_null]
          - name: customer_revenue
            columns:
              - name: customer
                description: Who bought.
                tests: [not_null]
        """);

    // As in dbt, the tests on a selected node come along (eager indirect selection).
    List<String> withTests = List.of("customer_revenue", "not_null_customer_revenue_customer",
        "not_null_stg_orders_id", "stg_orders", "unique_stg_orders_id");
    assertEquals(withTests, selected(branch, "state:modified.descriptions"));
    assertEquals(withTests, selected(branch, "state:modified"));
    assertEquals(List.of("customer_revenue", "stg_orders"), selected(branch,
        "state:modified.descriptions", "--resource-type", "model"));
    assertEquals(NONE, selected(branch, "state:modified.body"));
    assertEquals(NONE, selected(branch, "state:modified.configs"));
  }

  @Test
  void newTestInSchemaYamlIsStateNew() {
    TempProject branch = branchOfBuiltProd();
    branch.file("models/schema.yml", """
        models:
          - name: stg_orders
            description: One row per order.
            columns:
              - name: id
                description: The order number.
                tests: [unique, not_null]
              - name: customer
                tests: [not_null]
          - name: customer_revenue
            columns:
              - name: customer
                tests: [not_null]
        """);

    assertEquals(List.of("not_null_stg_orders_customer"), selected(branch, "state:new"));
  }

  @Test
  void changedSeedContentsIsAModifiedSeed() {
    TempProject branch = branchOfBuiltProd();
    branch.file("seeds/raw_orders.csv", """
        id,customer,amount_cents
        1,ann,1000
        2,bob,275
        3,ann,500
        """);

    assertEquals(List.of("raw_orders"), selected(branch, "state:modified"));
    assertEquals(List.of("customer_revenue", "customers", "not_null_customer_revenue_customer",
        "not_null_stg_orders_id", "order_amounts", "order_totals", "raw_orders", "stg_orders",
        "unique_stg_orders_id"), selected(branch, "state:modified+"));
  }

  @Test
  void resultSelectorsReadTheStatesRunResults() {
    TempProject prod = prod(dir.resolve("prod")).file("models/order_amounts.sql",
        "select id, customer, no_such_column as amount from {{ ref('stg_orders') }}\n");
    assertEquals(1, mds("build", "--project-dir", prod.dir()).exitCode());
    state = ProductionState.copyState(prod, dir.resolve("state"), false);
    TempProject branch = ProductionState.branch(prod, dir.resolve("branch"));

    assertEquals(List.of("order_amounts"), selected(branch, "result:error"));
    assertEquals(List.of("customer_revenue", "not_null_customer_revenue_customer"),
        selected(branch, "result:skipped"));
    assertEquals(List.of("not_null_stg_orders_id", "unique_stg_orders_id"),
        selected(branch, "result:pass"));
  }

  @Test
  void stateSelectorWithoutStateIsAOneLineError() {
    TempProject prod = prod(dir.resolve("prod"));

    mds("ls", "--project-dir", prod.dir(), "-s", "state:modified+")
        .assertProjectError("state:modified+", "--state");
    mds("build", "--project-dir", prod.dir(), "-s", "result:error")
        .assertProjectError("result:error", "--state");
  }

  @Test
  void stateFolderWithoutManifestIsAOneLineError() throws IOException {
    TempProject prod = prod(dir.resolve("prod"));
    state = Files.createDirectories(dir.resolve("empty-state"));

    mds("ls", "--project-dir", prod.dir(), "--state", state.toString(), "-s", "state:new")
        .assertProjectError("manifest.json");
  }

  @Test
  void unknownStateKindIsAOneLineError() {
    TempProject branch = branchOfBuiltProd();

    mds("ls", "--project-dir", branch.dir(), "--state", state.toString(), "-s",
        "state:modified.colour").assertProjectError("state:modified.colour", "configs");
  }
}
