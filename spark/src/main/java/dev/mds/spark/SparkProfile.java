package dev.mds.spark;

import dev.mds.MdsException;
import dev.mds.project.Target;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code type: spark} profile output as dbt-spark users write it.
 *
 * @param method {@code session} (Spark in this process) or {@code connect} (Spark Connect)
 * @param master the cluster a session runs on: {@code local[*]} by default, a standalone
 *     cluster's {@code spark://host:7077}, {@code yarn}, ...
 * @param connectUrl for {@code connect}: {@code sc://host:port/;token=...} built from
 *     {@code host} (and {@code port}, {@code token})
 * @param serverSideParameters Spark configuration set on the session
 * @param stateDir for a local session: the folder holding the Hive metastore (Derby) and the
 *     warehouse, so that tables outlive one mds invocation
 */
record SparkProfile(String method, String master, Optional<String> connectUrl,
    Map<String, String> serverSideParameters, Path stateDir) {

  static final String SESSION = "session";
  static final String CONNECT = "connect";

  /** Reads {@code target}'s output, naming the profile and key in every error. */
  static SparkProfile of(Target target) {
    Map<String, Object> out = target.output();
    String where = target.profilesFile().map(Path::toString).orElse("profiles.yml") + ": profile '"
        + target.profileName() + "' target '" + target.name() + "'";
    String method = string(out, "method").orElse(SESSION).toLowerCase(Locale.ROOT);
    Map<String, String> conf = new LinkedHashMap<>();
    Object params = out.get("server_side_parameters");
    if (params instanceof Map<?, ?> map) {
      map.forEach((k, v) -> conf.put(String.valueOf(k), String.valueOf(v)));
    } else if (params != null) {
      throw new MdsException(where + ": server_side_parameters must be a mapping of Spark"
          + " setting to value (spark.sql.shuffle.partitions: 8), got " + params);
    }
    Path root = target.databasePath();
    Path stateDir = string(out, "warehouse_dir").map(d -> root.resolve(d).normalize())
        .orElse(root.resolve("spark-warehouse"));
    String master = string(out, "master").orElse("local[*]");
    switch (method) {
      case SESSION -> {
        return new SparkProfile(method, master, Optional.empty(), conf, stateDir);
      }
      case CONNECT -> {
        String host = string(out, "host").orElseThrow(() -> new MdsException(where
            + ": method 'connect' needs host (the Spark Connect server, sc://host:15002)"));
        return new SparkProfile(method, master, Optional.of(connectUrl(host,
            string(out, "port"), string(out, "token"), where)), conf, stateDir);
      }
      default -> throw new MdsException(where + ": method '" + method + "' is not supported by"
          + " mds (use session for Spark in-process, or connect for a Spark Connect server such"
          + " as Databricks)");
    }
  }

  /**
   * A Spark Connect URL: {@code host} as given when it is one ({@code sc://...}), else built from
   * host and port (15002, Spark Connect's); a token is sent over TLS, as Spark Connect demands.
   */
  static String connectUrl(String host, Optional<String> port, Optional<String> token,
      String where) {
    String url = host.strip();
    if (!url.startsWith("sc://")) {
      if (url.contains("://")) {
        throw new MdsException(where + ": host '" + host + "' is not a Spark Connect address"
            + " (sc://host:15002)");
      }
      url = "sc://" + url + ":" + port.orElse("15002");
    }
    if (token.isPresent() && !token.get().isBlank()) {
      if (!url.contains("/;") && !url.endsWith("/")) {
        url += "/";
      }
      url += ";token=" + token.get().strip();
      if (!url.contains("use_ssl=")) {
        url += ";use_ssl=true";
      }
    }
    return url;
  }

  private static Optional<String> string(Map<String, Object> out, String key) {
    Object value = out.get(key);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value).strip())
        .filter(s -> !s.isEmpty());
  }
}
