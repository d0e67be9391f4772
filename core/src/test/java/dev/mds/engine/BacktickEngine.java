package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Quoting;
import dev.mds.project.Target;
import java.util.Optional;

/**
 * An engine that only compiles, registered for tests ({@code type: backticks}): its dialect quotes
 * with backticks and its catalog is named by the profile, as Spark's are, so tests can see that
 * compiled SQL follows the target's dialect.
 */
public final class BacktickEngine implements EngineProvider {

  @Override
  public String type() {
    return "backticks";
  }

  @Override
  public Dialect dialect() {
    return new Dialect() {
      @Override
      public String type() {
        return "backticks";
      }

      @Override
      public Quoting quoting() {
        return Quoting.BACKTICKS;
      }
    };
  }

  @Override
  public Target configure(Target target) {
    return target.withEngineNaming(Quoting.BACKTICKS, Optional.of("spark_catalog"),
        target.schema());
  }

  @Override
  public Warehouse open(Target target, EngineOptions options) {
    throw new MdsException("the backticks engine only compiles");
  }
}
