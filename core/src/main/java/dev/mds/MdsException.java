package dev.mds;

/** An error the user can fix: bad project files, templates, selectors or a held database lock. */
public class MdsException extends RuntimeException {

  public MdsException(String message) {
    super(message);
  }

  public MdsException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Prefixes {@code location} (a file, optionally with ":line") to the message. */
  public static MdsException at(String location, String message) {
    return new MdsException(location + ": " + message);
  }

  public static MdsException at(String location, String message, Throwable cause) {
    return new MdsException(location + ": " + message, cause);
  }
}
