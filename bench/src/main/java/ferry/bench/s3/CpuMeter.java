package ferry.bench.s3;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of the server under test (a process on this machine, read from {@code /proc}) and of
 * this harness, so a phase's figures say what each side spent per MiB moved. On two cores the
 * client's work and the server's share them: a rate alone cannot tell a server that does more from
 * one that waits more.
 */
final class CpuMeter {
  /** The kernel's clock ticks in {@code /proc/<pid>/stat}: USER_HZ, 100 on every Linux ABI. */
  private static final double MS_PER_TICK = 10;

  private final Path serverStat;
  private final OperatingSystemMXBean harness =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

  CpuMeter(long serverPid) {
    this.serverStat = Path.of("/proc", Long.toString(serverPid), "stat");
  }

  /** Both processes' CPU time so far. */
  Reading read() {
    return new Reading(serverMs(), harness.getProcessCpuTime() / 1e6);
  }

  /** CPU milliseconds of user and system time, the server's and the harness's. */
  record Reading(double serverMs, double clientMs) {
    Reading since(Reading start) {
      return new Reading(serverMs - start.serverMs, clientMs - start.clientMs);
    }
  }

  private double serverMs() {
    try {
      // The command name in parentheses may hold spaces; utime and stime are the 14th and 15th
      // fields, the 12th and 13th after it.
      String stat = Files.readString(serverStat);
      String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the server's CPU time from " + serverStat, e);
    }
  }
}
