package dev.mds.spark;

import static dev.mds.spark.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.engine.DuckDb;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV files read the DuckDB way (a source's {@code external_location}, {@code read_csv(...)} in
 * a model) give the same rows and types on Spark as on DuckDB, and {@code materialized: external}
 * writes files with Spark's writer, readable downstream, keeping yesterday's files when a rebuild
 * fails. Views and parquet only: no Delta commit, so the test stays quick.
 */
class SparkFilesTest {

  private static final String SCHEMA = "spark_files";
  private static final List<String> RELATIONS = List.of("customers", "customers_call",
      "from_export");

  @TempDir
  static Path dir;

  @Test
  void csvSourcesAndExternalModelsBuildTheSameRowsOnSpark() throws Exception {
    Path project = writeProject(dir.resolve("shop"));
    CliRun duck = mds("build", "--project-dir", project.toString(), "--target", "duck");
    assertEquals(0, duck.code(), duck::describe);
    CliRun spark = mds("build", "--project-dir", project.toString(), "--target", "spark");
    assertEquals(0, spark.code(), spark::describe);
    assertTrue(spark.out().contains("PASS=4 WARN=0 ERROR=0"), spark::describe);

    Map<String, List<String>> onDuck = new LinkedHashMap<>();
    try (Connection c = DuckDb.connect("jdbc:duckdb:" + project.resolve("shop.duckdb"));
        Statement st = c.createStatement()) {
      for (String relation : RELATIONS) {
        List<String> rows;
        try (ResultSet rs = st.executeQuery("select * from main." + relation)) {
          rows = EngineRows.of(rs);
        }
        rows.sort(null);
        onDuck.put(relation, rows);
      }
    }
    Map<String, List<String>> onSpark = new LinkedHashMap<>();
    for (String relation : RELATIONS) {
      List<String> rows = EngineRows.of(SharedSpark.session().table(SCHEMA + "." + relation));
      rows.sort(null);
      onSpark.put(relation, rows);
    }
    assertEquals(onDuck, onSpark);
    // Windows-1252 umlauts, ids with leading zeros kept as text, decimal commas, German dates.
    assertEquals(List.of("00123|Müller|1234.5|2024-12-31|3", "00456|Zoë \"Z\"|2.5|2024-02-01|null",
        "07001|Señor|-10.25|2023-06-15|7"), onSpark.get("customers"));
    assertEquals("struct<Kundennr:string,Name:string,Betrag:double,Datum:date,Menge:bigint>",
        SharedSpark.session().table(SCHEMA + ".customers").schema().simpleString());
    Path export = project.resolve("out/spark/customers.parquet");
    assertEquals(3, SharedSpark.session().read().parquet(export.toString()).count());

    // A failing rebuild leaves yesterday's files where they were.
    CliRun broken = mds("run", "--project-dir", project.toString(), "--target", "spark",
        "--select", "customer_export", "--vars", "{break: true}");
    assertEquals(1, broken.code(), broken::describe);
    assertTrue(broken.out().contains("models/customer_export.sql: export to"
        + " out/spark/customers.parquet failed, the previous file is unchanged: "), broken::describe);
    assertEquals(3, SharedSpark.session().read().parquet(export.toString()).count());
    assertEquals(3, SharedSpark.session().table(SCHEMA + ".from_export").count());
    try (var left = Files.list(export.getParent())) {
      assertEquals(List.of("customers.parquet"), left.map(p -> p.getFileName().toString())
          .toList());
    }
  }

  @Test
  void aReadCsvArgumentSparkCannotReadFailsNamingTheModelAndTheArgument() throws Exception {
    Path project = writeProject(dir.resolve("odd"));
    Files.writeString(project.resolve("models/odd.sql"), "{{ config(materialized='view') }}\n"
        + "select * from read_csv('data/customers.csv', nullstr = 'NA')\n");
    CliRun spark = mds("run", "--project-dir", project.toString(), "--target", "spark",
        "--select", "odd");
    assertEquals(1, spark.code(), spark::describe);
    assertTrue(spark.out().contains("Failure in model odd (models/odd.sql)"), spark::describe);
    assertTrue(spark.out().contains("models/odd.sql: read_csv('data/customers.csv', nullstr ="
        + " 'NA'): the argument nullstr = 'NA' of read_csv has no equivalent in Spark's CSV"
        + " reader"), spark::describe);
  }

