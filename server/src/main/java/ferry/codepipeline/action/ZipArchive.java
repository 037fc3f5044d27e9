package ferry.codepipeline.action;

import ferry.codepipeline.engine.ActionFailure;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A deployable zip, checked before anything is written: every entry's path stays inside the target,
 * and the bytes it really inflates to (counted, not taken from headers) stay within {@link
 * ZipLimits}. Only then are the entries streamed out, in order.
 */
final class ZipArchive {
  /** A regular file of the archive, with its real uncompressed size. */
  record Entry(String path, long size) {}

  /** Receives each file's bytes in the second pass. */
  interface Sink {
    void accept(Entry entry, InputStream bytes) throws ActionFailure;
  }

  private final Path file;
  private final List<Entry> entries;

  private ZipArchive(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  /**
   * @throws ActionFailure JobFailed when the file is no zip, an entry escapes the target, or the
   *     archive inflates beyond the limits
   */
  static ZipArchive check(Path file, ZipLimits limits) throws ActionFailure {
    long compressed;
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    int count = 0;
    try (var zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      compressed = Math.max(1, Files.size(file));
      byte[] buffer = new byte[64 * 1024];
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (++count > limits.maxEntries()) {
          throw ActionFailure.jobFailed(
              "The input artifact has more than "
                  + limits.maxEntries()
                  + " entries; nothing was deployed.");
        }
        String path = safePath(entry.getName());
        long size = 0;
        int read;
        while ((read = zip.read(buffer)) > 0) {
          size += read;
          total += read;
          if (total > limits.maxTotalBytes()
              || (total > limits.ratioAllowance() && total / compressed > limits.maxRatio())) {
            throw ActionFailure.jobFailed(
                "The input artifact inflates to more than "
                    + Math.min(total, limits.maxTotalBytes())
                    + " bytes from "
                    + compressed
                    + " compressed bytes (limits: "
                    + limits.maxTotalBytes()
                    + " bytes, ratio "
                    + limits.maxRatio()
                    + ":1); it looks like a zip bomb, so nothing was deployed.");
          }
        }
        if (!entry.isDirectory()) {
          entries.add(new Entry(path, size));
        }
      }
      if (count == 0) {
        throw ActionFailure.jobFailed("The input artifact is not a valid zip file.");
      }
    } catch (ZipException e) {
      throw ActionFailure.jobFailed(
          "The input artifact is not a valid zip file: " + e.getMessage());
    } catch (IOException e) {
      throw ActionFailure.jobFailed("The input artifact could not be read: " + e.getMessage());
    }
    return new ZipArchive(file, entries);
  }

  /** Streams each regular file to the sink, in archive order. */
  void extract(Sink sink) throws ActionFailure {
    try (var zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int index = 0;
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        Entry checked = entries.get(index++);
        sink.accept(checked, new BoundedInputStream(zip, checked.size()));
      }
    } catch (IOException e) {
      throw ActionFailure.jobFailed("The input artifact could not be read: " + e.getMessage());
    }
  }

  /**
   * The entry's path as an object key suffix.
   *
   * @throws ActionFailure for absolute paths, drive letters, backslashes and {@code ..} segments
   */
  static String safePath(String name) throws ActionFailure {
    boolean escapes =
        name.isEmpty()
            || name.startsWith("/")
            || name.contains("\\")
            || name.indexOf('\0') >= 0
            || (name.length() > 1 && name.charAt(1) == ':');
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        escapes = true;
      }
    }
    if (escapes) {
      throw ActionFailure.jobFailed(
          "The input artifact contains the entry '"
              + name
              + "', whose path is absolute or leaves the deployment target; nothing was"
              + " deployed.");
    }
    return name;
  }

  /** The entry's bytes, no more than the first pass counted. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long left) {
      this.in = in;
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // The zip stream stays open for the next entry.
    }
  }
}
