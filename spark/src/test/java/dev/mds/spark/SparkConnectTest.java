package dev.mds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.spark.SparkVerbsTest.Run;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code method: connect} against a real Spark Connect server ({@code SparkConnectServer},
 * {@code local[2]}, Delta, a free port): mds builds a small project through the Connect client,
 * the same SQL path as an in-process session. The server runs in a JVM of its own: its jar and
 * the client's carry the same protocol classes built against differently shaded gRPC, so one
 * class path cannot hold both (this JVM keeps the client's).
 */
class SparkConnectTest {

  private static final String SCHEMA = "connect_e2e";

  @TempDir
  static Path dir;

  private static Process server;
  private static int port;

  @BeforeAll
  static void startServer() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path state = Files.createDirectories(dir.resolve("server"));
    String classPath = Arrays.stream(System.getProperty("java.class.path")
        .split(File.pathSeparator)).filter(e -> !e.contains("spark-connect-client-jvm"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
        "bin", "java").toString()));
    command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
        .stream().filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+Ignore")
            || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")).toList());
    command.addAll(List.of("-Xmx1g", "-Dderby.system.home=" + state,
        "-Dspark.master=local[2]", "-Dspark.app.name=mds-connect-test",
        "-Dspark.connect.grpc.binding.port=" + port,
        "-Dspark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
        "-Dspark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "-Dspark.sql.warehouse.dir=" + state.resolve("warehouse").toUri(),
        "-Dspark.ui.enabled=false", "-Dspark.sql.shuffle.partitions=2",
        "-Dspark.databricks.delta.snapshotPartitions=1",
        "-cp", classPath, "org.apache.spark.sql.connect.service.SparkConnectServer"));
    server = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(state.resolve("server.log").toFile()).start();
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (true) {
      try (Socket ignored = new Socket("localhost", port)) {
        break;
      } catch (IOException notYet) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("Spark Connect server did not start:\n"
              + Files.readString(state.resolve("server.log")));
        }
        Thread.sleep(500);
      }
    }
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void buildsSeedsModelsAndTestsThroughSparkConnect() throws Exception {
    Path project = dir.resolve("shop");
    Files.createDirectories(project.resolve("seeds"));
    Files.createDirectories(project.resolve("models"));
    Files.writeString(project.resolve("dbt_project.yml"), "name: shop\nprofile: shop\n");
    Files.writeString(project.resolve("profiles.yml"), """
        shop:
          target: connect
          outputs:
            connect:
              type: spark
              method: connect
              host: localhost
              port: %d
              schema: %s
              threads: 1
        """.formatted(port, SCHEMA));
    Files.writeString(project.resolve("seeds/orders.csv"),
        "order_id,market,amount\n1,UK,12.50\n2,DE,3.99\n3,UK,1.01\n");
    Files.writeString(project.resolve("models/sales.sql"), """
        {{ config(materialized='table') }}
        select market, cast(sum(amount) as decimal(10,2)) as amount, count(*) as orders
        from {{ ref('orders') }} group by market
        """);
    Files.writeString(project.resolve("models/uk_sales.sql"),
        "select * from {{ ref('sales') }} where market = 'UK'\n");
    Files.writeString(project.resolve("models/schema.yml"), """
        models:
          - name: sales
            columns:
              - name: market
                data_tests: [unique, not_null]
        """);

    Run build = SparkVerbsTest.mds("build", "--project-dir", project.toString());
    assertEquals(0, build.code(), build::describe);
    assertTrue(build.out().contains("PASS=5"), build::describe);

    SparkSession client = org.apache.spark.sql.connect.SparkSession.builder()
        .remote("sc://localhost:" + port).getOrCreate();
    List<String> rows = client.sql("select * from " + SCHEMA + ".uk_sales").collectAsList()
        .stream().map(Row::toString).toList();
    assertEquals(List.of("[UK,13.51,2]"), rows);
    assertEquals("VIEW", client.catalog().getTable(SCHEMA + ".uk_sales").tableType());
  }
}
