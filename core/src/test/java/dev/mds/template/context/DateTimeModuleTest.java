package dev.mds.template.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DateTimeModuleTest {

  @TempDir
  Path dir;

  private String render(String sql) {
    return new ContextProject(dir).render(sql);
  }

  @Test
  void constructsFormatsAndReadsFields() {
    assertEquals("2024-03-05 14:07:09|2024/03/05|05 Mar 2024 02PM|Tuesday|2024|3|5|14|1",
        render("{% set d = modules.datetime.datetime(2024, 3, 5, 14, 7, 9) %}"
            + "{{ d }}|{{ d.strftime('%Y/%m/%d') }}|{{ d.strftime('%d %b %Y %I%p') }}|"
            + "{{ d.strftime('%A') }}|{{ d.year }}|{{ d.month }}|{{ d.day }}|{{ d.hour }}|"
            + "{{ d.weekday() }}"));
  }

  @Test
  void isoformatAndDateOfADatetime() {
    assertEquals("2024-03-05T14:07:09.000250|2024-03-05|2024-03-05|14:07:09.000250",
        render("{% set d = modules.datetime.datetime(2024, 3, 5, 14, 7, 9, 250) %}"
            + "{{ d.isoformat() }}|{{ d.date() }}|{{ d.date().isoformat() }}|{{ d.time() }}"));
  }

  @Test
  void strptimeAndFromisoformatParse() {
    assertEquals("2024-01-05 00:00:00|2024-01-05 07:08:00|2024-01-05 07:08:09+02:00|"
        + "2024-01-05 00:00:00",
        render("{{ modules.datetime.datetime.strptime('20240105', '%Y%m%d') }}|"
            + "{{ modules.datetime.datetime.strptime('2024-1-5 7:08', '%Y-%m-%d %H:%M') }}|"
            + "{{ modules.datetime.datetime.fromisoformat('2024-01-05T07:08:09+02:00') }}|"
            + "{{ modules.datetime.datetime.fromisoformat('2024-01-05') }}"));
  }

  @Test
  void aBadStrptimeIsATemplateErrorNamingTheLine() {
    MdsException error = assertThrows(MdsException.class, () -> render(
        "select 1\n{{ modules.datetime.datetime.strptime('x', '%Y') }}"));
    assertEquals("models/m.sql:2: template error: datetime.strptime(): time data 'x' does not"
        + " match format '%Y'", error.getMessage());
  }

  @Test
  void timedeltaArithmeticAndComparisons() {
    assertEquals("2024-02-28 00:00:00|2024-03-01 06:30:00|1 day, 6:30:00|yes|no|2024-02-27",
        render("{% set dt = modules.datetime %}{% set d = dt.datetime(2024, 2, 29) %}"
            + "{{ d - dt.timedelta(1) }}|{{ d + dt.timedelta(0, 0, 0, 0, 30, 30) }}|"
            + "{{ (d + dt.timedelta(0, 0, 0, 0, 30, 30)) - d }}|"
            + "{% if d > dt.datetime(2024, 1, 1) %}yes{% endif %}|"
            + "{% if d <= dt.datetime(2024, 1, 1) %}yes{% else %}no{% endif %}|"
            + "{{ dt.date(2024, 2, 29) - dt.timedelta(2) }}"));
  }

  @Test
  void numbersStillAddAndCompare() {
    assertEquals("3|yes|ab|2", render("{{ 1 + 2 }}|{% if 1 < 2 %}yes{% endif %}|{{ 'a' + 'b' }}|"
        + "{{ 5 - 3 }}"));
  }

  @Test
  void datesAndReplace() {
    assertEquals("2024-02-01|4|2024-02-29|yes",
        render("{% set dt = modules.datetime %}{% set d = dt.date(2024, 2, 29) %}"
            + "{{ d.replace(2024, 2, 1) }}|{{ d.isoweekday() }}|{{ d }}|"
            + "{% if dt.date.today() >= dt.date(2024, 1, 1) %}yes{% endif %}"));
  }

  @Test
  void nowAndUtcnowAreCurrent() {
    String year = render("{{ modules.datetime.datetime.utcnow().year }}|"
        + "{{ modules.datetime.datetime.now(modules.pytz.utc).strftime('%Z %z') }}");
    assertEquals(LocalDate.now(ZoneOffset.UTC).getYear() + "|UTC +0000", year);
  }

  @Test
  void pytzConvertsBetweenZones() {
    assertEquals("2024-07-01 08:00:00-04:00|2024-01-15 07:00:00-05:00|America/New_York|EDT",
        render("{% set ny = modules.pytz.timezone('America/New_York') %}"
            + "{% set utc = modules.datetime.datetime(2024, 7, 1, 12, 0, 0, 0, modules.pytz.utc) %}"
            + "{{ utc.astimezone(ny) }}|"
            + "{{ ny.localize(modules.datetime.datetime(2024, 1, 15, 7)) }}|{{ ny }}|"
            + "{{ utc.astimezone(ny).strftime('%Z') }}"));
  }

  @Test
  void runStartedAtIsTheInvocationsStartInUtc() {
    ContextProject project = new ContextProject(dir);
    Invocation invocation = new Invocation("id-1", Instant.parse("2024-05-06T07:08:09.123456Z"),
        "build", Map.of(), "1.2.3", project.log);
    assertEquals("2024-05-06 07:08:09.123456+00:00|2024-05-06|2024-05-06T07:08:09.123456+00:00|"
        + "2024-05-06 03:08:09.123456-04:00",
        project.render("{{ run_started_at }}|{{ run_started_at.strftime('%Y-%m-%d') }}|"
            + "{{ run_started_at.isoformat() }}|"
            + "{{ run_started_at.astimezone(modules.pytz.timezone('America/New_York')) }}",
            invocation));
  }

  @Test
  void timedeltaFields() {
    assertEquals("-1 day, 23:00:00|-1|82800|5400.0",
        render("{% set dt = modules.datetime %}{{ dt.timedelta(0, -3600) }}|"
            + "{{ dt.timedelta(0, -3600).days }}|{{ dt.timedelta(0, -3600).seconds }}|"
            + "{{ dt.timedelta(0, 0, 0, 0, 90).total_seconds() }}"));
  }

  @Test
  void tryOrCompilerErrorTurnsAFailedCallIntoTheMessage() {
    assertEquals("2024-01-02 00:00:00", render("{{ try_or_compiler_error('bad date', "
        + "modules.datetime.datetime.strptime, '2024-01-02', '%Y-%m-%d') }}"));
    MdsException error = assertThrows(MdsException.class, () -> render(
        "{{ try_or_compiler_error('bad date', modules.datetime.datetime.strptime, 'x', '%Y') }}"));
    assertTrue(error.getMessage().startsWith("models/m.sql:1: bad date"), error.getMessage());
  }
}
