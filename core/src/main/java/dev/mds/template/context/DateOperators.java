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

  /** The operators, with their Pebble precedence; one switch, no lambda each (start-up time). */
  private enum Operation {
    ADD("+", 40), SUBTRACT("-", 40), LESS("<", 30), LESS_OR_EQUAL("<=", 30),
    GREATER(">", 30), GREATER_OR_EQUAL(">=", 30);

    final String symbol;
    final int precedence;

    Operation(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    Object apply(Object left, Object right) {
      if (isTemporal(left) || isTemporal(right)) {
        return switch (this) {
          case ADD -> add(left, right);
          case SUBTRACT -> subtract(left, right);
          case LESS -> compare(left, right) < 0;
          case LESS_OR_EQUAL -> compare(left, right) <= 0;
          case GREATER -> compare(left, right) > 0;
          case GREATER_OR_EQUAL -> compare(left, right) >= 0;
        };
      }
      return switch (this) {
        case ADD -> OperatorUtils.add(left, right);
        case SUBTRACT -> OperatorUtils.subtract(left, right);
        case LESS -> OperatorUtils.lt(left, right);
        case LESS_OR_EQUAL -> OperatorUtils.lte(left, right);
        case GREATER -> OperatorUtils.gt(left, right);
        case GREATER_OR_EQUAL -> OperatorUtils.gte(left, right);
      };
    }
  }

  static List<io.pebbletemplates.pebble.operator.BinaryOperator> all() {
    List<io.pebbletemplates.pebble.operator.BinaryOperator> operators = new java.util.ArrayList<>();
    for (Operation operation : Operation.values()) {
      operators.add(new BinaryOperatorImpl(operation.symbol, operation.precedence,
          () -> new Expression(operation), BinaryOperatorType.NORMAL, Associativity.LEFT));
    }
    return operators;
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
    throw new IllegalArgumentException("ordering not supported between instances of '"
        + Iterables.typeName(left) + "' and '" + Iterables.typeName(right) + "'");
  }

  private static IllegalArgumentException unsupported(String symbol, Object left, Object right) {
    return new IllegalArgumentException("unsupported operand type(s) for " + symbol + ": '"
        + Iterables.typeName(left) + "' and '" + Iterables.typeName(right) + "'");
  }

  private static final class Expression extends BinaryExpression<Object> {

    private final Operation operation;

    Expression(Operation operation) {
      this.operation = operation;
    }

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      Object left = getLeftExpression().evaluate(self, context);
      Object right = getRightExpression().evaluate(self, context);
      try {
        return operation.apply(left, right);
      } catch (PebbleException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PebbleException(e, "Could not perform '" + operation.symbol + "'"
            + (e.getMessage() == null ? "" : ": " + e.getMessage()), getLineNumber(),
            self.getName());
      }
    }
  }
}
