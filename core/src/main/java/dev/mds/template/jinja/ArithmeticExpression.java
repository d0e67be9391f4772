package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.utils.OperatorUtils;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Jinja's arithmetic that differs from Pebble's: true division {@code /}, {@code //}, {@code **},
 * {@code %} as Python's modulo and string formatting ({@code '%s-%s' % (a, b)}), {@code +} joining
 * lists, and {@code *} repeating text and lists.
 */
final class ArithmeticExpression extends BinaryExpression<Object> {

  enum Operation { DIVIDE, FLOOR_DIVIDE, POWER, MODULO, ADD, MULTIPLY }

  private final Operation operation;

  ArithmeticExpression(Operation operation) {
    this.operation = operation;
  }

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    Object left = getLeftExpression().evaluate(self, context);
    Object right = getRightExpression().evaluate(self, context);
    try {
      switch (operation) {
        case ADD -> {
          return add(left, right);
        }
        case MULTIPLY -> {
          Object repeated = repeat(left, right);
          if (repeated != null) {
            return repeated;
          }
          if (left instanceof Number && right instanceof Number) {
            return OperatorUtils.multiply(left, right);
          }
        }
        case MODULO -> {
          if (Equality.isText(left)) {
            return PrintfFormat.apply(left.toString(), right);
          }
        }
        default -> {
        }
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new PebbleException(e, "Operator '" + symbol() + "': " + e.getMessage(),
          getLineNumber(), self.getName());
    }
    if (!(left instanceof Number a) || !(right instanceof Number b)) {
      throw new PebbleException(null, "Arithmetic needs two numbers, got " + Sequence.describe(left)
          + " and " + Sequence.describe(right), getLineNumber(), self.getName());
    }
    if ((operation == Operation.DIVIDE || operation == Operation.FLOOR_DIVIDE
        || operation == Operation.MODULO) && b.doubleValue() == 0) {
      throw new PebbleException(null, "Division by zero", getLineNumber(), self.getName());
    }
    return switch (operation) {
      case DIVIDE -> divide(a, b);
      case FLOOR_DIVIDE -> floorDivide(a, b);
      case POWER -> power(a, b);
      case MODULO -> modulo(a, b);
      default -> throw new IllegalStateException(operation.name());
    };
  }

  private String symbol() {
    return switch (operation) {
      case DIVIDE -> "/";
      case FLOOR_DIVIDE -> "//";
      case POWER -> "**";
      case MODULO -> "%";
      case ADD -> "+";
      case MULTIPLY -> "*";
    };
  }

  /** Lists join into a new list; everything else adds as Pebble does (numbers, text). */
  private static Object add(Object left, Object right) {
    if (left instanceof List<?> a && right instanceof List<?> b) {
      List<Object> joined = new ArrayList<>(a.size() + b.size());
      joined.addAll(a);
      joined.addAll(b);
      return joined;
    }
    boolean numbers = left instanceof Number && right instanceof Number;
    boolean joinable = left instanceof List<?> || (Equality.isText(left) && right != null)
        || (Equality.isText(right) && left != null);
    if (!numbers && !joinable) {
      throw new IllegalArgumentException("cannot add " + Sequence.describe(left) + " and "
          + Sequence.describe(right));
    }
    return OperatorUtils.add(left, right);
  }

  /** Python's {@code 'ab' * 2} and {@code [0] * 3}; null when neither side is text or a list. */
  private static Object repeat(Object left, Object right) {
    Object sequence = right instanceof Number ? left : left instanceof Number ? right : null;
    Object count = sequence == left ? right : left;
    if (sequence == null || !(Equality.isText(sequence) || sequence instanceof List<?>)) {
      return null;
    }
    if (!isIntegral((Number) count)) {
      throw new IllegalArgumentException("can only repeat text or a list a whole number of times");
    }
    int times = (int) Math.max(0, ((Number) count).longValue());
    if (Equality.isText(sequence)) {
      return sequence.toString().repeat(times);
    }
    List<?> items = (List<?>) sequence;
    List<Object> repeated = new ArrayList<>(items.size() * times);
    for (int i = 0; i < times; i++) {
      repeated.addAll(items);
    }
    return repeated;
  }

  /** Python's modulo: the result takes the divisor's sign, so -7 % 3 is 2. */
  private static Object modulo(Number a, Number b) {
    if (isIntegral(a) && isIntegral(b)) {
      return Math.floorMod(a.longValue(), b.longValue());
    }
    if (a instanceof BigDecimal || b instanceof BigDecimal) {
      BigDecimal divisor = decimal(b);
      BigDecimal remainder = decimal(a).remainder(divisor);
      return remainder.signum() != 0 && remainder.signum() != divisor.signum()
          ? remainder.add(divisor) : remainder;
    }
    double divisor = b.doubleValue();
    double remainder = a.doubleValue() % divisor;
    return remainder != 0 && (remainder < 0) != (divisor < 0) ? remainder + divisor : remainder;
  }

  private static Object divide(Number a, Number b) {
    if (a instanceof BigDecimal || b instanceof BigDecimal) {
      return decimal(a).divide(decimal(b), MathContext.DECIMAL128);
    }
    // Python 3 (and so Jinja) divides integers into a float: 7 / 2 is 3.5, 4 / 2 is 2.0.
    return a.doubleValue() / b.doubleValue();
  }

  private static Object floorDivide(Number a, Number b) {
    if (isIntegral(a) && isIntegral(b)) {
      return Math.floorDiv(a.longValue(), b.longValue());
    }
    return Math.floor(a.doubleValue() / b.doubleValue());
  }

  private static Object power(Number a, Number b) {
    if (isIntegral(a) && isIntegral(b) && b.longValue() >= 0 && b.longValue() <= Integer.MAX_VALUE) {
      BigInteger result = BigInteger.valueOf(a.longValue()).pow(b.intValue());
      return result.bitLength() < Long.SIZE ? (Object) result.longValue() : result;
    }
    return Math.pow(a.doubleValue(), b.doubleValue());
  }

  private static boolean isIntegral(Number number) {
    return number instanceof Long || number instanceof Integer || number instanceof Short
        || number instanceof Byte;
  }

  private static BigDecimal decimal(Number number) {
    return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
  }
}
