package dev.mds.project;

import dev.mds.MdsException;
import dev.mds.Secrets;
import java.util.Map;

/** dbt's {@code env_var(name, default)}: the variable's value, else the default, else an error. */
public final class EnvVar {

  private EnvVar() {
  }

  /**
   * @param args the call's arguments: {@code name} and, optionally, {@code default} (which may
   *     be a number, or none)
   * @param location where the call is, for the error when there is neither value nor default
   * @param secretsAllowed whether this is {@code profiles.yml}, the one file that may read a
   *     secret ({@code DBT_ENV_SECRET_*}, {@code MDS_ENV_SECRET_*}); dbt also allows
   *     {@code packages.yml}, which mds does not render
   */
  public static Object value(Map<String, String> environment, Map<String, Object> args,
      String location, boolean secretsAllowed) {
    String name = String.valueOf(args.get("name"));
    if (!secretsAllowed) {
      refuseSecret(name, location);
    }
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

  /**
   * As dbt: a secret may be read only where it goes to the connection, never where its value
   * could land in SQL, artifacts or the docs.
   */
  public static void refuseSecret(String name, String location) {
    if (Secrets.isSecret(name)) {
      throw MdsException.at(location, "env_var('" + name + "') reads a secret environment"
          + " variable (DBT_ENV_SECRET_* or MDS_ENV_SECRET_*), which only profiles.yml may read;"
          + " use it in the profile's connection settings, or rename the variable if it is not"
          + " a secret");
    }
  }
}
