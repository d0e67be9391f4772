package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models calling dbt's macros (as mds ships them for DuckDB) build and hold dbt's values. */
class CliDbtMacrosTest {

  @TempDir
  Path dir;

  @Test
  void modelsCallingDbtMacrosBuild() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/calendar.sql", """
            select cast(date_day as date) as date_day,
                   {{ duckdb__last_day('date_day', 'month') }} as month_end
            from ({{ duckdb__date_spine('day', "date '2024-01-30'", "date '2024-02-02'") }})
            """)
        .file("models/order_weeks.sql", """
            select {{ duckdb__listagg(duckdb__cast_bool_to_text('late'), "','", 'order by id') }} as lateness,
                   sum({{ duckdb__datediff('ordered', 'shipped', 'week') }}) as weeks
            from (select id, ordered, shipped, {{ duckdb__datediff('ordered', 'shipped', 'day') }} > 3 as late
                  from (values (1, date '2024-01-06', date '2024-01-07'),
                               (2, date '2024-01-07', date '2024-01-13')) t(id, ordered, shipped))
            """)
        .file("models/schema.yml", """
            version: 2
            models:
              - name: calendar
                columns:
                  - name: date_day
                    tests: [unique, not_null]
            """);

    mds("build", "--project-dir", project.dir()).assertOk();

    Path database = project.path("shop.duckdb");
    assertEquals(List.of("2024-01-30|2024-01-31", "2024-01-31|2024-01-31", "2024-02-01|2024-02-29"),
        DuckDbFile.rows(database, "select * from main.calendar order by 1"));
    assertEquals(List.of("false,true|1"),
        DuckDbFile.rows(database, "select * from main.order_weeks"));
  }
}
