package dev.mds.template.context;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.WeekFields;
import java.util.Locale;

/**
 * Python's {@code strftime} and {@code strptime} directives ({@code %Y-%m-%d %H:%M:%S.%f%z}, the
 * C locale's names), on java.time values. glibc's {@code %-d} (no padding) works too, as it does
 * for dbt on Linux and macOS.
 */
final class PythonTimeFormat {

  private PythonTimeFormat() {
  }

  /**
   * Formats {@code time}; {@code zone} is its time zone, or null for a naive value (then
   * {@code %z} and {@code %Z} print nothing, as in Python).
   */
  static String format(String pattern, LocalDateTime time, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 == pattern.length()) {
        out.append(c);
        continue;
      }
      char directive = pattern.charAt(++i);
      boolean pad = true;
      if (directive == '-' && i + 1 < pattern.length()) {
        pad = false;
        directive = pattern.charAt(++i);
      }
      out.append(directive(directive, pad, time, zone));
    }
    return out.toString();
  }

  private static String directive(char directive, boolean pad, LocalDateTime t, ZoneId zone) {
    return switch (directive) {
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
      case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
      case 'd' -> number(t.getDayOfMonth(), 2, pad);
      case 'e' -> pad ? String.format("%2d", t.getDayOfMonth()) : number(t.getDayOfMonth(), 1, false);
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'm' -> number(t.getMonthValue(), 2, pad);
      case 'y' -> number(t.getYear() % 100, 2, pad);
      case 'Y' -> number(t.getYear(), 4, pad);
      case 'G' -> number(t.get(IsoFields.WEEK_BASED_YEAR), 4, pad);
      case 'V' -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, pad);
      case 'H' -> number(t.getHour(), 2, pad);
      case 'I' -> number(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, pad);
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'M' -> number(t.getMinute(), 2, pad);
      case 'S' -> number(t.getSecond(), 2, pad);
      case 'f' -> number(t.getNano() / 1000, 6, true);
      case 'j' -> number(t.getDayOfYear(), 3, pad);
      case 'U' -> number(t.get(WeekFields.of(DayOfWeek.SUNDAY, 7).weekOfYear()), 2, pad);
      case 'W' -> number(t.get(WeekFields.of(DayOfWeek.MONDAY, 7).weekOfYear()), 2, pad);
      case 'z' -> zone == null ? "" : offset(t, zone);
      case 'Z' -> zone == null ? "" : zoneName(t, zone);
      case 'c' -> format("%a %b %e %H:%M:%S %Y", t, zone);
      case 'x' -> format("%m/%d/%y", t, zone);
      case 'X' -> format("%H:%M:%S", t, zone);
      case 'D' -> format("%m/%d/%y", t, zone);
      case 'F' -> format("%Y-%m-%d", t, zone);
      case 'T' -> format("%H:%M:%S", t, zone);
      case 'R' -> format("%H:%M", t, zone);
      case 's' -> String.valueOf(t.atZone(zone == null ? ZoneId.systemDefault() : zone)
          .toEpochSecond());
      case 'n' -> "\n";
      case 't' -> "\t";
      case '%' -> "%";
      default -> "%" + directive;
    };
  }

  private static String number(int value, int width, boolean pad) {
    String digits = String.valueOf(value);
    return pad && digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits;
  }

  /** {@code +0100}: Python's {@code %z}. */
  static String offset(LocalDateTime time, ZoneId zone) {
    int seconds = zone.getRules().getOffset(time).getTotalSeconds();
    int abs = Math.abs(seconds);
    String text = (seconds < 0 ? "-" : "+") + number(abs / 3600, 2, true)
        + number(abs / 60 % 60, 2, true);
    return abs % 60 == 0 ? text : text + number(abs % 60, 2, true);
  }

  /** {@code UTC}, {@code EST}: the zone's abbreviation at that moment, as pytz prints it. */
  static String zoneName(LocalDateTime time, ZoneId zone) {
    if (zone instanceof ZoneOffset offset) {
      return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    }
    if (zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC")) {
      return "UTC";
    }
    return DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(time.atZone(zone));
  }

  /** A time parsed by {@code strptime}: its fields, and its offset when {@code %z} was given. */
  record Parsed(LocalDateTime time, ZoneOffset offset) {
  }

  /** Python's {@code strptime}: fields not in the pattern default to 1900-01-01 00:00:00. */
  static Parsed parse(String text, String pattern) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 == pattern.length()) {
        builder.appendLiteral(c);
        continue;
      }
      char directive = pattern.charAt(++i);
      if (directive == '-' && i + 1 < pattern.length()) {
        directive = pattern.charAt(++i);
      }
      // A field right before another field has its full width: "%Y%m%d" reads 20240105.
      boolean fixed = i + 1 < pattern.length() && pattern.charAt(i + 1) == '%';
      parseDirective(builder, directive, fixed, pattern);
    }
    TemporalAccessor parsed;
    try {
      parsed = builder.toFormatter(Locale.ENGLISH).parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time data '" + text + "' does not match format '"
          + pattern + "'");
    }
    LocalDateTime time = LocalDateTime.of(
        field(parsed, ChronoField.YEAR, 1900), field(parsed, ChronoField.MONTH_OF_YEAR, 1),
        field(parsed, ChronoField.DAY_OF_MONTH, 1), field(parsed, ChronoField.HOUR_OF_DAY, 0),
        field(parsed, ChronoField.MINUTE_OF_HOUR, 0), field(parsed, ChronoField.SECOND_OF_MINUTE, 0),
        field(parsed, ChronoField.NANO_OF_SECOND, 0));
    ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
        ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : null;
    return new Parsed(time, offset);
  }

  private static int field(TemporalAccessor parsed, ChronoField field, int fallback) {
    return parsed.isSupported(field) ? parsed.get(field) : fallback;
  }

  private static void parseDirective(DateTimeFormatterBuilder builder, char directive,
      boolean fixed, String pattern) {
    switch (directive) {
      case 'Y' -> builder.appendValue(ChronoField.YEAR, 4);
      case 'y' -> builder.appendValueReduced(ChronoField.YEAR, 2, 2, 1969);
      case 'm' -> twoDigits(builder, ChronoField.MONTH_OF_YEAR, fixed);
      case 'd', 'e' -> twoDigits(builder, ChronoField.DAY_OF_MONTH, fixed);
      case 'H' -> twoDigits(builder, ChronoField.HOUR_OF_DAY, fixed);
      case 'I' -> twoDigits(builder, ChronoField.CLOCK_HOUR_OF_AMPM, fixed);
      case 'M' -> twoDigits(builder, ChronoField.MINUTE_OF_HOUR, fixed);
      case 'S' -> twoDigits(builder, ChronoField.SECOND_OF_MINUTE, fixed);
      case 'f' -> builder.appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, false);
      case 'j' -> builder.appendValue(ChronoField.DAY_OF_YEAR, 1, 3, SignStyle.NOT_NEGATIVE);
      case 'p' -> builder.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
      case 'b', 'h' -> builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
      case 'B' -> builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
      case 'a' -> builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
      case 'A' -> builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
      case 'z' -> builder.parseLenient().appendOffset("+HH:MM:ss", "Z").parseStrict();
      case 'Z' -> builder.appendZoneText(TextStyle.SHORT);
      case '%' -> builder.appendLiteral('%');
      default -> throw new IllegalArgumentException("'" + directive
          + "' is a bad directive in format '" + pattern + "'");
    }
  }

  private static void twoDigits(DateTimeFormatterBuilder builder, ChronoField field,
      boolean fixed) {
    if (fixed) {
      builder.appendValue(field, 2);
    } else {
      builder.appendValue(field, 1, 2, SignStyle.NOT_NEGATIVE);
    }
  }
}
