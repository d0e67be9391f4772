package dev.mds.docs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the site is made from, as one digest: the manifest (less its generation time), the
 * catalog (likewise), {@code run_results.json}, {@code sources.json}, the project's
 * {@code README.md}, and the generator itself (its templates and assets, and the jar or folder
 * it was loaded from). When a second {@code docs generate} finds the same digest beside a whole
 * site, the site is already what it would write, and it is left as it is.
 *
 * <p>The files' bytes go in as their length and two checksums (CRC-32 and CRC-32C, computed by
 * the JDK's native or intrinsic code): SHA-256 over them in Java took ~0.15 s of CPU for a 5,000
 * model manifest (11.6 MB), since the C1-only JIT mds runs with has no SHA intrinsics. A changed
 * file keeps its length and both checksums by chance about once in 2^64 times; the digest guards
 * against stale sites, not against anyone forging one.
 */
final class SiteInputs {

  static final String FILE = ".mds-docs-inputs";
  private static final String VERSION = "mds-site-inputs-3";
  private static final List<String> RESOURCES = List.of("assets/mds.css", "assets/mds.js",
      "assets/graph.js", "assets/pages.js", "templates/layout.peb", "templates/node.peb",
      "templates/overview.peb", "templates/lineage.peb", "templates/legend.peb",
      "templates/macros.peb");

  private SiteInputs() {
  }

  static String digest(Path artifactsDir, Path projectRoot) {
    return digest(artifactsDir, projectRoot, NodeStates.none());
  }

  /**
   * Read from the files as they are, before anything is parsed: a second run with nothing
   * changed then never builds the manifest's tree (about a second at 5,000 models).
   */
  static String digest(Path artifactsDir, Path projectRoot, NodeStates states) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(VERSION.getBytes(StandardCharsets.UTF_8));
      generator(sha);
      sha.update(states.digestText().getBytes(StandardCharsets.UTF_8));
      withoutGenerationTime(artifactsDir.resolve("manifest.json"), sha);
      withoutGenerationTime(artifactsDir.resolve("catalog.json"), sha);
      for (String file : List.of("run_results.json", "sources.json")) {
        fileBytes(artifactsDir.resolve(file), sha);
      }
      if (projectRoot != null) {
        fileBytes(projectRoot.resolve("README.md"), sha);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    } catch (IOException e) {
      // Cannot tell: a digest nothing matches, so the site is written.
      return "unreadable-" + System.nanoTime();
    }
  }

  /** Whether an earlier run recorded its digest in {@code siteDir} (else it cannot be the same). */
  static boolean recorded(Path siteDir) {
    return Files.isRegularFile(siteDir.resolve(FILE));
  }

  /** The summary of the site in {@code siteDir} if it was made from the same inputs and is whole. */
  static Optional<SiteSummary> unchanged(Path siteDir, String digest, long startNanos) {
    Path recorded = siteDir.resolve(FILE);
    try {
      if (!Files.isRegularFile(recorded) || !Files.isRegularFile(siteDir.resolve("index.html"))
          || !Files.isRegularFile(siteDir.resolve("data/graph.js"))
          || !Files.isRegularFile(siteDir.resolve(DocsSite.MARKER))) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(recorded, StandardCharsets.UTF_8);
      if (lines.size() < 5 || !lines.get(0).equals(digest)
          || !lines.get(4).equals(fingerprint(siteDir))) {
        return Optional.empty();
      }
      return Optional.of(new SiteSummary(siteDir.resolve("index.html"),
          Integer.parseInt(lines.get(1)), Integer.parseInt(lines.get(2)),
          Integer.parseInt(lines.get(3)), 0, (System.nanoTime() - startNanos) / 1_000_000, true));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static void record(Path siteDir, String digest, SiteSummary summary) {
    try {
      Files.writeString(siteDir.resolve(FILE), digest + "\n" + summary.pages() + "\n"
          + summary.graphNodes() + "\n" + summary.graphEdges() + "\n" + fingerprint(siteDir)
          + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Only costs the next run a rewrite.
    }
  }

  /**
   * How many files the site has, their bytes and the newest change: a page added, removed or
   * edited by hand since the site was written makes the next run write it again.
   */
  private static String fingerprint(Path siteDir) throws IOException {
    long[] tally = new long[3];
    try (Stream<Path> walk = Files.walk(siteDir)) {
      walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(FILE))
          .forEach(p -> {
            try {
              tally[0]++;
              tally[1] += Files.size(p);
              tally[2] = Math.max(tally[2], Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return tally[0] + " " + tally[1] + " " + tally[2];
  }

  /**
   * An artifact's bytes, less its metadata's generation time and invocation id: the metadata
   * object (written first, by mds and by dbt) goes in field by field, the rest byte for byte. A
   * file whose first field is not the metadata goes in whole.
   */
  private static void withoutGenerationTime(Path file, MessageDigest sha) throws IOException {
    sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
    if (!Files.isRegularFile(file)) {
      sha.update((byte) 0);
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    int rest = 0;
    try (JsonParser parser = Artifacts.JSON.createParser(bytes)) {
      if (parser.nextToken() == JsonToken.START_OBJECT
          && parser.nextToken() == JsonToken.FIELD_NAME
          && parser.currentName().equals("metadata")
          && parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          parser.nextToken();
          JsonNode value = parser.readValueAsTree();
          if (!key.equals("generated_at") && !key.equals("invocation_id")) {
            sha.update((key + "\u0000" + value + "\u0000").getBytes(StandardCharsets.UTF_8));
          }
        }
        rest = (int) parser.currentLocation().getByteOffset();
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON as expected: the bytes alone decide.
      rest = 0;
    }
    checksums(bytes, rest, sha);
  }

  /** The bytes of {@code bytes} from {@code from} on, as their length and two checksums. */
  private static void checksums(byte[] bytes, int from, MessageDigest sha) {
    java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
    crc32.update(bytes, from, bytes.length - from);
    java.util.zip.CRC32C crc32c = new java.util.zip.CRC32C();
    crc32c.update(bytes, from, bytes.length - from);
    sha.update((" " + (bytes.length - from) + " " + crc32.getValue() + " " + crc32c.getValue())
        .getBytes(StandardCharsets.UTF_8));
  }

  private static void fileBytes(Path file, MessageDigest sha) throws IOException {
    sha.update(file.toString().getBytes(StandardCharsets.UTF_8));
    if (Files.isRegularFile(file)) {
      checksums(Files.readAllBytes(file), 0, sha);
    }
  }

  private static void generator(MessageDigest sha) throws IOException {
    for (String resource : RESOURCES) {
      try (InputStream in = DocsSite.class.getResourceAsStream(resource)) {
        if (in != null) {
          sha.update(in.readAllBytes());
        }
      }
    }
    try {
      Path code = Path.of(DocsSite.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      Path probe = Files.isDirectory(code)
          ? code.resolve("dev/mds/docs/DocsSite.class") : code;
      if (Files.exists(probe)) {
        sha.update((Files.getLastModifiedTime(probe) + " " + Files.size(probe))
            .getBytes(StandardCharsets.UTF_8));
      }
    } catch (URISyntaxException | RuntimeException e) {
      sha.update((byte) 0);
    }
  }
}
