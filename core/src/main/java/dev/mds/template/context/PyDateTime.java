package dev.mds.template.context;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Python's {@code datetime.datetime}: a wall-clock time and, when aware, its tzinfo (null for a
 * naive one). Aware datetimes compare and subtract by the instant they name.
 */
record PyDateTime(LocalDateTime local, PyTimezone tz) implements PyObject,
    Comparable<PyDateTime>, Iterables.PyRepr {

  static PyDateTime at(Instant instant, PyTimezone tz) {
    ZoneId zone = tz == null ? ZoneId.systemDefault() : tz.zone();
    return new PyDateTime(LocalDateTime.ofInstant(instant, zone), tz);
  }

  boolean aware() {
    return tz != null;
  }

  /** The instant; a naive datetime is taken as local time, as Python's timestamp() does. */
  Instant instant() {
    return local.atZone(tz == null ? ZoneId.systemDefault() : tz.zone()).toInstant();
  }

  PyDateTime withZone(PyTimezone zone) {
    return new PyDateTime(local, zone);
  }

  PyDateTime astimezone(PyTimezone zone) {
    return at(instant(), zone == null ? new PyTimezone(ZoneId.systemDefault()) : zone);
  }

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "year" -> (long) local.getYear();
      case "month" -> (long) local.getMonthValue();
      case "day" -> (long) local.getDayOfMonth();
      case "hour" -> (long) local.getHour();
      case "minute" -> (long) local.getMinute();
      case "second" -> (long) local.getSecond();
      case "microsecond" -> (long) local.getNano() / 1000;
      case "tzinfo" -> tz;
      case "strftime" -> (PyCallable) args -> PythonTimeFormat.format(args.string(0, "format"),
          local, tz == null ? null : tz.zone());
      case "isoformat" -> (PyCallable) args -> isoformat(
          String.valueOf(args.get(0, "sep", "T")));
      case "__str__" -> (PyCallable) args -> toString();
      case "date" -> (PyCallable) args -> new PyDate(local.toLocalDate());
      case "time" -> (PyCallable) args -> new PyTime(local.toLocalTime());
      case "weekday" -> (PyCallable) args -> (long) local.getDayOfWeek().getValue() - 1;
      case "isoweekday" -> (PyCallable) args -> (long) local.getDayOfWeek().getValue();
      // From seconds and nanoseconds: counting micros via Instant.until overflows after 2262.
      case "timestamp" -> (PyCallable) args ->
          instant().getEpochSecond() + instant().getNano() / 1000 / 1e6;
      case "astimezone" -> (PyCallable) args -> astimezone((PyTimezone) args.get(0, "tz"));
      case "utcoffset" -> (PyCallable) args -> tz == null ? null : tz.offsetAt(this);
      case "tzname" -> (PyCallable) args -> tz == null ? null
          : PythonTimeFormat.zoneName(local, tz.zone());
      case "replace" -> (PyCallable) this::replace;
      default -> MISSING;
    };
  }

  private PyDateTime replace(PyArgs args) {
    LocalDateTime changed = LocalDateTime.of(
        (int) args.integer(0, "year", local.getYear()),
        (int) args.integer(1, "month", local.getMonthValue()),
        (int) args.integer(2, "day", local.getDayOfMonth()),
        (int) args.integer(3, "hour", local.getHour()),
        (int) args.integer(4, "minute", local.getMinute()),
        (int) args.integer(5, "second", local.getSecond()),
        (int) args.integer(6, "microsecond", local.getNano() / 1000) * 1000);
    PyTimezone zone = args.has(7, "tzinfo") ? (PyTimezone) args.get(7, "tzinfo") : tz;
    return new PyDateTime(changed, zone);
  }

  PyDateTime plus(PyTimedelta delta) {
    return new PyDateTime(local.plus(delta.micros(), ChronoUnit.MICROS), tz);
  }

  /** {@code this - other}; both naive or both aware, as Python requires. */
  PyTimedelta minus(PyDateTime other) {
    requireComparable(other);
    return aware() ? new PyTimedelta(ChronoUnit.MICROS.between(other.instant(), instant()))
        : new PyTimedelta(ChronoUnit.MICROS.between(other.local, local));
  }

  @Override
  public int compareTo(PyDateTime other) {
    requireComparable(other);
    return aware() ? instant().compareTo(other.instant()) : local.compareTo(other.local);
  }

  private void requireComparable(PyDateTime other) {
    if (aware() != other.aware()) {
      throw new IllegalArgumentException("can't compare offset-naive and offset-aware datetimes");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyDateTime that && aware() == that.aware()
        && (aware() ? instant().equals(that.instant()) : local.equals(that.local));
  }

  @Override
  public int hashCode() {
    return aware() ? instant().hashCode() : local.hashCode();
  }

  @Override
  public String typeName() {
    return "datetime";
  }

  /** {@code 2024-01-02T03:04:05.000006+00:00}: fractions only when not zero, the offset when aware. */
  String isoformat(String separator) {
    String text = local.toLocalDate() + separator + clock(local.toLocalTime());
    if (tz == null) {
      return text;
    }
    String offset = PythonTimeFormat.offset(local, tz.zone());
    return text + offset.substring(0, 3) + ":" + offset.substring(3);
  }

  static String clock(LocalTime time) {
    String text = String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(),
        time.getSecond());
    int micros = time.getNano() / 1000;
    return micros == 0 ? text : text + String.format(".%06d", micros);
  }

  /** Python's str(): the ISO form with a space between date and time. */
  @Override
  public String toString() {
    return isoformat(" ");
  }

  @Override
  public String repr() {
    return "datetime.datetime(" + local.getYear() + ", " + local.getMonthValue() + ", "
        + local.getDayOfMonth() + ", " + local.getHour() + ", " + local.getMinute() + ")";
  }
}
