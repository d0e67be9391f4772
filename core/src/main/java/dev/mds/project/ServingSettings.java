package dev.mds.project;

import dev.mds.MdsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The serving copy's keys of a DuckDB output in profiles.yml: {@code publish}, {@code serving_path}. */
final class ServingSettings {

  private ServingSettings() {
  }

  /**
   * {@code serving_path:} alone turns publishing on (naming where is asking for it); {@code
   * publish: false} beside it keeps it for {@code --publish} only.
   *
   * @param where the output as errors name it: {@code profiles.yml (shop.outputs.dev}
   */
  static Serving read(Map<String, Object> output, Path databasePath, Path root, String where) {
    Serving serving = Serving.defaultFor(databasePath);
    Object publishValue = output.get("publish");
    if (publishValue != null && !(publishValue instanceof Boolean)) {
      throw MdsException.at(where + ".publish)", "publish must be true or false, got '"
          + publishValue + "'");
    }
    Optional<String> pathValue = YamlValues.string(output.get("serving_path"));
    if (output.get("serving_path") instanceof Map<?, ?> || output.get("serving_path")
        instanceof java.util.List<?>) {
      throw MdsException.at(where + ".serving_path)", "serving_path must be a file name, got '"
          + output.get("serving_path") + "'");
    }
    boolean publish = publishValue != null ? (Boolean) publishValue : pathValue.isPresent();
    if (pathValue.isEmpty()) {
      return publish ? serving.publishing() : serving;
    }
    String text = pathValue.get();
    if (serving.path().isEmpty()) {
      throw MdsException.at(where + ".serving_path)", "an in-memory database (path: ':memory:')"
          + " has nothing to serve; remove serving_path or give the target a file");
    }
    if (text.isBlank()) {
      throw MdsException.at(where + ".serving_path)", "serving_path is empty: name the copy's"
          + " file, e.g. serving/" + databasePath.getFileName());
    }
    Path path = root.resolve(text).toAbsolutePath().normalize();
    if (path.equals(databasePath.toAbsolutePath().normalize())) {
      throw MdsException.at(where + ".serving_path)", "serving_path " + text + " is the database"
          + " itself; the serving copy must be another file (e.g. serving/"
          + databasePath.getFileName() + ")");
    }
    return new Serving(Optional.of(path), publish);
  }
}
