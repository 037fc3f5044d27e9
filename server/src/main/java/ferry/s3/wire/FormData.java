package ferry.s3.wire;

import ferry.s3.S3Errors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A multipart/form-data body read as it streams: the fields before the file are read whole (no more
 * than S3's 20 KB of them), the file is handed out as a stream that ends at its boundary.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7578">RFC 7578</a>
 */
final class FormData {
  /** What S3 allows the fields before the file to hold, their names and values together. */
  static final int MAX_FIELDS = 20 * 1024;

  private static final int BUFFER = 64 * 1024;
  private static final int MAX_PART_HEADERS = 8 * 1024;

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buffer;
  private int position;
  private int limit;
  private boolean eof;

  private FormData(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buffer = new byte[Math.max(BUFFER, delimiter.length * 2)];
    // The body starts with the first delimiter but without the CRLF before it.
    buffer[0] = '\r';
    buffer[1] = '\n';
    this.limit = 2;
  }

  /** The fields before the file (names in lower case) and the file, if the form has one. */
  record Form(Map<String, String> fields, @Nullable FilePart file) {}

  /** The file part: the file name it was sent with, its Content-Type, and its bytes. */
  record FilePart(String filename, @Nullable String contentType, InputStream content) {}

  /** The boundary of a multipart/form-data Content-Type, or null when it is not one. */
  static @Nullable String boundary(@Nullable String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    for (String parameter : contentType.split(";")) {
      String trimmed = parameter.strip();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String value = trimmed.substring("boundary=".length());
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() || value.length() > 200 ? null : value;
      }
    }
    return null;
  }

  /** Reads the fields up to the file; the file's content is left in the stream to be read. */
  static Form read(InputStream body, String boundary) throws IOException {
    FormData form = new FormData(body, boundary);
    form.skipPart(); // the preamble before the first delimiter
    Map<String, String> fields = new LinkedHashMap<>();
    int total = 0;
    while (form.nextPart()) {
      Map<String, String> headers = form.partHeaders();
      String disposition = headers.get("content-disposition");
      String name = disposition == null ? null : parameter(disposition, "name");
      if (name == null) {
        throw S3Errors.malformedPostRequest();
      }
      String lowerName = name.toLowerCase(Locale.ROOT);
      if (lowerName.equals("file")) {
        String filename = parameter(disposition, "filename");
        return new Form(
            fields,
            new FilePart(
                filename == null ? "" : filename,
                headers.get("content-type"),
                form.new PartStream()));
      }
      byte[] value = form.readPart(MAX_FIELDS - total + 1);
      total += name.length() + value.length;
      if (total > MAX_FIELDS) {
        throw S3Errors.maxPostPreDataLengthExceeded();
      }
      fields.putIfAbsent(lowerName, new String(value, StandardCharsets.UTF_8));
    }
    return new Form(fields, null);
  }

  /** A parameter of Content-Disposition, such as {@code name="key"}. */
  static @Nullable String parameter(String header, String name) {
    for (String part : header.split(";")) {
      String trimmed = part.strip();
      int eq = trimmed.indexOf('=');
      if (eq > 0 && trimmed.substring(0, eq).strip().equalsIgnoreCase(name)) {
        String value = trimmed.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }
        return value;
      }
    }
    return null;
  }

  /** After a delimiter: true when another part follows, false at the closing delimiter. */
  private boolean nextPart() throws IOException {
    fill(2);
    if (limit - position >= 2 && buffer[position] == '-' && buffer[position + 1] == '-') {
      return false;
    }
    // Transport padding after the delimiter, then its CRLF.
    String rest = line(256);
    if (!rest.isBlank()) {
      throw S3Errors.malformedPostRequest();
    }
    return true;
  }

  private Map<String, String> partHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int read = 0;
    while (true) {
      String line = line(MAX_PART_HEADERS);
      read += line.length() + 2;
      if (read > MAX_PART_HEADERS) {
        throw S3Errors.malformedPostRequest();
      }
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw S3Errors.malformedPostRequest();
      }
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
  }

  /** A line ending in CRLF, without it, as UTF-8. */
  private String line(int max) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    while (true) {
      fill(2);
      if (limit - position < 2) {
        throw S3Errors.malformedPostRequest();
      }
      if (buffer[position] == '\r' && buffer[position + 1] == '\n') {
        position += 2;
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(buffer[position++]);
      if (line.size() > max) {
        throw S3Errors.malformedPostRequest();
      }
    }
  }

  private byte[] readPart(int max) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] chunk = new byte[4096];
    int read;
    while ((read = readPart(chunk, 0, chunk.length)) >= 0) {
      out.write(chunk, 0, read);
      if (out.size() > max) {
        throw S3Errors.maxPostPreDataLengthExceeded();
      }
    }
    return out.toByteArray();
  }

  private void skipPart() throws IOException {
    byte[] chunk = new byte[4096];
    long skipped = 0;
    int read;
    while ((read = readPart(chunk, 0, chunk.length)) >= 0) {
      skipped += read;
      if (skipped > MAX_FIELDS) {
        throw S3Errors.malformedPostRequest();
      }
    }
  }

  /**
   * Reads the current part's bytes up to the next delimiter, which it then consumes; -1 once the
   * part has ended. A body that ends without its closing delimiter is malformed.
   */
  private int readPart(byte[] out, int offset, int length) throws IOException {
    fill(buffer.length / 2);
    int available = limit - position;
    int found = indexOfDelimiter();
    if (found == position) {
      position += delimiter.length;
      return -1;
    }
    int safe;
    if (found >= 0) {
      safe = found - position;
    } else if (eof) {
      throw S3Errors.malformedPostRequest();
    } else {
      // The last delimiter.length - 1 bytes may begin a delimiter the next read completes.
      safe = available - (delimiter.length - 1);
    }
    int n = Math.min(length, safe);
    System.arraycopy(buffer, position, out, offset, n);
    position += n;
    return n;
  }

  private int indexOfDelimiter() {
    outer:
    for (int i = position; i <= limit - delimiter.length; i++) {
      for (int j = 0; j < delimiter.length; j++) {
        if (buffer[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Reads until at least {@code wanted} bytes are buffered or the body has ended. */
  private void fill(int wanted) throws IOException {
    if (limit - position >= wanted || eof) {
      return;
    }
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
    }
    while (limit < wanted && !eof) {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        eof = true;
      } else {
        limit += read;
      }
    }
  }

  /** The file's bytes, ending where its part does. */
  private final class PartStream extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      int n = readPart(out, offset, length);
      if (n < 0) {
        ended = true;
      }
      return n;
    }
  }
}
