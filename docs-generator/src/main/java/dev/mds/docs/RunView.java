package dev.mds.docs;

import java.util.List;

/**
 * A node's last result from {@code run_results.json}, ready to show.
 *
 * @param tone good, bad, warn or muted: the colour of the status badge
 * @param completedAt ISO-8601 instant, for the browser to show as "5 minutes ago"
 * @param when the same instant as a reader sees it in UTC
 * @param failing the failing rows a data test stored beside its result, or null
 * @param explained what a failed data test found, one plain sentence per failing value shown
 */
record RunView(String status, String tone, String completedAt, String when, String duration,
    String message, String rows, FailingRows failing, List<String> explained) {

  RunView(String status, String tone, String completedAt, String when, String duration,
      String message, String rows) {
    this(status, tone, completedAt, when, duration, message, rows, null, List.of());
  }

  public boolean failed() {
    return tone.equals("bad");
  }

  /**
   * The message's first line. A message of several lines (a contract's mismatch table, failing
   * rows) keeps the rest in {@link #messageDetail()}, to be shown as written rather than run
   * together into one paragraph.
   */
  public String messageHead() {
    int end = message == null ? -1 : message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end).strip();
  }

  /** What follows the message's first line, line breaks and alignment kept; empty if nothing. */
  public String messageDetail() {
    int end = message == null ? -1 : message.indexOf('\n');
    return end < 0 ? "" : message.substring(end + 1).stripTrailing().replaceFirst("^\\s*\n", "");
  }

  RunView withFailing(FailingRows rows) {
    return new RunView(status, tone, completedAt, when, duration, message, this.rows, rows,
        explained);
  }

  RunView explainedAs(List<String> sentences) {
    return new RunView(status, tone, completedAt, when, duration, message, rows, failing,
        List.copyOf(sentences));
  }
}
