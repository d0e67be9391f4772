package dev.mds.template.context;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code + - < <= > >=} on dates, datetimes and timedeltas, as Python defines them
 * ({@code run_started_at - modules.datetime.timedelta(days=1)}, {@code a < b}); any other operands
 * get the operator these replace.
 */
final class DateOperators {

  private DateOperators() {
  }

  /** The operators, with their Pebble precedence; one switch, no lambda each (start-up time). */
  private enum Operation {
    ADD("+"), SUBTRACT("-"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"),
    GREATER_OR_EQUAL(">=");

    final String symbol;

    Operation(String symbol) {
      this.symbol = symbol;
    }

    Object apply(Object left, Object right) {
      return switch (this) {
        case ADD -> add(left, right);
        case SUBTRACT -> subtract(left, right);
        case LESS -> compare(left, right) < 0;
        case LESS_OR_EQUAL -> compare(left, right) <= 0;
        case GREATER -> compare(left, right) > 0;
        case GREATER_OR_EQUAL -> compare(left, right) >= 0;
      };
    }
  }

  /**
   * The six operators, each falling back on {@code underneath}'s operator of the same symbol
   * (Pebble's, or the Jinja layer's that replaced it) for operands that are not dates.
   */
  static List<io.pebbletemplates.pebble.operator.BinaryOperator> over(
      Map<String, io.pebbletemplates.pebble.operator.BinaryOperator> underneath) {
    List<io.pebbletemplates.pebble.operator.BinaryOperator> operators = new ArrayList<>();
    for (Operation operation : Operation.values()) {
      io.pebbletemplates.pebble.operator.BinaryOperator other = underneath.get(operation.symbol);
      operators.add(new BinaryOperatorImpl(operation.symbol, other.getPrecedence(),
          () -> new Expression(operation, other), other.getType(), other.getAssociativity()));
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
    private final io.pebbletemplates.pebble.operator.BinaryOperator other;

    Expression(Operation operation, io.pebbletemplates.pebble.operator.BinaryOperator other) {
      this.operation = operation;
      this.other = other;
    }

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      Object left = getLeftExpression().evaluate(self, context);
      Object right = getRightExpression().evaluate(self, context);
      if (!isTemporal(left) && !isTemporal(right)) {
        // The operands are evaluated once: the other operator gets their values.
        BinaryExpression<?> expression = other.createInstance();
        expression.setLeft(new Evaluated(left, getLineNumber()));
        expression.setRight(new Evaluated(right, getLineNumber()));
        expression.setLineNumber(getLineNumber());
        return expression.evaluate(self, context);
      }
      try {
        return operation.apply(left, right);
      } catch (RuntimeException e) {
        throw new PebbleException(e, "Could not perform '" + operation.symbol + "'"
            + (e.getMessage() == null ? "" : ": " + e.getMessage()), getLineNumber(),
            self.getName());
      }
    }
  }

  /** An operand already evaluated. */
  private record Evaluated(Object value, int lineNumber)
      implements io.pebbletemplates.pebble.node.expression.Expression<Object> {

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      return value;
    }

    @Override
    public void accept(NodeVisitor visitor) {
      visitor.visit(this);
    }

    @Override
    public int getLineNumber() {
      return lineNumber;
    }
  }
}
