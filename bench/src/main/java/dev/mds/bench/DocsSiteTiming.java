package dev.mds.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Times the documentation site of a generated project: whole {@code mds docs generate} processes
 * (JVM start, parse, compile, manifest, site), the site generation and the ELK layout inside them
 * (as mds reports them), then pages opened from {@code file://} in Debian's headless chromium.
 *
 * <p>Usage: {@code DocsSiteTiming MODELS WORK_DIR MDS_JAR [RUNS]}; JVM options for the mds
 * processes come from {@code MDS_JAVA_OPTS}, as with the {@code ./mds} launcher.
 */
public final class DocsSiteTiming {

  private static final Pattern REPORTED =
      Pattern.compile("Wrote (\\d+) pages .* laid out in (\\d+) ms; (\\d+) ms in all");

  private DocsSiteTiming() {
  }

  public static void main(String[] args) throws Exception {
    int models = Integer.parseInt(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    Path jar = Path.of(args[2]).toAbsolutePath();
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path project = work.resolve("project");
    if (!Files.exists(project.resolve("mds_project.yml"))) {
      ProjectGenerator.generate(models, project);
    }
    double[] wall = new double[runs];
    double[] site = new double[runs];
    double[] layout = new double[runs];
    String pages = "";
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      List<String> command = new ArrayList<>(List.of("java", "-Dslf4j.internal.verbosity=ERROR"));
      // The same hook as the ./mds launcher, e.g. MDS_JAVA_OPTS=-XX:TieredStopAtLevel=1.
      String options = System.getenv().getOrDefault("MDS_JAVA_OPTS", "").strip();
      if (!options.isEmpty()) {
        command.addAll(List.of(options.split("\\s+")));
      }
      command.addAll(List.of("-jar", jar.toString(), "docs", "generate", "--project-dir",
          project.toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("mds docs generate failed:\n" + out);
      }
      wall[r] = (System.nanoTime() - start) / 1e9;
      Matcher m = REPORTED.matcher(out);
      if (!m.find()) {
        throw new IllegalStateException("no timing line in:\n" + out);
      }
      pages = m.group(1);
      layout[r] = Double.parseDouble(m.group(2)) / 1000;
      site[r] = Double.parseDouble(m.group(3)) / 1000;
    }
    System.out.printf(Locale.ROOT, "models=%d pages=%s mds docs generate=%.2fs (whole process)"
        + " site=%.2fs layout=%.2fs (medians of %d)%n", models, pages, median(wall),
        median(site), median(layout), runs);
    browser(project.resolve("target/docs"));
  }

  private static void browser(Path site) throws IOException {
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
      System.out.println("chromium/chromedriver not installed: browser timings skipped");
      return;
    }
    Path profile = Files.createTempDirectory("mds-bench-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
        "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    try {
      for (String page : List.of("index.html", "lineage.html", "nodes/model.bench.m2500.html",
          "nodes/model.bench.m4990.html")) {
        double[] ms = new double[3];
        long drawn = 0;
        for (int r = 0; r < ms.length; r++) {
          chrome.get(site.resolve(page).toUri().toString());
          ms[r] = ((Number) chrome.executeScript("const n = performance.getEntriesByType"
              + "('navigation')[0]; return n.domContentLoadedEventEnd;")).doubleValue();
          drawn = chrome.findElements(By.cssSelector("#lineage .g-node")).size();
        }
        System.out.printf(Locale.ROOT, "%s interactive after %.0f ms (median of 3; first %.0f"
            + " ms), %d graph nodes drawn%n", page, median(ms), ms[0], drawn);
      }
      // Since issue 23 lineage.html draws the whole graph on a canvas as it opens (GraphBench
      // measures it in detail): the time from navigation start to its first frame.
      chrome.get(site.resolve("lineage.html").toUri().toString());
      Object full = chrome.executeAsyncScript("const done = arguments[0];"
          + " const poll = () => { const m = performance.getEntriesByName('mds-graph-first-frame');"
          + " m.length ? done([m[0].startTime, window.MDS_GRAPH.nodes.length])"
          + " : setTimeout(poll, 10); }; poll();");
      System.out.println("full graph first frame after navigation start: [ms, nodes] = " + full);
      Object search = chrome.executeAsyncScript("const done = arguments[0];"
          + " const t = performance.now(); const box = document.getElementById('search');"
          + " box.value = 'member_no'; box.dispatchEvent(new Event('input'));"
          + " const poll = () => document.querySelector('#search-results li[role=option]')"
          + " ? done(performance.now() - t) : setTimeout(poll, 5); poll();");
      System.out.printf(Locale.ROOT, "first search (loads the index) answered in %.0f ms%n",
          ((Number) search).doubleValue());
      Object sizes = chrome.executeScript("return performance.getEntriesByType('resource')"
          + ".map(r => r.name.replace(/.*\\/docs\\//, '') + ' ' + Math.round(r.duration) + ' ms');");
      System.out.println("resources of that page: " + sizes);
    } finally {
      chrome.quit();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
