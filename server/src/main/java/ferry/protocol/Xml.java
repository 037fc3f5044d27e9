package ferry.protocol;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Builds XML documents as text, escaping every value. */
public final class Xml {
  private final StringBuilder out = new StringBuilder(256);

  private Xml(String declaration) {
    out.append(declaration);
  }

  public static Xml document() {
    return new Xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  public static Xml fragment() {
    return new Xml("");
  }

  public Xml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  public Xml open(String name, String attribute, String value) {
    out.append('<').append(name).append(' ').append(attribute).append("=\"");
    escape(value);
    out.append("\">");
    return this;
  }

  public Xml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** An element with text content; nothing is written for a null value. */
  public Xml element(String name, @org.jspecify.annotations.Nullable Object value) {
    if (value == null) {
      return this;
    }
    out.append('<').append(name).append('>');
    escape(value instanceof Instant instant ? timestamp(instant) : value.toString());
    out.append("</").append(name).append('>');
    return this;
  }

  public Xml text(String text) {
    escape(text);
    return this;
  }

  public Xml raw(String xml) {
    out.append(xml);
    return this;
  }

  /** ISO 8601 with milliseconds, as S3 and IAM write timestamps in XML. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT
        .format(instant.truncatedTo(ChronoUnit.MILLIS))
        .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\r' -> out.append("&#13;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
