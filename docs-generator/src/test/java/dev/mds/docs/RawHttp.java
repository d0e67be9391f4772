package dev.mds.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written byte for byte, so a test can send paths (../, %2e%2e) that an HTTP
 * client library would normalise away before they reach the server.
 */
record RawHttp(int status, String headers, String body) {

  /** The status line and headers in lower case (the JDK server capitalises names its own way). */
  String head() {
    return headers.toLowerCase(java.util.Locale.ROOT);
  }

  /** A request addressed as a browser at http://127.0.0.1:port/ addresses it. */
  static RawHttp send(int port, String method, String rawPath) throws IOException {
    return send(port, method, rawPath, "Host: 127.0.0.1:" + port + "\r\n");
  }

  /** A request with {@code hostLines} (zero or more whole header lines) as its Host headers. */
  static RawHttp send(int port, String method, String rawPath, String hostLines)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + rawPath + " HTTP/1.1\r\n" + hostLines
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      String response = bytes.toString(StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String head = end < 0 ? response : response.substring(0, end);
      String body = end < 0 ? "" : response.substring(end + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      return new RawHttp(status, head, body);
    }
  }
}
