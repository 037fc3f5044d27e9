package ferry.iam.wire;

import ferry.iam.IamErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** IAM's opaque pagination markers: where the next page of a list starts. */
final class Markers {
  private static final String PREFIX = "ferry-page:";

  private Markers() {}

  static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a marker points at; 0 without a marker. */
  static int decode(@Nullable String marker, int size) {
    if (marker == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        int offset = Integer.parseInt(text.substring(PREFIX.length()));
        if (offset >= 0) {
          return Math.min(offset, size);
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below: the marker was not one of ours.
    }
    throw IamErrors.validation("Invalid Marker: " + marker);
  }
}
