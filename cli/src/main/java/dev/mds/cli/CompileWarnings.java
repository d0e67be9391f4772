package dev.mds.cli;

import dev.mds.lineage.LineageWarning;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints what analysing the models' SQL found ({@code Warning: models/x.sql:4: partial key
 * join: ...}), one line each; with {@code --warn-error} they are errors and the verb exits 2.
 */
final class CompileWarnings {

  private CompileWarnings() {
  }

  /** Prints the warnings; returns whether the verb must stop because of them. */
  static boolean report(List<LineageWarning> warnings, boolean warnError, PrintWriter out,
      PrintWriter err) {
    for (LineageWarning warning : warnings) {
      if (warnError) {
        err.println("Error: " + warning);
      } else {
        out.println("Warning: " + warning);
      }
    }
    err.flush();
    return warnError && !warnings.isEmpty();
  }
}
