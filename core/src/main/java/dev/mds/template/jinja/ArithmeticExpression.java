package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** Jinja's arithmetic that differs from Pebble's: true division {@code /}, {@code //} and {@code **}. */
final class ArithmeticExpression extends BinaryExpression<Object> {

  enum Operation { DIVIDE, FLOOR_DIVIDE, POWER }

  private final Operation operation;

  ArithmeticExpression(Operation operation) {
    this.operation = operation;
  }

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    Object left = getLeftExpression().evaluate(self, context);
    Object right = getRightExpression().evaluate(self, context);
    if (!(left instanceof Number a) || !(right instanceof Number b)) {
      throw new PebbleException(null, "Arithmetic needs two numbers, got " + Sequence.describe(left)
          + " and " + Sequence.describe(right), getLineNumber(), self.getName());
    }
    if (operation != Operation.POWER && b.doubleValue() == 0) {
      throw new PebbleException(null, "Division by zero", getLineNumber(), self.getName());
    }
    return switch (operation) {
      case DIVIDE -> divide(a, b);
      case FLOOR_DIVIDE -> floorDivide(a, b);
      case POWER -> power(a, b);
    };
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
