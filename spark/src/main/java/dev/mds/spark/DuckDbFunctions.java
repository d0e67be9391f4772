package dev.mds.spark;

import static dev.mds.spark.Catalyst.template;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedExtractValue;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Literal$;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import scala.Option;
import scala.Tuple3;

/**
 * DuckDB functions and operators whose Spark namesake gives other values, or that Spark lacks,
 * as Spark expressions with DuckDB's values. Two kinds:
 * <ul>
 *   <li>those whose meaning does not depend on the operands' types, written while parsing
 *       ({@link #datePart}, {@link #function}): day-of-week numbering (DuckDB counts Sunday as
 *       0, Spark as 1; DuckDB's {@code weekday} is its {@code dow}, Spark's counts Monday as 0),
 *       {@code isodow}, full day and month names, whole seconds, {@code epoch};</li>
 *   <li>those that depend on the types, parsed into a call of a function injected into the
 *       session ({@link #inject}) that Spark resolves once the arguments' types are known:
 *       {@code a // b} (integer division truncating toward zero, null for a zero divisor, for
 *       integers; a plain double division otherwise), and 1-based subscripts and slices
 *       {@code list[1]}, {@code list[2:3]}, {@code list[-1]}, {@code list_extract} (on arrays and
 *       strings; a map's or a struct's subscript is Spark's own).</li>
 * </ul>
 */
final class DuckDbFunctions {

  /** {@code a // b}, parsed from Spark's {@code div} ({@link DuckDbText} writes one for it). */
  static final String INTEGER_DIVISION = "__mds_integer_division";
  /** {@code x[i]}. */
  static final String SUBSCRIPT = "__mds_subscript";
  /** {@code x[lo:hi]}. */
  static final String SLICE = "__mds_slice";
  /** What {@link DuckDbText} writes inside the brackets of a slice: {@code [lo:hi]}. */
  static final String SLICE_BOUNDS = "__mds_slice_bounds";
  /** DuckDB's {@code concat(...)}, which skips nulls. */
  static final String CONCAT = "__mds_concat";

  private DuckDbFunctions() {
  }

  static void inject(SparkSessionExtensions extensions) {
    register(extensions, INTEGER_DIVISION, DuckDbFunctions::integerDivision);
    register(extensions, SUBSCRIPT, DuckDbFunctions::subscript);
    register(extensions, SLICE, DuckDbFunctions::slice);
    register(extensions, CONCAT, DuckDbFunctions::concat);
  }

  private static void register(SparkSessionExtensions extensions, String name,
      java.util.function.Function<List<Expression>, Expression> builder) {
    scala.Function1<scala.collection.immutable.Seq<Expression>, Expression> build =
        args -> builder.apply(Catalyst.list(args));
    FunctionIdentifier id = FunctionIdentifier.apply(name);
    ExpressionInfo info = new ExpressionInfo(DuckDbFunctions.class.getName(), name);
    // Registered as built-in functions: a session's own (injected) functions are temporary, and
    // Spark refuses a view that calls one. Sessions copy the built-in registry when created.
    if (!FunctionRegistry$.MODULE$.builtin().functionExists(id)) {
      FunctionRegistry$.MODULE$.builtin().registerFunction(id, info, build);
    }
    extensions.injectFunction(new Tuple3<>(id, info, build));
  }

