package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsServerTest {

  @TempDir
  Path dir;
  Path site;
  DocsServer server;

  @BeforeEach
  void start() throws IOException {
    site = dir.resolve("docs");
    Files.createDirectories(site.resolve("nodes"));
    Files.createDirectories(site.resolve("assets"));
    Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>index</title>");
    Files.writeString(site.resolve("nodes/model.a.b.html"), "model page");
    Files.writeString(site.resolve("assets/mds.js"), "// js");
    Files.writeString(dir.resolve("secret.txt"), "top secret");
    server = DocsServer.start(site, 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int port() {
    return server.address().getPort();
  }

  @Test
  void servesTheIndexAndPagesWithTheirTypes() throws IOException {
    RawHttp index = RawHttp.send(port(), "GET", "/");
    assertEquals(200, index.status());
    assertTrue(index.body().contains("<title>index</title>"));
    assertTrue(index.head().contains("content-type: text/html"), index.headers());
    assertTrue(index.head().contains("content-security-policy: default-src 'none'"),
        index.headers());
    assertTrue(index.head().contains("x-content-type-options: nosniff"), index.headers());

    assertEquals("model page", RawHttp.send(port(), "GET", "/nodes/model.a.b.html").body());
    assertTrue(RawHttp.send(port(), "GET", "/assets/mds.js").head().contains("text/javascript"));
    RawHttp head = RawHttp.send(port(), "HEAD", "/index.html");
    assertEquals(200, head.status());
    assertEquals("", head.body());
  }

  @Test
  void refusesPathsOutsideTheSite() throws IOException {
    for (String attempt : List.of("/../secret.txt", "/nodes/../../secret.txt",
        "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%5csecret.txt",
        "/..\\secret.txt", "/%252e%252e/secret.txt", "/./../secret.txt",
        "//" + dir.resolve("secret.txt"), "/nodes/%00", "/missing.html")) {
      RawHttp response = RawHttp.send(port(), "GET", attempt);
      assertTrue(response.status() == 404 || response.status() == 403 || response.status() == 400,
          attempt + " -> " + response.status());
      assertFalse(response.body().contains("top secret"), attempt);
    }
  }

  @Test
  void answersOnlyRequestsAddressedToALoopbackNameAndItsPort() throws IOException {
    int port = port();
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port,
        "[::1]:" + port)) {
      RawHttp response = RawHttp.send(port, "GET", "/", "Host: " + host + "\r\n");
      assertEquals(200, response.status(), host);
    }
    for (String hostLines : List.of("Host: evil.example:" + port + "\r\n",
        "Host: evil.example\r\n", "Host: 127.0.0.1.evil.example:" + port + "\r\n",
        "Host: localhost.:" + port + "\r\n", "Host: 127.0.0.1:" + (port + 1) + "\r\n",
        "Host: 127.0.0.1\r\n", "Host: 127.0.0.2:" + port + "\r\n", "Host: [::2]:" + port + "\r\n",
        "Host: localhost:" + port + "@evil.example\r\n", "",
        "Host: localhost:" + port + "\r\nHost: evil.example\r\n")) {
      RawHttp response = RawHttp.send(port, "GET", "/", hostLines);
      assertTrue(response.status() == 403 || response.status() == 400,
          hostLines + " -> " + response.status());
      assertFalse(response.body().contains("<title>index</title>"), hostLines);
    }
    assertEquals(403, RawHttp.send(port, "HEAD", "/", "Host: evil.example\r\n").status());
  }

  @Test
  void onlyReads() throws IOException {
    RawHttp post = RawHttp.send(port(), "POST", "/index.html");
    assertEquals(405, post.status());
    assertTrue(post.head().contains("allow: get, head"), post.headers());
    assertEquals(405, RawHttp.send(port(), "PUT", "/x.html").status());
  }

  @Test
  void listensOnLoopbackOnly() throws IOException {
    InetSocketAddress address = server.address();
    assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
    assertEquals("http://127.0.0.1:" + port() + "/", server.url().toString());
    Optional<InetAddress> outside = nonLoopbackAddress();
    assumeTrue(outside.isPresent(), "no non-loopback address to try");
    try (Socket socket = new Socket()) {
      assertThrows(IOException.class,
          () -> socket.connect(new InetSocketAddress(outside.get(), port()), 2_000));
    }
  }

  @Test
  void aTakenPortOrAMissingSiteIsAClearError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      DocsException busy = assertThrows(DocsException.class,
          () -> DocsServer.start(site, taken.getLocalPort()));
      assertTrue(busy.getMessage().contains("--port"), busy.getMessage());
    }
    DocsException missing = assertThrows(DocsException.class,
        () -> DocsServer.start(dir.resolve("nothing"), 0));
    assertTrue(missing.getMessage().contains("mds docs generate"), missing.getMessage());
  }

  static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
