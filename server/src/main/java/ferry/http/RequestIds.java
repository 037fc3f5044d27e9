package ferry.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Request ids in each family's shape: 16 upper-case hex for S3, a UUID for the others. */
public final class RequestIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestIds() {}

  public static String s3() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }

  public static String uuid() {
    return UUID.randomUUID().toString();
  }
}
