package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.utils.StringUtils;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Jinja's and dbt's type conversions: {@code int}, {@code float}, {@code string}, {@code as_number}, ... */
final class ConversionFilters {

  private ConversionFilters() {
  }

  static Map<String, Filter> all() {
    Map<String, Filter> filters = new HashMap<>();
    filters.put("int", JinjaFilter.of("int",
        (input, args, self, context, line) -> toInt(input, args.get("default"), args.get("base")),
        "default", "base"));
    filters.put("float", JinjaFilter.of("float",
        (input, args, self, context, line) -> toFloat(input, args.get("default")), "default"));
    // Printing none gives nothing and true gives "true" in Pebble; string agrees with printing.
    filters.put("string", JinjaFilter.of("string", (input, args, self, context, line) ->
        input == null ? "" : StringUtils.toString(input)));
    filters.put("list", JinjaFilter.of("list",
        (input, args, self, context, line) -> Sequence.orEmpty(input)));
    // dbt's as_* filters mark how a rendered value is read back; in text they convert or pass through.
    filters.put("as_text", filters.get("string"));
    filters.put("as_bool", JinjaFilter.of("as_bool",
        (input, args, self, context, line) -> toBool(input)));
    filters.put("as_number", JinjaFilter.of("as_number",
        (input, args, self, context, line) -> toNumber(input)));
    filters.put("as_native", JinjaFilter.of("as_native", (input, args, self, context, line) -> input));
    filters.put("safe", filters.get("as_native"));
    return filters;
  }

  private static Object toInt(Object input, Object fallback, Object base) {
    long defaultValue = fallback instanceof Number n ? n.longValue() : 0L;
    if (input instanceof Boolean bool) {
      return bool ? 1L : 0L;
    }
    if (input instanceof Number number) {
      return number.longValue();
    }
    if (input == null) {
      return defaultValue;
    }
    String text = input.toString().trim().replace("_", "");
    try {
      return Long.parseLong(text, base instanceof Number n ? n.intValue() : 10);
    } catch (NumberFormatException notAnInteger) {
      // Jinja's int also accepts "3.7" (as 3) before falling back to the default.
      try {
        return new BigDecimal(text).longValue();
      } catch (NumberFormatException notANumber) {
        return defaultValue;
      }
    }
  }

  private static Object toFloat(Object input, Object fallback) {
    double defaultValue = fallback instanceof Number n ? n.doubleValue() : 0.0;
    if (input instanceof Boolean bool) {
      return bool ? 1.0 : 0.0;
    }
    if (input instanceof Number number) {
      return number.doubleValue();
    }
    if (input == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(input.toString().trim());
    } catch (NumberFormatException e) {
      return defaultValue;
    }
  }

  private static Object toBool(Object input) {
    if (Equality.isText(input)) {
      String text = input.toString().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.valueOf(text);
      }
    }
    return Truthiness.of(input);
  }

  private static Object toNumber(Object input) {
    if (input instanceof Number) {
      return input;
    }
    String text = String.valueOf(input).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notAnInteger) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException notANumber) {
        throw new IllegalArgumentException("'" + text + "' is not a number");
      }
    }
  }
}