  @Test
  void csvAtAUriIsReadBySparksReaderAndAnOptionItCannotTakeFailsNamingIt() throws Exception {
    Path root = dir.resolve("lake");
    Path csv = root.resolve("data/orders.csv").toAbsolutePath();
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, "id;item;amount\n1;Tea;2.5\n2;\"Big; \"\"Mug\"\"\";10\n");
    // file:/x is Hadoop's spelling: DuckDB cannot read it, so mds cannot inspect it either.
    String hadoop = "file:" + csv;
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dbt_project.yml", "name: lake\nprofile: lake\n");
    files.put("profiles.yml", """
        lake:
          target: spark
          outputs:
            spark: {type: spark, method: session, master: "local[2]", schema: %s, threads: 1}
        """.formatted(SCHEMA + "_lake"));
    files.put("models/sources.yml", """
        sources:
          - name: lake
            tables:
              - name: orders
                config: {external_location: "%1$s", delimiter: ";"}
              - name: german
                config: {external_location: "%1$s", delimiter: ";", decimal_separator: ","}
        """.formatted(hadoop));
    files.put("models/orders.sql", "select * from {{ source('lake', 'orders') }}\n");
    files.put("models/called.sql", "select id, amount from read_csv('file://" + csv
        + "', delim = ';', header = true)\n");
    files.put("models/german.sql", "select * from {{ source('lake', 'german') }}\n");
    files.put("models/sampled.sql", "select * from read_csv('file://" + csv
        + "', delim = ';', sample_size = 10)\n");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    CliRun run = mds("run", "--project-dir", root.toString(), "-s", "orders", "called");
    assertEquals(0, run.code(), run::describe);
    String orders = SCHEMA + "_lake.orders";
    assertEquals("struct<id:int,item:string,amount:double>",
        SharedSpark.session().table(orders).schema().simpleString());
    assertEquals(List.of("1|Tea|2.5", "2|Big; \"Mug\"|10"),
        EngineRows.of(SharedSpark.session().sql("select * from " + orders + " order by id")));
    assertEquals(List.of("1|2.5", "2|10"), EngineRows.of(SharedSpark.session().sql(
        "select * from " + SCHEMA + "_lake.called order by id")));

    CliRun german = mds("run", "--project-dir", root.toString(), "-s", "german");
    assertEquals(1, german.code(), german::describe);
    assertTrue(german.out().contains("models/sources.yml: location '" + hadoop + "' is read by"
        + " Spark's CSV reader, which has no equivalent of decimal_separator"), german::describe);
    CliRun sampled = mds("run", "--project-dir", root.toString(), "-s", "sampled");
    assertEquals(1, sampled.code(), sampled::describe);
    assertTrue(sampled.out().contains("the argument sample_size = 10 has no equivalent in"
        + " Spark's CSV reader for a remote file"), sampled::describe);
  }

  private static Path writeProject(Path root) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dbt_project.yml", """
        name: shop
        profile: shop
        models:
          shop:
            +materialized: view
        """);
    files.put("profiles.yml", """
        shop:
          target: duck
          outputs:
            duck:
              type: duckdb
              path: shop.duckdb
              threads: 1
            spark:
              type: spark
              method: session
              master: "local[2]"
              schema: %s
              threads: 1
        """.formatted(SCHEMA));
    files.put("models/sources.yml", """
        sources:
          - name: erp
            meta:
              external_location: "data/{name}.csv"
            tables:
              - name: customers
        """);
    files.put("models/customers.sql", "select * from {{ source('erp', 'customers') }}\n");
    // DuckDB's own read_csv with arguments, in the model's SQL (a path from the folder mds
    // runs in, as in DuckDB: absolute here).
    files.put("models/customers_call.sql", """
        select "Kundennr", "Betrag", "Datum" from read_csv('%s', delim = ';',
          encoding = 'latin-1', decimal_separator = ',', dateformat = '%%d.%%m.%%Y',
          types = {'Kundennr': 'VARCHAR'})
        """.formatted(root.resolve("data/customers.csv").toAbsolutePath()));
    files.put("models/customer_export.sql", """
        {{ config(materialized='external', location='out/' ~ target.name ~ '/customers.parquet') }}
        select "Kundennr", "Name", "Betrag"{% if var('break', false) %}, cast('boom' as int) as boom{% endif %}
        from {{ source('erp', 'customers') }}
        """);
    files.put("models/from_export.sql", """
        select "Kundennr", "Betrag" * 2 as doubled from {{ ref('customer_export') }}
        """);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    Files.createDirectories(root.resolve("data"));
    // A German export: Windows-1252, semicolons, decimal commas, ids with leading zeros.
    Files.write(root.resolve("data/customers.csv"), ("Kundennr;Name;Betrag;Datum;Menge\n"
        + "00123;Müller;1.234,50;31.12.2024;3\n"
        + "00456;\"Zoë \"\"Z\"\"\";2,5;01.02.2024;\n"
        + "07001;Señor;-10,25;15.06.2023;7\n").getBytes(Charset.forName("windows-1252")));
    return root;
  }
}
