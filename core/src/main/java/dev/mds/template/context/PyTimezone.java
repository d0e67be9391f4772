package dev.mds.template.context;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A tzinfo: {@code modules.pytz.timezone('America/New_York')}, {@code modules.pytz.utc}, or the
 * fixed offset {@code strptime('%z')} reads.
 */
record PyTimezone(ZoneId zone) implements PyObject, Iterables.PyRepr {

  static final PyTimezone UTC = new PyTimezone(ZoneOffset.UTC);

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "zone" -> toString();
      // pytz's way to attach a zone to a naive datetime (and normalize, a no-op here).
      case "localize" -> (PyCallable) args -> ((PyDateTime) args.required(0, "dt")).withZone(this);
      case "normalize" -> (PyCallable) args -> ((PyDateTime) args.required(0, "dt"))
          .astimezone(this);
      case "utcoffset" -> (PyCallable) args -> offsetAt((PyDateTime) args.required(0, "dt"));
      case "tzname" -> (PyCallable) args -> PythonTimeFormat.zoneName(
          ((PyDateTime) args.required(0, "dt")).local(), zone);
      default -> MISSING;
    };
  }

  PyTimedelta offsetAt(PyDateTime time) {
    return PyTimedelta.ofSeconds(zone.getRules().getOffset(time.local()).getTotalSeconds());
  }

  @Override
  public String typeName() {
    return "timezone";
  }

  @Override
  public String toString() {
    if (zone instanceof ZoneOffset offset) {
      return offset.getTotalSeconds() == 0 ? "UTC"
          : "UTC" + PythonTimeFormat.offset(LocalDateTime.MIN, offset);
    }
    return zone.getId();
  }

  @Override
  public String repr() {
    return "<" + (zone instanceof ZoneOffset ? "UTC" : "DstTzInfo '" + zone.getId() + "'") + ">";
  }
}
