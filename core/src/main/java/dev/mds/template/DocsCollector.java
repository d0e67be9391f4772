package dev.mds.template;

import dev.mds.MdsException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The docs blocks of a project, filled by rendering its Markdown files. */
final class DocsCollector {

  private final Map<String, DocsBlock> blocks = new ConcurrentHashMap<>();

  void add(DocsBlock block, int line) {
    DocsBlock previous = blocks.putIfAbsent(block.name(), block);
    if (previous != null) {
      throw MdsException.at(block.file() + ":" + line, "docs block '" + block.name()
          + "' is defined twice (also in " + previous.file() + ")");
    }
  }

  Map<String, DocsBlock> blocks() {
    return blocks;
  }
}
