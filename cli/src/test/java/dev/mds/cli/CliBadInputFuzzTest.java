package dev.mds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's fuzz test: a good small project is built once, then each of {@value #CASES}
 * generated cases copies it, breaks it in one to three ways of the kinds the issue lists (bad
 * seeds and CSV files, YAML of the wrong type or value, bad profiles, bad flags, bad templates,
 * macros without end, names that are not UTF-8, ...), runs mds in this JVM and asserts: the exit
 * code the break calls for (2 for the project or command line, 1 for a failing node), no stack
 * trace or Java exception name in what it printed, one message line naming the file, and every
 * table, view and exported file exactly as the good build left it.
 *
 * <p>The cases come from a seeded random generator: {@code -Dmds.fuzz.seed=N} replays another
 * set, {@code -Dmds.fuzz.cases=N} runs more; a failure names the seed, the case and its breaks.
 */
class CliBadInputFuzzTest {

  private static final int CASES = 120;
  private static final long SEED = Long.getLong("mds.fuzz.seed", 19L);

  @TempDir
  Path dir;

  // ---- the good project -------------------------------------------------------------------

  private static final Map<String, String> GOOD = new LinkedHashMap<>();

  static {
    GOOD.put("dbt_project.yml", """
        name: shop
        profile: shop
        vars:
          currency: EUR
        models:
          shop:
            +materialized: view
            marts:
              +materialized: table
        """);
    GOOD.put("profiles.yml", """
        shop:
          target: dev
          outputs:
            dev:
              type: duckdb
              path: shop.duckdb
              threads: 2
        """);
    GOOD.put("seeds/customers.csv", """
        id,name,market
        1,Alice,UK
        2,Bob,DE
        3,Carl,FR
        4,Dan,UK
        """);
    GOOD.put("seeds/orders.csv", """
        order_id,customer_id,amount_cents,status
        10,1,1000,placed
        11,1,250,shipped
        12,2,990,placed
        13,3,120,returned
        14,4,5000,shipped
        """);
    GOOD.put("data/visits.csv", """
        customer_id,day,pages
        1,2024-01-04,3
        2,2024-01-05,7
        2,2024-01-06,1
        4,2024-01-07,2
        """);
    GOOD.put("macros/money.sql", """
        {% macro cents_to_units(column, scale=100.0) -%}
        round({{ column }} / {{ scale }}, 2)
        {%- endmacro %}
        """);
    GOOD.put("models/staging/sources.yml", """
        version: 2
        sources:
          - name: web
            tables:
              - name: visits
                config:
                  location: 'data/visits.csv'
        """);
    GOOD.put("models/staging/stg_orders.sql", """
        select order_id, customer_id, {{ cents_to_units('amount_cents') }} as amount, status
        from {{ ref('orders') }}
        """);
    GOOD.put("models/staging/stg_customers.sql", """
        select id as customer_id, name, market from {{ ref('customers') }}
        """);
    GOOD.put("models/marts/customer_revenue.sql", """
        select c.customer_id, c.market, coalesce(sum(o.amount), 0) as revenue
        from {{ ref('stg_customers') }} c
        left join {{ ref('stg_orders') }} o on o.customer_id = c.customer_id
        group by 1, 2
        """);
    GOOD.put("models/marts/market_revenue.sql", """
        select market, sum(revenue) as revenue, '{{ var('currency') }}' as currency
        from {{ ref('customer_revenue') }}
        group by market
        """);
    GOOD.put("models/marts/visit_counts.sql", """
        select customer_id, sum(pages) as pages from {{ source('web', 'visits') }} group by 1
        """);
    GOOD.put("models/marts/market_export.sql", """
        {{ config(materialized='external', location='out/market_revenue.parquet') }}
        select * from {{ ref('market_revenue') }} order by market
        """);
    GOOD.put("models/schema.yml", """
        version: 2
        models:
          - name: stg_orders
            description: Orders in {{ var('currency') }}.
            columns:
              - name: order_id
                data_tests: [unique, not_null]
              - name: status
                data_tests:
                  - accepted_values:
                      values: [placed, shipped, returned]
              - name: customer_id
                data_tests:
                  - relationships:
                      to: ref('stg_customers')
                      field: customer_id
          - name: customer_revenue
            columns:
              - name: customer_id
                data_tests: [unique]
        """);
  }

