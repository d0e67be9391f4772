package dev.mds.template.context;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.utils.OperatorUtils;
import java.util.List;

/**
 * {@code + - < <= > >=} on dates, datetimes and timedeltas, as Python defines them
 * ({@code run_started_at - modules.datetime.timedelta(days=1)}, {@code a < b}); any other operands
 * get Pebble's own operators. Pebble's precedences: comparisons 30, {@code + -} 40.
 */
final class DateOperators {

  private DateOperators() {
  }

  static List<io.pebbletemplates.pebble.operator.BinaryOperator> all() {
    return List.of(
        operator("+", 40, "addition", DateOperators::add, OperatorUtils::add),
        operator("-", 40, "subtraction", DateOperators::subtract, OperatorUtils::subtract),
        operator("<", 30, "comparison", (a, b) -> compare(a, b) < 0, OperatorUtils::lt),
        operator("<=", 30, "comparison", (a, b) -> compare(a, b) <= 0, OperatorUtils::lte),
        operator(">", 30, "comparison", (a, b) -> compare(a, b) > 0, OperatorUtils::gt),
        operator(">=", 30, "comparison", (a, b) -> compare(a, b) >= 0, OperatorUtils::gte));
  }

  private static io.pebbletemplates.pebble.operator.BinaryOperator operator(String symbol,
      int precedence, String what, java.util.function.BinaryOperator<Object> dates, java.util.function.BinaryOperator<Object> others) {
    return new BinaryOperatorImpl(symbol, precedence, () -> new Expression(what, dates, others),
        BinaryOperatorType.NORMAL, Associativity.LEFT);
  }

  private static boolean isTemporal(Object value) {
    return value instanceof PyDateTime || value instanceof PyDate || value instanceof PyTime
        || value instanceof PyTimedelta;
  }

  private static Object add(Object left, Object right) {
    if (left instanceof PyTimedelta delta && !(right instanceof PyTimedelta)) {
      return add(right, delta);
    }
    if (right instanceof PyTimedelta delta) {
      if (left instanceof PyDateTime time) {
        return time.plus(delta);
      }
      if (left instanceof PyDate date) {
        return date.plus(delta);
      }
      if (left instanceof PyTimedelta other) {
        return other.plus(delta);
      }
    }
    throw unsupported("+", left, right);
  }

  private static Object subtract(Object left, Object right) {
    if (right instanceof PyTimedelta delta) {
      return add(left, delta.negated());
    }
    if (left instanceof PyDateTime a && right instanceof PyDateTime b) {
      return a.minus(b);
    }
    if (left instanceof PyDate a && right instanceof PyDate b) {
      return PyTimedelta.ofSeconds(86_400L * (a.date().toEpochDay() - b.date().toEpochDay()));
    }
    throw unsupported("-", left, right);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object left, Object right) {
    if (left != null && right != null && left.getClass() == right.getClass()
        && left instanceof Comparable comparable) {
      return comparable.compareTo(right);
    }
    throw new IllegalArgumentException("'<' not supported between instances of '"
        + Iterables.typeName(left) + "' and '" + Iterables.typeName(right) + "'");
  }

  private static IllegalArgumentException unsupported(String symbol, Object left, Object right) {
    return new IllegalArgumentException("unsupported operand type(s) for " + symbol + ": '"
        + Iterables.typeName(left) + "' and '" + Iterables.typeName(right) + "'");
  }

  private static final class Expression extends BinaryExpression<Object> {

    private final String what;
    private final java.util.function.BinaryOperator<Object> dates;
    private final java.util.function.BinaryOperator<Object> others;

    Expression(String what, java.util.function.BinaryOperator<Object> dates, java.util.function.BinaryOperator<Object> others) {
      this.what = what;
      this.dates = dates;
      this.others = others;
    }

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      Object left = getLeftExpression().evaluate(self, context);
      Object right = getRightExpression().evaluate(self, context);
      try {
        return isTemporal(left) || isTemporal(right) ? dates.apply(left, right)
            : others.apply(left, right);
      } catch (PebbleException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PebbleException(e, "Could not perform " + what
            + (e.getMessage() == null ? "" : ": " + e.getMessage()), getLineNumber(),
            self.getName());
      }
    }
  }
}
