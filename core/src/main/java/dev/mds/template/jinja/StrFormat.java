package dev.mds.template.jinja;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Python's {@code str.format} with positional fields: {@code '{}_{}'.format(a, b)},
 * {@code '{0}{0}'}, {@code '{:>8}'}, {@code '{:.2f}'}, {@code '{:,}'}, {@code '{!r}'} and
 * {@code {{ }}} for braces. Method calls take no keyword arguments in templates, so named fields
 * are reported rather than guessed.
 */
final class StrFormat {

  private StrFormat() {
  }

  static String format(String template, List<Object> args) {
    StringBuilder out = new StringBuilder(template.length() + 16);
    int automatic = 0;
    boolean numbered = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') {
        if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
          out.append('}');
          i += 2;
          continue;
        }
        throw new IllegalArgumentException("single '}' encountered in format string");
      }
      if (c != '{') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
        out.append('{');
        i += 2;
        continue;
      }
      int close = template.indexOf('}', i);
      if (close < 0) {
        throw new IllegalArgumentException("single '{' encountered in format string");
      }
      String field = template.substring(i + 1, close);
      i = close + 1;
      int colon = field.indexOf(':');
      String spec = colon < 0 ? "" : field.substring(colon + 1);
      String head = colon < 0 ? field : field.substring(0, colon);
      int bang = head.indexOf('!');
      char conversion = bang < 0 || bang + 1 >= head.length() ? 0 : head.charAt(bang + 1);
      String name = bang < 0 ? head : head.substring(0, bang);
      int index;
      if (name.isEmpty()) {
        if (numbered) {
          throw new IllegalArgumentException("cannot switch from manual field numbering to"
              + " automatic field numbering");
        }
        index = automatic++;
      } else if (isDigits(name)) {
        numbered = true;
        index = Integer.parseInt(name);
      } else {
        throw new IllegalArgumentException("named field '{" + name + "}' needs a keyword argument,"
            + " which method calls in templates cannot pass; use positional fields");
      }
      if (index >= args.size()) {
        throw new IllegalArgumentException("no value for field {" + (name.isEmpty() ? index : name)
            + "}: " + args.size() + " given");
      }
      Object value = args.get(index);
      if (conversion == 'r' || conversion == 'a') {
        value = PythonText.repr(value);
      } else if (conversion == 's') {
        value = PythonText.str(value);
      }
      out.append(apply(value, spec));
    }
    return out.toString();
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** One value under a spec: [[fill]align][sign][#][0][width][,|_][.precision][type]. */
  static String apply(Object value, String spec) {
    if (spec.isEmpty()) {
      return PythonText.str(value);
    }
    int i = 0;
    char fill = ' ';
    char align = 0;
    if (spec.length() > 1 && "<>^=".indexOf(spec.charAt(1)) >= 0) {
      fill = spec.charAt(0);
      align = spec.charAt(1);
      i = 2;
    } else if ("<>^=".indexOf(spec.charAt(0)) >= 0) {
      align = spec.charAt(0);
      i = 1;
    }
    char sign = 0;
    if (i < spec.length() && "+- ".indexOf(spec.charAt(i)) >= 0) {
      sign = spec.charAt(i++) == '-' ? 0 : spec.charAt(i - 1);
    }
    boolean alternate = i < spec.length() && spec.charAt(i) == '#';
    i += alternate ? 1 : 0;
    if (i < spec.length() && spec.charAt(i) == '0') {
      if (align == 0) {
        fill = '0';
        align = '=';
      }
      i++;
    }
    int start = i;
    while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
      i++;
    }
    int width = start < i ? Integer.parseInt(spec.substring(start, i)) : 0;
    char grouping = i < spec.length() && (spec.charAt(i) == ',' || spec.charAt(i) == '_')
        ? spec.charAt(i++) : 0;
    int precision = -1;
    if (i < spec.length() && spec.charAt(i) == '.') {
      start = ++i;
      while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
        i++;
      }
      precision = Integer.parseInt(spec.substring(start, i));
    }
    char type = i < spec.length() ? spec.charAt(i++) : 0;
    if (i < spec.length()) {
      throw new IllegalArgumentException("invalid format specifier '" + spec + "'");
    }
    boolean numeric = value instanceof Number || value instanceof Boolean;
    if (type == 's' || (type == 0 && !numeric)) {
      if (!Equality.isText(value) && type == 's' && numeric) {
        throw new IllegalArgumentException("unknown format code 's' for a number");
      }
      String text = PythonText.str(value);
      if (precision >= 0 && precision < text.length()) {
        text = text.substring(0, precision);
      }
      return align(text, "", fill, align == 0 ? '<' : align, width);
    }
    if (!numeric) {
      throw new IllegalArgumentException("unknown format code '" + type + "' for "
          + PythonText.typeName(value));
    }
    boolean integral = !(value instanceof Double || value instanceof Float
        || value instanceof java.math.BigDecimal);
    String digits;
    if ("dnbxXoc".indexOf(type) >= 0 || (type == 0 && integral)) {
      BigInteger number = PythonText.integer(value);
      int radix = switch (type) {
        case 'b' -> 2;
        case 'o' -> 8;
        case 'x', 'X' -> 16;
        default -> 10;
      };
      if (type == 'c') {
        return align(Character.toString(number.intValueExact()), "", fill,
            align == 0 ? '<' : align, width);
      }
      digits = number.abs().toString(radix);
      digits = type == 'X' ? digits.toUpperCase(Locale.ROOT) : digits;
      if (alternate && radix != 10) {
        digits = "0" + (type == 'b' ? "b" : type == 'o' ? "o" : type == 'X' ? "X" : "x") + digits;
      }
      digits = (number.signum() < 0 ? "-" : "") + digits;
    } else {
      double real = PythonText.real(value);
      if (type == '%') {
        digits = PrintfFormat.real(real * 100, 'f', precision < 0 ? 6 : precision, alternate) + "%";
      } else if (type == 0) {
        digits = precision < 0 ? PythonText.floatRepr(real)
            : PrintfFormat.real(real, 'g', precision, alternate);
      } else {
        digits = PrintfFormat.real(real, type, precision < 0 ? 6 : precision, alternate);
      }
    }
    boolean negative = digits.startsWith("-");
    String body = negative ? digits.substring(1) : digits;
    if (grouping != 0) {
      body = group(body, grouping);
    }
    String signText = negative ? "-" : sign == 0 ? "" : String.valueOf(sign);
    return align(body, signText, fill, align == 0 ? '>' : align, width);
  }

  /** Thousands separators in the integer part of plain digits. */
  private static String group(String body, char separator) {
    int end = 0;
    while (end < body.length() && Character.isDigit(body.charAt(end))) {
      end++;
    }
    StringBuilder grouped = new StringBuilder();
    for (int k = 0; k < end; k++) {
      if (k > 0 && (end - k) % 3 == 0) {
        grouped.append(separator);
      }
      grouped.append(body.charAt(k));
    }
    return grouped.append(body, end, body.length()).toString();
  }

  private static String align(String body, String sign, char fill, char align, int width) {
    int room = width - body.length() - sign.length();
    if (room <= 0) {
      return sign + body;
    }
    String padding = String.valueOf(fill).repeat(room);
    return switch (align) {
      case '<' -> sign + body + padding;
      case '^' -> String.valueOf(fill).repeat(room / 2) + sign + body
          + String.valueOf(fill).repeat(room - room / 2);
      case '=' -> sign + padding + body;
      default -> padding + sign + body;
    };
  }
}
