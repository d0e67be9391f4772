package dev.mds.spark;

import dev.mds.cli.Mds;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process mds invocation: how the Spark tests drive the CLI, and what it printed. */
record CliRun(int code, String out, String err) {

  static CliRun mds(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Mds.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  String describe() {
    return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
