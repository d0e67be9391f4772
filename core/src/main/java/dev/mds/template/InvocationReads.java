package dev.mds.template;

import java.util.regex.Pattern;

/**
 * Template text that reads what differs with every command: dbt's {@code run_started_at} and
 * {@code invocation_id}, or the clock through {@code modules.datetime} ({@code datetime.now()},
 * {@code utcnow()}, {@code date.today()}). A render of such text holds for one command only, so
 * it is never kept for the next one. Read from the text, not while rendering: a name in a branch
 * not taken also counts, which only costs a render.
 */
public final class InvocationReads {

  private static final Pattern READS = Pattern.compile(
      "\\b(run_started_at|invocation_id)\\b|\\b(datetime|date)\\s*\\.\\s*(now|utcnow|today)\\s*\\(");

  private InvocationReads() {
  }

  /** Whether {@code text} (a model file or a macro definition) reads any of them. */
  public static boolean in(String text) {
    // Any match holds one of these words; searching for them is far cheaper than trying the
    // pattern at every position of every model (a tenth of a cold parse's samples with C1).
    if (!text.contains("run_started_at") && !text.contains("invocation_id")
        && !text.contains("now") && !text.contains("today")) {
      return false;
    }
    return READS.matcher(text).find();
  }
}
