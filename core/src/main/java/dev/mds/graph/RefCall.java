package dev.mds.graph;

import java.util.Optional;

/** One {@code ref()} call in a template, with where it was made. */
public record RefCall(Optional<String> packageName, String name, String file, int line) {
}
