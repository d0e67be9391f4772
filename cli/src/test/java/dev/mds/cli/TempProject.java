package dev.mds.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A project folder written file by file inside a test's temporary directory. */
final class TempProject {

  private final Path root;

  private TempProject(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** A folder with a one-line {@code mds_project.yml} naming the project {@code name}. */
  static TempProject named(Path dir, String name) {
    return in(dir).file("mds_project.yml", "name: " + name + "\n");
  }

  static TempProject in(Path dir) {
    return new TempProject(dir);
  }

  /**
   * A small good project "shop": a seed, a source, staging views, an ephemeral, a mart table and
   * a macro, with every ref resolvable.
   */
  static TempProject shop(Path dir) {
    return in(dir)
        .file("mds_project.yml", """
            name: shop
            vars:
              currency: EUR
            models:
              shop:
                +materialized: view
                staging:
                  +tags: [staging]
                marts:
                  +materialized: table
                  +tags: [marts]
            """)
        .file("seeds/raw_orders.csv", "id,customer_id,amount_cents\n1,1,1000\n2,1,250\n")
        .file("macros/money.sql", """
            {% macro cents_to_units(column) -%}
            round({{ column }} / 100.0, 2)
            {%- endmacro %}
            """)
        .file("models/staging/sources.yml", """
            sources:
              - name: crm
                tables:
                  - name: customers
            models:
              - name: stg_orders
                description: Orders in {{ var('currency') }}.
                columns:
                  - name: id
                    tests: [unique, not_null]
            """)
        .file("models/staging/stg_orders.sql", """
            select id, customer_id, {{ cents_to_units('amount_cents') }} as amount
            from {{ ref('raw_orders') }}
            """)
        .file("models/staging/stg_customers.sql", "select * from {{ source('crm', 'customers') }}\n")
        .file("models/intermediate/int_order_totals.sql", """
            {{ config(materialized='ephemeral') }}
            select customer_id, sum(amount) as total from {{ ref('stg_orders') }} group by 1
            """)
        .file("models/marts/customers.sql", """
            select c.*, t.total
            from {{ ref('stg_customers') }} c
            left join {{ ref('int_order_totals') }} t on t.customer_id = c.id
            """);
  }

  /** Writes {@code text} to {@code relative}, creating folders as needed. */
  TempProject file(String relative, String text) {
    Path path = root.resolve(relative);
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path root() {
    return root;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  String dir() {
    return root.toString();
  }

  String read(String relative) {
    try {
      return Files.readString(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a whole folder tree, such as a fixture project, to {@code target}. */
  static void copy(Path from, Path target) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path dest = target.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
