package ferry.policy.condition;

import org.jspecify.annotations.Nullable;

/**
 * {@code IpAddress} and {@code NotIpAddress}: IPv4 or IPv6 CIDR blocks; a bare address is a block
 * of one. Addresses are parsed here, never resolved, so no lookup can happen.
 */
public final class IpAddressCondition extends Condition {
  private record Block(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final @Nullable Block[] blocks;

  IpAddressCondition(Spec spec, boolean negated) {
    super(spec, negated);
    this.blocks = new Block[spec.values().size()];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = block(spec.values().get(i));
    }
  }

  private static @Nullable Block block(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    byte[] address = parse(slash < 0 ? t : t.substring(0, slash));
    if (address == null) {
      return null;
    }
    int prefix = address.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (prefix < 0 || prefix > address.length * 8) {
        return null;
      }
    }
    return new Block(address, prefix);
  }

  /** Parses an IPv4 or IPv6 literal, or returns null. */
  public static byte @Nullable [] parse(String text) {
    if (text.indexOf(':') >= 0) {
      return parseV6(text);
    }
    return parseV4(text);
  }

  private static byte @Nullable [] parseV4(String text) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || part == 4) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte @Nullable [] parseV6(String text) {
    int zone = text.indexOf('%');
    String t = zone >= 0 ? text.substring(0, zone) : text;
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    if (t.startsWith("::")) {
      gap = 0;
      i = 2;
    }
    while (i < t.length()) {
      int end = i;
      while (end < t.length() && t.charAt(end) != ':') {
        end++;
      }
      String group = t.substring(i, end);
      if (group.indexOf('.') >= 0) {
        byte[] v4 = end == t.length() ? parseV4(group) : null;
        if (v4 == null || count > 6) {
          return null;
        }
        groups[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        groups[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
        i = end;
        break;
      }
      if (group.isEmpty() || group.length() > 4 || count == 8) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < group.length(); k++) {
        int d = Character.digit(group.charAt(k), 16);
        if (d < 0) {
          return null;
        }
        value = value * 16 + d;
      }
      groups[count++] = value;
      if (end == t.length()) {
        i = end;
        break;
      }
      if (end + 1 < t.length() && t.charAt(end + 1) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i = end + 2;
      } else {
        i = end + 1;
        if (i == t.length()) {
          return null;
        }
      }
    }
    if (gap >= 0) {
      if (count == 8) {
        return null;
      }
      int move = count - gap;
      System.arraycopy(groups, gap, groups, 8 - move, move);
      for (int k = gap; k < 8 - move; k++) {
        groups[k] = 0;
      }
    } else if (count != 8) {
      return null;
    }
    byte[] out = new byte[16];
    for (int k = 0; k < 8; k++) {
      out[2 * k] = (byte) (groups[k] >> 8);
      out[2 * k + 1] = (byte) groups[k];
    }
    return out;
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    byte[] address = parse(requestValue.trim());
    if (address == null) {
      return false;
    }
    for (Block block : blocks) {
      if (block != null && block.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
