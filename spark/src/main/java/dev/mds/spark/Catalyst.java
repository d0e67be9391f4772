package dev.mds.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.PartialFunction;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

/** Small helpers for building Catalyst expressions from Java. */
final class Catalyst {

  private static final Map<String, Expression> TEMPLATES = new ConcurrentHashMap<>();

  private Catalyst() {
  }

  /** A partial function defined where {@code f} returns something other than null. */
  static <T> PartialFunction<T, T> partial(Function<T, T> f) {
    return new AbstractPartialFunction<T, T>() {
      @Override
      public boolean isDefinedAt(T x) {
        return f.apply(x) != null;
      }

      @Override
      public <A1 extends T, B1> B1 applyOrElse(A1 x, scala.Function1<A1, B1> otherwise) {
        T out = f.apply(x);
        @SuppressWarnings("unchecked")
        B1 result = out == null ? otherwise.apply(x) : (B1) out;
        return result;
      }
    };
  }

  /**
   * The expression Spark's own parser reads {@code sql} as (Spark's meaning of every function,
   * not DuckDB's), with {@code __0}, {@code __1}, ... standing for {@code args}.
   */
  static Expression template(String sql, Expression... args) {
    Expression parsed = TEMPLATES.computeIfAbsent(sql,
        s -> CatalystSqlParser$.MODULE$.parseExpression(s));
    return parsed.transformUp(partial((Expression e) -> {
      if (e instanceof UnresolvedAttribute a && a.nameParts().size() == 1
          && a.name().startsWith("__")) {
        return args[Integer.parseInt(a.name().substring(2))];
      }
      return null;
    }));
  }

  static <T> scala.collection.immutable.Seq<T> seq(List<T> items) {
    return CollectionConverters.asScala(items).toList();
  }

  static <T> List<T> list(scala.collection.Seq<T> items) {
    return CollectionConverters.asJava(items);
  }
}
