package dev.mds.docs;

/** A problem the user can fix: missing or unreadable artifacts, an unwritable site folder. */
public final class DocsException extends RuntimeException {

  public DocsException(String message) {
    super(message);
  }

  public DocsException(String message, Throwable cause) {
    super(message, cause);
  }
}
