package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds retry}: after a failure is fixed in place, only what failed or was skipped runs. */
class CliRetryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BROKEN = "{{ config(materialized='table') }}\n"
      + "select id, amount * no_such_column as doubled from {{ ref('stg_orders') }}\n";
  private static final String FIXED = "{{ config(materialized='table') }}\n"
      + "select id, amount * 2 as doubled from {{ ref('stg_orders') }}\n";

  @TempDir
  Path dir;

  /*
   * raw_orders -> stg_orders -> doubled (broken) -> doubled_big -> doubled_count
   *                          -> revenue
   */
  private TempProject shop() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n2,20\n3,30\n")
        .file("models/stg_orders.sql", "select id, amount from {{ ref('raw_orders') }}\n")
        .file("models/doubled.sql", BROKEN)
        .file("models/doubled_big.sql", "{{ config(materialized='table') }}\n"
            + "select * from {{ ref('doubled') }} where doubled > 20\n")
        .file("models/doubled_count.sql",
            "select count(*) as n from {{ ref('doubled_big') }}\n")
        .file("models/revenue.sql", "{{ config(materialized='table') }}\n"
            + "select sum(amount) as revenue from {{ ref('stg_orders') }}\n")
        .file("models/schema.yml", """
            models:
              - name: doubled
                columns:
                  - name: id
                    tests: [not_null]
            """);
  }

  /** Unique id to status, from {@code target/run_results.json}. */
  private static Map<String, String> statuses(TempProject project) throws IOException {
    Map<String, String> statuses = new TreeMap<>();
    for (JsonNode result : runResults(project).path("results")) {
      statuses.put(result.path("unique_id").asText(), result.path("status").asText());
    }
    return statuses;
  }

  private static JsonNode runResults(TempProject project) throws IOException {
    return JSON.readTree(project.path("target/run_results.json").toFile());
  }

  private static List<String> invocation(TempProject project) throws IOException {
    List<String> args = new ArrayList<>();
    runResults(project).path("args").path("invocation").forEach(a -> args.add(a.asText()));
    return args;
  }

  /** The node names the console reported running ("i of n" lines). */
  private static TreeSet<String> ran(CliRun run, List<String> candidates) {
    TreeSet<String> started = new TreeSet<>();
    run.out().lines().filter(l -> l.matches(".* \\d+ of \\d+ .*")).forEach(line -> {
      for (String name : candidates) {
        if (line.matches(".*\\b" + name + "\\b.*")) {
          started.add(name);
        }
      }
    });
    return started;
  }

  @Test
  void retryAfterAFixRunsOnlyTheFailedNodeAndItsSkippedDescendantsWithTheSameFlags()
      throws IOException {
    TempProject project = shop();
    CliRun failed = mds("build", "--project-dir", project.dir(), "--threads", "3");
    assertEquals(1, failed.exitCode(), failed.describe());
    assertEquals(Map.of("model.shop.doubled", "error", "model.shop.doubled_big", "skipped",
        "model.shop.doubled_count", "skipped", "model.shop.revenue", "success",
        "model.shop.stg_orders", "success", "seed.shop.raw_orders", "success",
        "test.shop.not_null_doubled_id", "skipped"), statuses(project));
    project.file("models/doubled.sql", FIXED);

    CliRun retry = mds("retry", "--project-dir", project.dir()).assertOk();

    assertEquals(Map.of("model.shop.doubled", "success", "model.shop.doubled_big", "success",
        "model.shop.doubled_count", "success", "test.shop.not_null_doubled_id", "pass"),
        statuses(project), retry::describe);
    List<String> all = List.of("raw_orders", "stg_orders", "doubled", "doubled_big",
        "doubled_count", "revenue", "not_null_doubled_id");
    assertEquals(new TreeSet<>(List.of("doubled", "doubled_big", "doubled_count",
        "not_null_doubled_id")), ran(retry, all), retry.describe());
    assertTrue(retry.out().contains("Concurrency: 3 threads, 4 nodes to build"),
        retry.describe());
    List<String> args = invocation(project);
    assertEquals("build", args.get(0), args::toString);
    assertEquals("3", args.get(args.indexOf("--threads") + 1), args::toString);
    assertEquals(List.of("2|100"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select count(*), sum(doubled) from doubled_big"));
  }

  @Test
  void retryKeepsFullRefresh() throws IOException {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,amount\n1,10\n2,20\n")
        .file("models/stg_orders.sql", "select id, amount from {{ ref('raw_orders') }}\n")
        .file("models/orders_log.sql", """
            {{ config(materialized='incremental') }}
            select id, amount from {{ ref('stg_orders') }}
            {% if is_incremental() %}
            where id > (select max(id) from {{ this }})
            {% endif %}
            """);
    mds("build", "--project-dir", project.dir()).assertOk();
    project.file("seeds/raw_orders.csv", "id,amount\n1,100\n2,200\n")
        .file("models/stg_orders.sql",
            "select id, amount, no_such_column from {{ ref('raw_orders') }}\n");
    assertEquals(1, mds("build", "--project-dir", project.dir(), "--full-refresh").exitCode());
    project.file("models/stg_orders.sql", "select id, amount from {{ ref('raw_orders') }}\n");

    CliRun retry = mds("retry", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("model.shop.orders_log", "model.shop.stg_orders"),
        List.copyOf(statuses(project).keySet()), retry::describe);
    assertTrue(invocation(project).contains("--full-refresh"), invocation(project)::toString);
    // An incremental run would have kept the old amounts: only a full refresh reloads them.
    assertEquals(List.of("1|100", "2|200"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select id, amount from orders_log order by id"));
  }

  @Test
  void retryReplacesTheOriginalSelection() throws IOException {
    TempProject project = shop();
    assertEquals(1, mds("build", "--project-dir", project.dir()).exitCode());
    assertEquals(1, mds("run", "--project-dir", project.dir(), "-s", "doubled+", "revenue")
        .exitCode());
    project.file("models/doubled.sql", FIXED);

    mds("retry", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("model.shop.doubled", "model.shop.doubled_big",
        "model.shop.doubled_count"), List.copyOf(statuses(project).keySet()));
    List<String> args = invocation(project);
    assertEquals("run", args.get(0), args::toString);
    assertTrue(!args.contains("revenue") && !args.contains("doubled+"), args::toString);
  }

  @Test
  void nothingToRetrySaysSoAndExitsZero() throws IOException {
    TempProject project = shop().file("models/doubled.sql", FIXED);
    mds("build", "--project-dir", project.dir()).assertOk();
    String before = project.read("target/run_results.json");

    CliRun retry = mds("retry", "--project-dir", project.dir()).assertOk();

    assertTrue(retry.out().contains("Nothing to retry"), retry.describe());
    assertEquals(before, project.read("target/run_results.json"));
  }

  @Test
  void retryWithoutPreviousRunResultsIsAOneLineError() {
    TempProject project = shop();

    mds("retry", "--project-dir", project.dir()).assertProjectError("run_results.json");
  }
}
