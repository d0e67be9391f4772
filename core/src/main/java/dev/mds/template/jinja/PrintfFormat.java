package dev.mds.template.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's printf-style formatting, {@code '%s_%05.2f' % (a, b)} and {@code '%(name)s' % map}, as
 * the {@code %} operator and the {@code format} filter use it. Conversions: s r a d i u f F e E g
 * G x X o c and {@code %%}; flags {@code - + space 0 #}; width and precision, also as {@code *}.
 */
final class PrintfFormat {

  private PrintfFormat() {
  }

  /**
   * Formats with Python's rules for the right operand: a map feeds {@code %(key)s}; a list (a
   * tuple in Jinja) gives one value per conversion; anything else is the single value.
   */
  static String apply(String format, Object operand) {
    if (operand instanceof Map<?, ?> map && format.contains("%(")) {
      return format(format, List.of(), map);
    }
    if (operand instanceof List<?> list) {
      int wanted = conversions(format);
      // Tuples and lists are both lists here; Python spreads only a tuple. A list fills the
      // conversions if its size matches, else it is one value ('%s' % [1, 2]).
      if (wanted == list.size() || wanted != 1) {
        return format(format, list, null);
      }
    }
    return format(format, Collections.singletonList(operand), null);
  }

  /** How many values the format consumes; -1 if it takes a width or precision from {@code *}. */
  private static int conversions(String format) {
    int count = 0;
    for (int i = format.indexOf('%'); i >= 0 && i < format.length(); i = format.indexOf('%', i)) {
      i++;
      while (i < format.length() && "-+ #0123456789.hlL".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      if (i < format.length() && format.charAt(i) == '*') {
        return -1;
      }
      if (i < format.length() && format.charAt(i) != '%') {
        count++;
      }
      i++;
    }
    return count;
  }

  static String format(String format, List<?> values, Map<?, ?> named) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    int next = 0;
    int i = 0;
    int length = format.length();
    while (i < length) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i >= length) {
        throw new IllegalArgumentException("incomplete format");
      }
      Object value = null;
      boolean hasValue = false;
      if (format.charAt(i) == '(') {
        int close = format.indexOf(')', i);
        if (close < 0) {
          throw new IllegalArgumentException("incomplete format key");
        }
        if (named == null) {
          throw new IllegalArgumentException("format requires a mapping");
        }
        String key = format.substring(i + 1, close);
        if (!named.containsKey(key)) {
          throw new IllegalArgumentException("no key '" + key + "' in the mapping");
        }
        value = named.get(key);
        hasValue = true;
        i = close + 1;
      }
      Spec spec = new Spec();
      for (; i < length && "-+ #0".indexOf(format.charAt(i)) >= 0; i++) {
        switch (format.charAt(i)) {
          case '-' -> spec.left = true;
          case '+' -> spec.sign = '+';
          case ' ' -> spec.sign = spec.sign == '+' ? '+' : ' ';
          case '#' -> spec.alternate = true;
          default -> spec.zero = true;
        }
      }
      if (i < length && format.charAt(i) == '*') {
        spec.width = (int) PythonText.integer(take(values, next++)).longValue();
        if (spec.width < 0) {
          spec.left = true;
          spec.width = -spec.width;
        }
        i++;
      } else {
        int start = i;
        while (i < length && Character.isDigit(format.charAt(i))) {
          i++;
        }
        spec.width = start < i ? Integer.parseInt(format.substring(start, i)) : 0;
      }
      if (i < length && format.charAt(i) == '.') {
        i++;
        if (i < length && format.charAt(i) == '*') {
          spec.precision = (int) PythonText.integer(take(values, next++)).longValue();
          i++;
        } else {
          int start = i;
          while (i < length && Character.isDigit(format.charAt(i))) {
            i++;
          }
          spec.precision = start < i ? Integer.parseInt(format.substring(start, i)) : 0;
        }
      }
      while (i < length && "hlL".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      if (i >= length) {
        throw new IllegalArgumentException("incomplete format");
      }
      char type = format.charAt(i++);
      if (type == '%') {
        out.append('%');
        continue;
      }
      if (!hasValue) {
        value = named != null ? named : take(values, next++);
      }
      out.append(convert(type, value, spec));
    }
    if (named == null && next < values.size()) {
      throw new IllegalArgumentException("not all arguments converted during string formatting");
    }
    return out.toString();
  }

  private static Object take(List<?> values, int index) {
    if (index >= values.size()) {
      throw new IllegalArgumentException("not enough arguments for format string");
    }
    return values.get(index);
  }

  /** The flags, width and precision of one conversion. */
  static final class Spec {
    boolean left;
    boolean zero;
    boolean alternate;
    char sign;
    int width;
    int precision = -1;
  }

  private static String convert(char type, Object value, Spec spec) {
    return switch (type) {
      case 's', 'r', 'a' -> {
        String text = type == 's' ? PythonText.str(value) : PythonText.repr(value);
        if (spec.precision >= 0 && spec.precision < text.length()) {
          text = text.substring(0, spec.precision);
        }
        yield pad(text, spec.width, spec.left, ' ');
      }
      case 'd', 'i', 'u' -> number(PythonText.integer(value).toString(), spec, "");
      case 'x', 'X', 'o' -> {
        BigInteger integer = PythonText.integer(value);
        String digits = integer.abs().toString(type == 'o' ? 8 : 16);
        String prefix = !spec.alternate ? "" : type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
        digits = type == 'X' ? digits.toUpperCase(Locale.ROOT) : digits;
        yield number((integer.signum() < 0 ? "-" : "") + digits, spec, prefix);
      }
      case 'f', 'F', 'e', 'E', 'g', 'G' -> {
        double real = PythonText.real(value);
        yield number(real(real, type, spec.precision < 0 ? 6 : spec.precision, spec.alternate),
            spec, "");
      }
      case 'c' -> {
        String text = Equality.isText(value) ? value.toString()
            : Character.toString(PythonText.integer(value).intValueExact());
        yield pad(text, spec.width, spec.left, ' ');
      }
      default -> throw new IllegalArgumentException("unsupported format character '" + type + "'");
    };
  }

  /** Adds the sign, the prefix (0x) and padding to the digits of a number ('-' leading if negative). */
  private static String number(String digits, Spec spec, String prefix) {
    boolean negative = digits.startsWith("-");
    String body = negative ? digits.substring(1) : digits;
    String sign = negative ? "-" : spec.sign == 0 ? "" : String.valueOf(spec.sign);
    boolean finite = !body.equals("inf") && !body.equals("nan");
    if (spec.zero && !spec.left && finite) {
      int room = spec.width - sign.length() - prefix.length();
      return sign + prefix + "0".repeat(Math.max(0, room - body.length())) + body;
    }
    return pad(sign + prefix + body, spec.width, spec.left, ' ');
  }

  static String pad(String text, int width, boolean left, char fill) {
    if (text.length() >= width) {
      return text;
    }
    String padding = String.valueOf(fill).repeat(width - text.length());
    return left ? text + padding : padding + text;
  }

  /** Python's f, e and g conversions of a float, rounding its exact binary value half-even. */
  static String real(double value, char type, int precision, boolean alternate) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      String word = Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
      return Character.isUpperCase(type) ? word.toUpperCase(Locale.ROOT) : word;
    }
    BigDecimal exact = new BigDecimal(value);
    String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
    exact = exact.abs();
    String result = switch (Character.toLowerCase(type)) {
      case 'f' -> fixed(exact, precision, alternate);
      case 'e' -> scientific(exact, precision, alternate);
      default -> general(exact, precision == 0 ? 1 : precision, alternate);
    };
    return sign + (Character.isUpperCase(type) ? result.toUpperCase(Locale.ROOT) : result);
  }

  private static String fixed(BigDecimal value, int precision, boolean alternate) {
    String text = value.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    return alternate && precision == 0 ? text + "." : text;
  }

  private static String scientific(BigDecimal value, int precision, boolean alternate) {
    int exponent = 0;
    String digits;
    if (value.signum() == 0) {
      digits = "0".repeat(precision + 1);
    } else {
      BigDecimal rounded = value.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      exponent = rounded.precision() - rounded.scale() - 1;
      digits = rounded.unscaledValue().toString();
      digits = digits.length() > precision + 1 ? digits.substring(0, precision + 1)
          : digits + "0".repeat(precision + 1 - digits.length());
    }
    StringBuilder out = new StringBuilder().append(digits.charAt(0));
    if (precision > 0 || alternate) {
      out.append('.').append(digits, 1, digits.length());
    }
    String power = Integer.toString(Math.abs(exponent));
    return out.append('e').append(exponent < 0 ? '-' : '+').append(power.length() < 2 ? "0" : "")
        .append(power).toString();
  }

  /** Python's %g: scientific for exponents below -4 or from the precision, trailing zeros dropped. */
  private static String general(BigDecimal value, int precision, boolean alternate) {
    int exponent = 0;
    if (value.signum() != 0) {
      BigDecimal rounded = value.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      exponent = rounded.precision() - rounded.scale() - 1;
    }
    String text = exponent < -4 || exponent >= precision
        ? scientific(value, precision - 1, alternate)
        : fixed(value, Math.max(0, precision - 1 - exponent), alternate);
    if (alternate) {
      return text;
    }
    int e = text.indexOf('e');
    String mantissa = e < 0 ? text : text.substring(0, e);
    if (mantissa.indexOf('.') >= 0) {
      int end = mantissa.length();
      while (mantissa.charAt(end - 1) == '0') {
        end--;
      }
      mantissa = mantissa.substring(0, mantissa.charAt(end - 1) == '.' ? end - 1 : end);
    }
    return e < 0 ? mantissa : mantissa + text.substring(e);
  }
}
