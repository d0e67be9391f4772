package dev.mds.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRegex;
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
import org.apache.spark.sql.types.DataTypes;
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
    extensions.injectResolutionRule(session -> new DuckDbValues());
    DuckDbFunctions.inject(extensions);
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

    /**
     * DuckDB's parenthesised interval quantities written Spark's way first
     * ({@link DuckDbText}): Spark would read {@code interval (30) day} in a select list
     * as a call of a function {@code interval} named {@code day}, and elsewhere fail at the
     * parenthesis.
     */
    @Override
    public <T> T parse(String command, scala.Function1<SqlBaseParser, T> toResult) {
      return super.parse(DuckDbText.rewrite(command), toResult);
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
      TRANSLATED.set(true);
      return new TimestampDiff(unit, new TruncTimestamp(format, expression(ctx.startTimestamp)),
          new TruncTimestamp(format, expression(ctx.endTimestamp)));
    }

    /** Whether the select item being read holds an expression this builder translated. */
    private static final ThreadLocal<Boolean> TRANSLATED = ThreadLocal.withInitial(() -> false);

    /**
     * A select item without an alias whose expression was translated is named as DuckDB names
     * it, not after the Spark expression it became: the expression as written for a function
     * call ({@code strftime(d, '%Y')}; DuckDB prints a call as its name and arguments, so this
     * is DuckDB's name when written in its spelling), {@code (a // b)} for an integer division.
     * Other translated items keep Spark's name.
     */
    @Override
    public Expression visitNamedExpression(SqlBaseParser.NamedExpressionContext ctx) {
      boolean outer = TRANSLATED.get();
      TRANSLATED.set(false);
      try {
        Expression e = super.visitNamedExpression(ctx);
        if (!TRANSLATED.get() || ctx.name != null || ctx.identifierList() != null
            || e instanceof org.apache.spark.sql.catalyst.expressions.NamedExpression) {
          return e;
        }
        String name = duckDbName(ctx.expression());
        return name == null ? e : new org.apache.spark.sql.catalyst.expressions.Alias(e, name,
            org.apache.spark.sql.catalyst.expressions.NamedExpression$.MODULE$.newExprId(),
            Catalyst.seq(List.of()), scala.Option.empty(), Catalyst.seq(List.of()));
      } finally {
        TRANSLATED.set(outer || TRANSLATED.get());
      }
    }

    private static String duckDbName(SqlBaseParser.ExpressionContext expression) {
      org.antlr.v4.runtime.tree.ParseTree node = expression;
      while (!(node instanceof SqlBaseParser.FunctionCallContext)
          && !(node instanceof SqlBaseParser.ArithmeticBinaryContext)
          && node.getChildCount() == 1) {
        node = node.getChild(0);
      }
      if (node instanceof SqlBaseParser.FunctionCallContext call) {
        String text = text(call);
        return text.contains("__mds_") || text.contains("\n") ? null : text;
      }
      if (node instanceof SqlBaseParser.ArithmeticBinaryContext binary
          && binary.operator.getType() == SqlBaseParser.DIV) {
        String text = "(" + text(binary.left) + " // " + text(binary.right) + ")";
        return text.contains("__mds_") || text.contains("\n") ? null : text;
      }
      return null;
    }

    private static String text(org.antlr.v4.runtime.ParserRuleContext ctx) {
      return ctx.start.getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(
          ctx.start.getStartIndex(), ctx.stop.getStopIndex()));
    }

    /**
     * A string literal as DuckDB reads it (group 1, with {@code ''} for a quote): no backslash
     * escapes. Spark's lexer keeps the token's text as written.
     */
    private static final java.util.regex.Pattern DUCKDB_LITERAL =
        java.util.regex.Pattern.compile("(?s)'((?:[^']|'')*)'");

    /** DuckDB's time formatting and parsing functions, by the Spark function that replaces them. */
    private static final java.util.Map<String, String> TIME_FORMAT_FUNCTIONS = java.util.Map.of(
        "strftime", "date_format", "strptime", "to_timestamp", "try_strptime",
        "try_to_timestamp");

    /**
     * DuckDB's {@code strftime(ts, '%Y-%m')} and {@code strptime(text, '%Y %b %-d')} (and
     * {@code try_strptime}): Spark's {@code date_format}/{@code to_timestamp} with the format
     * written as a Spark pattern ({@link DuckDbTimeFormat}), when the format is a literal Spark
     * has letters for. DuckDB also takes {@code strftime(format, ts)}. Any other call keeps its
     * name, and Spark's error says it is DuckDB's.
     */
    @Override
    public Expression visitFunctionCall(SqlBaseParser.FunctionCallContext ctx) {
      Expression call = super.visitFunctionCall(ctx);
      if (!(call instanceof UnresolvedFunction function) || function.nameParts().size() != 1
          || function.isDistinct() || function.filter().isDefined()) {
        return call;
      }
      String name = function.nameParts().head().toLowerCase(Locale.ROOT);
      if (name.equals(DuckDbText.STAR_EXCLUDE)) {
        return starExclude(function);
      }
      if (name.equals(DuckDbText.STAR_REPLACE)) {
        return starReplace(function);
      }
      if (DuckDbFunctions.REGEX_FUNCTIONS.contains(name)) {
        List<String> literals = new java.util.ArrayList<>();
        for (SqlBaseParser.FunctionArgumentContext argument : ctx.argument) {
          java.util.regex.Matcher literal = DUCKDB_LITERAL.matcher(argument.getText());
          literals.add(literal.matches() ? literal.group(1).replace("''", "'") : null);
        }
        Expression regex = DuckDbFunctions.regex(name,
            scala.jdk.javaapi.CollectionConverters.asJava(function.arguments()), literals);
        if (regex != null) {
          TRANSLATED.set(true);
          return regex;
        }
      }
      Expression duckDb = DuckDbFunctions.function(name,
          scala.jdk.javaapi.CollectionConverters.asJava(function.arguments()));
      if (duckDb != null) {
        TRANSLATED.set(true);
        return duckDb;
      }
      String spark = TIME_FORMAT_FUNCTIONS.get(name);
      if (spark == null || function.arguments().size() != 2) {
        return call;
      }
      Expression value = function.arguments().apply(0);
      Expression format = function.arguments().apply(1);
      if (name.equals("strftime") && !isString(format) && isString(value)) {
        Expression swap = value;
        value = format;
        format = swap;
      }
      if (!isString(format)) {
        return call;
      }
      java.util.Optional<String> pattern = DuckDbTimeFormat.toSpark(
          ((Literal) format).value().toString(), !name.equals("strftime"));
      if (pattern.isEmpty()) {
        return call;
      }
      TRANSLATED.set(true);
      return UnresolvedFunction$.MODULE$.apply(spark, scala.jdk.javaapi.CollectionConverters
          .asScala(List.of(value, Literal$.MODULE$.apply(pattern.get()))).toList(), false);
    }

    /**
     * The star {@link DuckDbText} wrote {@code [t.]* exclude (a, b)} as (its arguments: the
     * qualifier, {@code ''} for none, then the names): Spark's regex star with a pattern that
     * matches every name but those, case-insensitively as DuckDB names match. It expands to
     * the same columns in the same order as the star would, less those.
     */
    private static Expression starExclude(UnresolvedFunction call) {
      List<Expression> args = scala.jdk.javaapi.CollectionConverters.asJava(call.arguments());
      String qualifier = ((Literal) args.get(0)).value().toString();
      java.util.StringJoiner names = new java.util.StringJoiner("|", "(?!(?:", ")$).*");
      for (Expression name : args.subList(1, args.size())) {
        names.add(java.util.regex.Pattern.quote(((Literal) name).value().toString()));
      }
      int dot = qualifier.lastIndexOf('.');
      return new UnresolvedRegex(names.toString(), qualifier.isEmpty() ? scala.Option.empty()
          : scala.Option.apply(qualifier.substring(dot + 1)), false);
    }

    /**
     * The star {@link DuckDbText} wrote {@code [t.]* replace (e as a, ...)} as (its arguments:
     * the qualifier, {@code ''} for none, then each name and its expression): Spark's star that
     * puts each expression in the place of the column of that name.
     */
    private static Expression starReplace(UnresolvedFunction call) {
      List<Expression> args = scala.jdk.javaapi.CollectionConverters.asJava(call.arguments());
      List<org.apache.spark.sql.catalyst.expressions.NamedExpression> replacements =
          new java.util.ArrayList<>();
      List<scala.collection.immutable.Seq<String>> replaced = new java.util.ArrayList<>();
      for (int i = 1; i + 1 < args.size(); i += 2) {
        replaced.add(Catalyst.seq(List.of(((Literal) args.get(i)).value().toString())));
        replacements.add(new org.apache.spark.sql.catalyst.expressions.Alias(args.get(i + 1),
            ((Literal) args.get(i)).value().toString(),
            org.apache.spark.sql.catalyst.expressions.NamedExpression$.MODULE$.newExprId(),
            Catalyst.seq(List.of()), scala.Option.empty(), Catalyst.seq(List.of())));
      }
      return new org.apache.spark.sql.catalyst.analysis.UnresolvedStarExceptOrReplace(
          target(((Literal) args.get(0)).value().toString()), Catalyst.seq(replaced),
          scala.Option.apply(Catalyst.seq(replacements)));
    }

    private static scala.Option<scala.collection.immutable.Seq<String>> target(String qualifier) {
      if (qualifier.isEmpty()) {
        return scala.Option.empty();
      }
      return scala.Option.apply(Catalyst.seq(List.of(qualifier.split("\\."))));
    }

    /**
     * DuckDB's {@code extract(part from x)} where its part means something else on Spark
     * ({@link DuckDbFunctions#datePart}); {@link DuckDbText} unquotes a quoted part first.
     */
    @Override
    public Expression visitExtract(SqlBaseParser.ExtractContext ctx) {
      Expression duckDb = DuckDbFunctions.datePart(ctx.field.getText(), expression(ctx.source));
      if (duckDb != null) {
        TRANSLATED.set(true);
        return duckDb;
      }
      return super.visitExtract(ctx);
    }

    /** DuckDB's 1-based subscripts and slices ({@link DuckDbFunctions#subscript}). */
    @Override
    public Expression visitSubscript(SqlBaseParser.SubscriptContext ctx) {
      TRANSLATED.set(true);
      Expression value = expression(ctx.value);
      Expression index = expression(ctx.index);
      if (index instanceof UnresolvedFunction f && f.nameParts().size() == 1
          && f.nameParts().head().equals(DuckDbFunctions.SLICE_BOUNDS)) {
        List<Expression> bounds = scala.jdk.javaapi.CollectionConverters.asJava(f.arguments());
        return UnresolvedFunction$.MODULE$.apply(DuckDbFunctions.SLICE,
            Catalyst.seq(List.of(value, bounds.get(0), bounds.get(1))), false);
      }
      return UnresolvedFunction$.MODULE$.apply(DuckDbFunctions.SUBSCRIPT,
          Catalyst.seq(List.of(value, index)), false);
    }

    /**
     * {@code div}, which {@link DuckDbText} writes for DuckDB's {@code //} (DuckDB has no
     * {@code div}): DuckDB's integer division ({@link DuckDbFunctions#integerDivision}).
     */
    @Override
    public Expression visitArithmeticBinary(SqlBaseParser.ArithmeticBinaryContext ctx) {
      if (ctx.operator.getType() == SqlBaseParser.DIV) {
        TRANSLATED.set(true);
        return UnresolvedFunction$.MODULE$.apply(DuckDbFunctions.INTEGER_DIVISION,
            Catalyst.seq(List.of(expression(ctx.left), expression(ctx.right))), false);
      }
      return super.visitArithmeticBinary(ctx);
    }

    private static boolean isString(Expression e) {
      return e instanceof Literal literal && literal.value() != null
          && literal.dataType() instanceof org.apache.spark.sql.types.StringType;
    }

    /**
     * DuckDB's names for types Spark spells otherwise, and DuckDB's meaning of a type without a
     * size: {@code varchar}, {@code text} and {@code char} are Spark's {@code string} (Spark
     * refuses {@code varchar} without a length), {@code decimal} alone is DuckDB's
     * {@code decimal(18,3)} (Spark's would be {@code decimal(10,0)} and round other values),
     * {@code int8} is {@code bigint}, {@code datetime} a timestamp. Used wherever a type is
     * written: casts ({@code x::varchar}), contracts' {@code data_type}, table columns.
     */
    private static final java.util.Map<String, org.apache.spark.sql.types.DataType> DUCKDB_TYPES =
        java.util.Map.ofEntries(
            java.util.Map.entry("varchar", DataTypes.StringType),
            java.util.Map.entry("char", DataTypes.StringType),
            java.util.Map.entry("character", DataTypes.StringType),
            java.util.Map.entry("bpchar", DataTypes.StringType),
            java.util.Map.entry("text", DataTypes.StringType),
            java.util.Map.entry("uuid", DataTypes.StringType),
            java.util.Map.entry("json", DataTypes.StringType),
            java.util.Map.entry("decimal", DataTypes.createDecimalType(18, 3)),
            java.util.Map.entry("numeric", DataTypes.createDecimalType(18, 3)),
            java.util.Map.entry("dec", DataTypes.createDecimalType(18, 3)),
            java.util.Map.entry("int1", DataTypes.ByteType),
            java.util.Map.entry("int2", DataTypes.ShortType),
            java.util.Map.entry("int4", DataTypes.IntegerType),
            java.util.Map.entry("signed", DataTypes.IntegerType),
            java.util.Map.entry("int8", DataTypes.LongType),
            java.util.Map.entry("utinyint", DataTypes.ShortType),
            java.util.Map.entry("usmallint", DataTypes.IntegerType),
            java.util.Map.entry("uinteger", DataTypes.LongType),
            java.util.Map.entry("ubigint", DataTypes.createDecimalType(20, 0)),
            java.util.Map.entry("hugeint", DataTypes.createDecimalType(38, 0)),
            java.util.Map.entry("uhugeint", DataTypes.createDecimalType(38, 0)),
            java.util.Map.entry("float4", DataTypes.FloatType),
            java.util.Map.entry("float8", DataTypes.DoubleType),
            java.util.Map.entry("bool", DataTypes.BooleanType),
            java.util.Map.entry("logical", DataTypes.BooleanType),
            java.util.Map.entry("datetime", DataTypes.TimestampType),
            java.util.Map.entry("timestamptz", DataTypes.TimestampType),
            java.util.Map.entry("blob", DataTypes.BinaryType),
            java.util.Map.entry("bytea", DataTypes.BinaryType),
            java.util.Map.entry("varbinary", DataTypes.BinaryType));

    @Override
    public org.apache.spark.sql.types.DataType visitPrimitiveDataType(
        SqlBaseParser.PrimitiveDataTypeContext ctx) {
      if (ctx.INTEGER_VALUE().isEmpty()) {
        org.apache.spark.sql.types.DataType duckDb =
            DUCKDB_TYPES.get(ctx.type().getText().toLowerCase(Locale.ROOT));
        if (duckDb != null) {
          return duckDb;
        }
      }
      return super.visitPrimitiveDataType(ctx);
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
