package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.ProjectErrors;
import dev.mds.compile.ConfigKeyReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints the parse's unknown config keys ({@code Warning: models/x.sql:3: unknown model config
 * 'materialised'; did you mean 'materialized'?}) and the one note on keys mds ignores; with
 * {@code --warn-error} the unknown keys are errors and the verb stops (exit 2) before anything is
 * built.
 */
final class ConfigKeyWarnings {

  private ConfigKeyWarnings() {
  }

  static void report(ConfigKeyReport report, boolean warnError, PrintWriter err) {
    for (String note : report.notes()) {
      err.println("Note: " + note);
    }
    if (warnError) {
      List<MdsException> errors = report.warnings().stream()
          .map(w -> new MdsException(w + " (an error under --warn-error)")).toList();
      err.flush();
      ProjectErrors.throwIfAny(errors);
      return;
    }
    for (String warning : report.warnings()) {
      err.println("Warning: " + warning);
    }
    err.flush();
  }
}
