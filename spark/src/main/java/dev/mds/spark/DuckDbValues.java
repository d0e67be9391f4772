package dev.mds.spark;

import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Divide;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.If;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Literal$;
import org.apache.spark.sql.catalyst.expressions.Multiply;
import org.apache.spark.sql.catalyst.expressions.Round;
import org.apache.spark.sql.catalyst.expressions.UnscaledValue;
import org.apache.spark.sql.catalyst.expressions.WindowExpression;
import org.apache.spark.sql.catalyst.expressions.WindowSpecDefinition;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateFunction;
import org.apache.spark.sql.catalyst.expressions.aggregate.Average;
import org.apache.spark.sql.catalyst.expressions.aggregate.Complete$;
import org.apache.spark.sql.catalyst.expressions.aggregate.Count;
import org.apache.spark.sql.catalyst.expressions.aggregate.Sum;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import scala.Option;

/**
 * Arithmetic whose result type and value differ between the engines, given DuckDB's (a Spark
 * analysis rule, injected by {@link DuckDbSyntax}, that runs once the operands' types are known):
 * <ul>
 *   <li>{@code avg} of a decimal is a double in DuckDB (Spark: a decimal with 4 more digits,
 *       rounded there). It becomes DuckDB's computation: the exact sum of the unscaled values
 *       divided by count times the scale, in doubles; also as a window function, with
 *       {@code distinct} and {@code filter};</li>
 *   <li>a division with a decimal operand is a double division in DuckDB (Spark: a decimal
 *       with at most 6 to 13 digits after the point);</li>
 *   <li>{@code round(x, d)} of a double is DuckDB's {@code round(x * 10^d) / 10^d} (Spark rounds
 *       the shortest decimal text of x half up, so {@code round(1.005, 2)} is 1.01 on Spark and
 *       1.0 on DuckDB, as is {@code round(avg(amount), 2)} at half cents);</li>
 *   <li>{@code date - date} is a number of days in DuckDB (a {@code bigint}); Spark gives an
 *       interval;</li>
 *   <li>a division by zero is Infinity, -Infinity or NaN in DuckDB (a double division); Spark
 *       fails in ANSI mode.</li>
 * </ul>
 */
