package dev.mds.cli;

import dev.mds.BuildStamp;
import dev.mds.Digest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code mds compile} when nothing it depends on changed since the last one: it prints what that
 * compile printed and leaves its files, without parsing or compiling, as make does for a target
 * newer than its inputs.
 *
 * <p>A compile that may be repeated this way leaves a stamp, {@code target/compile_stamp.bin},
 * holding a digest of everything it depended on: this build of mds, the working folder, the
 * command line (flags, {@code --vars}, selection), every environment variable (not only those read
 * through {@code env_var}: the profile and mds itself read some; but {@code OLDPWD} and {@code _},
 * which a shell changes on every {@code cd} and command), and the type, size, modification
 * and change times and inode of every file in the project folder (packages included) but
 * {@code target/}, {@code logs/} and {@code .git/}, plus the profiles.yml files it may read
 * elsewhere. It also holds the same facts of every file it left in {@code target/}. The next
 * compile lists both again; if all is the same it prints the stored output and writes only what a
 * compile always changes, the manifest's {@code generated_at}. Any difference, or anything that
 * cannot be read, means the normal compile, which deletes the stamp first.
 *
 * <p>A compile leaves no stamp when it could not be repeated from those files alone: a template
 * queried the database, a source reads files by {@code location}, a project path lies outside the
 * project folder or a symbolic link leads to a folder, {@code target/} is elsewhere, it printed a
 * warning or a template logged, it failed, or it ran with {@code --state}, {@code --defer},
 * {@code --lineage}, {@code --debug} or {@code --no-partial-parse}. It leaves none either when a
 * file it read changed less than {@link #RACY_MILLIS} before it started (a change in the same tick
 * of a coarse clock keeps the time stamps, as git's index knows): the next compile stamps instead.
 * The change time cannot be set by tools that copy times ({@code cp -p}, {@code touch -d}), so a
 * change always shows.
 */
final class UpToDateCompile {

  static final String FILE = "compile_stamp.bin";
  private static final int FORMAT = 1;
  private static final String MAGIC = "mds compile stamp";
  static final long RACY_MILLIS = 2_000;
  private static final String ATTRIBUTES = "unix:mode,ino,size,lastModifiedTime,ctime";
  private static final int TYPE = 0170000;
  private static final int DIRECTORY = 0040000;
  private static final int LINK = 0120000;
  private static final String MANIFEST = "manifest.json";
  private static final byte[] GENERATED_AT = "\"generated_at\":\"".getBytes(StandardCharsets.UTF_8);
  /** How far into the manifest its {@code generated_at} is looked for (it is in the metadata). */
  private static final int HEAD = 64 * 1024;
  /**
   * Variables a shell sets for itself on every {@code cd} or command ({@code OLDPWD}, the last
   * command's path {@code _}): left out of the key, so moving between folders or calling mds
   * through another wrapper does not defeat the stamp. The working folder itself is in the key.
   */
  static final Set<String> SHELL_BOOKKEEPING = Set.of("OLDPWD", "_");

  private UpToDateCompile() {
  }

  /**
   * The files of a folder as listed (names, types, sizes, times, inodes, in order), and the newest
   * time among them (to tell a racy stamp).
   */
  record Listing(byte[] facts, long newestMillis) {
  }

  /** What a stamp holds. */
  private record Stamp(Path root, List<Path> elsewhere, String key, String stdout,
      byte[] manifest, byte[] inputs, byte[] outputs) {
  }

  /**
   * What the last compile printed, when {@code args} run in this folder with this environment
   * would do what it did and its files are still as it left them; the manifest's
   * {@code generated_at} is then set anew. Empty means: compile.
   */
  static Optional<String> replay(String[] args) {
    for (Path folder : candidates(args)) {
      Path stamp = folder.resolve("target").resolve(FILE);
      if (!Files.isRegularFile(stamp)) {
        continue;
      }
      try {
        Optional<String> replayed = replay(args, stamp);
        if (replayed.isPresent()) {
          return replayed;
        }
      } catch (IOException | RuntimeException e) {
        // A stamp is only ever a shortcut: one that cannot be checked means compiling.
      }
    }
    return Optional.empty();
  }

  /**
   * The folders a stamp may be in: the working folder and every argument read as a folder. Only a
   * stamp left by the same command line in the same folder matches, so which argument named the
   * project needs no telling.
   */
  private static Set<Path> candidates(String[] args) {
    Set<Path> folders = new LinkedHashSet<>();
    folders.add(Path.of("").toAbsolutePath());
    for (String arg : args) {
      try {
        folders.add(Path.of(arg).toAbsolutePath().normalize());
      } catch (InvalidPathException e) {
        // Not a path: no stamp there.
      }
    }
    return folders;
  }

  private static Optional<String> replay(String[] args, Path stampFile) throws IOException {
    Optional<Stamp> read = read(stampFile);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Stamp stamp = read.get();
    Path target = stamp.root().resolve("target");
    if (!stampFile.toAbsolutePath().normalize().equals(target.resolve(FILE))
        || !key(args, stamp.root(), stamp.elsewhere()).equals(stamp.key())) {
      return Optional.empty();
    }
    // The two listings on both cores: each is a stat per file.
    CompletableFuture<Optional<Listing>> outputs = CompletableFuture.supplyAsync(
        () -> outputs(target), command -> {
          Thread thread = new Thread(command, "mds-outputs");
          thread.setDaemon(true);
          thread.start();
        });
    Optional<Listing> inputs = inputs(stamp.root(), stamp.elsewhere());
    Path manifest = target.resolve(MANIFEST);
    if (inputs.isEmpty() || !Arrays.equals(inputs.get().facts(), stamp.inputs())
        || !Arrays.equals(facts(manifest), stamp.manifest())) {
      return Optional.empty();
    }
    Optional<Listing> outputsNow = outputs.join();
    if (outputsNow.isEmpty() || !Arrays.equals(outputsNow.get().facts(), stamp.outputs())) {
      return Optional.empty();
    }
    // The stamp goes first: if the process dies while the manifest is written, the next compile
    // finds none and compiles.
    Files.delete(stampFile);
    if (!stampGeneratedAt(manifest)) {
      return Optional.empty();
    }
    write(stampFile, new Stamp(stamp.root(), stamp.elsewhere(), stamp.key(), stamp.stdout(),
        facts(manifest), stamp.inputs(), stamp.outputs()));
    return Optional.of(stamp.stdout());
  }

  /** Deletes the stamp of the project whose {@code target/} is {@code targetDir}, if any. */
  static void forget(Path targetDir) {
    try {
      Files.deleteIfExists(targetDir.resolve(FILE));
    } catch (IOException e) {
      throw new dev.mds.MdsException("Cannot delete " + targetDir.resolve(FILE) + " ("
          + e.getMessage() + "): mds compile must be able to write to target/", e);
    }
  }

  /**
   * The project folder's files and {@code elsewhere}'s, or empty when they cannot all be listed or
   * a link leads to a folder.
   */
  static Optional<Listing> inputs(Path root, List<Path> elsewhere) {
    return inputs(root, elsewhere, Long.MAX_VALUE);
  }

  /**
   * As {@link #inputs(Path, List)}, but empty as soon as a file turns out changed at
   * {@code racyFromMillis} or later (no stamp then: there is no need to list the rest).
   */
  static Optional<Listing> inputs(Path root, List<Path> elsewhere, long racyFromMillis) {
    Listed listed = new Listed(racyFromMillis);
    try {
      if (!listed.folder(root, "", Set.of(root.resolve("target"), root.resolve("logs"),
          root.resolve(".git")))) {
        return Optional.empty();
      }
      for (Path file : elsewhere) {
        listed.out.writeUTF(file.toString());
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          listed.file(Files.readAttributes(file, ATTRIBUTES));
        } else {
          listed.out.writeInt(0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unreadable, or no unix attribute view (Windows): no stamp, or no shortcut.
      return Optional.empty();
    }
    return listed.racy ? Optional.empty() : Optional.of(listed.listing());
  }

  /** {@code target/}'s files but the stamp and the manifest (whose times change, see replay). */
  static Optional<Listing> outputs(Path target) {
    Listed listed = new Listed(Long.MAX_VALUE);
    try {
      return listed.folder(target, "", Set.of(target.resolve(FILE), target.resolve(MANIFEST)))
          ? Optional.of(listed.listing()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Unreadable, or no unix attribute view (Windows): no stamp, or no shortcut.
      return Optional.empty();
    }
  }

  /** One listing being made. */
  private static final class Listed {
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final long racyFromMillis;
    private long newest = Long.MIN_VALUE;
    private boolean racy;

    Listed(long racyFromMillis) {
      this.racyFromMillis = racyFromMillis;
    }

    Listing listing() {
      return new Listing(bytes.toByteArray(), newest);
    }

    /**
     * Every entry under {@code folder}, sorted by name; false when a link leads to a folder (its
     * files could change unseen, and it may loop).
     */
    boolean folder(Path folder, String prefix, Set<Path> skipped) throws IOException {
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> listed = Files.newDirectoryStream(folder)) {
        listed.forEach(entries::add);
      }
      entries.sort(null);
      for (Path entry : entries) {
        if (racy) {
          return false;
        }
        if (skipped.contains(entry)) {
          continue;
        }
        Map<String, Object> facts = Files.readAttributes(entry, ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
        if (((Integer) facts.get("mode") & TYPE) == LINK) {
          facts = Files.readAttributes(entry, ATTRIBUTES);
        }
        String name = prefix + entry.getFileName();
        out.writeUTF(name);
        if (((Integer) facts.get("mode") & TYPE) == DIRECTORY) {
          // A folder's times change with its entries, which are listed: only its type counts.
          out.writeInt((Integer) facts.get("mode"));
          if (!Files.isSymbolicLink(entry) && folder(entry, name + "/", skipped)) {
            continue;
          }
          return false;
        }
        file(facts);
      }
      return true;
    }

    void file(Map<String, Object> facts) throws IOException {
      long modified = ((FileTime) facts.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
      long changed = ((FileTime) facts.get("ctime")).to(TimeUnit.NANOSECONDS);
      out.writeInt((Integer) facts.get("mode"));
      out.writeLong((Long) facts.get("size"));
      out.writeLong(modified);
      out.writeLong(changed);
      out.writeLong((Long) facts.get("ino"));
      newest = Math.max(newest, Math.max(modified, changed) / 1_000_000);
      racy |= newest >= racyFromMillis;
    }
  }

  private static byte[] facts(Path file) throws IOException {
    Listed listed = new Listed(Long.MAX_VALUE);
    listed.file(Files.readAttributes(file, ATTRIBUTES));
    return listed.listing().facts();
  }

  /** The digest of everything but the files that a compile's output depends on. */
  static String key(String[] args, Path root, List<Path> elsewhere) {
    Digest digest = Digest.sha256();
    digest.add(Integer.toString(FORMAT));
    digest.add(BuildStamp.of());
    digest.add(codeStamp());
    digest.add(System.getProperty("user.dir", ""));
    digest.add(System.getProperty("user.home", ""));
    digest.add(String.join("\0", args));
    for (Map.Entry<String, String> variable : new TreeMap<>(System.getenv()).entrySet()) {
      if (SHELL_BOOKKEEPING.contains(variable.getKey())) {
        continue;
      }
      digest.add(variable.getKey() + "=" + variable.getValue());
    }
    digest.add(root.toString());
    digest.add(elsewhere.toString());
    return digest.hex();
  }

  /** The size and time of the CLI's own jar (core's is in {@link BuildStamp}). */
  private static String codeStamp() {
    try {
      Path code = Path.of(UpToDateCompile.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      return Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
    } catch (java.net.URISyntaxException | IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * Leaves the stamp after a compile that started at {@code startedMillis} and printed
   * {@code stdout}; none when a file it read changed too close to its start.
   */
  static void stamp(String[] args, Path root, List<Path> elsewhere, Listing inputs,
      long startedMillis, String stdout) {
    if (inputs.newestMillis() >= startedMillis - RACY_MILLIS) {
      return;
    }
    Path target = root.resolve("target");
    Optional<Listing> outputs = outputs(target);
    if (outputs.isEmpty()) {
      return;
    }
    try {
      write(target.resolve(FILE), new Stamp(root, elsewhere, key(args, root, elsewhere), stdout,
          facts(target.resolve(MANIFEST)), inputs.facts(), outputs.get().facts()));
    } catch (IOException | RuntimeException e) {
      // No stamp: the next compile compiles.
    }
  }

  private static void write(Path file, Stamp stamp) throws IOException {
    Path temp = file.resolveSibling(FILE + "." + ProcessHandle.current().pid() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        Files.newOutputStream(temp), 1 << 16))) {
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(stamp.root().toString());
      out.writeInt(stamp.elsewhere().size());
      for (Path path : stamp.elsewhere()) {
        out.writeUTF(path.toString());
      }
      out.writeUTF(stamp.key());
      for (byte[] part : List.of(stamp.stdout().getBytes(StandardCharsets.UTF_8),
          stamp.manifest(), stamp.inputs(), stamp.outputs())) {
        out.writeInt(part.length);
        out.write(part);
      }
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Optional<Stamp> read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        Files.newInputStream(file), 1 << 16))) {
      if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
        return Optional.empty();
      }
      Path root = Path.of(in.readUTF());
      int count = in.readInt();
      List<Path> elsewhere = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        elsewhere.add(Path.of(in.readUTF()));
      }
      String key = in.readUTF();
      byte[][] parts = new byte[4][];
      for (int i = 0; i < parts.length; i++) {
        int length = in.readInt();
        if (length < 0 || length > Files.size(file)) {
          return Optional.empty();
        }
        parts[i] = in.readNBytes(length);
        if (parts[i].length != length) {
          return Optional.empty();
        }
      }
      return Optional.of(new Stamp(root, List.copyOf(elsewhere), key,
          new String(parts[0], StandardCharsets.UTF_8), parts[1], parts[2], parts[3]));
    }
  }

  /**
   * Sets the manifest's {@code generated_at} to now, as writing it anew would; false when it has
   * none near its start. The new time is written over the old one when it is as long (almost
   * always: nine digits of nanoseconds), else the file is written anew.
   */
  private static boolean stampGeneratedAt(Path manifest) throws IOException {
    byte[] now = Instant.now().toString().getBytes(StandardCharsets.UTF_8);
    // Read and written through one channel: the same file even if another process replaces it.
    try (FileChannel channel = FileChannel.open(manifest, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ByteBuffer head = ByteBuffer.allocate(HEAD);
      while (head.hasRemaining() && channel.read(head) >= 0) {
        // Reads up to HEAD bytes, or the whole of a shorter file.
      }
      int[] value = generatedAt(Arrays.copyOf(head.array(), head.position()));
      if (value == null) {
        return false;
      }
      if (now.length == value[1] - value[0]) {
        ByteBuffer buffer = ByteBuffer.wrap(now);
        long position = value[0];
        while (buffer.hasRemaining()) {
          position += channel.write(buffer, position);
        }
        return true;
      }
    }
    byte[] bytes = Files.readAllBytes(manifest);
    int[] value = generatedAt(bytes);
    if (value == null) {
      return false;
    }
    Path temp = manifest.resolveSibling(MANIFEST + "." + ProcessHandle.current().pid() + ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      out.write(bytes, 0, value[0]);
      out.write(now);
      out.write(bytes, value[1], bytes.length - value[1]);
    }
    Files.move(temp, manifest, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  /**
   * Where the text of {@code generated_at} starts and ends within the first {@link #HEAD} bytes of
   * a manifest, or null when it is not there whole.
   */
  private static int[] generatedAt(byte[] bytes) {
    int at = indexOf(Arrays.copyOf(bytes, Math.min(bytes.length, HEAD)), GENERATED_AT);
    if (at < 0) {
      return null;
    }
    int start = at + GENERATED_AT.length;
    int end = start;
    while (end < bytes.length && bytes[end] != '"') {
      end++;
    }
    return end == bytes.length ? null : new int[] {start, end};
  }

  private static int indexOf(byte[] bytes, byte[] wanted) {
    outer:
    for (int i = 0; i + wanted.length <= bytes.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (bytes[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
