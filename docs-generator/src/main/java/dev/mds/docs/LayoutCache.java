package dev.mds.docs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lineage layout of the last {@code docs generate}, kept in {@code target/} under a digest of
 * the graph (nodes in order, where data enters, edges) and the layout's version: a second run with
 * the same graph reads it back instead of laying the graph out again. Anything unreadable or from
 * another graph is ignored and overwritten; the cache is never needed for correctness.
 */
final class LayoutCache {

  static final String FILE = "docs_layout.bin";
  /** Bump when a layout's output changes, so an old cache is not reused. */
  private static final String VERSION = "mds-lineage-layout-2";

  private LayoutCache() {
  }

  static byte[] digest(List<String> ids, Set<String> entries, List<LineageLayout.Link> links) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(VERSION.getBytes(StandardCharsets.UTF_8));
      for (String id : ids) {
        sha.update(id.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update((byte) 1);
      for (String id : new TreeSet<>(entries)) {
        sha.update(id.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update((byte) 1);
      for (LineageLayout.Link link : links) {
        sha.update(link.from().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 2);
        sha.update(link.to().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static Optional<LaidOutGraph> read(Path file, byte[] digest, List<String> ids) {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] stored = new byte[digest.length];
      in.readFully(stored);
      if (!Arrays.equals(stored, digest) || in.readInt() != ids.size()) {
        return Optional.empty();
      }
      double width = in.readDouble();
      double height = in.readDouble();
      List<LaidOutGraph.Placed> placed = new ArrayList<>(ids.size());
      for (String id : ids) {
        placed.add(new LaidOutGraph.Placed(id, in.readFloat(), in.readFloat(), in.readInt()));
      }
      int edges = in.readInt();
      List<LaidOutGraph.Route> routes = new ArrayList<>(edges);
      for (int e = 0; e < edges; e++) {
        String from = ids.get(in.readInt());
        String to = ids.get(in.readInt());
        double[] points = new double[in.readInt()];
        for (int p = 0; p < points.length; p++) {
          points[p] = in.readFloat();
        }
        routes.add(new LaidOutGraph.Route(from, to, points));
      }
      return Optional.of(new LaidOutGraph(placed, routes, width, height, 0));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the layout beside the artifacts; a failure only costs the next run a layout. */
  static void write(Path file, byte[] digest, List<String> ids, LaidOutGraph layout) {
    if (file == null || !Files.isDirectory(file.getParent())) {
      return;
    }
    Map<String, Integer> index = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
        out.write(digest);
        out.writeInt(ids.size());
        out.writeDouble(layout.width());
        out.writeDouble(layout.height());
        for (LaidOutGraph.Placed node : layout.nodes()) {
          out.writeFloat((float) node.x());
          out.writeFloat((float) node.y());
          out.writeInt(node.layer());
        }
        out.writeInt(layout.edges().size());
        for (LaidOutGraph.Route route : layout.edges()) {
          out.writeInt(index.get(route.from()));
          out.writeInt(index.get(route.to()));
          out.writeInt(route.points().length);
          for (double p : route.points()) {
            out.writeFloat((float) p);
          }
        }
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // Nothing more to do: the cache is optional.
      }
    }
  }
}
