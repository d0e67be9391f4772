package dev.mds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic project of N models: a layered DAG where each model refs one to three earlier
 * ones, a mix of views, tables and incremental models, a macro library, and schema YAML with tests
 * on a fifth of the models. Seeded randomness, so the same N gives the same project.
 *
 * <p>With {@code --package-macros} the models call their macros from an installed package
 * ({@code dbt_packages/bench_utils}) instead, written as dbt_utils is: each public macro returns
 * {@code adapter.dispatch(...)} of a {@code default__} implementation, which calls further
 * dispatched macros of the package (several layers), and each model also builds a surrogate key.
 */
public final class ProjectGenerator {

  private ProjectGenerator() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2 && !(args.length == 3 && args[2].equals("--package-macros"))) {
      System.err.println("usage: ProjectGenerator MODELS OUTPUT_DIR [--package-macros]");
      System.exit(2);
    }
    generate(Integer.parseInt(args[0]), Path.of(args[1]), args.length == 3);
  }

  public static void generate(int models, Path dir) throws IOException {
    generate(models, dir, false);
  }

  /** The dbt_utils-style package the {@code --package-macros} variant calls. */
  private static void writePackage(Path dir) throws IOException {
    Path pkg = dir.resolve("dbt_packages/bench_utils");
    Files.createDirectories(pkg.resolve("macros"));
    Files.writeString(pkg.resolve("dbt_project.yml"), """
        name: bench_utils
        version: "1.0.0"
        config-version: 2
        macro-paths: ["macros"]
        """);
    Files.writeString(pkg.resolve("macros/arith.sql"), """
        {% macro scaled(column, factor) -%}
          {{ return(adapter.dispatch('scaled', 'bench_utils')(column, factor)) }}
        {%- endmacro %}
        {% macro default__scaled(column, factor) -%}
          ({{ bench_utils.as_number(column) }} * {{ factor }})
        {%- endmacro %}
        {% macro non_negative(column) -%}
          {{ return(adapter.dispatch('non_negative', 'bench_utils')(column)) }}
        {%- endmacro %}
        {% macro default__non_negative(column) -%}
          greatest({{ bench_utils.as_number(column) }}, 0)
        {%- endmacro %}
        {% macro as_number(expression) -%}
          {{ return(adapter.dispatch('as_number', 'bench_utils')(expression)) }}
        {%- endmacro %}
        {% macro default__as_number(expression) -%}
          {{ expression }}
        {%- endmacro %}
        """);
    Files.writeString(pkg.resolve("macros/keys.sql"), """
        {% macro surrogate_key(field_list) -%}
          {{ return(adapter.dispatch('surrogate_key', 'bench_utils')(field_list)) }}
        {%- endmacro %}
        {% macro default__surrogate_key(field_list) -%}
          {%- set fields = [] -%}
          {%- for field in field_list -%}
            {%- do fields.append("coalesce(cast(" ~ field ~ " as " ~ bench_utils.type_text() ~ "), '_null_')") -%}
            {%- if not loop.last %}{%- do fields.append("'-'") -%}{% endif -%}
          {%- endfor -%}
          md5({{ bench_utils.concat(fields) }})
        {%- endmacro %}
        {% macro concat(fields) -%}
          {{ return(adapter.dispatch('concat', 'bench_utils')(fields)) }}
        {%- endmacro %}
        {% macro default__concat(fields) -%}
          {{ fields | join(' || ') }}
        {%- endmacro %}
        {% macro type_text() -%}
          {{ return(adapter.dispatch('type_text', 'bench_utils')()) }}
        {%- endmacro %}
        {% macro default__type_text() -%}
          varchar
        {%- endmacro %}
        """);
  }

  public static void generate(int models, Path dir, boolean packageMacros) throws IOException {
    Random random = new Random(42);
    Files.createDirectories(dir.resolve("models"));
    Files.createDirectories(dir.resolve("seeds"));
    Files.createDirectories(dir.resolve("macros"));
    Files.writeString(dir.resolve("mds_project.yml"), """
        name: bench
        version: "1.0"
        models:
          bench:
            +materialized: view
        """);
    StringBuilder seed = new StringBuilder("market,member_no,amount\n");
    for (int i = 0; i < 100; i++) {
      seed.append(i % 2 == 0 ? "UK" : "DE").append(',').append(i).append(',')
          .append(i * 3 % 97).append('\n');
    }
    Files.writeString(dir.resolve("seeds/base.csv"), seed);
    Files.writeString(dir.resolve("macros/lib.sql"), """
        {% macro scaled(column, factor) -%}
          ({{ column }} * {{ factor }})
        {%- endmacro %}
        {% macro non_negative(column) -%}
          greatest({{ column }}, 0)
        {%- endmacro %}
        """);
    if (packageMacros) {
      writePackage(dir);
    }
    String macros = packageMacros ? "bench_utils." : "";
    int perLayer = Math.max(1, (int) Math.sqrt(models));
    StringBuilder yaml = new StringBuilder("version: 2\nmodels:\n");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < models; i++) {
      String name = "m" + i;
      int layer = i / perLayer;
      StringBuilder sql = new StringBuilder();
      String materialized = switch (i % 10) {
        case 0, 1, 2 -> "table";
        case 3 -> "incremental";
        default -> "view";
      };
      if (!materialized.equals("view")) {
        sql.append("{{ config(materialized='").append(materialized).append('\'');
        if (materialized.equals("incremental")) {
          sql.append(", unique_key=['market', 'member_no']");
        }
        sql.append(") }}\n");
      }
      if (layer == 0) {
        sql.append("select market, member_no, {{ ").append(macros).append("scaled('amount', ").append(i % 7 + 1)
            .append(") }} as amount from {{ ref('base') }}\n");
      } else {
        int firstOfPrevious = (layer - 1) * perLayer;
        int parents = 1 + random.nextInt(3);
        List<String> chosen = new ArrayList<>();
        for (int p = 0; p < parents; p++) {
          String parent = names.get(firstOfPrevious + random.nextInt(Math.min(perLayer,
              i - firstOfPrevious)));
          if (!chosen.contains(parent)) {
            chosen.add(parent);
          }
        }
        sql.append("select p0.market, p0.member_no, ");
        if (packageMacros) {
          sql.append("{{ bench_utils.surrogate_key(['p0.market', 'p0.member_no']) }} as sk, ");
        }
        sql.append("{{ ").append(macros).append("non_negative('p0.amount");
        for (int p = 1; p < chosen.size(); p++) {
          sql.append(" + coalesce(p").append(p).append(".amount, 0)");
        }
        sql.append("') }} as amount\nfrom {{ ref('").append(chosen.get(0)).append("') }} as p0\n");
        for (int p = 1; p < chosen.size(); p++) {
          sql.append("left join {{ ref('").append(chosen.get(p)).append("') }} as p").append(p)
              .append(" using (market, member_no)\n");
        }
        if (materialized.equals("incremental")) {
          sql.append("{% if is_incremental() %}where p0.member_no >= 0{% endif %}\n");
        }
      }
      Files.writeString(dir.resolve("models/" + name + ".sql"), sql);
      names.add(name);
      if (i % 5 == 0) {
        yaml.append("  - name: ").append(name).append("\n    description: Generated model ")
            .append(i).append(".\n    tests:\n      - unique:\n          columns: [market, member_no]\n")
            .append("    columns:\n      - name: member_no\n        tests: [not_null]\n");
      }
    }
    Files.writeString(dir.resolve("models/schema.yml"), yaml);
  }
}
