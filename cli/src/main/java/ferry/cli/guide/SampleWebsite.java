package ferry.cli.guide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The guide's {@code sample-website.zip}, made in code: two pages, a style sheet and a small PNG
 * image, so nothing binary lives in the repository.
 */
public final class SampleWebsite {
  private SampleWebsite() {}

  /** The files of the site by their path in the zip, in the order they are written. */
  public static SequencedMap<String, byte[]> files() {
    SequencedMap<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "index.html",
        utf8(
            page(
                "Deployed by Ferry",
                """
                <p>This page came from dev's <code>codepipeline-input-bucket</code>, went through dev's
                encrypted artifact store, and was written into prod's <code>codepipeline-output-bucket</code>
                by the role <code>prods3role</code>. The prod account owns it.</p>
                <p><img src="images/ferry.png" alt="Ferry"></p>\
                """)));
    files.put("error.html", utf8(page("Not found", "<p>No such page.</p>")));
    files.put(
        "css/style.css",
        utf8(
            """
            body { font-family: system-ui, sans-serif; margin: 3em auto; max-width: 40em; }
            h1 { color: #0b5394; }
            code { background: #eef; padding: 0 .2em; }
            """));
    files.put("images/ferry.png", png(16, 16));
    return files;
  }

  /** The zip of {@link #files()}. */
  public static byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files().entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String page(String title, String body) {
    return """
    <!DOCTYPE html>
    <html lang="en">
    <head><meta charset="utf-8"><title>%s</title><link rel="stylesheet" href="css/style.css"></head>
    <body>
    <h1>%s</h1>
    %s
    </body>
    </html>
    """
        .formatted(title, title, body);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A small RGB PNG: a blue square with a lighter diagonal band. */
  static byte[] png(int width, int height) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int y = 0; y < height; y++) {
      raw.write(0); // filter: none
      for (int x = 0; x < width; x++) {
        boolean band = Math.abs(x - y) < 3;
        raw.write(band ? 0x9f : 0x0b);
        raw.write(band ? 0xc5 : 0x53);
        raw.write(band ? 0xe8 : 0x94);
      }
    }
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
      raw.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0);
    header.put((byte) 0).put((byte) 0);
    chunk(png, "IHDR", header.array());
    chunk(png, "IDAT", compressed.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    png.writeBytes(typeBytes);
    png.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
