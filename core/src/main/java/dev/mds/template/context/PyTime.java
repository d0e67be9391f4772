package dev.mds.template.context;

import java.time.LocalDate;
import java.time.LocalTime;

/** Python's {@code datetime.time} (without a zone). */
record PyTime(LocalTime time) implements PyObject, Comparable<PyTime>, Iterables.PyRepr {

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "hour" -> (long) time.getHour();
      case "minute" -> (long) time.getMinute();
      case "second" -> (long) time.getSecond();
      case "microsecond" -> (long) time.getNano() / 1000;
      case "tzinfo" -> null;
      case "strftime" -> (PyCallable) args -> PythonTimeFormat.format(
          args.string(0, "format"), LocalDate.of(1900, 1, 1).atTime(time), null);
      case "isoformat", "__str__" -> (PyCallable) args -> toString();
      case "replace" -> (PyCallable) args -> new PyTime(LocalTime.of(
          (int) args.integer(0, "hour", time.getHour()),
          (int) args.integer(1, "minute", time.getMinute()),
          (int) args.integer(2, "second", time.getSecond()),
          (int) args.integer(3, "microsecond", time.getNano() / 1000) * 1000));
      default -> MISSING;
    };
  }

  @Override
  public int compareTo(PyTime other) {
    return time.compareTo(other.time);
  }

  @Override
  public String typeName() {
    return "time";
  }

  /** {@code 13:45:00}, with {@code .000123} when there are microseconds. */
  @Override
  public String toString() {
    return PyDateTime.clock(time);
  }

  @Override
  public String repr() {
    return "datetime.time(" + time.getHour() + ", " + time.getMinute() + ")";
  }
}
