package dev.mds.template.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()} of template values, for {@code '%s' % x},
 * {@code '%r' % x} and {@code '{}'.format(x)}: {@code None}, {@code True}, {@code 1.0},
 * {@code ['a', 1]}, {@code {'k': 'v'}}.
 */
final class PythonText {

  private PythonText() {
  }

  static String str(Object value) {
    if (Equality.isText(value)) {
      return value.toString();
    }
    return repr(value);
  }

  static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    appendRepr(out, value);
    return out.toString();
  }

  private static void appendRepr(StringBuilder out, Object value) {
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean bool) {
      out.append(bool ? "True" : "False");
    } else if (Equality.isText(value)) {
      quote(out, value.toString());
    } else if (value instanceof Double || value instanceof Float) {
      out.append(floatRepr(((Number) value).doubleValue()));
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        appendRepr(out, entry.getKey());
        out.append(": ");
        appendRepr(out, entry.getValue());
        separator = ", ";
      }
      out.append('}');
    } else if (value instanceof Iterable<?> || value.getClass().isArray()) {
      out.append('[');
      Iterator<Object> items = Sequence.of(value).iterator();
      while (items.hasNext()) {
        appendRepr(out, items.next());
        if (items.hasNext()) {
          out.append(", ");
        }
      }
      out.append(']');
    } else {
      out.append(value);
    }
  }

  /** Python quotes with ' unless the text holds ' and no ". */
  private static void quote(StringBuilder out, String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    out.append(quote);
  }

  /** Python's float repr: shortest digits, {@code 1.0}, {@code 1e-05}, {@code 1e+16}, inf, nan. */
  static String floatRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String plain = exact.toPlainString();
      return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    StringBuilder result = new StringBuilder(value < 0 ? "-" : "").append(digits.charAt(0));
    if (digits.length() > 1) {
      result.append('.').append(digits, 1, digits.length());
    }
    result.append('e').append(exponent < 0 ? '-' : '+');
    String power = Integer.toString(Math.abs(exponent));
    return result.append(power.length() < 2 ? "0" : "").append(power).toString();
  }

  /** Python's int() of a number or numeric text, for %d and {:d}. */
  static BigInteger integer(Object value) {
    if (value instanceof Boolean bool) {
      return bool ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (value instanceof BigInteger big) {
      return big;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toBigInteger();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("cannot convert " + floatRepr(d) + " to an integer");
      }
      return new BigDecimal(d).toBigInteger();
    }
    if (value instanceof Number number) {
      return BigInteger.valueOf(number.longValue());
    }
    throw new IllegalArgumentException("a number is required, not " + typeName(value));
  }

  static double real(Object value) {
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException("a real number is required, not " + typeName(value));
  }

  /** Python's name for the type of a value, for error messages. */
  static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (Equality.isText(value)) {
      return "str";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return "float";
    }
    if (value instanceof Number) {
      return "int";
    }
    if (value instanceof Map<?, ?>) {
      return "dict";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    return value.getClass().getSimpleName();
  }
}
