package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mds's own dbt_date (the jar's dev/mds/packages/dbt_date folder), served to a project whose
 * packages.yml names dbt_date without installing it: every macro builds on real DuckDB and gives
 * dbt_date's values, checked against fixed dates and against DuckDB's own date functions.
 */
class CliBuiltinDbtDateTest {

  private static final String NOTE =
      "using mds's built-in dbt_date; run mds deps to use the package itself";

  /** 2024-02-29 (leap day), 2024-12-30 (ISO week 1 of 2025), 2021-01-03 (ISO week 53 of 2020), null. */
  private static final String DAYS = """
      from (values (date '2024-02-29', timestamp '2024-02-29 12:00:00', cast(1709208000 as bigint)),
                   (date '2024-12-30', timestamp '2024-12-30 11:59:59', cast(0 as bigint)),
                   (date '2021-01-03', timestamp '2021-01-03 23:00:00', cast(1 as bigint)),
                   (null, null, null)) t(d, ts, e)
      """;

  @TempDir
  Path dir;

  @Test
  void everyMacroGivesDbtDatesValuesOnDuckDb() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: cal
            vars:
              "dbt_date:time_zone": "Asia/Tokyo"
            models:
              cal:
                +materialized: table
            """)
        .file("packages.yml", "packages:\n  - package: godatadriven/dbt_date\n    version: 0.17.1\n")
        .file("models/dim.sql", "{{ dbt_date.get_date_dimension('2015-01-01', '2030-12-31') }}\n")
        .file("models/fiscal.sql", """
            {{ dbt_date.get_fiscal_periods(ref('dim'), year_end_month=1, week_start_day=1) }}
            """)
        .file("models/base_months.sql", """
            {{ dbt_date.get_base_dates(start_date='2024-01-01', end_date='2024-04-01', datepart='month') }}
            """)
        .file("models/base_recent.sql", "{{ dbt_date.get_base_dates(n_dateparts=3) }}\n")
        .file("models/parts.sql", """
            select d,
              {{ dbt_date.date_part('isodow', 'd') }} as isodow,
              {{ dbt_date.day_of_week('d') }} as dow_iso,
              {{ dbt_date.day_of_week('d', isoweek=false) }} as dow,
              {{ dbt_date.day_name('d') }} as day_short,
              {{ dbt_date.day_name('d', short=false) }} as day_long,
              {{ dbt_date.day_of_month('d') }} as dom,
              {{ dbt_date.day_of_year('d') }} as doy,
              {{ dbt_date.week_start('d') }} as ws,
              {{ dbt_date.week_end(date='d') }} as we,
              {{ dbt_date.iso_week_start('d') }} as iws,
              {{ dbt_date.iso_week_end('d') }} as iwe,
              {{ dbt_date.week_of_year('d') }} as woy,
              {{ dbt_date.iso_week_of_year('d') }} as iwoy,
              {{ dbt_date.iso_year_week('d') }} as iyw,
              {{ dbt_date.month_name('d') }} as month_short,
              {{ dbt_date.month_name('d', short=false) }} as month_long,
              {{ dbt_date.n_days_ago(3, 'd') }} as ago3,
              {{ dbt_date.n_days_away('3', date='d') }} as away3,
              {{ dbt_date.yesterday('d') }} as yd,
              {{ dbt_date.tomorrow('d') }} as tm,
              {{ dbt_date.round_timestamp('ts') }} as rounded,
              {{ dbt_date.convert_timezone('ts') }} as tokyo,
              {{ dbt_date.convert_timezone('ts', 'America/New_York', 'Europe/Paris') }} as ny_from_paris,
              {{ dbt_date.convert_timezone('ts', source_tz='Asia/Tokyo', target_tz='UTC') }} as utc_from_tokyo,
              {{ dbt_date.from_unixtimestamp('e') }} as from_s,
              {{ dbt_date.from_unixtimestamp('e * 1000 + 5', format='milliseconds') }} as from_ms,
              {{ dbt_date.from_unixtimestamp('e * 1000000 + 7', 'microseconds') }} as from_us,
              {{ dbt_date.to_unixtimestamp('ts') }} as epoch,
              {{ dbt_date.day_name('d', language='nl') }} as nl_day,
              {{ dbt_date.month_name('d', False, 'de') }} as de_month
            """ + DAYS)
        .file("models/relative.sql", """
            select {{ dbt_date.now() }} as now_local, {{ dbt_date.now('UTC') }} as now_utc,
              {{ dbt_date.today() }} as today_local, {{ dbt_date.today(tz='UTC') }} as today_utc,
              {{ dbt_date.tomorrow() }} as tomorrow, {{ dbt_date.yesterday(tz='UTC') }} as yesterday_utc,
              {{ dbt_date.n_days_ago(7) }} as days_ago, {{ dbt_date.n_days_away(7) }} as days_away,
              {{ dbt_date.n_weeks_ago(2) }} as weeks_ago, {{ dbt_date.n_weeks_away(2) }} as weeks_away,
              {{ dbt_date.n_months_ago(2) }} as months_ago, {{ dbt_date.n_months_away(2) }} as months_away,
              {{ dbt_date.last_week() }} as last_week, {{ dbt_date.next_week() }} as next_week,
              {{ dbt_date.last_month() }} as last_month, {{ dbt_date.next_month() }} as next_month,
              {{ dbt_date.last_month_name() }} as last_month_name,
              {{ dbt_date.next_month_name(short=false) }} as next_month_name,
              {{ dbt_date.last_month_number() }} as last_month_number,
              {{ dbt_date.next_month_number() }} as next_month_number,
              {{ dbt_date.periods_since("date '2024-01-01'") }} as days_since,
              {{ dbt_date.periods_since("date '2024-01-01'", period_name='month') }} as months_since,
              {{ dbt_date.week_start() }} as week_start, {{ dbt_date.week_end() }} as week_end,
              {{ dbt_date.iso_week_start() }} as iso_week_start, {{ dbt_date.iso_week_end() }} as iso_week_end,
              {{ dbt_date.week_of_year() }} as week_of_year, {{ dbt_date.iso_week_of_year() }} as iso_week_of_year
            """)
        .file("models/compile_time.sql", """
            {%- set leap = dbt_date.date(2024, 2, 29) -%}
            select '{{ leap }}' as leap, {{ leap.isoweekday() }} as leap_weekday,
              '{{ dbt_date.datetime(2024, 2, 29, 6, 14) }}' as in_tokyo,
              '{{ dbt_date.datetime(2024, 2, 29, tz='UTC') }}' as in_utc,
              {{ dbt_date.is_before('2999-01-01') }} as before_far_future,
              {{ dbt_date.is_after('2000-01-01') }} as after_past,
              {{ dbt_date.is_before('2024-01-02', reference='2024-01-02') }} as before_itself,
              {{ dbt_date.is_before_or_equal(leap, reference='2024-02-29T00:00:00Z') }} as before_or_equal,
              {{ dbt_date.is_after_or_equal('2024-01-01 09:00:00', reference='2024-01-01T00:00:00Z', tz='Asia/Tokyo') }} as tokyo_nine_is_utc_midnight,
              {{ dbt_date.is_between('2024-01-01', '2024-02-01', reference='2024-02-01') }} as left_open_end,
              {{ dbt_date.is_between('2024-01-01', '2024-02-01', reference='2024-02-01', inclusive='right') }} as right_closed_end
            """);

    CliRun run = mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(1, run.out().lines().filter(l -> l.contains(NOTE)).count(), run::describe);
    Path database = project.path("cal.duckdb");

    // The date dimension: dbt_date's columns, names and types, in its order; end_date excluded.
    assertEquals(List.of("date_day:DATE,prior_date_day:DATE,next_date_day:DATE,"
            + "prior_year_date_day:DATE,prior_year_over_year_date_day:DATE,day_of_week:INTEGER,"
            + "day_of_week_iso:INTEGER,day_of_week_name:VARCHAR,day_of_week_name_short:VARCHAR,"
            + "day_of_month:BIGINT,day_of_year:BIGINT,week_start_date:DATE,week_end_date:DATE,"
            + "prior_year_week_start_date:DATE,prior_year_week_end_date:DATE,week_of_year:INTEGER,"
            + "iso_week_start_date:DATE,iso_week_end_date:DATE,prior_year_iso_week_start_date:DATE,"
            + "prior_year_iso_week_end_date:DATE,iso_week_of_year:INTEGER,iso_year_week:VARCHAR,"
            + "prior_year_week_of_year:INTEGER,prior_year_iso_week_of_year:INTEGER,"
            + "month_of_year:INTEGER,month_name:VARCHAR,month_name_short:VARCHAR,"
            + "month_start_date:DATE,month_end_date:DATE,prior_year_month_start_date:DATE,"
            + "prior_year_month_end_date:DATE,quarter_of_year:INTEGER,quarter_start_date:DATE,"
            + "quarter_end_date:DATE,year_number:INTEGER,year_start_date:DATE,year_end_date:DATE"),
        DuckDbFile.rows(database, "select string_agg(column_name || ':' || data_type, ','"
            + " order by ordinal_position) from information_schema.columns where table_name = 'dim'"));
    assertEquals(List.of("5843|2015-01-01|2030-12-30"), DuckDbFile.rows(database,
        "select count(*), min(date_day), max(date_day) from main.dim"));
    // Every day's columns against DuckDB's own date functions.
    assertEquals(List.of("0"), DuckDbFile.rows(database, """
        select count(*) from main.dim where
             prior_date_day is distinct from date_day - 1
          or next_date_day is distinct from date_day + 1
          or prior_year_date_day is distinct from cast(date_day - interval 1 year as date)
          or prior_year_over_year_date_day is distinct from date_day - 364
          or day_of_week is distinct from dayofweek(date_day) + 1
          or day_of_week_iso is distinct from isodow(date_day)
          or day_of_week_name is distinct from strftime(date_day, '%A')
          or day_of_week_name_short is distinct from strftime(date_day, '%a')
          or day_of_month is distinct from day(date_day)
          or day_of_year is distinct from dayofyear(date_day)
          or week_start_date is distinct from cast(date_trunc('week', date_day + 1) as date) - 1
          or week_end_date is distinct from cast(date_trunc('week', date_day + 1) as date) + 5
          or prior_year_week_start_date is distinct from cast(date_trunc('week', date_day - 363) as date) - 1
          or week_of_year is distinct from (dayofyear(date_day) + 6) // 7
          or iso_week_start_date is distinct from cast(date_trunc('week', date_day) as date)
          or iso_week_end_date is distinct from cast(date_trunc('week', date_day) as date) + 6
          or prior_year_iso_week_end_date is distinct from cast(date_trunc('week', date_day - 364) as date) + 6
          or iso_week_of_year is distinct from weekofyear(date_day)
          or iso_year_week is distinct from strftime(date_day, '%G-W%V')
          or prior_year_week_of_year is distinct from (dayofyear(date_day - 364) + 6) // 7
          or prior_year_iso_week_of_year is distinct from weekofyear(date_day - 364)
          or month_of_year is distinct from month(date_day)
          or month_name is distinct from strftime(date_day, '%B')
          or month_name_short is distinct from strftime(date_day, '%b')
          or month_start_date is distinct from make_date(year(date_day), month(date_day), 1)
          or month_end_date is distinct from last_day(date_day)
          or prior_year_month_end_date is distinct from last_day(prior_year_date_day)
          or quarter_of_year is distinct from quarter(date_day)
          or quarter_start_date is distinct from make_date(year(date_day), 3 * quarter(date_day) - 2, 1)
          or quarter_end_date is distinct from last_day(make_date(year(date_day), 3 * quarter(date_day), 1))
          or year_number is distinct from year(date_day)
          or year_start_date is distinct from make_date(year(date_day), 1, 1)
          or year_end_date is distinct from make_date(year(date_day), 12, 31)
        """));
    assertEquals(List.of(
            "2021-01-03|1|7|Sunday|Sun|2021-01-03|2021-01-09|1|2020-12-28|2021-01-03|53|2020-W53|2020-01-05",
            "2024-02-29|5|4|Thursday|Thu|2024-02-25|2024-03-02|9|2024-02-26|2024-03-03|9|2024-W09|2023-03-02",
            "2024-12-30|2|1|Monday|Mon|2024-12-29|2025-01-04|53|2024-12-30|2025-01-05|1|2025-W01|2024-01-01"),
        DuckDbFile.rows(database, """
            select date_day, day_of_week, day_of_week_iso, day_of_week_name, day_of_week_name_short,
                   week_start_date, week_end_date, week_of_year, iso_week_start_date, iso_week_end_date,
                   iso_week_of_year, iso_year_week, prior_year_over_year_date_day
            from main.dim where date_day in ('2024-02-29', '2024-12-30', '2021-01-03') order by 1
            """));

    // The 4-5-4 retail calendar ending on the Saturday nearest January's end: fiscal 2023 had 53 weeks.
    assertEquals(List.of("2023|2023-01-29|2024-02-03|53|12", "2024|2024-02-04|2025-02-01|52|12"),
        DuckDbFile.rows(database, """
            select fiscal_year_number, min(date_day), max(date_day), max(fiscal_week_of_year),
                   max(fiscal_period_number)
            from main.fiscal where fiscal_year_number in (2023, 2024) group by 1 order by 1
            """));
    assertEquals(List.of("2024-03-10|6|2|2|1|2", "2024-02-02|53|5|12|4|3"), DuckDbFile.rows(database, """
        select date_day, fiscal_week_of_year, fiscal_week_of_period, fiscal_period_number,
               fiscal_quarter_number, fiscal_period_of_quarter
        from main.fiscal where date_day in ('2024-03-10', '2024-02-02') order by fiscal_year_number desc
        """));

    // Base dates: timestamps from the start up to the end; n_dateparts days back through today in Tokyo.
    assertEquals(List.of("2024-01-01 00:00:00|TIMESTAMP", "2024-02-01 00:00:00|TIMESTAMP",
            "2024-03-01 00:00:00|TIMESTAMP"),
        DuckDbFile.rows(database, "select cast(date_month as varchar), typeof(date_month)"
            + " from main.base_months order by 1"));
    assertEquals(List.of("4|true"), DuckDbFile.rows(database, """
        select count(*), max(cast(date_day as date)) - min(cast(date_day as date)) = 3
          and max(cast(date_day as date)) in (cast(timezone('Asia/Tokyo', now()) as date),
                                             cast(timezone('Asia/Tokyo', now() - interval 1 hour) as date))
        from main.base_recent
        """));

    assertEquals(List.of(
            "2021-01-03|7|7|1|Sun|Sunday|3|3|2021-01-03|2021-01-09|2020-12-28|2021-01-03|1|53|2020-W53"
                + "|Jan|January|2020-12-31|2021-01-06|2021-01-02|2021-01-04|2021-01-04 00:00:00"
                + "|2021-01-04 08:00:00|2021-01-03 17:00:00|2021-01-03 14:00:00|1970-01-01 00:00:01"
                + "|1970-01-01 00:00:01.005|1970-01-01 00:00:01.000007|1609714800.0|zo|Januar",
            "2024-02-29|4|4|5|Thu|Thursday|29|60|2024-02-25|2024-03-02|2024-02-26|2024-03-03|9|9|2024-W09"
                + "|Feb|February|2024-02-26|2024-03-03|2024-02-28|2024-03-01|2024-03-01 00:00:00"
                + "|2024-02-29 21:00:00|2024-02-29 06:00:00|2024-02-29 03:00:00|2024-02-29 12:00:00"
                + "|2024-02-29 12:00:00.005|2024-02-29 12:00:00.000007|1709208000.0|do|Februar",
            "2024-12-30|1|1|2|Mon|Monday|30|365|2024-12-29|2025-01-04|2024-12-30|2025-01-05|53|1|2025-W01"
                + "|Dec|December|2024-12-27|2025-01-02|2024-12-29|2024-12-31|2024-12-30 00:00:00"
                + "|2024-12-30 20:59:59|2024-12-30 05:59:59|2024-12-30 02:59:59|1970-01-01 00:00:00"
                + "|1970-01-01 00:00:00.005|1970-01-01 00:00:00.000007|1735559999.0|ma|Dezember",
            // dbt_date passes a null date through every macro.
            "null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null"
                + "|null|null|null|null|null|null|null|null|null|null|null|null|null"),
        DuckDbFile.rows(database, "select * replace (cast(rounded as varchar) as rounded,"
            + " cast(tokyo as varchar) as tokyo, cast(ny_from_paris as varchar) as ny_from_paris,"
            + " cast(utc_from_tokyo as varchar) as utc_from_tokyo, cast(from_s as varchar) as from_s,"
            + " cast(from_ms as varchar) as from_ms, cast(from_us as varchar) as from_us,"
            + " cast(epoch as varchar) as epoch)"
            + " from main.parts order by d nulls last"));

    // Relative dates against DuckDB's clock, in the project's time zone (Asia/Tokyo, no DST).
    assertEquals(List.of("true|true|true|true|true|true|true|true|true|true|true|true"),
        DuckDbFile.rows(database, """
            select now_local - now_utc = interval 9 hour and today_local = cast(now_local as date),
                   today_utc in (cast(timezone('UTC', now()) as date), cast(timezone('UTC', now() - interval 1 hour) as date)),
                   tomorrow = today_local + 1 and yesterday_utc = today_utc - 1
                     and days_ago = today_local - 7 and days_away = today_local + 7,
                   weeks_ago = date_trunc('week', today_local - interval 2 week)
                     and weeks_away = date_trunc('week', today_local + interval 2 week)
                     and last_week = date_trunc('week', today_local - interval 1 week)
                     and next_week = date_trunc('week', today_local + interval 1 week),
                   months_ago = date_trunc('month', today_local - interval 2 month)
                     and months_away = date_trunc('month', today_local + interval 2 month),
                   last_month = date_trunc('month', today_local - interval 1 month)
                     and next_month = date_trunc('month', today_local + interval 1 month),
                   last_month_name = strftime(today_local - interval 1 month, '%b')
                     and next_month_name = strftime(today_local + interval 1 month, '%B'),
                   last_month_number = month(today_local - interval 1 month)
                     and next_month_number = month(today_local + interval 1 month),
                   days_since = today_local - date '2024-01-01'
                     and months_since = date_diff('month', date '2024-01-01', today_local),
                   week_start = today_local - cast(dayofweek(today_local) as integer) and week_end = week_start + 6,
                   iso_week_start = date_trunc('week', today_local) and iso_week_end = iso_week_start + 6,
                   week_of_year = (dayofyear(today_local) + 6) // 7 and iso_week_of_year = weekofyear(today_local)
            from main.relative
            """));

    assertEquals(List.of("2024-02-29|4|2024-02-29 06:14:00+09:00|2024-02-29 00:00:00+00:00"
            + "|true|true|false|true|true|false|true"),
        DuckDbFile.rows(database, "select * from main.compile_time"));
  }

  @Test
  void theDefaultTimeZoneIsLosAngelesAndAnUnsupportedFormatStopsTheModel() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", "name: cal\n")
        .file("packages.yml", "packages:\n  - package: calogica/dbt_date\n"
            + "    version: [\">=0.10.0\", \"<0.11.0\"]\n")
        .file("models/la.sql", """
            select {{ dbt_date.convert_timezone("timestamp '2024-07-01 12:00:00'") }} as summer,
                   {{ dbt_date.convert_timezone("timestamp '2024-01-01 12:00:00'") }} as winter,
                   {{ dbt_date.now() }} = {{ dbt_date.now('America/Los_Angeles') }} as now_in_la
            """);
    mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("2024-07-01 05:00:00.0|2024-01-01 04:00:00.0|true"),
        DuckDbFile.rows(project.path("cal.duckdb"), "select * from main.la"));

    project.file("models/nanos.sql",
        "select {{ dbt_date.from_unixtimestamp('1', format='nanoseconds') }} as t\n");
    mds("build", "--project-dir", project.dir())
        .assertProjectError("models/nanos.sql", "format 'nanoseconds' is not supported");
  }
}
