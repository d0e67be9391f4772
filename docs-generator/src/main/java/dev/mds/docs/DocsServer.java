package dev.mds.docs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a generated site over HTTP on the loopback interface only, with the JDK's own server.
 * It serves files inside the site folder and nothing else: no directory listings, no symlinks
 * out, GET and HEAD only. It answers only requests addressed to it by a loopback name and its own
 * port, so that a web page whose host name is made to resolve to 127.0.0.1 (DNS rebinding) cannot
 * read the site: any other {@code Host} gets 403.
 */
public final class DocsServer implements AutoCloseable {

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "json", "application/json",
      "png", "image/png",
      "ico", "image/x-icon",
      "txt", "text/plain; charset=utf-8");
  private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final HttpServer server;
  private final ExecutorService workers;
  private final SitePath site;

  private DocsServer(HttpServer server, ExecutorService workers, SitePath site) {
    this.server = server;
    this.workers = workers;
    this.site = site;
  }

  /**
   * Starts serving {@code siteDir} on {@code 127.0.0.1:port} ({@code 0} picks a free port).
   *
   * @throws DocsException when the folder holds no site or the port is taken
   */
  public static DocsServer start(Path siteDir, int port) {
    if (!Files.isRegularFile(siteDir.resolve("index.html"))) {
      throw new DocsException("No site in " + siteDir + ": run `mds docs generate` first.");
    }
    SitePath site = SitePath.of(siteDir);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new DocsException("Cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
          + "); pass --port with a free port.", e);
    }
    ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "mds-docs-serve");
      thread.setDaemon(true);
      return thread;
    });
    DocsServer docs = new DocsServer(server, workers, site);
    server.createContext("/", docs::handle);
    server.setExecutor(workers);
    server.start();
    return docs;
  }

  /** Where the server listens: always a loopback address. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The site's address for a browser. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      String method = exchange.getRequestMethod();
      if (!addressedToUs(exchange.getRequestHeaders().get("Host"))) {
        send(exchange, 403, "Forbidden: this server answers only to localhost, 127.0.0.1 or [::1]"
            + " on port " + server.getAddress().getPort(), method.equals("HEAD"));
        return;
      }
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "Method not allowed", false);
        return;
      }
      Optional<Path> file = site.resolve(exchange.getRequestURI().getRawPath());
      if (file.isEmpty()) {
        send(exchange, 404, "Not found", head);
        return;
      }
      Path path = file.get();
      exchange.getResponseHeaders().set("Content-Type", type(path));
      exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      long size = Files.size(path);
      exchange.sendResponseHeaders(200, head ? -1 : size == 0 ? -1 : size);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(path, out);
        }
      }
    }
  }

  /**
   * Whether the request's one {@code Host} header names a loopback host by a name no web page can
   * own ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) and our port. A browser always sends
   * the port unless it is 80, so a missing port is accepted only when we listen on 80.
   */
  private boolean addressedToUs(List<String> hostHeaders) {
    if (hostHeaders == null || hostHeaders.size() != 1) {
      return false;
    }
    String host = hostHeaders.get(0).trim().toLowerCase(Locale.ROOT);
    int port = server.getAddress().getPort();
    String name = host;
    String portText = null;
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(']', colon) < 0) {
      name = host.substring(0, colon);
      portText = host.substring(colon + 1);
    }
    if (!name.equals("localhost") && !name.equals("127.0.0.1") && !name.equals("[::1]")) {
      return false;
    }
    return portText == null ? port == 80 : portText.equals(String.valueOf(port));
  }

  private static void send(HttpExchange exchange, int status, String text, boolean head)
      throws IOException {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String type(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
