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
 */
public final class ProjectGenerator {

  private ProjectGenerator() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ProjectGenerator MODELS OUTPUT_DIR");
      System.exit(2);
    }
    generate(Integer.parseInt(args[0]), Path.of(args[1]));
  }

  public static void generate(int models, Path dir) throws IOException {
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
        sql.append("select market, member_no, {{ scaled('amount', ").append(i % 7 + 1)
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
        sql.append("select p0.market, p0.member_no, {{ non_negative('p0.amount");
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