final class DuckDbValues extends Rule<LogicalPlan> {

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    boolean[] changed = {false};
    LogicalPlan out = plan.resolveOperatorsUp(Catalyst.partial((LogicalPlan node) -> {
      // An average in a having or an order by is left until Spark moves it into the aggregate:
      // Spark matches those with the aggregate's own expressions, as written.
      boolean averages = !(node instanceof Filter || node instanceof Sort
          || node instanceof org.apache.spark.sql.catalyst.analysis.UnresolvedHaving);
      LogicalPlan rewritten = (LogicalPlan) node.transformExpressions(Catalyst.partial(
          (Expression e) -> rewrite(e, averages)));
      if (rewritten == node) {
        return null;
      }
      changed[0] = true;
      return rewritten;
    }));
    return changed[0] ? withOutputTypes(out) : out;
  }

  /**
   * References to a column whose type a rewrite changed, given the new type. Spark may already
   * have resolved a reference to it (the projection over a window it extracted, a {@code having})
   * and a reference carries its type; a stale one would read a double's bits as a decimal.
   * Bottom up, so a change carries on to the columns computed from it.
   */
  private static LogicalPlan withOutputTypes(LogicalPlan plan) {
    // A CTE's readers (CTERelationRef) keep the output its definition had when they were made,
    // which may be before the rewrite (same analyzer iteration): given the definition's types.
    java.util.Map<Long, java.util.List<org.apache.spark.sql.catalyst.expressions.Attribute>>
        definitions = new java.util.HashMap<>();
    for (LogicalPlan node : Catalyst.list(plan.collect(Catalyst.partial((LogicalPlan n) ->
        n instanceof org.apache.spark.sql.catalyst.plans.logical.CTERelationDef d
            && d.resolved() ? n : null)))) {
      org.apache.spark.sql.catalyst.plans.logical.CTERelationDef d =
          (org.apache.spark.sql.catalyst.plans.logical.CTERelationDef) node;
      definitions.put(d.id(), Catalyst.list(d.output()));
    }
    return plan.resolveOperatorsUp(Catalyst.partial((LogicalPlan node) -> {
      if (node instanceof org.apache.spark.sql.catalyst.plans.logical.CTERelationRef ref
          && definitions.containsKey(ref.cteId())) {
        java.util.List<org.apache.spark.sql.catalyst.expressions.Attribute> def =
            definitions.get(ref.cteId());
        java.util.List<org.apache.spark.sql.catalyst.expressions.Attribute> output =
            new java.util.ArrayList<>(Catalyst.list(ref.output()));
        boolean stale = false;
        for (int i = 0; i < output.size() && i < def.size(); i++) {
          if (!output.get(i).dataType().equals(def.get(i).dataType())) {
            output.set(i, output.get(i).withDataType(def.get(i).dataType()));
            stale = true;
          }
        }
        return stale ? ref.copy(ref.cteId(), ref._resolved(), Catalyst.seq(output),
            ref.isStreaming(), ref.statsOpt(), ref.recursive()) : null;
      }
      java.util.Map<org.apache.spark.sql.catalyst.expressions.ExprId, DataType> types =
          new java.util.HashMap<>();
      for (LogicalPlan child : Catalyst.list(node.children())) {
        if (!child.resolved()) {
          // an unresolved child (a star not yet expanded above a CTE) has no output to ask for
          continue;
        }
        for (org.apache.spark.sql.catalyst.expressions.Attribute a
            : Catalyst.list(child.output())) {
          if (a.resolved()) {
            types.put(a.exprId(), a.dataType());
          }
        }
      }
      boolean[] stale = {false};
      LogicalPlan fixed = (LogicalPlan) node.transformExpressions(Catalyst.partial(
          (Expression e) -> {
            if (e instanceof org.apache.spark.sql.catalyst.expressions.AttributeReference a) {
              DataType now = types.get(a.exprId());
              if (now != null && !now.equals(a.dataType())) {
                stale[0] = true;
                return a.withDataType(now);
              }
            }
            return null;
          }));
      return stale[0] ? fixed : null;
    }));
  }

  private static Expression rewrite(Expression e, boolean averages) {
    if (averages && e instanceof WindowExpression w
        && w.windowFunction() instanceof AggregateExpression a && decimalAverage(a)) {
      return average(a, w.windowSpec());
    }
    if (averages && e instanceof AggregateExpression a && decimalAverage(a)) {
      return average(a, null);
    }
    if (e instanceof Divide d && d.childrenResolved() && numeric(d.left().dataType())
        && numeric(d.right().dataType()) && (d.left().dataType() instanceof DecimalType
        || d.right().dataType() instanceof DecimalType)) {
      return new Divide(toDouble(d.left()), toDouble(d.right()));
    }
    if (e instanceof Divide d && d.childrenResolved() && d.getTagValue(IEEE).isEmpty()
        && numeric(d.left().dataType()) && numeric(d.right().dataType())) {
      return ieeeDivision(d);
    }
    if (e instanceof org.apache.spark.sql.catalyst.expressions.Remainder r
        && r.childrenResolved() && r.getTagValue(IEEE).isEmpty()
        && numeric(r.left().dataType()) && numeric(r.right().dataType())) {
      return remainder(r);
    }
    if (e instanceof Cast c && c.child().resolved() && integral(c.dataType())
        && c.getTagValue(IEEE).isEmpty()) {
      return roundedCast(c);
    }
    if (e instanceof Cast c && c.child().resolved() && c.dataType() instanceof DecimalType to
        && to.precision() <= 18 && c.getTagValue(IEEE).isEmpty()
        && (c.child().dataType().equals(DataTypes.DoubleType)
        || c.child().dataType().equals(DataTypes.FloatType))) {
      return doubleToDecimal(c, to);
    }
    if (e instanceof org.apache.spark.sql.catalyst.expressions.Subtract d && d.childrenResolved()
        && d.left().dataType().equals(DataTypes.DateType)
        && d.right().dataType().equals(DataTypes.DateType)
        || e instanceof org.apache.spark.sql.catalyst.expressions.SubtractDates dates
        && dates.childrenResolved()) {
      Expression left = ((org.apache.spark.sql.catalyst.expressions.BinaryExpression) e).left();
      Expression right = ((org.apache.spark.sql.catalyst.expressions.BinaryExpression) e).right();
      return new Cast(new org.apache.spark.sql.catalyst.expressions.DateDiff(left, right),
          DataTypes.LongType, Option.empty());
    }
    // Spark may have taken the difference for an interval already (interval * n, interval / n):
    // once it is a number of days, that is a plain product or quotient.
    if (e instanceof org.apache.spark.sql.catalyst.expressions.MultiplyDTInterval m
        && m.interval().resolved() && numeric(m.interval().dataType())) {
      return new Multiply(m.interval(), m.num());
    }
    if (e instanceof org.apache.spark.sql.catalyst.expressions.DivideDTInterval q
        && q.interval().resolved() && numeric(q.interval().dataType())) {
      return new Divide(q.interval(), q.num());
    }
    if (e instanceof org.apache.spark.sql.catalyst.expressions.TimeAdd t
        && t.interval().resolved() && numeric(t.interval().dataType())
        && t.start().resolved() && numeric(t.start().dataType())) {
      return new org.apache.spark.sql.catalyst.expressions.Add(t.start(), t.interval(),
          org.apache.spark.sql.catalyst.expressions.EvalMode.fromSQLConf(
              org.apache.spark.sql.internal.SQLConf.get()));
    }
    if (e instanceof Round r && r.child().resolved()
        && r.child().dataType().equals(DataTypes.DoubleType) && r.scale().foldable()
        && r.scale().resolved() && r.scale().dataType().equals(DataTypes.IntegerType)) {
      Object scale = r.scale().eval(null);
      if (scale == null || (Integer) scale == 0) {
        return null;
      }
      int digits = (Integer) scale;
      Literal zero = Literal$.MODULE$.apply(0);
      if (digits > 0) {
        Literal modifier = Literal$.MODULE$.apply(Math.pow(10, digits));
        return new Divide(new Round(new Multiply(r.child(), modifier), zero), modifier);
      }
      Literal modifier = Literal$.MODULE$.apply(Math.pow(10, -digits));
      return new Multiply(new Round(new Divide(r.child(), modifier), zero), modifier);
    }
    return null;
  }

  /**
   * DuckDB's {@code x % 0}: null for integers and decimals, NaN for doubles (null for a null
   * x), where Spark fails in ANSI mode.
   */
  private static Expression remainder(
      org.apache.spark.sql.catalyst.expressions.Remainder r) {
    org.apache.spark.sql.catalyst.expressions.Remainder tagged =
        new org.apache.spark.sql.catalyst.expressions.Remainder(r.left(), r.right(),
            r.evalMode());
    tagged.setTagValue(IEEE, Boolean.TRUE);
    DataType type = r.dataType();
    Expression byZero = type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)
        ? new If(new org.apache.spark.sql.catalyst.expressions.IsNull(r.left()),
            Literal$.MODULE$.create(null, type), new Cast(Literal$.MODULE$.apply(Double.NaN),
            type, Option.empty()))
        : Literal$.MODULE$.create(null, type);
    return new If(new EqualTo(r.right(), new Cast(Literal$.MODULE$.apply(0), r.right()
        .dataType(), Option.empty())), byZero, tagged);
  }

  private static boolean integral(DataType t) {
    return t.equals(DataTypes.ByteType) || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType);
  }

  /**
   * DuckDB rounds a fraction cast to an integer type where Spark truncates: a double or float to
   * the nearest, ties to even ({@code cast(2.5 as double)::int} is 2, {@code 3.5} gives 4); a
   * decimal, and a string holding a decimal number ({@code '12.5'}, which Spark's ANSI cast
   * refuses), half away from zero (2.5 gives 3).
   */
  private static Expression roundedCast(Cast c) {
    Expression x = c.child();
    DataType from = x.dataType();
    Expression rounded;
    if ((from.equals(DataTypes.DoubleType) || from.equals(DataTypes.FloatType))
        && !(x instanceof org.apache.spark.sql.catalyst.expressions.Rint)) {
      rounded = new org.apache.spark.sql.catalyst.expressions.Rint(x);
    } else if (from instanceof DecimalType d && d.scale() > 0) {
      rounded = new Round(x, Literal$.MODULE$.apply(0));
    } else if (from instanceof org.apache.spark.sql.types.StringType) {
      // an integer's text as it was; other text as a decimal, rounded (invalid text still fails)
      Cast exact = new Cast(x, c.dataType(), c.timeZoneId(),
          org.apache.spark.sql.catalyst.expressions.EvalMode.TRY());
      exact.setTagValue(IEEE, Boolean.TRUE);
      Expression decimal = new Round(new Cast(x, DataTypes.createDecimalType(38, 10),
          c.timeZoneId(), c.evalMode()), Literal$.MODULE$.apply(0));
      Cast fromDecimal = new Cast(decimal, c.dataType(), c.timeZoneId(), c.evalMode());
      fromDecimal.setTagValue(IEEE, Boolean.TRUE);
      return new org.apache.spark.sql.catalyst.expressions.Coalesce(Catalyst.seq(
          java.util.List.of(exact, fromDecimal)));
    } else {
      return null;
    }
    return new Cast(rounded, c.dataType(), c.timeZoneId(), c.evalMode());
  }

  /**
   * DuckDB's cast of a double to {@code decimal(p, s)}: {@code x * 10^s} in doubles, rounded half
   * away from zero, as the unscaled value ({@code cast(1.005 as double)::decimal(10,2)} is 1.00
   * on DuckDB, whose double is just below 1.005; Spark rounds the shortest text, 1.005, to 1.01).
   */
  private static Expression doubleToDecimal(Cast c, DecimalType to) {
    Expression x = toDouble(c.child());
    Expression scaled = new Round(new Multiply(x, Literal$.MODULE$.apply(
        Math.pow(10, to.scale()))), Literal$.MODULE$.apply(0));
    Cast unscaled = new Cast(scaled, DataTypes.createDecimalType(38, 0), c.timeZoneId(),
        c.evalMode());
    unscaled.setTagValue(IEEE, Boolean.TRUE);
    Cast decimal = new Cast(new org.apache.spark.sql.catalyst.expressions.Multiply(unscaled,
        Literal$.MODULE$.apply(java.math.BigDecimal.ONE.movePointLeft(to.scale()))),
        to, c.timeZoneId(), c.evalMode());
    decimal.setTagValue(IEEE, Boolean.TRUE);
    return decimal;
  }

  /**
   * Marks a division or remainder already given DuckDB's result for a zero divisor, and a cast
   * already given DuckDB's rounding.
   */
  private static final org.apache.spark.sql.catalyst.trees.TreeNodeTag<Boolean> IEEE =
      new org.apache.spark.sql.catalyst.trees.TreeNodeTag<>("mds.ieeeDivision");

  /**
   * DuckDB's {@code x / 0}: a double division gives Infinity, -Infinity or NaN (null for a null
   * x), where Spark fails (ANSI mode) or gives null.
   */
  private static Expression ieeeDivision(Divide d) {
    Expression left = toDouble(d.left());
    Expression right = toDouble(d.right());
    Divide division = new Divide(left, right);
    division.setTagValue(IEEE, Boolean.TRUE);
    Literal zero = Literal$.MODULE$.apply(0.0d);
    Expression byZero = new If(new org.apache.spark.sql.catalyst.expressions.GreaterThan(left,
        zero), Literal$.MODULE$.apply(Double.POSITIVE_INFINITY),
        new If(new org.apache.spark.sql.catalyst.expressions.LessThan(left, zero),
            Literal$.MODULE$.apply(Double.NEGATIVE_INFINITY),
            new If(new org.apache.spark.sql.catalyst.expressions.IsNull(left),
                Literal$.MODULE$.create(null, DataTypes.DoubleType),
                Literal$.MODULE$.apply(Double.NaN))));
    return new If(new EqualTo(right, zero), byZero, division);
  }

  private static boolean numeric(DataType type) {
    return type instanceof NumericType;
  }

  private static boolean decimalAverage(AggregateExpression a) {
    return a.mode() == Complete$.MODULE$ && a.aggregateFunction() instanceof Average avg
        && avg.child().resolved() && avg.child().dataType() instanceof DecimalType;
  }

  /** DuckDB's average of a decimal: sum of unscaled values / (count * 10^scale), as doubles. */
  private static Expression average(AggregateExpression a, WindowSpecDefinition window) {
    Expression x = ((Average) a.aggregateFunction()).child();
    DecimalType type = (DecimalType) x.dataType();
    boolean unscaled = type.precision() <= 18;
    Expression sum = aggregate(new Sum(unscaled ? new UnscaledValue(x) : x), a, window);
    Expression count = aggregate(new Count(Catalyst.seq(java.util.List.of(x))), a, window);
    Expression divisor = unscaled
        ? new Multiply(toDouble(count), Literal$.MODULE$.apply(Math.pow(10, type.scale())))
        : toDouble(count);
    return new If(new EqualTo(count, Literal$.MODULE$.apply(0L)),
        Literal$.MODULE$.create(null, DataTypes.DoubleType),
        new Divide(toDouble(sum), divisor));
  }

  private static Expression aggregate(AggregateFunction f, AggregateExpression like,
      WindowSpecDefinition window) {
    Option<Expression> filter = like.filter();
    AggregateExpression e = f.toAggregateExpression(like.isDistinct(), filter);
    return window == null ? e : new WindowExpression(e, window);
  }

  private static Expression toDouble(Expression e) {
    return e.resolved() && e.dataType().equals(DataTypes.DoubleType) ? e
        : new Cast(e, DataTypes.DoubleType, Option.empty());
  }
}
