package ferry.policy.condition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * {@code BinaryEquals}: the policy holds base64; the request value (base64 too) must decode to the
 * same bytes.
 */
public final class BinaryCondition extends Condition {
  private final byte[][] bytes;

  BinaryCondition(Spec spec) {
    super(spec, false);
    this.bytes = new byte[spec.values().size()][];
    for (int i = 0; i < bytes.length; i++) {
      byte[] decoded = decode(spec.values().get(i));
      bytes[i] = decoded == null ? spec.values().get(i).getBytes(StandardCharsets.UTF_8) : decoded;
    }
  }

  private static byte @Nullable [] decode(String text) {
    try {
      return Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    byte[] request = decode(requestValue);
    if (request == null) {
      request = requestValue.getBytes(StandardCharsets.UTF_8);
    }
    for (byte[] b : bytes) {
      if (Arrays.equals(b, request)) {
        return true;
      }
    }
    return false;
  }
}
