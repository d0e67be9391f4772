package dev.mds.engine;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of an engine's plugin folder: the engine's own jars first, mds's class path
 * only for mds's classes (the seam it implements) and what the engine does not bring. Parent-first
 * would hand Spark mds's newer Jackson, Guava and SnakeYAML, which its Scala Jackson module and
 * Hive refuse; the JDK's classes always come from the JDK.
 */
final class EngineClassLoader extends URLClassLoader {

  static {
    ClassLoader.registerAsParallelCapable();
  }

  EngineClassLoader(String name, URL[] jars, ClassLoader mds) {
    super(name, jars, mds);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = own(name) ? ownFirst(name) : super.loadClass(name, false);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  /**
   * Whether {@code name} is looked up in the engine's jars before mds's class path: everything but
   * the JDK's {@code java.*} and mds's own classes (the engine implements mds's interfaces, so
   * they must be the very classes mds has).
   */
  private static boolean own(String name) {
    return !name.startsWith("java.") && !name.startsWith("dev.mds.");
  }

  private Class<?> ownFirst(String name) throws ClassNotFoundException {
    try {
      // The JDK's own modules (javax.*, org.w3c.*, jdk.*) are never taken from a jar.
      return ClassLoader.getPlatformClassLoader().loadClass(name);
    } catch (ClassNotFoundException notPlatform) {
      try {
        return findClass(name);
      } catch (ClassNotFoundException notOwn) {
        return getParent().loadClass(name);
      }
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
    for (URL url : Collections.list(getParent().getResources(name))) {
      if (!urls.contains(url)) {
        urls.add(url);
      }
    }
    return Collections.enumeration(urls);
  }
}
