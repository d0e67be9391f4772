package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that names dbt_utils, dbt_expectations and dbt_date in packages.yml, with nothing
 * installed and no network: mds deps says the built-ins will serve, and the project builds with
 * the packages' semantics.
 */
class CliThreePackagesOfflineTest {

  @TempDir
  Path dir;

  @Test
  void aProjectCallingTheThreePackagesBuildsOfflineOnTheBuiltIns() throws Exception {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            vars:
              'dbt_date:time_zone': 'Europe/Berlin'
            """)
        .file("packages.yml", """
            packages:
              - package: dbt-labs/dbt_utils
                version: [">=1.0.0", "<2.0.0"]
              - package: calogica/dbt_expectations
                version: [">=0.10.0", "<0.11.0"]
              - package: godatadriven/dbt_date
                version: [">=0.10.0", "<0.18.0"]
            """)
        .file("seeds/members.csv", "market,member_no,points\nUK,1,10\nDE,1,250\nUK,2,40\n")
        .file("models/dim_members.sql", """
            select {{ dbt_utils.generate_surrogate_key(['market', 'member_no']) }} as member_key,
              {{ dbt_utils.star(from=ref('members'), except=['points']) }},
              {{ dbt_utils.safe_divide('points', 10) }} as tenths
            from {{ ref('members') }}
            """)
        .file("models/helpers.sql", """
            select {{ dbt_utils.get_powers_of_two(5) }} as p, {{ dbt_date.get_powers_of_two(9) }} as q,
              {{ dbt_utils.get_intervals_between("'2024-01-01'::date", "'2024-01-31'::date", 'day') }}
              as d
            """)
        .file("models/calendar.sql", """
            {{ config(materialized='table') }}
            {{ dbt_date.get_date_dimension('2024-12-28', '2025-01-03') }}
            """)
        .file("models/schema.yml", """
            version: 2
            models:
              - name: dim_members
                data_tests:
                  - dbt_utils.unique_combination_of_columns:
                      combination_of_columns: [market, member_no]
                  - dbt_expectations.expect_table_row_count_to_equal:
                      value: 3
                columns:
                  - name: tenths
                    data_tests:
                      - dbt_expectations.expect_column_values_to_be_between:
                          min_value: 0
                          max_value: 20
              - name: calendar
                columns:
                  - name: date_day
                    data_tests: [unique, not_null]
            """);
    CliRun deps = mds("deps", "--project-dir", project.dir());
    assertEquals(0, deps.exitCode(), deps::describe);
    assertFalse(Files.exists(project.path("dbt_packages/dbt_utils")), deps::describe);
    CliRun build = mds("build", "--project-dir", project.dir());
    // One value (25.0) lies outside [0, 20]: dbt_expectations counts that one row.
    assertEquals(1, build.exitCode(), build::describe);
    assertTrue(build.out().contains("FAIL 1 dbt_expectations_expect_column_"),
        build::describe);
    for (String pkg : List.of("dbt_utils", "dbt_expectations", "dbt_date")) {
      String note = "using mds's built-in " + pkg + "; run mds deps to use the package itself";
      assertEquals(1, build.out().lines().filter(l -> l.contains(note)).count(),
          pkg + ": " + build.describe());
    }
    Path db = project.path("shop.duckdb");
    assertEquals(List.of("DE|1|25.0|true", "UK|1|1.0|true", "UK|2|4.0|true"),
        DuckDbFile.rows(db, "select market, member_no, tenths, member_key = md5(market || '-' ||"
            + " member_no) from main.dim_members order by 1, 2"));
    // The helpers both packages expose, as numbers.
    assertEquals(List.of("3|4|30"), DuckDbFile.rows(db, "select p, q, d from main.helpers"));
    // ISO week 1 of 2025 starts on Monday 2024-12-30; the end date is excluded, as dbt_date does.
    assertEquals(List.of("2024-12-28|52|2024-W52", "2024-12-30|1|2025-W01",
        "2025-01-02|1|2025-W01"),
        DuckDbFile.rows(db, "select date_day, iso_week_of_year, iso_year_week from main.calendar"
            + " where date_day in ('2024-12-28', '2024-12-30', '2025-01-02', '2025-01-03')"
            + " order by 1"));
  }
}
