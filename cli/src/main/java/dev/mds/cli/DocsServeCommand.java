package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.docs.DocsException;
import dev.mds.docs.DocsServer;
import dev.mds.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mds docs serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Serve target/docs/ (written by `mds docs generate`) at http://127.0.0.1:PORT/ until"
            + " stopped with Ctrl+C.",
        "Listens on this machine's loopback address only, serves files inside the site folder"
            + " and nothing else, and opens no browser."})
final class DocsServeCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "TCP port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw new MdsException("--port " + port + " is not a TCP port; use 1-65535.");
    }
    PrintWriter out = spec.commandLine().getOut();
    Project loaded = project.load();
    Path site = loaded.targetDir().resolve("docs");
    DocsServer server;
    try {
      server = DocsServer.start(site, port);
    } catch (DocsException e) {
      throw new MdsException(e.getMessage(), e);
    }
    try (server) {
      out.printf("Serving %s at %s (this machine only). Press Ctrl+C to stop.%n",
          loaded.display(site), server.url());
      out.flush();
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      // Interrupted by whoever runs us in-process (tests, an embedding tool): stop serving.
      Thread.currentThread().interrupt();
    }
    return Mds.OK;
  }
}
