package dev.mds.template.context;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;

/** Python's {@code datetime.date}. */
record PyDate(LocalDate date) implements PyObject, Comparable<PyDate>, Iterables.PyRepr {

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "year" -> (long) date.getYear();
      case "month" -> (long) date.getMonthValue();
      case "day" -> (long) date.getDayOfMonth();
      case "strftime" -> (PyCallable) args -> PythonTimeFormat.format(
          args.string(0, "format"), date.atStartOfDay(), null);
      case "isoformat", "__str__" -> (PyCallable) args -> toString();
      case "weekday" -> (PyCallable) args -> (long) date.getDayOfWeek().getValue() - 1;
      case "isoweekday" -> (PyCallable) args -> (long) date.getDayOfWeek().getValue();
      case "isocalendar" -> (PyCallable) args -> List.of(
          (long) date.get(IsoFields.WEEK_BASED_YEAR),
          (long) date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
          (long) date.getDayOfWeek().getValue());
      case "toordinal" -> (PyCallable) args ->
          ChronoUnit.DAYS.between(LocalDate.of(1, 1, 1), date) + 1;
      case "replace" -> (PyCallable) args -> new PyDate(LocalDate.of(
          (int) args.integer(0, "year", date.getYear()),
          (int) args.integer(1, "month", date.getMonthValue()),
          (int) args.integer(2, "day", date.getDayOfMonth())));
      default -> MISSING;
    };
  }

  PyDate plus(PyTimedelta delta) {
    return new PyDate(date.plusDays(delta.days()));
  }

  @Override
  public int compareTo(PyDate other) {
    return date.compareTo(other.date);
  }

  @Override
  public String typeName() {
    return "date";
  }

  @Override
  public String toString() {
    return date.toString();
  }

  @Override
  public String repr() {
    return "datetime.date(" + date.getYear() + ", " + date.getMonthValue() + ", "
        + date.getDayOfMonth() + ")";
  }
}
