package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mds's own dbt_utils macros (the jar's dev/mds/packages/dbt_utils folder) build real models. Until
 * the folder is loaded as the dbt_utils namespace, the test copies its macro files into a project
 * named dbt_utils, whose own namespace resolves the files' dbt_utils.x calls, and calls them by bare name.
 */
class CliBuiltinDbtUtilsTest {

  private static final List<String> MACRO_FILES = List.of("surrogate_keys.sql", "columns.sql",
      "queries.sql", "arithmetic.sql", "series.sql", "reshape.sql", "relations.sql", "web.sql",
      "logging.sql");

  @TempDir
  Path dir;

  private TempProject utilsProject() {
    TempProject project = TempProject.named(dir, "dbt_utils")
        .file("seeds/people.csv", "id,name,secret\n1,ann,x\n2,bob,y\n2,bea,z\n3,,w\n")
        .file("seeds/cities.csv", "id,city\n9,Oslo\n");
    for (String file : MACRO_FILES) {
      project.file("macros/dbt_utils/" + file, packageFile("macros/" + file));
    }
    return project;
  }

  private static String packageFile(String path) {
    String name = "/dev/mds/packages/dbt_utils/" + path;
    try (InputStream in = CliBuiltinDbtUtilsTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("not on the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void packageFolderNamesItselfDbtUtils() {
    assertEquals(true, packageFile("dbt_project.yml").lines().anyMatch("name: dbt_utils"::equals));
  }

  @Test
  void surrogateKeysAndStarBuild() {
    TempProject project = utilsProject()
        .file("models/keys.sql", """
            select {{ generate_surrogate_key(['a', 'b']) }} as sk,
                   {{ dbt_utils.generate_surrogate_key(['a']) }} as single
            from (values (1, cast(null as varchar))) t(a, b)
            """)
        .file("models/starred.sql", """
            select {{ star(from=ref('people'), except=['SECRET']) }} from {{ ref('people') }}
            """)
        .file("models/prefixed.sql", """
            select {{ star(ref('people'), relation_alias='p', except=['secret', 'name'], prefix='p_', suffix='_x') }}
            from {{ ref('people') }} p
            """);

    mds("build", "--project-dir", project.dir()).assertOk();

    Path database = project.path("dbt_utils.duckdb");
    assertEquals(List.of("true|true"), DuckDbFile.rows(database,
        "select sk = md5('1-_dbt_utils_surrogate_key_null_'), single = md5('1') from main.keys"));
    assertEquals(List.of("id,name"), DuckDbFile.rows(database,
        "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns"
            + " where table_name = 'starred'"));
    assertEquals(List.of("p_id_x"), DuckDbFile.rows(database,
        "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns"
            + " where table_name = 'prefixed'"));
  }

  @Test
  void queryMacrosReadTheDatabase() {
    TempProject project = utilsProject()
        .file("models/answers.sql", """
            {%- set names = get_column_values(ref('people'), 'name', order_by='name', where='name is not null') -%}
            {%- set top = get_column_values(ref('people'), 'id', max_records=1) -%}
            {%- set count = get_single_value('select count(*) from ' ~ ref('people')) -%}
            {%- set none_found = get_single_value('select 1 where false', default=42) -%}
            {%- set by_column = get_query_results_as_dict('select id, name from ' ~ ref('people') ~ ' order by id, name') -%}
            {%- set cols = get_filtered_columns_in_relation(ref('people'), except=['ID']) -%}
            select '{{ names | join(",") }}' as names, {{ top[0] if top else 0 }} as top_id,
                   {{ count if count is not none else -1 }} as n, {{ none_found }} as fallback,
                   '{{ by_column['id'] | join(",") }}' as ids, '{{ cols | join(",") }}' as cols
            """);

    mds("build", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("ann,bea,bob|2|4|42|1,2,2,3|name,secret"),
        DuckDbFile.rows(project.path("dbt_utils.duckdb"), "select * from main.answers"));
  }

  @Test
  void reshapingMacrosBuild() {
    TempProject project = utilsProject()
        .file("models/unioned.sql", "{{ union_relations([ref('people'), ref('cities')], exclude=['secret']) }}\n")
        .file("models/deduped.sql", "{{ deduplicate(ref('people'), 'id', 'name desc') }}\n")
        .file("models/pivoted.sql", """
            select id, {{ pivot('name', ['ann', 'bob', 'bea']) }}
            from {{ ref('people') }} {{ group_by(1) }}
            """)
        .file("models/unpivoted.sql", """
            {{ unpivot(ref('cities'), exclude=['id'], field_name='attribute', value_name='val') }}
            """)
        .file("models/blanks.sql", "{{ nullcheck_table(ref('people')) }}\n")
        .file("models/spine.sql", """
            {{ date_spine('day', "date '2024-02-27'", "date '2024-03-01'") }}
            """)
        .file("models/series.sql", "{{ generate_series(5) }}\n")
        .file("models/found.sql", """
            {%- set relations = get_relations_by_prefix('main', 'peo') -%}
            select '{{ relations | map(attribute='identifier') | join(",") }}' as found,
                   {{ get_relations_by_pattern('ma%', '%ties') | length }} as by_pattern
            -- depends_on: {{ ref('people') }} {{ ref('cities') }}
            """)
        .file("models/maths.sql", """
            select {{ safe_add(['1', 'null', '2']) }} as added,
                   {{ safe_subtract(['10', 'null', '3']) }} as subtracted,
                   {{ safe_divide('1', '0') }} is null as divided_by_zero,
                   {{ safe_divide('9', '3') }} as divided,
                   {{ width_bucket('5.5', '0', '10', '5') }} as bucket,
                   {{ width_bucket('10', '0', '10', '5') }} as above,
                   {{ width_bucket('-1', '0', '10', '5') }} as below,
                   round({{ haversine_distance(0, 0, 0, 1) }}, 2) as miles,
                   round({{ haversine_distance(0, 0, 0, 1, unit='km') }}, 2) as km
            """)
        .file("models/urls.sql", """
            {% do log_info('reading urls') %}
            select {{ get_url_host('u') }} as host, {{ get_url_path('u') }} as path,
                   {{ get_url_parameter('u', 'utm_source') }} as source,
                   {{ get_url_parameter('u', 'missing') }} is null as missing,
                   length('{{ pretty_log_format('x') }}') as logged
            from (values ('https://www.example.com/shop/items?utm_source=news&x=1')) t(u)
            """);

    mds("build", "--project-dir", project.dir()).assertOk();

    Path database = project.path("dbt_utils.duckdb");
    assertEquals(List.of(
            "\"main\".\"people\"|1|ann|null",
            "\"main\".\"people\"|2|bea|null",
            "\"main\".\"people\"|2|bob|null",
            "\"main\".\"people\"|3|null|null",
            "\"main\".\"cities\"|9|null|Oslo"),
        DuckDbFile.rows(database, "select * from main.unioned order by 2, 3"));
    assertEquals(List.of("1|ann", "2|bob", "3|null"),
        DuckDbFile.rows(database, "select id, name from main.deduped order by id"));
    assertEquals(List.of("1|1|0|0", "2|0|1|1", "3|0|0|0"),
        DuckDbFile.rows(database, "select id, ann, bob, bea from main.pivoted order by id"));
    assertEquals(List.of("9|city|Oslo"), DuckDbFile.rows(database, "select * from main.unpivoted"));
    assertEquals(List.of("3|null"),
        DuckDbFile.rows(database, "select id, name from main.blanks where id = 3"));
    assertEquals(List.of("2024-02-27", "2024-02-28", "2024-02-29"),
        DuckDbFile.rows(database, "select cast(date_day as date) from main.spine order by 1"));
    assertEquals(List.of("15"), DuckDbFile.rows(database, "select sum(generated_number) from main.series"));
    assertEquals(List.of("3|7|true|3.0|3|6|0|69.13|111.26"),
        DuckDbFile.rows(database, "select * from main.maths"));
    assertEquals(List.of("people|1"), DuckDbFile.rows(database, "select * from main.found"));
    assertEquals(List.of("www.example.com|shop/items|news|true|12"),
        DuckDbFile.rows(database, "select * from main.urls"));
  }

  @Test
  void nullsAsEmptyStringsAndMissingRelationsFallBack() {
    TempProject project = utilsProject()
        .file("mds_project.yml", """
            name: dbt_utils
            vars:
              surrogate_key_treat_nulls_as_empty_strings: true
            """)
        .file("models/keys.sql", """
            {%- set fallback = get_column_values(api.Relation.create(schema='main', identifier='nowhere'), 'x', default=['none']) -%}
            select {{ generate_surrogate_key(['a', 'b']) }} = md5('1-') as empty_nulls,
                   '{{ fallback | join(",") }}' as fallback
            from (values (1, cast(null as varchar))) t(a, b)
            """);

    mds("build", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("true|none"),
        DuckDbFile.rows(project.path("dbt_utils.duckdb"), "select * from main.keys"));
  }

  @Test
  void surrogateKeyPointsToItsReplacement() {
    TempProject project = utilsProject()
        .file("models/old_keys.sql", "select {{ surrogate_key(['a']) }} as sk from (values (1)) t(a)\n");

    mds("build", "--project-dir", project.dir()).assertProjectError(
        "`dbt_utils.surrogate_key` has been replaced by `dbt_utils.generate_surrogate_key`",
        "The dbt_utils.old_keys model triggered this warning.");
  }
}
