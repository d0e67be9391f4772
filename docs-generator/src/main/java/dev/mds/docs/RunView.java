package dev.mds.docs;

/**
 * A node's last result from {@code run_results.json}, ready to show.
 *
 * @param tone good, bad, warn or muted: the colour of the status badge
 * @param completedAt ISO-8601 instant, for the browser to show as "5 minutes ago"
 * @param when the same instant as a reader sees it in UTC
 */
record RunView(String status, String tone, String completedAt, String when, String duration,
    String message, String rows) {

  public boolean failed() {
    return tone.equals("bad");
  }
}
