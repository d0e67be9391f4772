package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.graph.Model;
import dev.mds.graph.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerTest {

  @TempDir
  Path dir;

  private static Model model(ParseResult parsed, String name) {
    return (Model) parsed.manifest().node("model.shop." + name).orElseThrow();
  }

  private static String compile(TempProject project, String name) {
    ParseResult parsed = ProjectParser.parse(project.load());
    return Compiler.offline(parsed).compile(model(parsed, name)).sql();
  }

  /** Runs a compiled query in an in-memory DuckDB and returns the first column of every row. */
  private static List<String> query(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private TempProject withEphemerals() {
    return TempProject.named(dir, "shop")
        .file("models/base.sql", "{{ config(materialized='ephemeral') }}\nselect 1 as id, 'a' as label;\n")
        .file("models/middle.sql", """
            {{ config(materialized='ephemeral') }}
            select id, label || 'b' as label from {{ ref('base') }}
            """)
        .file("models/other.sql", """
            {{ config(materialized='ephemeral') }}
            select id, 'o' as label from {{ ref('base') }}
            """)
        .file("models/final.sql", """
            select m.label || o.label as label
            from {{ ref('middle') }} m
            join {{ ref('other') }} o using (id)
            """);
  }

  @Test
  void refsRenderAsQuotedSchemaAndName() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/a.sql", "select 1 as id")
        .file("models/b.sql", "{{ config(schema='marts', alias='bee') }}select * from {{ ref('a') }}")
        .file("models/c.sql", "select * from {{ ref('b') }} -- {{ this }}");

    assertEquals("select * from \"main\".\"a\"", compile(project, "b"));
    assertEquals("select * from \"main_marts\".\"bee\" -- \"main\".\"c\"", compile(project, "c"));
  }

  @Test
  void sourcesRenderAsTheirSchemaAndIdentifier() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/sources.yml", """
            sources:
              - name: erp
                schema: erp_raw
                tables:
                  - name: orders
                    identifier: ORDERS_EXPORT
            """)
        .file("models/a.sql", "select * from {{ source('erp', 'orders') }}");

    assertEquals("select * from \"erp_raw\".\"ORDERS_EXPORT\"", compile(project, "a"));
  }

  @Test
  void anEphemeralModelIsInlinedAsACte() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/base.sql", "{{ config(materialized='ephemeral') }}\nselect 42 as answer;\n")
        .file("models/final.sql", "select answer from {{ ref('base') }}");

    String sql = compile(project, "final");

    assertEquals("""
        with __mds_cte__base as (
        select 42 as answer
        )
        select answer from __mds_cte__base""", sql);
    assertEquals(List.of("42"), query(sql));
  }

  @Test
  void nestedEphemeralsAreInlinedOnceEachParentsFirst() throws Exception {
    String sql = compile(withEphemerals(), "final");

    int base = sql.indexOf("__mds_cte__base as (");
    int middle = sql.indexOf("__mds_cte__middle as (");
    int other = sql.indexOf("__mds_cte__other as (");
    assertTrue(sql.startsWith("with __mds_cte__base as ("), sql);
    assertTrue(base < middle && base < other, sql);
    assertEquals(base, sql.lastIndexOf("__mds_cte__base as ("), "base is inlined once: " + sql);
    assertFalse(sql.contains("{{"), sql);
    assertEquals(List.of("abo"), query(sql));
  }

  @Test
  void aModelThatStartsWithWithGetsTheEphemeralsAddedToItsList() throws Exception {
    TempProject project = withEphemerals().file("models/final.sql", """
        -- leading comment
        WITH picked as (
          select label from {{ ref('middle') }}
        )
        select label from picked;
        """);

    String sql = compile(project, "final");

    assertTrue(sql.startsWith("-- leading comment\nwith __mds_cte__base as ("), sql);
    assertEquals(1, sql.toLowerCase().split("\\bwith\\b", -1).length - 1, sql);
    assertTrue(sql.contains("),\npicked as ("), sql);
    assertEquals(List.of("ab"), query(sql));
  }

  @Test
  void anEphemeralThatStartsWithWithIsInlinedAsItsOwnQuery() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/base.sql", """
            {{ config(materialized='ephemeral') }}
            with numbers as (select 1 as n union all select 2)
            select sum(n) as total from numbers
            """)
        .file("models/final.sql", "with x as (select total from {{ ref('base') }}) select total from x");

    String sql = compile(project, "final");

    assertEquals(List.of("3"), query(sql));
  }

  @Test
  void aRecursiveQueryKeepsItsOwnWith() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/base.sql", "{{ config(materialized='ephemeral') }}select 3 as top")
        .file("models/final.sql", """
            with recursive counter(n) as (
              select 1 union all select n + 1 from counter where n < (select top from {{ ref('base') }})
            )
            select max(n) from counter
            """);

    assertEquals(List.of("3"), query(compile(project, "final")));
  }

  @Test
  void compiledSqlIsWrittenUnderTargetCompiledProjectAndModelPath() throws Exception {
    TempProject project = withEphemerals()
        .file("models/marts/finance/revenue.sql", "select * from {{ ref('final') }}");
    ParseResult parsed = ProjectParser.parse(project.load());
    Compiler compiler = Compiler.offline(parsed);

    List<CompiledNode> compiled = compiler.compileAll(
        Selector.of(List.of("+revenue"), List.of()).select(parsed.manifest()).uniqueIds());

    Path revenue = project.root().toAbsolutePath().normalize()
        .resolve("target/compiled/shop/models/marts/finance/revenue.sql");
    assertTrue(Files.isRegularFile(revenue), "missing " + revenue);
    assertEquals("select * from \"main\".\"final\"", Files.readString(revenue));
    assertTrue(Files.isRegularFile(project.root().resolve("target/compiled/shop/models/final.sql")));
    assertEquals(revenue, compiled.get(compiled.size() - 1).path());
    assertEquals(5, compiled.size());
  }

  @Test
  void compilingAgainRewritesOnlyFilesWhoseSqlChanged() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/kept.sql", "select 1 as id")
        .file("models/changed.sql", "select 1 as id");
    Path compiled = project.root().resolve("target/compiled/shop/models");
    ParseResult first = ProjectParser.parse(project.load());
    Compiler.offline(first).compileAll(first.manifest().nodes().keySet());
    java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(0);
    Files.setLastModifiedTime(compiled.resolve("kept.sql"), past);
    Files.setLastModifiedTime(compiled.resolve("changed.sql"), past);
    project.file("models/changed.sql", "select 2 as id");

    ParseResult second = ProjectParser.parse(project.load());
    Compiler.offline(second).compileAll(second.manifest().nodes().keySet());

    assertEquals(past, Files.getLastModifiedTime(compiled.resolve("kept.sql")));
    assertEquals("select 2 as id", Files.readString(compiled.resolve("changed.sql")));
    assertTrue(Files.getLastModifiedTime(compiled.resolve("changed.sql")).compareTo(past) > 0);
  }

  @Test
  void isIncrementalFollowsTheWarehouseAndFullRefresh() {
    TempProject project = TempProject.named(dir, "shop").file("models/events.sql", """
        {{ config(materialized='incremental') }}
        select * from src
        {% if is_incremental() %}where ts > (select max(ts) from {{ this }}){% endif %}""");
    ParseResult parsed = ProjectParser.parse(project.load());
    Model events = model(parsed, "events");

    String fresh = new Compiler(parsed, relation -> false, false).compile(events).sql();
    String incremental = new Compiler(parsed, relation -> true, false).compile(events).sql();
    String fullRefresh = new Compiler(parsed, relation -> true, true).compile(events).sql();

    assertFalse(fresh.contains("where"), fresh);
    assertTrue(incremental.contains("where ts > (select max(ts) from \"main\".\"events\")"),
        incremental);
    assertFalse(fullRefresh.contains("where"), fullRefresh);
  }

  @Test
  void compiledRelationsAreTheFinalOnesWhereTheParsePassRenderedPlaceholders() {
    TempProject project = TempProject.named(dir, "shop")
        .file("mds_project.yml", """
            name: shop
            models:
              shop:
                marts:
                  +schema: marts
            """)
        .file("models/marts/orders.sql", "select 1 as id\n")
        .file("models/renamed.sql", "{{ config(alias='orders_v2') }}\nselect 1 as id\n")
        .file("models/self.sql", "{{ config(schema='audit') }}\nselect '{{ this }}' as me\n")
        .file("models/plain.sql", "select 2 as id\n")
        .file("models/sources.yml", """
            sources:
              - name: erp
                schema: erp_raw
                tables: [{name: customers}]
            """)
        .file("models/user.sql", """
            select * from {{ ref('orders') }}, {{ ref('renamed') }}, {{ ref('plain') }},
              {{ source('erp', 'customers') }}
            """);
    String sql = compile(project, "user");
    assertTrue(sql.contains("\"main_marts\".\"orders\""), sql);
    assertTrue(sql.contains("\"main\".\"orders_v2\""), sql);
    assertTrue(sql.contains("\"main\".\"plain\""), sql);
    assertTrue(sql.contains("\"erp_raw\".\"customers\""), sql);
    assertTrue(compile(project, "self").contains("'\"main_audit\".\"self\"'"),
        compile(project, "self"));
    assertEquals("select 2 as id\n", compile(project, "plain"));
  }
}
