package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds docs serve}: the generated site on 127.0.0.1, and nothing outside it. */
class CliDocsServeTest {

  @TempDir
  Path dir;

  @Test
  void servesTheSiteOnLoopbackAndRefusesPathsOutsideIt() throws Exception {
    TempProject shop = TempProject.shop(dir.resolve("shop"));
    mds("docs", "generate", "--project-dir", shop.dir()).assertOk();
    Files.writeString(shop.path("target/secret.txt"), "top secret");
    Files.writeString(shop.path("profiles.yml.bak"), "password: hunter2");
    int port = freePort();
    StringWriter out = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = new Thread(() -> exit.set(Mds.execute(new String[] {"docs", "serve",
        "--project-dir", shop.dir(), "--port", String.valueOf(port)},
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))));
    serving.start();
    try {
      awaitListening(port);

      String[] index = get(InetAddress.getLoopbackAddress(), port, "/");
      assertTrue(index[0].startsWith("HTTP/1.1 200"), index[0]);
      assertTrue(index[1].contains("<h1>shop</h1>"), index[1]);
      assertTrue(get(InetAddress.getLoopbackAddress(), port, "/lineage.html")[0].contains("200"));
      for (String attempt : List.of("/../secret.txt", "/%2e%2e/secret.txt",
          "/..%2fsecret.txt", "/%2e%2e/%2e%2e/profiles.yml.bak", "/.mds-docs-site")) {
        String[] response = get(InetAddress.getLoopbackAddress(), port, attempt);
        assertTrue(response[0].contains(" 404 ") || response[0].contains(" 403 "),
            attempt + " -> " + response[0]);
        assertFalse(response[1].contains("top secret") || response[1].contains("hunter2"),
            attempt);
      }
      assertTrue(out.toString().contains("http://127.0.0.1:" + port + "/"), out.toString());
      for (InetAddress outside : nonLoopbackAddresses()) {
        try (Socket socket = new Socket()) {
          assertThrows(IOException.class,
              () -> socket.connect(new InetSocketAddress(outside, port), 2_000),
              "reachable on " + outside);
        }
      }
    } finally {
      serving.interrupt();
      serving.join(10_000);
    }
    assertFalse(serving.isAlive());
    assertEquals(0, exit.get());
  }

  @Test
  void answersOnlyHostHeadersNamingLoopbackAndItsPortSoDnsRebindingCannotReadTheSite()
      throws Exception {
    TempProject shop = TempProject.shop(dir.resolve("shop"));
    mds("docs", "generate", "--project-dir", shop.dir()).assertOk();
    int port = freePort();
    Thread serving = new Thread(() -> Mds.execute(new String[] {"docs", "serve",
        "--project-dir", shop.dir(), "--port", String.valueOf(port)},
        new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true)));
    serving.start();
    try {
      awaitListening(port);
      for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
        String[] page = get(port, "/", "Host: " + host + "\r\n");
        assertTrue(page[0].startsWith("HTTP/1.1 200"), host + " -> " + page[0]);
        assertTrue(page[1].contains("<h1>shop</h1>"), host);
      }
      for (String forged : List.of("Host: attacker.example:" + port + "\r\n",
          "Host: attacker.example\r\n", "Host: localhost.attacker.example:" + port + "\r\n",
          "Host: localhost:" + (port == 65_535 ? 1 : port + 1) + "\r\n",
          "Host: 192.168.1.10:" + port + "\r\n", "")) {
        String[] page = get(port, "/index.html", forged);
        assertTrue(page[0].contains(" 403 ") || page[0].contains(" 400 "),
            forged + " -> " + page[0]);
        assertFalse(page[1].contains("<h1>shop</h1>"), forged);
      }
    } finally {
      serving.interrupt();
      serving.join(10_000);
    }
  }

  @Test
  void withoutAGeneratedSiteItSaysWhatToRun() {
    TempProject shop = TempProject.shop(dir.resolve("shop"));

    mds("docs", "serve", "--project-dir", shop.dir(), "--port", "0")
        .assertProjectError("mds docs generate");
  }

  @Test
  void helpExplainsBothVerbs() {
    CliRun docs = mds("docs", "--help").assertOk();
    assertTrue(docs.out().contains("generate"), docs.out());
    assertTrue(docs.out().contains("serve"), docs.out());
    CliRun serve = mds("docs", "serve", "--help").assertOk();
    assertTrue(serve.out().contains("--port"), serve.out());
    assertTrue(serve.out().contains("127.0.0.1"), serve.out());
    assertTrue(serve.out().contains("8080"), serve.out());
    CliRun generate = mds("docs", "generate", "--help").assertOk();
    assertTrue(generate.out().contains("target/docs"), generate.out());
  }

  @Test
  void generateWithoutADatabaseStillWritesTheSite() {
    TempProject shop = TempProject.shop(dir.resolve("shop"));

    CliRun run = mds("docs", "generate", "--project-dir", shop.dir()).assertOk();

    assertTrue(run.out().contains("run `mds build`"), run::describe);
    assertTrue(Files.isRegularFile(shop.path("target/docs/index.html")));
    assertTrue(Files.isRegularFile(shop.path("target/catalog.json")));
    assertFalse(Files.exists(shop.path("shop.duckdb")), "generate must not create the database");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("mds docs serve did not start listening on " + port);
  }

  /** A GET written byte for byte (no client library to normalise the path): status line, body. */
  private static String[] get(InetAddress host, int port, String rawPath) throws IOException {
    return get(host, port, rawPath, "Host: 127.0.0.1:" + port + "\r\n");
  }

  /** The same on loopback with {@code hostLines} (whole header lines, maybe none) as the Host. */
  private static String[] get(int port, String rawPath, String hostLines) throws IOException {
    return get(InetAddress.getLoopbackAddress(), port, rawPath, hostLines);
  }

  private static String[] get(InetAddress host, int port, String rawPath, String hostLines)
      throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(5_000);
      OutputStream request = socket.getOutputStream();
      request.write(("GET " + rawPath + " HTTP/1.1\r\n" + hostLines
          + "Connection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      request.flush();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(bytes);
      String response = bytes.toString(StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      return new String[] {response.substring(0, response.indexOf("\r\n")),
          end < 0 ? "" : response.substring(end + 4)};
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(nic -> {
          try {
            return nic.isUp() && !nic.isLoopback();
          } catch (IOException e) {
            return false;
          }
        })
        .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .toList();
  }
}
