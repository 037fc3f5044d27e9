package ferry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a Flight Recorder recording of a running Ferry says its metadata database cost: per SQL
 * statement ({@code ferry.SqlStatement}), how often it ran, its total and mean time, and the mean
 * part spent reading rows into objects, most costly first; then the commits ({@code
 * ferry.DatabaseCommit}): how many, their mean writes and mean time. Times are wall times, so a
 * statement measured under load includes waits for a core.
 *
 * <p>Arguments: recording.jfr [statements to print, default 20]
 */
public final class SqlCosts {
  private SqlCosts() {}

  /** One statement's runs. */
  private static final class Runs {
    long count;
    long nanos;
    long readingNanos;
    long rows;
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Map<String, Runs> bySql = new LinkedHashMap<>();
    long commits = 0;
    long commitWrites = 0;
    long commitNanos = 0;
    try (var recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        switch (event.getEventType().getName()) {
          case "ferry.SqlStatement" -> {
            Runs runs = bySql.computeIfAbsent(event.getString("sql"), sql -> new Runs());
            runs.count++;
            runs.nanos += event.getDuration().toNanos();
            runs.readingNanos += event.getDuration("reading").toNanos();
            runs.rows += event.getInt("rows");
          }
          case "ferry.DatabaseCommit" -> {
            commits++;
            commitWrites += event.getInt("writes");
            commitNanos += event.getDuration().toNanos();
          }
          default -> {}
        }
      }
    }
    List<Map.Entry<String, Runs>> costliest = new ArrayList<>(bySql.entrySet());
    costliest.sort(Comparator.comparingLong(entry -> -entry.getValue().nanos));
    System.out.printf(
        "%8s %10s %9s %11s %7s  %s%n", "runs", "total ms", "mean us", "reading us", "rows", "sql");
    for (Map.Entry<String, Runs> entry : costliest.subList(0, Math.min(top, costliest.size()))) {
      Runs runs = entry.getValue();
      System.out.printf(
          "%8d %10.1f %9.1f %11.1f %7.1f  %s%n",
          runs.count,
          runs.nanos / 1e6,
          runs.nanos / 1e3 / runs.count,
          runs.readingNanos / 1e3 / runs.count,
          runs.rows / (double) runs.count,
          shortened(entry.getKey()));
    }
    if (commits > 0) {
      System.out.printf(
          "commits %d, %.1f writes each, mean %s%n",
          commits, commitWrites / (double) commits, Duration.ofNanos(commitNanos / commits));
    }
  }

  private static String shortened(String sql) {
    String line = sql.replaceAll("\\s+", " ");
    return line.length() > 100 ? line.substring(0, 97) + "..." : line;
  }
}
