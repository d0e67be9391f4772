package dev.mds.template;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dbt's {@code return(value)}: ends the macro being rendered and makes {@code value} the call's
 * result. Thrown by the {@code return} function and caught by {@link MacroRuntime#call}; it carries
 * no stack trace, since it is control flow.
 */
final class MacroReturn extends RuntimeException {

  private final transient Object value;

  MacroReturn(Object value) {
    super("return() used outside a macro", null, false, false);
    this.value = value;
  }

  Object value() {
    return value;
  }

  /** The return in {@code error} or its causes (Pebble may wrap what a function throws). */
  static Optional<MacroReturn> in(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MacroReturn returned) {
        return Optional.of(returned);
      }
    }
    return Optional.empty();
  }

  /** The {@code return} function. */
  static final class ReturnFunction implements Function {

    @Override
    public List<String> getArgumentNames() {
      return null;
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
        int lineNumber) {
      throw new MacroReturn(args.get("0"));
    }
  }
}
