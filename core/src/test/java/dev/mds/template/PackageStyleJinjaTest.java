package dev.mds.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Macros written the way dbt_utils, dbt_expectations and dbt_date write them, rendered through a
 * project's TemplateEngine: loop filters, block sets through filters, unpacking, slices, Python
 * formatting and str methods, selectattr with tests.
 */
class PackageStyleJinjaTest {

  @TempDir
  Path dir;

  private String render(TempProject project, String model) {
    TemplateEngine engine = new TemplateEngine(project.load(), Map.of());
    return engine.render(project.path(model), new TemplateEngineTest.RecordingContext("self"));
  }

  @Test
  void packageStyleMacrosRender() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/helpers.sql", """
            {% macro star_except(cols, except) -%}
              {%- set kept = [] -%}
              {%- for col in cols if col | lower not in except | map('lower') | list -%}
                {%- do kept.append('"%s"' % col) -%}
              {%- endfor -%}
              {{ kept | join(', ') }}
            {%- endmacro %}

            {% macro surrogate_key(fields) -%}
              {%- set parts = [] -%}
              {%- for f in fields -%}
                {%- do parts.append("coalesce(cast(%s as varchar), '')" % f) -%}
              {%- endfor -%}
              md5({{ parts | join(" || '-' || ") }})
            {%- endmacro %}

            {% macro month_label(day) -%}
              {%- set year, month, _ = day.split('-') -%}
              {{- '{}_{:0>2}'.format(year[-2:], month | int) -}}
            {%- endmacro %}
            """)
        .file("models/orders.sql", """
            {{ config(materialized='table') }}
            {%- set cols = ['id', 'Name', 'secret'] -%}
            {%- set where | trim | upper -%}
              id is not null
            {%- endset %}
            select {{ star_except(cols, ['SECRET']) }}, {{ surrogate_key(cols[:2]) }} as sk,
              '{{ month_label('2024-3-01') }}' as label
            from {{ ref('raw_orders') }}
            where {{ where }}{% for c in columns | selectattr('quote') %} and {{ c.name }} > {{ loop.index0 }}{% endfor %}
            """.replace("columns", "[{'name': 'a', 'quote': true}, {'name': 'b', 'quote': false}]"));

    assertEquals("""

        select "id", "Name", md5(coalesce(cast(id as varchar), '') || '-' || \
        coalesce(cast(Name as varchar), '')) as sk,
          '24_03' as label
        from <raw_orders>
        where ID IS NOT NULL and a > 0
        """, render(project, "models/orders.sql"));
  }

  @Test
  void trimMarkersWithoutSpaceAndPlusMarkersAsInJinja() {
    // dbt_date writes {%-set ...; Pebble's lexer alone wants a space after the '-'.
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/days.sql", """
            {%- macro n_days_ago(n) -%}
            {%-set n = n|int -%}
            {{-n * -1}}
            {%- endmacro -%}
            """)
        .file("models/days.sql", """
            select {{ n_days_ago('3') }} as d,
              {%+ if true +%} 1 {%+ endif %} as one {#-comment-#}
            """);

    assertEquals("select -3 as d,\n   1  as one\n", render(project, "models/days.sql"));
  }

  @Test
  void freeTextGetsTheSameDelimiters() {
    TempProject project = TempProject.named(dir, "shop");
    TemplateEngine engine = new TemplateEngine(project.load(), Map.of());

    assertEquals("[x]", engine.renderText("[{{-'x'-}}]", "models/schema.yml",
        new TemplateEngineTest.RecordingContext("self")));
  }
}
