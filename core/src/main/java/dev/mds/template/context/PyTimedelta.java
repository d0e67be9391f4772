package dev.mds.template.context;

/**
 * Python's {@code datetime.timedelta}, held as a whole number of microseconds; {@code days},
 * {@code seconds} and {@code microseconds} normalised as Python does (only days negative).
 */
record PyTimedelta(long micros) implements PyObject, Comparable<PyTimedelta>, Iterables.PyRepr {

  static final long SECOND = 1_000_000L;
  static final long DAY = 86_400L * SECOND;

  static PyTimedelta ofSeconds(long seconds) {
    return new PyTimedelta(seconds * SECOND);
  }

  /** {@code timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)}. */
  static PyTimedelta of(PyArgs args) {
    double total = args.number(0, "days", 0) * DAY
        + args.number(1, "seconds", 0) * SECOND
        + args.number(2, "microseconds", 0)
        + args.number(3, "milliseconds", 0) * 1000
        + args.number(4, "minutes", 0) * 60 * SECOND
        + args.number(5, "hours", 0) * 3600 * SECOND
        + args.number(6, "weeks", 0) * 7 * DAY;
    return new PyTimedelta(Math.round(total));
  }

  long days() {
    return Math.floorDiv(micros, DAY);
  }

  long seconds() {
    return Math.floorMod(micros, DAY) / SECOND;
  }

  long microseconds() {
    return Math.floorMod(micros, SECOND);
  }

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "days" -> days();
      case "seconds" -> seconds();
      case "microseconds" -> microseconds();
      case "total_seconds" -> (PyCallable) args -> micros / (double) SECOND;
      default -> MISSING;
    };
  }

  PyTimedelta plus(PyTimedelta other) {
    return new PyTimedelta(Math.addExact(micros, other.micros));
  }

  PyTimedelta negated() {
    return new PyTimedelta(-micros);
  }

  @Override
  public int compareTo(PyTimedelta other) {
    return Long.compare(micros, other.micros);
  }

  @Override
  public String typeName() {
    return "timedelta";
  }

  /** {@code 1 day, 2:03:04.000005}, {@code -1 day, 23:59:59}, {@code 0:00:00}. */
  @Override
  public String toString() {
    long days = days();
    long seconds = seconds();
    String clock = String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    if (microseconds() != 0) {
      clock += String.format(".%06d", microseconds());
    }
    return days == 0 ? clock : days + (Math.abs(days) == 1 ? " day, " : " days, ") + clock;
  }

  @Override
  public String repr() {
    return "datetime.timedelta(days=" + days() + ", seconds=" + seconds() + ", microseconds="
        + microseconds() + ")";
  }
}
