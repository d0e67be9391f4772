package dev.mds.template.jinja;

import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * The operators SliceRetyping turns a subscript's colons into. Which parts of
 * {@code [start:stop:step]} are present is in the operator: {@link Separator} joins two present
 * neighbours, {@link StartAndStep}/{@link StopAndStep} two parts around a missing one, and the
 * unary ones take a single part. Unary nodes are public because Pebble instantiates them
 * reflectively.
 */
public final class SliceExpressions {

  private SliceExpressions() {
  }

  /** {@code a:b} and {@code a:b:c} (left-associative: the second joins the step on). */
  static final class Separator extends BinaryExpression<Object> {
    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      Object left = getLeftExpression().evaluate(self, context);
      Object right = getRightExpression().evaluate(self, context);
      if (getLeftExpression() instanceof Separator && left instanceof Slice slice) {
        return new Slice(slice.start(), slice.stop(), right);
      }
      return new Slice(left, right, null);
    }
  }

  /** {@code a::c}. */
  static final class StartAndStep extends BinaryExpression<Object> {
    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      return new Slice(getLeftExpression().evaluate(self, context), null,
          getRightExpression().evaluate(self, context));
    }
  }

  /** {@code :b:c}. */
  static final class StopAndStep extends BinaryExpression<Object> {
    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      return new Slice(null, getLeftExpression().evaluate(self, context),
          getRightExpression().evaluate(self, context));
    }
  }

  /** {@code a:} and {@code a::}. */
  public static final class StartOnly extends UnaryExpression {
    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      return new Slice(getChildExpression().evaluate(self, context), null, null);
    }
  }

  /** {@code :b} and {@code :b:}. */
  public static final class StopOnly extends UnaryExpression {
    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      return new Slice(null, getChildExpression().evaluate(self, context), null);
    }
  }

  /** {@code ::c}. */
  public static final class StepOnly extends UnaryExpression {
    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      return new Slice(null, null, getChildExpression().evaluate(self, context));
    }
  }

  /** Stands in for a colon that needs no operator of its own; yields its operand unchanged. */
  public static final class Unchanged extends UnaryExpression {
    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      return getChildExpression().evaluate(self, context);
    }
  }
}
