package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds compile}'s partial-key warning, {@code --warn-error}, and {@code mds lineage}. */
class CliLineageTest {

  @TempDir
  Path dir;

  private static final String BAD_JOIN = """
      select o.order_no, o.amount, c.name
      from {{ ref('orders') }} as o
      join {{ ref('customers') }} as c
        on o.member_no = c.member_no
      """;

  private static final String GOOD_JOIN = """
      select o.order_no, o.amount, c.name
      from {{ ref('orders') }} as o
      join {{ ref('customers') }} as c
        on o.member_no = c.member_no
       and o.market = c.market
      """;

  /** Two markets whose member numbers overlap, and a customer grain that says so. */
  private TempProject retail(String ordersWithCustomers) {
    return TempProject.named(dir, "retail")
        .file("seeds/orders.csv", "market,order_no,member_no,amount\nUK,1,7,10.0\nDE,2,7,20.0\n")
        .file("seeds/customers.csv", "market,member_no,name\nUK,7,Olivia\nDE,7,Lukas\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: customers
                config:
                  grain: [market, member_no]
            """)
        .file("models/orders_with_customers.sql", ordersWithCustomers);
  }

  @Test
  void compileWarnsOnAJoinOnPartOfTheGrainNamingFileAndLine() {
    TempProject project = retail(BAD_JOIN);

    CliRun run = mds("compile", "--project-dir", project.root().toString()).assertOk();

    assertTrue(run.out().contains("Warning: models/orders_with_customers.sql:4: partial key join:"
        + " customers (as c) has grain (market, member_no) but is joined on member_no only; add"
        + " market to the join condition\n"), run::describe);
    assertEquals(1, run.out().lines().filter(l -> l.startsWith("Warning:")).count(),
        run::describe);
  }

  @Test
  void aSecondCompileRepeatsTheWarningAndSeesAGrainChangedOnlyInYaml() throws Exception {
    TempProject project = retail(BAD_JOIN.replace("join", "left join"));
    CliRun first = mds("compile", "--project-dir", project.root().toString()).assertOk();
    CliRun second = mds("compile", "--project-dir", project.root().toString()).assertOk();

    assertTrue(second.out().contains("partial key join: customers (as c)"), second::describe);
    assertEquals(first.out(), second.out());

    // A model found clean is kept as clean only while what its check consulted is unchanged.
    project.file("models/orders_with_customers.sql", GOOD_JOIN);
    assertFalse(mds("compile", "--project-dir", project.root().toString()).assertOk().out()
        .contains("Warning"));
    assertTrue(Files.readString(project.root().resolve("target/partial_key_checks.json"))
        .contains("model.retail.orders_with_customers"));
    project.file("seeds/schema.yml", """
        seeds:
          - name: customers
            config:
              grain: [market, member_no, name]
        """);
    project.file("seeds/orders.csv", "market,order_no,member_no,name,amount\nUK,1,7,Olivia,10.0\n");

    CliRun changed = mds("compile", "--project-dir", project.root().toString()).assertOk();
    assertTrue(changed.out().contains("customers (as c) has grain (market, member_no, name) but is"
        + " joined on market, member_no only"), changed::describe);
  }

  @Test
  void compileWarnsOnACommaJoinOfAParentWithItself() {
    TempProject project = retail(GOOD_JOIN).file("models/customer_pairs.sql", """
        select a.name, b.name as namesake
        from {{ ref('customers') }} as a, {{ ref('customers') }} as b
        where a.member_no = b.member_no
        """);

    CliRun run = mds("compile", "--project-dir", project.root().toString()).assertOk();

    assertTrue(run.out().contains("Warning: models/customer_pairs.sql:3: partial key join:"
        + " customers (as a) has grain (market, member_no) but is joined on member_no only; add"
        + " market to the join condition\n"), run::describe);
  }

  @Test
  void compileIsSilentOnTheCorrectJoin() {
    CliRun run = mds("compile", "--project-dir", retail(GOOD_JOIN).root().toString(),
        "--warn-error").assertOk();

    assertFalse(run.out().contains("Warning"), run::describe);
    assertEquals("", run.err());
  }

  @Test
  void warnErrorTurnsTheWarningIntoExitTwo() {
    CliRun run = mds("compile", "--project-dir", retail(BAD_JOIN).root().toString(),
        "--warn-error");

    run.assertProjectError("models/orders_with_customers.sql:4", "partial key join");
  }

  @Test
  void runWarnsTooAndWithWarnErrorBuildsNothing() {
    TempProject project = retail(BAD_JOIN);
    mds("seed", "--project-dir", project.root().toString()).assertOk();

    CliRun stopped = mds("run", "--project-dir", project.root().toString(), "--warn-error");
    stopped.assertProjectError("partial key join");
    assertFalse(stopped.out().contains("OK "), stopped::describe);

    CliRun run = mds("run", "--project-dir", project.root().toString()).assertOk();
    assertTrue(run.out().contains("Warning: models/orders_with_customers.sql:4: partial key"
        + " join"), run::describe);
  }

  @Test
  void compileWithLineageWritesColumnLineageToTheManifest() throws Exception {
    TempProject project = retail(GOOD_JOIN);

    CliRun run = mds("compile", "--project-dir", project.root().toString(), "--lineage")
        .assertOk();

    assertTrue(run.out().contains("Traced column lineage of 1 model (0 incomplete)"),
        run::describe);
    JsonNode node = new ObjectMapper().readTree(Files.readString(
        project.path("target/manifest.json"))).at("/nodes/model.retail.orders_with_customers");
    assertTrue(node.path("lineage_complete").asBoolean(), node::toPrettyString);
    assertEquals("[{\"node\":\"seed.retail.customers\",\"column\":\"name\"}]",
        node.at("/column_lineage/name/sources").toString());
    assertEquals("[{\"node\":\"seed.retail.orders\",\"column\":\"amount\"}]",
        node.at("/column_lineage/amount/sources").toString());
  }

  @Test
  void compileWithoutLineageLeavesItOutOfTheManifest() throws Exception {
    TempProject project = retail(GOOD_JOIN);

    mds("compile", "--project-dir", project.root().toString()).assertOk();

    JsonNode node = new ObjectMapper().readTree(Files.readString(
        project.path("target/manifest.json"))).at("/nodes/model.retail.orders_with_customers");
    assertTrue(node.path("column_lineage").isMissingNode(), node::toPrettyString);
  }

  @Test
  void lineagePrintsTheUpstreamTree() {
    TempProject project = retail(GOOD_JOIN).file("models/customer_revenue.sql", """
        select name, sum(amount) as revenue
        from {{ ref('orders_with_customers') }}
        group by all
        """);

    CliRun run = mds("lineage", "--project-dir", project.root().toString(), "-s",
        "customer_revenue.revenue").assertOk();

    assertEquals("""
        customer_revenue.revenue
        `-- orders_with_customers.amount
            `-- orders.amount (seed)
        """, run.out());
  }

  @Test
  void lineagePrintsTheDownstreamTree() {
    TempProject project = retail(GOOD_JOIN).file("models/customer_revenue.sql", """
        select name, sum(amount) as revenue
        from {{ ref('orders_with_customers') }}
        group by all
        """);

    CliRun run = mds("lineage", "--project-dir", project.root().toString(), "-s",
        "customers.name", "--downstream").assertOk();

    assertEquals("""
        customers.name (seed)
        `-- orders_with_customers.name
            `-- customer_revenue.name
        """, run.out());
  }

  @Test
  void lineageOfAnUnknownColumnIsAProjectError() {
    CliRun run = mds("lineage", "--project-dir", retail(GOOD_JOIN).root().toString(), "-s",
        "orders_with_customers.nope");

    run.assertProjectError("models/orders_with_customers.sql", "no column 'nope'",
        "order_no, amount, name");
  }
}
