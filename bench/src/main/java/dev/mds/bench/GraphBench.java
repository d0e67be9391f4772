package dev.mds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Issue 23's graph figures on a generated project (items 6 and 11).
 *
 * <p>Generation: whole processes through {@code /usr/bin/time} (wall time, peak RSS), in rounds of
 * a warm {@code mds compile}, a first {@code mds docs generate} (the layout cache
 * {@code target/docs_layout.bin} deleted beforehand) and a second one with nothing changed.
 *
 * <p>Browser: Debian's headless Chromium (software rendering, {@code --disable-gpu}) opens
 * {@code lineage.html} from {@code file://}: the first frame of the full graph (the page's
 * {@code mds-graph-first-frame} performance mark, from navigation start), then at each zoom level
 * two seconds of panning (an arrow key every animation frame) and two of zooming (a wheel step
 * every frame, in and out), counting animation frames per second and the canvas's paint times.
 *
 * <p>Usage: {@code GraphBench MODELS WORK_DIR MDS_COMMAND [RUNS]}, MDS_COMMAND being the
 * {@code ./mds} launcher or a {@code mds.jar}; {@code GraphBench --browser SITE_DIR [RUNS]} takes
 * only the browser figures of a site already generated.
 */
public final class GraphBench {

  private GraphBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--browser")) {
      // Only the browser figures, on a site already generated: GraphBench --browser SITE [RUNS]
      System.out.printf(Locale.ROOT, "load average: %s%n", load());
      browser(Path.of(args[1]).toAbsolutePath(), args.length > 2 ? Integer.parseInt(args[2]) : 3);
      return;
    }
    int models = Integer.parseInt(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    Path mds = Path.of(args[2]).toAbsolutePath();
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path project = work.resolve("project");
    if (!Files.exists(project.resolve("mds_project.yml"))) {
      ProjectGenerator.generate(models, project);
    }
    List<String> base = mds.toString().endsWith(".jar")
        ? List.of("java", "-jar", mds.toString()) : List.of(mds.toString());
    List<String> compile = with(base, "compile", "--project-dir", project.toString());
    List<String> docs = with(base, "docs", "generate", "--project-dir", project.toString());
    timed(compile);
    timed(docs);
    double[][] compiles = new double[runs][];
    double[][] firsts = new double[runs][];
    double[][] seconds = new double[runs][];
    for (int r = 0; r < runs; r++) {
      compiles[r] = timed(compile);
      Files.deleteIfExists(project.resolve("target/docs_layout.bin"));
      firsts[r] = timed(docs);
      seconds[r] = timed(docs);
    }
    System.out.printf(Locale.ROOT, "load average before the browser: %s%n", load());
    report("mds compile (warm)", compiles);
    report("mds docs generate, first (no layout cache)", firsts);
    report("mds docs generate, second (nothing changed)", seconds);
    double[] ratio = new double[runs];
    for (int r = 0; r < runs; r++) {
      ratio[r] = seconds[r][0] / compiles[r][0];
    }
    System.out.printf(Locale.ROOT, "second docs generate / warm compile, per round: median %.2f %s%n",
        median(ratio), Arrays.toString(ratio));
    browser(project.resolve("target/docs"), runs);
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private static void report(String what, double[][] measured) {
    double[] wall = new double[measured.length];
    double peak = 0;
    for (int r = 0; r < measured.length; r++) {
      wall[r] = measured[r][0];
      peak = Math.max(peak, measured[r][1]);
    }
    double[] sorted = wall.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s: median %.2f s (%.2f-%.2f over %d), peak RSS %.0f MB%n",
        what, median(wall), sorted[0], sorted[sorted.length - 1], wall.length, peak / 1024);
  }

  /** Wall seconds and peak RSS (KB) of one process. */
  private static double[] timed(List<String> command) throws IOException, InterruptedException {
    Path report = Files.createTempFile("mds-graph-bench", ".txt");
    try {
      List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", report.toString(),
          "-f", "%e %M"));
      timed.addAll(command);
      Process process = new ProcessBuilder(timed)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
      String[] fields = Files.readString(report).trim().split("\\s+");
      return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
    } finally {
      Files.deleteIfExists(report);
    }
  }

  private static final String MOTION = """
      const done = arguments[arguments.length - 1];
      const target = arguments[0], kind = arguments[1];
      const host = document.getElementById('lineage');
      const zoom = function () { return Number(host.getAttribute('data-view').split(' ')[0]); };
      const wheel = function (dy) {
        const r = host.getBoundingClientRect();
        host.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, clientX: r.left + r.width / 2,
          clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));
      };
      document.querySelector('[data-lineage=fit]').click();
      if (target > 0) wheel(-Math.log(target / zoom()) / 0.0015);
      const k = zoom();
      const paints = [];
      let frames = 0;
      const f0 = Number(host.getAttribute('data-frames'));
      let start = 0;
      const step = function (now) {
        if (!start) start = now;
        const ms = host.getAttribute('data-paint-ms');
        if (frames) paints.push(Number(ms));
        if (kind === 'pan') {
          host.dispatchEvent(new KeyboardEvent('keydown', { key: frames % 50 < 25 ? 'ArrowLeft' : 'ArrowUp', bubbles: true }));
        } else {
          wheel(frames % 40 < 20 ? -40 : 40);
        }
        frames++;
        if (now - start < 2000) { requestAnimationFrame(step); return; }
        const seconds = (now - start) / 1000;
        paints.sort(function (a, b) { return a - b; });
        done([k, frames / seconds, (Number(host.getAttribute('data-frames')) - f0) / seconds,
          paints[Math.floor(paints.length / 2)] || 0, paints[Math.floor(paints.length * 0.95)] || 0]);
      };
      requestAnimationFrame(step);""";

  private static void browser(Path site, int runs) throws IOException {
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
      System.out.println("chromium/chromedriver not installed: browser figures skipped");
      return;
    }
    System.setProperty("SE_AVOID_STATS", "true");
    System.setProperty("SE_OFFLINE", "true");
    Path profile = Files.createTempDirectory("mds-graph-bench-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
        "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(60));
    try {
      String page = site.resolve("lineage.html").toUri().toString();
      double[] first = new double[runs];
      for (int r = 0; r < runs; r++) {
        chrome.get(page);
        Object mark = chrome.executeAsyncScript("""
            const done = arguments[0];
            const poll = function () {
              const m = performance.getEntriesByName('mds-graph-first-frame');
              if (m.length) done(m[0].startTime); else setTimeout(poll, 10);
            };
            poll();""");
        first[r] = ((Number) mark).doubleValue();
      }
      System.out.printf(Locale.ROOT, "full graph (%s nodes) first frame after navigation start:"
          + " median %.0f ms %s%n", chrome.executeScript("return window.MDS_GRAPH.nodes.length"),
          median(first), Arrays.toString(first));
      // Where the last load's time went: the HTML and scripts parsed and run (DOMContentLoaded),
      // then the page's own work up to the first frame.
      System.out.println("last load (ms from navigation start): " + chrome.executeScript("""
          const n = performance.getEntriesByType('navigation')[0];
          const f = performance.getEntriesByName('mds-graph-first-frame')[0];
          return 'response end ' + Math.round(n.responseEnd) + ', DOM interactive '
            + Math.round(n.domInteractive) + ', DOMContentLoaded ' + Math.round(n.domContentLoadedEventStart)
            + '-' + Math.round(n.domContentLoadedEventEnd) + ', first frame ' + Math.round(f.startTime);"""));
      chrome.findElement(By.id("lineage"));
      for (double zoom : new double[] {0, 0.05, 0.15, 0.3, 0.6, 1.0, 2.0}) {
        for (String kind : List.of("pan", "zoom")) {
          double[] fps = new double[runs];
          double[] painted = new double[runs];
          double[] p50 = new double[runs];
          double[] p95 = new double[runs];
          double k = 0;
          for (int r = 0; r < runs; r++) {
            @SuppressWarnings("unchecked")
            List<Number> got = (List<Number>) chrome.executeAsyncScript(MOTION, zoom, kind);
            k = got.get(0).doubleValue();
            fps[r] = got.get(1).doubleValue();
            painted[r] = got.get(2).doubleValue();
            p50[r] = got.get(3).doubleValue();
            p95[r] = got.get(4).doubleValue();
          }
          System.out.printf(Locale.ROOT, "zoom %.3f %-4s: %.1f frames/s (painted %.1f/s),"
              + " paint median %.1f ms, p95 %.1f ms (medians of %d)%n", k, kind, median(fps),
              median(painted), median(p50), median(p95), runs);
        }
      }
      Object mem = chrome.executeScript(
          "return performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : -1;");
      System.out.println("page JS heap after the runs: " + mem + " MB; "
          + Map.of("graph.js bytes", Files.size(site.resolve("data/graph.js"))));
    } finally {
      chrome.quit();
    }
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