  /** What a case expects: the exit code and a fragment (a file, a flag) its message names. */
  private record Expect(int exit, String names) {
  }

  /** One way to break the project or the command line: applied to a copy, with random places. */
  private interface Breaker {
    /** Breaks {@code project} (or adds to {@code args}); null if it does not apply there. */
    Expect apply(Path project, List<String> args, Random random) throws IOException;
  }

  private record Kind(String name, Breaker breaker) {
  }

  private static final List<String> SEEDS = List.of("seeds/customers.csv", "seeds/orders.csv");
  private static final List<String> CSV_FILES =
      List.of("seeds/customers.csv", "seeds/orders.csv", "data/visits.csv");
  private static final List<String> MODELS = List.of("models/staging/stg_orders.sql",
      "models/staging/stg_customers.sql", "models/marts/customer_revenue.sql",
      "models/marts/market_revenue.sql", "models/marts/market_export.sql");

  private static String read(Path project, String file) throws IOException {
    // Bytes as they are: a break may have left bytes that are not UTF-8.
    return Files.readString(project.resolve(file), StandardCharsets.ISO_8859_1);
  }

  private static void write(Path project, String file, String text) throws IOException {
    Files.createDirectories(project.resolve(file).getParent());
    Files.writeString(project.resolve(file), text, StandardCharsets.ISO_8859_1);
  }

  private static void append(Path project, String file, String text) throws IOException {
    write(project, file, read(project, file) + text);
  }

  /** What the current case's breaks picked, for its failure message. */
  private static final List<String> PICKED = new ArrayList<>();

  private static <T> T pick(List<T> list, Random random) {
    T item = list.get(random.nextInt(list.size()));
    String shown = item instanceof String[] array ? String.join(" ", Arrays.asList(array))
        : String.valueOf(item);
    PICKED.add(shown.length() > 80 ? shown.substring(0, 80) + "..." : shown);
    return item;
  }

  /** A seed's error is the seed node's failure (exit 1); a CSV source's, the model reading it. */
  private static Expect csvFailure(String file) {
    return new Expect(1, file);
  }

  /** Replaces line {@code n} (0 = header) of a CSV file, or returns null if it has no such line. */
  private static Expect editLine(Path project, String file, Random random, boolean header,
      java.util.function.UnaryOperator<String> edit) throws IOException {
    List<String> lines = new ArrayList<>(read(project, file).lines().toList());
    if (lines.size() < 2) {
      return null;
    }
    int n = header ? 0 : 1 + random.nextInt(lines.size() - 1);
    lines.set(n, edit.apply(lines.get(n)));
    write(project, file, String.join("\n", lines) + "\n");
    return csvFailure(file);
  }

