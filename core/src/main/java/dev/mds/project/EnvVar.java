package dev.mds.project;

import dev.mds.MdsException;
import java.util.Map;

/** dbt's {@code env_var(name, default)}: the variable's value, else the default, else an error. */
public final class EnvVar {

  private EnvVar() {
  }

  /**
   * @param args the call's arguments: {@code name} and, optionally, {@code default} (which may
   *     be a number, or none)
   * @param location where the call is, for the error when there is neither value nor default
   */
  public static Object value(Map<String, String> environment, Map<String, Object> args,
      String location) {
    String name = String.valueOf(args.get("name"));
    String value = environment.get(name);
    if (value != null) {
      return value;
    }
    if (args.containsKey("default")) {
      return args.get("default");
    }
    throw MdsException.at(location, "environment variable '" + name
        + "' is not set and env_var() was given no default");
  }
}
