package dev.mds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Spark session without mds's extension (a notebook, a BI tool, another job on the same
 * metastore) reads from the views mds creates. A second session over the shared catalog, built
 * with no extensions at all ({@code newSession} would inherit mds's).
 */
class SparkPlainReaderTest {

  private static final String SCHEMA = "plain_dev";

  @TempDir
  static Path dir;

  @Test
  void aPlainSessionReadsAUsingJoinViewInDuckDbsOrderButSeesSparksLiterals() throws IOException {
    Path project = dir.resolve("plain");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dbt_project.yml", """
        name: plain
        version: '1.0'
        profile: plain
        seeds:
          +file_format: parquet
        """);
    files.put("profiles.yml", """
        plain:
          target: dev
          outputs:
            dev: {type: spark, method: session, master: "local[2]", schema: %s, threads: 1}
        """.formatted(SCHEMA));
    files.put("seeds/a.csv", "x,k,y\n1,10,a\n2,20,b\n");
    files.put("seeds/b.csv", "k,w\n10,p\n20,q\n");
    files.put("models/joined.sql",
        "select * from {{ ref('a') }} join {{ ref('b') }} using (k)\n");
    files.put("models/quoted.sql", "select 'it''s' as t\n");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = project.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    CliRun build = CliRun.mds("build", "--project-dir", project.toString());
    assertEquals(0, build.code(), build::describe);

    SparkSession mds = SharedSpark.session();
    SparkSession plain = plain(mds);
    String joined = "select * from " + SCHEMA + ".joined order by x";
    // Spark stores a view's column names when it is created and reads them back by name over
    // its re-analysed SQL: the plain session's own using-join order (k first) is not what it
    // returns.
    for (SparkSession session : List.of(mds, plain)) {
      assertEquals("struct<x:bigint,k:bigint,y:string,w:string>",
          session.sql(joined).schema().simpleString());
      assertEquals(List.of("1|10|a|p", "2|20|b|q"), rows(session, joined));
    }
    assertEquals("struct<k:bigint,x:bigint,y:string,w:string>", plain.sql("select * from "
        + SCHEMA + ".a join " + SCHEMA + ".b using (k)").schema().simpleString());
    // What mds's parser reads its own way stays in the view's text: the README says so.
    assertEquals(List.of("it's"), rows(mds, "select * from " + SCHEMA + ".quoted"));
    assertEquals(List.of("its"), rows(plain, "select * from " + SCHEMA + ".quoted"));
  }

  /** A session over the same catalog and metastore, with no session extensions. */
  private static SparkSession plain(SparkSession shared) {
    org.apache.spark.sql.classic.SparkSession classic =
        (org.apache.spark.sql.classic.SparkSession) shared;
    return new org.apache.spark.sql.classic.SparkSession(classic.sparkContext(),
        scala.Option.apply(classic.sharedState()), scala.Option.empty(),
        new SparkSessionExtensions(), scala.collection.immutable.Map$.MODULE$.empty(),
        scala.collection.immutable.Map$.MODULE$.empty());
  }

  private static List<String> rows(SparkSession session, String sql) {
    return session.sql(sql).collectAsList().stream().map(SparkPlainReaderTest::join).toList();
  }

  private static String join(Row row) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      text.append(i == 0 ? "" : "|").append(row.get(i));
    }
    return text.toString();
  }
}
