package dev.mds.spark;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.TimestampType;

/** A value as DuckDB's JDBC driver returns it, as the Java object Spark takes for a column type. */
final class SeedValues {

  private SeedValues() {
  }

  static Object toSpark(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    if (type instanceof LongType) {
      return number(value).longValue();
    }
    if (type instanceof IntegerType) {
      return number(value).intValue();
    }
    if (type instanceof ShortType) {
      return number(value).shortValue();
    }
    if (type instanceof ByteType) {
      return number(value).byteValue();
    }
    if (type instanceof DoubleType) {
      return number(value).doubleValue();
    }
    if (type instanceof FloatType) {
      return number(value).floatValue();
    }
    if (type instanceof DecimalType) {
      return value instanceof BigDecimal d ? d
          : value instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(value.toString());
    }
    if (type instanceof BooleanType) {
      return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
    }
    if (type instanceof DateType) {
      if (value instanceof java.time.LocalDate d) {
        return java.sql.Date.valueOf(d);
      }
      return value instanceof java.sql.Date d ? d : java.sql.Date.valueOf(value.toString());
    }
    if (type instanceof TimestampType) {
      if (value instanceof java.time.LocalDateTime t) {
        return java.sql.Timestamp.valueOf(t);
      }
      if (value instanceof java.time.OffsetDateTime t) {
        return java.sql.Timestamp.from(t.toInstant());
      }
      if (value instanceof java.time.Instant t) {
        return java.sql.Timestamp.from(t);
      }
      return value instanceof java.sql.Timestamp t ? t : java.sql.Timestamp.valueOf(value.toString());
    }
    if (type instanceof BinaryType) {
      return value instanceof byte[] bytes ? bytes : value.toString().getBytes(
          java.nio.charset.StandardCharsets.UTF_8);
    }
    return value.toString();
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : new BigDecimal(value.toString());
  }
}