  private static boolean integral(DataType t) {
    return t.equals(DataTypes.ByteType) || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)
        || t.equals(DataTypes.NullType);
  }

  private static final List<DataType> WIDTHS = List.of(DataTypes.NullType, DataTypes.ByteType,
      DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType);

  /** DuckDB's {@code a // b}. */
  static Expression integerDivision(List<Expression> args) {
    Expression a = args.get(0);
    Expression b = args.get(1);
    if (integral(a.dataType()) && integral(b.dataType())) {
      DataType wider = WIDTHS.get(Math.max(Math.max(WIDTHS.indexOf(a.dataType()),
          WIDTHS.indexOf(b.dataType())), 1));
      return new Cast(template("if(__1 = 0, null, __0 div __1)", a, b), wider, Option.empty());
    }
    return template("if(__1 = 0, null, cast(__0 as double) / cast(__1 as double))", a, b);
  }

  /**
   * DuckDB's {@code concat(a, b, ...)} of text: a null argument counts as {@code ''} (Spark's
   * {@code concat} is null if any argument is). Lists, maps and bytes keep Spark's.
   */
  static Expression concat(List<Expression> args) {
    List<Expression> parts = new java.util.ArrayList<>();
    for (Expression a : args) {
      if (a.dataType() instanceof ArrayType
          || a.dataType() instanceof org.apache.spark.sql.types.MapType
          || a.dataType().equals(DataTypes.BinaryType)) {
        return new org.apache.spark.sql.catalyst.expressions.Concat(Catalyst.seq(args));
      }
      Expression text = a.dataType() instanceof StringType ? a
          : new Cast(a, DataTypes.StringType, Option.empty());
      parts.add(new org.apache.spark.sql.catalyst.expressions.Coalesce(Catalyst.seq(
          List.of(text, Literal$.MODULE$.apply("")))));
    }
    return new org.apache.spark.sql.catalyst.expressions.Concat(Catalyst.seq(parts));
  }

  /** DuckDB's {@code x[i]}: 1-based, negative from the end, null out of range. */
  static Expression subscript(List<Expression> args) {
    Expression x = args.get(0);
    Expression i = args.get(1);
    if (x.dataType() instanceof ArrayType) {
      return template("if(__1 = 0, null, try_element_at(__0, cast(__1 as int)))", x, i);
    }
    if (x.dataType() instanceof StringType) {
      return template("if(__1 = 0, '', substring(__0, cast(__1 as int), 1))", x, i);
    }
    return new UnresolvedExtractValue(x, i);
  }

  /** DuckDB's {@code x[lo:hi]}: 1-based, both ends included, negative from the end. */
  static Expression slice(List<Expression> args) {
    Expression x = args.get(0);
    boolean array = x.dataType() instanceof ArrayType;
    if (!array && !(x.dataType() instanceof StringType)) {
      throw new IllegalArgumentException("a slice [lo:hi] of a " + x.dataType().simpleString()
          + ": DuckDB slices lists and strings only");
    }
    String n = array ? "size(__0)" : "length(__0)";
    String lo = missing(args.get(1)) ? "1"
        : "greatest(if(cast(__1 as int) < 0, " + n + " + cast(__1 as int) + 1,"
        + " if(cast(__1 as int) = 0, 1, cast(__1 as int))), 1)";
    String hi = missing(args.get(2)) ? n
        : "if(cast(__2 as int) < 0, " + n + " + cast(__2 as int) + 1, least(cast(__2 as int), "
        + n + "))";
    String sql = (array ? "slice" : "substring") + "(__0, " + lo + ", greatest((" + hi + ") - ("
        + lo + ") + 1, 0))";
    return template(sql, x, args.get(1), args.get(2));
  }

  private static boolean missing(Expression bound) {
    return bound instanceof Literal l && l.value() == null;
  }

  /**
   * DuckDB's {@code extract(part from x)} / {@code date_part('part', x)} where Spark's part of
   * that name means something else or does not exist; null where Spark's is DuckDB's.
   */
  static Expression datePart(String part, Expression x) {
    return switch (part.toLowerCase(Locale.ROOT)) {
      case "dow", "dayofweek", "weekday" -> template("dayofweek(__0) - 1", x);
      case "isodow" -> template("weekday(__0) + 1", x);
      case "isoyear" -> template("extract(yearofweek from __0)", x);
      case "dayofyear" -> template("extract(doy from __0)", x);
      case "dayofmonth" -> template("extract(day from __0)", x);
      case "second", "seconds" -> template("cast(floor(extract(second from __0)) as bigint)", x);
      case "millisecond", "milliseconds" ->
          template("cast(floor(extract(second from __0) * 1000) as bigint)", x);
      case "microsecond", "microseconds" ->
          template("cast(floor(extract(second from __0) * 1000000) as bigint)", x);
      case "epoch" -> epoch(x);
      default -> null;
    };
  }

  private static Expression epoch(Expression x) {
    return template("cast(unix_micros(cast(__0 as timestamp)) as double) / 1000000", x);
  }

  /**
   * A call of DuckDB's function {@code name} as Spark computes the same values, or null where
   * Spark's function of that name already does (or where DuckDB has none).
   */
  static Expression function(String name, List<Expression> args) {
    if (args.size() == 2 && (name.equals("date_part") || name.equals("datepart"))
        && args.get(0) instanceof Literal l && l.value() != null
        && l.dataType() instanceof StringType) {
      return datePart(l.value().toString(), args.get(1));
    }
    if (args.size() == 2 && (name.equals("list_extract") || name.equals("array_extract")
        || name.equals("list_element"))) {
      return org.apache.spark.sql.catalyst.analysis.UnresolvedFunction$.MODULE$.apply(SUBSCRIPT,
          Catalyst.seq(args), false);
    }
    if (name.equals("concat") && !args.isEmpty()) {
      return org.apache.spark.sql.catalyst.analysis.UnresolvedFunction$.MODULE$.apply(CONCAT,
          Catalyst.seq(args), false);
    }
    if (name.equals("log") && args.size() == 1) {
      // DuckDB's log(x) is base 10; Spark's is the natural logarithm (ln on both)
      return call("log10", args.get(0));
    }
    if ((name.equals("trim") || name.equals("ltrim") || name.equals("rtrim"))
        && args.size() == 2) {
      // DuckDB's trim(text, characters); Spark's two-argument form takes the characters first
      return call(name, args.get(1), args.get(0));
    }
    if ((name.equals("substring") || name.equals("substr")) && args.size() == 3
        && !positive(args.get(1))) {
      // DuckDB counts a start of 0 as the place before the first character
      return template("if(__1 = 0, substring(__0, 1, __2 - 1), substring(__0, __1, __2))",
          args.get(0), args.get(1), args.get(2));
    }
    if ((name.equals("left") || name.equals("right")) && args.size() == 2
        && !positive(args.get(1))) {
      // DuckDB's left(s, -n) is all but the last n characters, right(s, -n) all but the first n
      return template(name.equals("left")
          ? "if(__1 < 0, substring(__0, 1, greatest(length(__0) + __1, 0)), left(__0, __1))"
          : "if(__1 < 0, substring(__0, least(1 - __1, length(__0) + 1)), right(__0, __1))",
          args.get(0), args.get(1));
    }
    if (name.equals("hash")) {
      throw new IllegalArgumentException("hash(...) gives other values on Spark than on DuckDB"
          + " (Spark's is a 32-bit Murmur3 hash, DuckDB's a 64-bit one, so keys made of it"
          + " differ and collide far sooner); on Spark use xxhash64(...) or md5(...), whose"
          + " values differ from DuckDB's hash too");
    }
    if (args.size() != 1) {
      return null;
    }
    Expression x = args.get(0);
    return switch (name) {
      case "dayofweek", "weekday" -> template("dayofweek(__0) - 1", x);
      case "isodow" -> template("weekday(__0) + 1", x);
      case "isoyear" -> template("extract(yearofweek from __0)", x);
      case "dayname" -> template("date_format(__0, 'EEEE')", x);
      case "monthname" -> template("date_format(__0, 'MMMM')", x);
      case "epoch" -> epoch(x);
      default -> null;
    };
  }

  /** A literal whole number above 0 (where both engines count alike). */
  private static boolean positive(Expression e) {
    return e instanceof Literal l && l.value() instanceof Number n && !(n instanceof Double)
        && n.longValue() > 0;
  }

  /** DuckDB's regular expression functions that {@link #regex} writes Spark's way. */
  static final java.util.Set<String> REGEX_FUNCTIONS = java.util.Set.of("regexp_replace",
      "regexp_matches", "regexp_full_match", "regexp_extract", "regexp_extract_all");

  /**
   * A call of one of DuckDB's {@link #REGEX_FUNCTIONS} as Spark's functions computing the same
   * values: the pattern in Java's syntax with RE2's meaning ({@link DuckDbRegex}), the options
   * ({@code 'g'}, {@code 'i'}, ...) as flags, {@code regexp_replace} without {@code 'g'}
   * replacing only the first match (Spark's replaces every one), {@code regexp_extract}'s
   * group 0 by default (Spark's 1), {@code regexp_matches} as {@code rlike}.
   *
   * @param literals each argument's value as DuckDB reads it where it is a string literal
   *     (a backslash is a plain character there; Spark's parser reads it as an escape and
   *     {@code '\d'} as {@code d}), null for other arguments
   */
  static Expression regex(String name, List<Expression> args, List<String> literals) {
    int optionsAt = switch (name) {
      case "regexp_replace" -> 3;
      case "regexp_extract", "regexp_extract_all" -> 3;
      default -> 2;
    };
    int min = name.equals("regexp_replace") ? 3 : 2;
    if (args.size() < min || args.size() > optionsAt + 1) {
      return null;
    }
    if (args.size() > optionsAt && literals.get(optionsAt) == null) {
      throw new IllegalArgumentException(name + "(...) with options that are not a literal:"
          + " DuckDB's options are read as Java regex flags only when written in the SQL");
    }
    DuckDbRegex.Options options = DuckDbRegex.Options.of(args.size() > optionsAt
        ? literals.get(optionsAt) : "");
    String flags = DuckDbRegex.flags(options);
    String body = literals.get(1) == null ? null : DuckDbRegex.pattern(literals.get(1), options);
    Expression text = args.get(0);
    return switch (name) {
      case "regexp_matches" -> new org.apache.spark.sql.catalyst.expressions.RLike(text,
          pattern(flags, body, args.get(1), ""));
      case "regexp_full_match" -> new org.apache.spark.sql.catalyst.expressions.RLike(text,
          pattern(flags + "\\A(?:", body, args.get(1), ")\\z"));
      case "regexp_extract", "regexp_extract_all" -> call(name, text,
          pattern(flags, body, args.get(1), ""),
          args.size() > 2 ? args.get(2) : Literal$.MODULE$.apply(0));
      default -> replace(text, args.get(1), body, flags, literals.get(2), options.global());
    };
  }

  private static Expression replace(Expression text, Expression patternArg, String body,
      String flags, String rewrite, boolean global) {
    if (rewrite == null) {
      throw new IllegalArgumentException("regexp_replace(...) with a replacement that is not a"
          + " literal: DuckDB's \\1 is written as Spark's $1 only in a literal");
    }
    int groups = body == null ? 0 : DuckDbRegex.groups(flags + body);
    if (body == null && rewrite.matches("(?s).*\\\\[1-9].*")) {
      throw new IllegalArgumentException("regexp_replace(...) with a pattern that is not a"
          + " literal and a replacement naming a group");
    }
    String replacement = DuckDbRegex.replacement(rewrite, groups, !global);
    if (replacement == null) {
      // RE2 refuses the replacement (\x, a group the pattern lacks): DuckDB keeps the text
      return text;
    }
    Expression pattern = global ? pattern(flags, body, patternArg, "")
        : pattern(flags + "\\A((?s:.*?))(", body, patternArg, ")");
    return call("regexp_replace", text, pattern, Literal$.MODULE$.apply(replacement));
  }

  /** The Java pattern: the translated literal, or the expression's value between the two. */
  private static Expression pattern(String before, String body, Expression patternArg,
      String after) {
    if (body != null) {
      return Literal$.MODULE$.apply(before + body + after);
    }
    return call("concat", Literal$.MODULE$.apply(before), patternArg,
        Literal$.MODULE$.apply(after));
  }

  private static Expression call(String name, Expression... args) {
    return org.apache.spark.sql.catalyst.analysis.UnresolvedFunction$.MODULE$.apply(name,
        Catalyst.seq(List.of(args)), false);
  }
}