  /** Puts {@code text} in a model file, at the start, the end, or in place of one of its lines. */
  private static Expect inModel(Path project, Random random, String text) throws IOException {
    String file = pick(MODELS, random);
    List<String> lines = new ArrayList<>(read(project, file).lines().toList());
    switch (random.nextInt(3)) {
      case 0 -> lines.add(0, text);
      case 1 -> lines.add(text);
      default -> lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + text);
    }
    write(project, file, String.join("\n", lines) + "\n");
    return new Expect(2, file);
  }

  /** A schema.yml entry of the wrong type or value; each names models/schema.yml. */
  private static final List<String> BAD_SCHEMA_ENTRIES = List.of(
      "  - name: [a, b]\n",
      "  - name: stg_customers\n    description: {a: 1}\n",
      "  - name: stg_customers\n    config: [a, b]\n",
      "  - name: stg_customers\n    columns:\n      - name: customer_id\n        data_tests:\n"
          + "          - unique:\n              config:\n                severity: catastrophic\n",
      "  - name: stg_customers\n    columns:\n      - name: market\n        data_tests:\n"
          + "          - accepted_values:\n              values: []\n",
      "  - name: stg_customers\n    columns:\n      - name: market\n        data_tests:\n"
          + "          - relationships:\n              to: ref('stg_orders')\n",
      "  - name: stg_customers\n    columns:\n      - name: market\n        data_tests:\n"
          + "          - unique: 5\n",
      "  - name: stg_customers\n    columns: 5\n",
      "  - name: stg_customers\n    columns:\n      - name: {a: 1}\n",
      "  - name: stg_customers\n    config:\n      enabled: maybe\n",
      "  - name: stg_customers\n    config:\n      grain: 5\n",
      "  - name: stg_customers\n    data_tests: 5\n",
      "  - name: stg_customers\n    columns:\n      - name: market\n        data_tests:\n"
          + "          - no_such_test\n",
      "  - name: stg_customers\n    columns:\n      - name: market\n        data_tests:\n"
          + "          - accepted_values: [UK, DE]\n",
      "  - stg_customers\n",
      "  - name: stg_customers\n   description: misindented\n",
      "  - name: stg_customers\n    description: \"{{ doc('nowhere') }}\"\n",
      "  - name: stg_customers\n    description: \"{{ unclosed \"\n",
      "  - name: stg_customers\n    columns:\n      - name: market\n        data_tests:\n"
          + "          - relationships:\n              to: ref('no_such_model')\n"
          + "              field: market\n");

  /** Project-file changes of the wrong type or value; each names dbt_project.yml. */
  private static final List<String[]> BAD_PROJECT_EDITS = List.of(
      new String[] {"vars:\n  currency: EUR\n", "vars: [1, 2]\n"},
      new String[] {"    +materialized: view\n", "    +materialized: view\n    +enabled: maybe\n"},
      new String[] {"    +materialized: view\n", "    +materialized: teleport\n"},
      new String[] {"name: shop\n", "name: [shop]\n"},
      new String[] {"name: shop\n", "name: 'my shop!'\n"},
      new String[] {"models:\n", "models: [a]\nmodelz:\n"},
      new String[] {"profile: shop\n", "profile: shop\nmodel-paths: 5\n"},
      new String[] {"profile: shop\n", "profile: shop\non-run-start: {a: 1}\n"},
      new String[] {"profile: shop\n", "profile: shop\nseeds:\n  shop:\n    +column_types: 5\n"},
      new String[] {"name: shop\n", "name: shop\n\tprofile: tab\n"},
      new String[] {"vars:\n", "vars: {\n"});

  /** Profile changes; each names profiles.yml (the project's profile: names one it lacks). */
  private static final List<String[]> BAD_PROFILE_EDITS = List.of(
      new String[] {"path: shop.duckdb", "path: notadb.csv"},
      new String[] {"path: shop.duckdb", "path: \"\""},
      new String[] {"path: shop.duckdb", "path: data"},
      new String[] {"path: shop.duckdb", "path: [a, b]"},
      new String[] {"threads: 2", "threads: -3"},
      new String[] {"threads: 2", "threads: lots"},
      new String[] {"type: duckdb", "type: postgres"},
      new String[] {"shop:\n  target", "nowhere:\n  target"},
      new String[] {"target: dev", "target: prod"},
      new String[] {"outputs:\n", "outputs: [dev]\n  old_outputs:\n"},
      new String[] {"shop:\n", "shop: [\n"},
      new String[] {"threads: 2", "threads: 2\n      attach:\n        - path: notadb.csv\n"
          + "          alias: raw"},
      new String[] {"threads: 2", "threads: 2\n      settings:\n        memory_limit: lots"},
      new String[] {"threads: 2", "threads: 2\n      extensions: 5"});

  /** Bad command lines: the flag and the word the message must hold. */
  private static final List<String[]> BAD_FLAGS = List.of(
      new String[] {"--threads", "0", "--threads"},
      new String[] {"--threads", "-1", "--threads"},
      new String[] {"--threads", "abc", "--threads"},
      new String[] {"--lock-timeout", "-5", "--lock-timeout"},
      new String[] {"--lock-timeout", "soon", "--lock-timeout"},
      new String[] {"--vars", "{currency: [", "--vars"},
      new String[] {"--vars", "[1, 2]", "--vars"},
      new String[] {"--target", "prod", "prod"},
      new String[] {"--threds", "2", "--threds"},
      new String[] {"--select", "tag:", "tag:"},
      new String[] {"--select", "1+stg_orders+1+", "1+stg_orders+1+"},
      new String[] {"--full-refresh=maybe", null, "--full-refresh"});

  /** Template breaks in a model; each names the model file. */
  private static final List<String> BAD_TEMPLATES = List.of(
      "{{ ref('x') ",
      "{% if true %}",
      "{% endif %}",
      "{% for x in [1] %}",
      "{{ 1 + }}",
      "{{ no_such_macro() }}",
      "{{ ref('no_such_model') }}",
      "{{ source('web', 'no_such_table') }}",
      "{{ cents_to_units() }}",
      "{{ config(materialized='incremental', incremental_strategy='teleport') }}",
      "{{ config(materialized='incremental', unique_key=5) }}",
      "{{ config(enabled='maybe') }}",
      "{{ var('no_such_var') }}",
      "{{ env_var('MDS_FUZZ_SURELY_UNSET') }}",
      "{{ env_var('MDS_ENV_SECRET_FUZZ', 'x') }}",
      "{{ doc('nowhere') }}",
      "{{ return(1) }}",
      "{{ none.attribute.deeper }}",
      "{{ 1 / 0 }}",
      "{{ {'a': 1}['b'].c }}",
      "{{ exceptions.raise_compiler_error('fuzz says no') }}",
      "{% set x = %}",
      "{% macro inline() %}",
      "{% call statement('x') %}",
      "{{ adapter.dispatch('no_such_macro')() }}",
      "{{ '%s' % (1, 2) }}",
      "{{ range(1, 10, 0) | list }}",
      "{% for i in range(400000) %}" + "x".repeat(1000) + "{% endfor %}",
      "{{ loop_forever(0) }}");

  private static final List<Kind> KINDS = List.of(
      // Item 1: empty, header-only, duplicate and empty header names.
      new Kind("empty seed", (p, a, r) -> {
        String file = pick(SEEDS, r);
        write(p, file, "");
        return csvFailure(file);
      }),
      new Kind("header-only seed", (p, a, r) -> {
        String file = pick(SEEDS, r);
        List<String> lines = read(p, file).lines().toList();
        if (lines.size() < 2) {
          return null;
        }
        write(p, file, lines.get(0) + "\n");
        return csvFailure(file);
      }),
      new Kind("duplicate header name", (p, a, r) -> editLine(p, pick(SEEDS, r), r, true,
          header -> header.replaceFirst(",[^,]+", "," + header.split(",")[0]))),
      new Kind("empty header name", (p, a, r) -> editLine(p, pick(SEEDS, r), r, true,
          header -> header.replaceFirst(",[^,]+", ","))),
      // Item 2: a malformed row (an unclosed quote, a NUL byte, bytes that are not UTF-8).
      new Kind("unclosed quote", (p, a, r) -> editLine(p, pick(CSV_FILES, r), r, false,
          row -> row.replaceFirst(",", ",\""))),
      // Seeds only: a CSV source is read anew by every query, and its NUL bytes are not checked.
      new Kind("NUL byte", (p, a, r) -> editLine(p, pick(SEEDS, r), r, false,
          row -> row.replaceFirst(",", ",x\u0000"))),
      new Kind("row with too many values", (p, a, r) -> editLine(p, pick(CSV_FILES, r), r,
          false, row -> row + ",1,2")),
      // Item 3 and 4: profiles.
      new Kind("bad profile", (p, a, r) -> {
        String[] edit = pick(BAD_PROFILE_EDITS, r);
        String text = read(p, "profiles.yml");
        write(p, "profiles.yml", text.replace(edit[0], edit[1]));
        return new Expect(2, "profiles.yml");
      }),
      // Item 4: YAML types and values.
      new Kind("bad schema entry", (p, a, r) -> {
        append(p, "models/schema.yml", pick(BAD_SCHEMA_ENTRIES, r));
        return new Expect(2, "models/schema.yml");
      }),
      new Kind("bad project file", (p, a, r) -> {
        String[] edit = pick(BAD_PROJECT_EDITS, r);
        String text = read(p, "dbt_project.yml");
        if (!text.contains(edit[0])) {
          return null;
        }
        write(p, "dbt_project.yml", text.replaceFirst(java.util.regex.Pattern.quote(edit[0]),
            java.util.regex.Matcher.quoteReplacement(edit[1])));
        // As in dbt, a materialization no one defines fails the models using it, when they run.
        return edit[1].contains("teleport") ? new Expect(1, "teleport")
            : new Expect(2, "dbt_project.yml");
      }),
      new Kind("schema file that is not YAML", (p, a, r) -> {
        String file = pick(List.of("models/schema.yml", "models/staging/sources.yml"), r);
        write(p, file, read(p, file) + pick(List.of("  - name: [\n", "\t- tab\n", "x: y: z\n",
            ": \n", "- a\nb: c\n"), r));
        return new Expect(2, file);
      }),
      new Kind("source of the wrong shape", (p, a, r) -> {
        String file = "models/staging/sources.yml";
        write(p, file, read(p, file).replace(pick(List.of("  - name: web\n",
            "      - name: visits\n", "        config:\n"), r), pick(List.of("  - name: {a: 1}\n",
            "      - 5\n", "        config: [1]\n"), r)));
        return new Expect(2, file);
      }),
      // Item 4: flags.
      new Kind("bad flag", (p, a, r) -> {
        String[] flag = pick(BAD_FLAGS, r);
        a.add(flag[0]);
        if (flag[1] != null) {
          a.add(flag[1]);
        }
        return new Expect(2, flag[2]);
      }),
      new Kind("bad show limit", (p, a, r) -> {
        a.set(0, "show");
        a.addAll(List.of("--select", "market_revenue", "--limit",
            String.valueOf(-1 - r.nextInt(5))));
        return new Expect(2, "--limit");
      }),
      // Items 9 and 10: templates.
      new Kind("bad template", (p, a, r) -> inModel(p, r, pick(BAD_TEMPLATES, r))),
      new Kind("macro that calls itself", (p, a, r) -> {
        write(p, "macros/forever.sql",
            "{% macro loop_forever(n) %}{{ loop_forever(n + 1) }}{% endmacro %}\n");
        return inModel(p, r, "{{ loop_forever(0) }}");
      }),
      new Kind("macro called with too few arguments", (p, a, r) -> {
        write(p, "macros/two.sql", "{% macro two(a, b) %}{{ a }} + {{ b }}{% endmacro %}\n");
        return inModel(p, r, pick(List.of("select {{ two(1) }} as x", "{{ two() }}"), r));
      }),
      new Kind("broken macro file", (p, a, r) -> {
        String file = pick(List.of("macros/money.sql", "macros/extra.sql"), r);
        write(p, file, pick(List.of("{% macro m( %}x{% endmacro %}\n",
            "{% macro m() %}x\n", "{% endmacro %}\n", "{{ ref(\n",
            "{% macro m() %}{% if %}{% endif %}{% endmacro %}\n"), r));
        return new Expect(2, file);
      }),
      new Kind("macro defined twice", (p, a, r) -> {
        write(p, "macros/again.sql", "{% macro cents_to_units(c) %}{{ c }}{% endmacro %}\n");
        return new Expect(2, "cents_to_units");
      }),
      new Kind("model file that is not UTF-8", (p, a, r) -> {
        String file = pick(MODELS, r);
        Files.write(p.resolve(file), ("select 'caf\u00e9' as x\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        return new Expect(2, file);
      }),
      new Kind("file name that is not UTF-8", (p, a, r) -> {
        String folder = pick(List.of("models", "models/marts", "seeds", "macros"), r);
        String suffix = folder.equals("seeds") ? "csv" : "sql";
        Process shell = new ProcessBuilder("sh", "-c", "printf 'select 1 as x\\n' > \"" + folder
            + "/caf$(printf '\\351')." + suffix + "\"").directory(p.toFile()).start();
        try {
          assertEquals(0, shell.waitFor());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return new Expect(2, folder);
      }),
      new Kind("two models of one name", (p, a, r) -> {
        String file = pick(MODELS, r);
        String copy = "models/copies/" + Path.of(file).getFileName();
        write(p, copy, read(p, file));
        return new Expect(2, "copies");
      }),
      new Kind("ref cycle", (p, a, r) -> {
        append(p, "models/staging/stg_customers.sql",
            "union all select customer_id, 'x', market from {{ ref('customer_revenue') }}\n");
        return new Expect(2, "customer_revenue");
      }),
      new Kind("SQL error in a model", (p, a, r) -> {
        String file = pick(MODELS.subList(0, 4), r);
        write(p, file, read(p, file).replaceFirst("select ", pick(List.of("select no_such_col, ",
            "selec ", "select * from no_such_table, "), r)));
        return new Expect(1, Path.of(file).getFileName().toString().replace(".sql", ""));
      }),
      new Kind("project folder that is a file or missing", (p, a, r) -> {
        int at = a.indexOf("--project-dir");
        boolean file = r.nextBoolean();
        a.set(at + 1, p.resolve(file ? "dbt_project.yml" : "no_such_folder").toString());
        return new Expect(2, file ? "dbt_project.yml" : "no_such_folder");
      }));

  private static final List<String> COMMANDS = List.of("build", "build", "build", "run", "seed");

  private record Snapshot(Map<String, List<String>> relations, Map<String, String> files) {
  }

  private static String sha256(Path file) throws IOException {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest
          .getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every relation's rows (a view's definition too, with the project folder as {@code <project>}:
   * each case is a copy in a folder of its own) and every exported file's bytes.
   */
  private static Snapshot snapshot(Path project, Path base) throws IOException {
    Path db = project.resolve("shop.duckdb");
    Map<String, List<String>> relations = new TreeMap<>();
    for (String relation : DuckDbFile.rows(db, "select table_schema || '.' || table_name || ':'"
        + " || table_type from information_schema.tables order by 1")) {
      String name = relation.substring(0, relation.indexOf(':'));
      List<String> rows = new ArrayList<>(DuckDbFile.rows(db, "select * from " + name
          + " order by all"));
      if (relation.endsWith("VIEW")) {
        DuckDbFile.rows(db, "select sql from duckdb_views() where schema_name || '.'"
            + " || view_name = '" + name + "'")
            .forEach(sql -> rows.add(sql.replace(project.toString(), "<project>")
                .replace(base.toString(), "<project>")));
      }
      relations.put(relation, rows);
    }
    return new Snapshot(relations, exports(project));
  }

  private static Map<String, String> exports(Path project) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path out = project.resolve("out");
    if (Files.isDirectory(out)) {
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          files.put(out.relativize(file).toString(), sha256(file));
        }
      }
    }
    return files;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  private static CliRun mds(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Mds.execute(args.toArray(String[]::new), new PrintWriter(out),
        new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void malformedProjectsAndInvocationsFailClearlyAndChangeNoData() throws IOException {
    Path base = dir.resolve("base");
    for (Map.Entry<String, String> file : GOOD.entrySet()) {
      write(base, file.getKey(), file.getValue());
    }
    write(base, "notadb.csv", "a,b\n1,2\n");
    CliRun good = mds(List.of("build", "--project-dir", base.toString()));
    assertEquals(0, good.exitCode(), good::describe);
    Snapshot before = snapshot(base, base);
    String database = sha256(base.resolve("shop.duckdb"));
    assertTrue(before.relations().size() >= 8 && before.files().size() == 1, before::toString);
    assertTrue(before.relations().values().stream().allMatch(rows -> !rows.isEmpty()),
        before::toString);

    int cases = Integer.getInteger("mds.fuzz.cases", CASES);
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int run = 0;
    long started = System.nanoTime();
    for (int i = 0; i < cases; i++) {
      // Every kind once alone first, then combinations of up to three.
      List<Kind> kinds = new ArrayList<>();
      if (i < KINDS.size()) {
        kinds.add(KINDS.get(i));
      } else {
        int count = 1 + random.nextInt(3);
        while (kinds.size() < count) {
          Kind kind = pick(KINDS, random);
          if (!kinds.contains(kind)) {
            kinds.add(kind);
          }
        }
      }
      Path project = dir.resolve("case" + i);
      copyTree(base, project);
      List<String> args = new ArrayList<>(List.of(pick(COMMANDS, random), "--project-dir",
          project.toString()));
      List<Expect> expects = new ArrayList<>();
      List<String> applied = new ArrayList<>();
      long caseSeed = random.nextLong();
      PICKED.clear();
      Random places = new Random(caseSeed);
      for (Kind kind : kinds) {
        Expect expect = kind.breaker().apply(project, args, places);
        if (expect != null) {
          expects.add(expect);
          applied.add(kind.name());
        }
      }
      if (expects.isEmpty()) {
        continue;
      }
      // A seed's failure is a failure only where the seed loads, a model's where it runs.
      if (args.get(0).equals("show")) {
        expects.removeIf(e -> e.exit() == 1);
      }
      if (args.get(0).equals("run")) {
        expects.removeIf(e -> e.exit() == 1 && e.names().startsWith("seeds/"));
      }
      if (args.get(0).equals("seed")) {
        expects.removeIf(e -> e.exit() == 1 && !e.names().startsWith("seeds/"));
      }
      if (expects.isEmpty()) {
        continue;
      }
      run++;
      long t0 = System.nanoTime();
      CliRun result = mds(args);
      if (System.getenv("MDS_FUZZ_TIMINGS") != null) {
        System.out.printf("case %d %.2f s %s %s exit %d%n", i, (System.nanoTime() - t0) / 1e9,
            args.get(0), applied, result.exitCode());
      }
      String label = "seed " + SEED + " case " + i + " (places seed " + caseSeed + ") "
          + applied + " picking " + PICKED + ", mds " + args.get(0) + " "
          + String.join(" ", args.subList(3, args.size()));
      String problem = check(result, expects, before, database, project, base);
      if (problem != null) {
        failures.add(label + ": " + problem + "\n" + result.describe());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("fuzz: %d cases run in %.1f s, %d failed%n", run, seconds,
        failures.size());
    int ran = run;
    assertTrue(ran >= 100, "only " + ran + " cases ran");
    assertEquals(List.of(), failures, () -> failures.size() + " of " + ran + " cases failed:\n\n"
        + String.join("\n\n", failures));
  }

  /** What is wrong with a case's outcome, or null if nothing is. */
  private static String check(CliRun result, List<Expect> expects, Snapshot before,
      String database, Path project, Path base) throws IOException {
    int exit = expects.stream().mapToInt(Expect::exit).max().orElseThrow();
    String printed = result.out() + result.err();
    if (result.exitCode() == 0) {
      return "exit 0 where an error is due";
    }
    for (String leak : List.of("\tat ", "Exception", "Error: unexpected", "java.", "pebble",
        "org.duckdb")) {
      if (printed.contains(leak)) {
        return "printed '" + leak.strip() + "'";
      }
    }
    if (result.exitCode() != exit) {
      return "exit " + result.exitCode() + ", expected " + exit;
    }
    if (expects.stream().noneMatch(e -> printed.contains(e.names()))) {
      return "no message names any of " + expects.stream().map(Expect::names).toList();
    }
    if (exit == 2) {
      List<String> errors = result.err().lines()
          .filter(l -> !l.startsWith("Warning: ") && !l.isBlank()).toList();
      boolean usage = errors.stream().anyMatch(l -> l.startsWith("Run 'mds ")
          || l.startsWith("Possible solutions"));
      if (errors.isEmpty() || errors.size() > (usage ? 3 : expects.size() * 2)) {
        return "expected one line per error on stderr, got " + errors.size();
      }
      if (!usage && errors.stream().anyMatch(l -> !l.startsWith("Error: ")
          && !l.startsWith("... and "))) {
        return "a stderr line that is not an error";
      }
    }
    if (sha256(project.resolve("shop.duckdb")).equals(database)
        && exports(project).equals(before.files())) {
      // Not even opened: the same bytes hold the same tables.
      return null;
    }
    Snapshot after = snapshot(project, base);
    if (!after.equals(before)) {
      return "data changed: " + difference(before, after);
    }
    return null;
  }

  private static String difference(Snapshot before, Snapshot after) {
    List<String> differences = new ArrayList<>();
    for (String relation : before.relations().keySet()) {
      if (!after.relations().containsKey(relation)) {
        differences.add(relation + " is gone");
      } else if (!after.relations().get(relation).equals(before.relations().get(relation))) {
        differences.add(relation + " was " + before.relations().get(relation) + ", is "
            + after.relations().get(relation));
      }
    }
    after.relations().keySet().stream().filter(r -> !before.relations().containsKey(r))
        .forEach(r -> differences.add(r + " is new"));
    if (!after.files().equals(before.files())) {
      differences.add("exports were " + before.files() + ", are " + after.files());
    }
    return String.join("; ", differences);
  }
}
