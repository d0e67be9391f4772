package dev.mds;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Why a file could not be replaced or deleted, in words that name it. On Windows a file another
 * program holds open (an export open in Excel, a folder open in Explorer) can be neither replaced
 * nor deleted, and Java reports only the path or "used by another process": say what to do.
 */
public final class FileInUse {

  private FileInUse() {
  }

  /** The reason {@code e} gives for {@code file}, turning Windows' sharing errors into advice. */
  public static String describe(IOException e, Path file) {
    if (e instanceof FileSystemException problem) {
      String reason = problem.getReason() == null ? "" : problem.getReason();
      if (e instanceof AccessDeniedException || reason.contains("used by another process")
          || reason.contains("locked a portion of the file")) {
        return file + " cannot be replaced or deleted: another program has it open, or it is"
            + " read-only (Windows cannot replace a file another program holds open); close it"
            + " there and run again";
      }
      if (e instanceof java.nio.file.DirectoryNotEmptyException) {
        return file + " is a folder that is not empty: move it away or choose another location";
      }
      return file + ": " + (reason.isEmpty() ? "cannot be replaced or deleted" : reason);
    }
    return e.getMessage();
  }
}
