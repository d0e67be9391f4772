package dev.mds.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Literal$;
import org.apache.spark.sql.catalyst.expressions.NullsLast$;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.expressions.TimestampDiff;
import org.apache.spark.sql.catalyst.expressions.TruncTimestamp;
import org.apache.spark.sql.catalyst.parser.ParserUtils;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;
import org.apache.spark.sql.execution.SparkSqlAstBuilder;
import org.apache.spark.sql.execution.SparkSqlParser;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * A Spark session extension (named in {@code spark.sql.extensions}, before Delta's) that reads
 * two things in SQL as DuckDB does, where Spark would silently give other rows. Nulls sort as in
 * DuckDB: an {@code order by} item that does not say {@code nulls first|last} puts
 * nulls last, ascending or descending, where Spark would put them first when ascending. A
 * dbt-duckdb project's {@code row_number() over (order by x)}, {@code first_value}, {@code lag}
 * and {@code listagg ... within group} then give the same rows on both engines. Spark fills in
 * its default while parsing (the plan cannot tell it from an explicit one), so this replaces the
 * parser's handling of a sort item; an explicit {@code nulls first} is kept. The columns of a
 * {@code join ... using} come in DuckDB's order ({@link UsingJoinOrder}).
 */
public final class DuckDbSyntax extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  /** The class name to list in {@code spark.sql.extensions}. */
  static final String EXTENSION = DuckDbSyntax.class.getName();

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    // Spark's own parser is the first link of the chain: this one replaces it, and Delta's
    // extension (listed after) wraps this one.
    extensions.injectParser((session, spark) -> new Parser());
    extensions.injectResolutionRule(session -> new UsingJoinOrder());
    return BoxedUnit.UNIT;
  }

  /** Spark's SQL parser with the sort items read the DuckDB way. */
  static final class Parser extends SparkSqlParser {
    // Static: Spark's parser constructor may reach astBuilder() before this class's fields are
    // set, and the builder keeps no state between statements (Spark shares its own likewise).
    private static final SparkSqlAstBuilder BUILDER = new Builder();

    @Override
    public SparkSqlAstBuilder astBuilder() {
      return BUILDER;
    }
  }

  private static final class Builder extends SparkSqlAstBuilder {
    /** Units for which counting boundaries is the whole-unit difference of truncated values. */
    private static final Set<String> BOUNDARY_UNITS =
        Set.of("YEAR", "QUARTER", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

    /**
     * DuckDB's {@code datediff('day', a, b)} / {@code date_diff(...)}: the unit is a string and
     * the answer counts the unit's boundaries crossed (from 23:00 to 01:00 the next day is one
     * day). Spark refuses a quoted unit and counts whole units, so both sides are truncated to the
     * unit first, which makes the whole-unit count the boundary count. Other quoted units
     * ({@code 'week'}, ...) keep Spark's error.
     */
    @Override
    public Expression visitTimestampdiff(SqlBaseParser.TimestampdiffContext ctx) {
      if (ctx.invalidUnit == null || ctx.TIMEDIFF() != null) {
        return super.visitTimestampdiff(ctx);
      }
      String unit = ParserUtils.string(visitStringLit(ctx.invalidUnit)).toUpperCase(Locale.ROOT);
      if (unit.endsWith("S")) {
        unit = unit.substring(0, unit.length() - 1);
      }
      if (!BOUNDARY_UNITS.contains(unit)) {
        return super.visitTimestampdiff(ctx);
      }
      Literal format = Literal$.MODULE$.apply(unit);
      return new TimestampDiff(unit, new TruncTimestamp(format, expression(ctx.startTimestamp)),
          new TruncTimestamp(format, expression(ctx.endTimestamp)));
    }

    @Override
    public SortOrder visitSortItem(SqlBaseParser.SortItemContext ctx) {
      SortOrder order = super.visitSortItem(ctx);
      if (ctx.nullOrder != null) {
        return order;
      }
      return new SortOrder(order.child(), order.direction(), NullsLast$.MODULE$,
          order.sameOrderExpressions());
    }

    /**
     * {@code 'it''s'}: two quotes in a row inside a literal are one quote, as in DuckDB and
     * standard SQL. Spark's lexer reads two adjacent literals there and would join them into
     * {@code its}. Literals with space between them ({@code 'a' 'b'}) stay joined as Spark does.
     */
    @Override
    public Literal visitStringLiteral(SqlBaseParser.StringLiteralContext ctx) {
      List<SqlBaseParser.StringLitContext> parts = ctx.stringLit();
      StringBuilder text = new StringBuilder();
      boolean doubled = false;
      for (int i = 0; i < parts.size(); i++) {
        Token token = visitStringLit(parts.get(i));
        if (i > 0 && token.getText().startsWith("'")
            && parts.get(i - 1).getStop().getText().endsWith("'")
            && parts.get(i - 1).getStop().getStopIndex() + 1 == token.getStartIndex()) {
          text.append('\'');
          doubled = true;
        }
        text.append(ParserUtils.string(token));
      }
      return doubled ? Literal$.MODULE$.apply(text.toString()) : super.visitStringLiteral(ctx);
    }
  }
}
