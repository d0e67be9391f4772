package dev.mds.template.context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Python modules {@code modules.datetime} ({@code date}, {@code datetime}, {@code time},
 * {@code timedelta}, {@code tzinfo}) and {@code modules.pytz}, on java.time.
 */
final class DateTimeModule {

  private DateTimeModule() {
  }

  static Map<String, Object> datetime() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("date", dateClass());
    members.put("datetime", datetimeClass());
    members.put("time", new PyClass("time", args -> new PyTime(LocalTime.of(
        (int) args.integer(0, "hour", 0), (int) args.integer(1, "minute", 0),
        (int) args.integer(2, "second", 0), (int) args.integer(3, "microsecond", 0) * 1000)),
        Map.of()));
    members.put("timedelta", new PyClass("timedelta", PyTimedelta::of, Map.of()));
    members.put("tzinfo", new PyClass("tzinfo", args -> {
      throw new IllegalArgumentException("tzinfo is abstract; use modules.pytz.timezone(name)");
    }, Map.of()));
    members.put("MINYEAR", 1L);
    members.put("MAXYEAR", 9999L);
    return members;
  }

  static Map<String, Object> pytz() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("utc", PyTimezone.UTC);
    members.put("UTC", PyTimezone.UTC);
    members.put("timezone", (PyCallable) args -> timezone(args.string(0, "zone")));
    return members;
  }

  private static PyTimezone timezone(String name) {
    if (name.equalsIgnoreCase("UTC")) {
      return PyTimezone.UTC;
    }
    try {
      return new PyTimezone(ZoneId.of(name, ZoneId.SHORT_IDS));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + name + "'");
    }
  }

  private static PyClass dateClass() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("today", (PyCallable) args -> new PyDate(LocalDate.now()));
    members.put("fromisoformat", (PyCallable) args -> new PyDate(
        LocalDate.parse(args.string(0, "date_string"))));
    members.put("fromordinal", (PyCallable) args -> new PyDate(
        LocalDate.of(1, 1, 1).plusDays(args.integer(0, "ordinal", 1) - 1)));
    members.put("fromtimestamp", (PyCallable) args -> new PyDate(PyDateTime.at(
        timestamp(args.number(0, "timestamp", 0)), null).local().toLocalDate()));
    return new PyClass("date", args -> new PyDate(LocalDate.of(
        (int) args.integer(0, "year", 0), (int) args.integer(1, "month", 0),
        (int) args.integer(2, "day", 0))), members);
  }

  private static PyClass datetimeClass() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("now", (PyCallable) args -> PyDateTime.at(now(),
        (PyTimezone) args.get(0, "tz")));
    members.put("utcnow", (PyCallable) args -> PyDateTime.at(now(), PyTimezone.UTC)
        .withZone(null));
    members.put("today", (PyCallable) args -> PyDateTime.at(now(), null));
    members.put("strptime", (PyCallable) args -> {
      PythonTimeFormat.Parsed parsed = PythonTimeFormat.parse(args.string(0, "date_string"),
          args.string(1, "format"));
      return new PyDateTime(parsed.time(),
          parsed.offset() == null ? null : new PyTimezone(parsed.offset()));
    });
    members.put("fromisoformat", (PyCallable) args -> fromIso(args.string(0, "date_string")));
    members.put("fromtimestamp", (PyCallable) args -> PyDateTime.at(
        timestamp(args.number(0, "timestamp", 0)), (PyTimezone) args.get(1, "tz")));
    members.put("utcfromtimestamp", (PyCallable) args -> PyDateTime.at(
        timestamp(args.number(0, "timestamp", 0)), PyTimezone.UTC).withZone(null));
    members.put("combine", (PyCallable) args -> new PyDateTime(LocalDateTime.of(
        ((PyDate) args.required(0, "date")).date(), ((PyTime) args.required(1, "time")).time()),
        (PyTimezone) args.get(2, "tzinfo")));
    return new PyClass("datetime", args -> new PyDateTime(LocalDateTime.of(
        (int) args.integer(0, "year", 0), (int) args.integer(1, "month", 0),
        (int) args.integer(2, "day", 0), (int) args.integer(3, "hour", 0),
        (int) args.integer(4, "minute", 0), (int) args.integer(5, "second", 0),
        (int) args.integer(6, "microsecond", 0) * 1000), (PyTimezone) args.get(7, "tzinfo")),
        members);
  }

  /** Now, to the microsecond Python's clock gives. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant timestamp(double seconds) {
    return Instant.EPOCH.plus(Math.round(seconds * 1e6), ChronoUnit.MICROS);
  }

  /** Python 3.11's {@code fromisoformat}: a date, a date and time (T or space), an offset or Z. */
  static PyDateTime fromIso(String text) {
    String iso = text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + "T" + text.substring(11) : text;
    try {
      if (iso.length() <= 10) {
        return new PyDateTime(LocalDate.parse(iso).atStartOfDay(), null);
      }
      try {
        return new PyDateTime(LocalDateTime.parse(iso), null);
      } catch (DateTimeParseException naive) {
        OffsetDateTime aware = OffsetDateTime.parse(iso);
        return new PyDateTime(aware.toLocalDateTime(), new PyTimezone(aware.getOffset()));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid isoformat string: '" + text + "'");
    }
  }
}
