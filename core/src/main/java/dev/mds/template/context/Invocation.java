package dev.mds.template.context;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * What templates know of the mds command running them: dbt's {@code invocation_id},
 * {@code run_started_at}, {@code flags} (with {@code WHICH}, the verb), {@code dbt_version} and
 * where {@code log()} writes.
 *
 * @param flags dbt's flag names in upper case ({@code FULL_REFRESH}, {@code FAIL_FAST}, ...) to
 *     their values on this command line; flags not given take dbt's defaults
 * @param version mds's version, which {@code dbt_version} reports
 */
public record Invocation(String invocationId, Instant runStartedAt, String which,
    Map<String, Object> flags, String version, TemplateLog log) {

  public Invocation {
    flags = Map.copyOf(flags);
  }

  /** A new invocation starting now, with a fresh id. */
  public static Invocation start(String which, Map<String, Object> flags, String version,
      TemplateLog log) {
    // Python's datetime holds microseconds; a finer instant would print digits dbt never shows.
    return new Invocation(randomId(), Instant.now().truncatedTo(ChronoUnit.MICROS), which, flags,
        version, log);
  }

  /**
   * A random (version 4) UUID. UUID.randomUUID() would first seed a SecureRandom, 70-150 ms in a
   * fresh JVM, for an id that only needs to differ between runs.
   */
  private static String randomId() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    long high = random.nextLong() & ~0xF000L | 0x4000L;
    long low = random.nextLong() & ~(0x3L << 62) | (0x2L << 62);
    return new UUID(high, low).toString();
  }

  /** Renders outside a command: no log, dbt's default flags, the verb taken to be compile. */
  public static Invocation standalone() {
    return start("compile", Map.of(), "dev", TemplateLog.NONE);
  }
}
