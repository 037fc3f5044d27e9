package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code Fn::Cidr}: {@code [ipBlock, count, cidrBits]}, the first {@code count} subnets of the
 * block, each with {@code cidrBits} host bits (so {@code /24} for 8 bits of IPv4), one after the
 * other from the block's first address.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html">Fn::Cidr</a>
 */
final class CidrFunction implements IntrinsicFunction {

  @Override
  public JsonNode apply(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 3) {
      throw shape();
    }
    String block = text(evaluator.resolve(argument.get(0)));
    int count = number(evaluator.resolve(argument.get(1)));
    int bits = number(evaluator.resolve(argument.get(2)));
    int slash = block.indexOf('/');
    if (slash < 0) {
      throw invalidBlock(block);
    }
    // Only a literal address: InetAddress would resolve a host name through DNS.
    if (!block.substring(0, slash).matches("[0-9a-fA-F:.]+")) {
      throw invalidBlock(block);
    }
    byte[] address;
    int prefix;
    try {
      address = InetAddress.getByName(block.substring(0, slash)).getAddress();
      prefix = Integer.parseInt(block.substring(slash + 1));
    } catch (UnknownHostException | NumberFormatException e) {
      throw invalidBlock(block);
    }
    int width = address.length * 8;
    if (prefix < 0 || prefix > width) {
      throw invalidBlock(block);
    }
    if (count < 1 || count > 256) {
      throw TemplateErrors.template("Fn::Cidr count must be between 1 and 256");
    }
    if (bits < 0 || width - bits < prefix) {
      throw TemplateErrors.template(
          "Fn::Cidr cidrBits " + bits + " is too large for the block " + block);
    }
    BigInteger available = BigInteger.ONE.shiftLeft(width - prefix - bits);
    if (BigInteger.valueOf(count).compareTo(available) > 0) {
      throw TemplateErrors.template(
          "Fn::Cidr cannot make " + count + " subnets of " + bits + " bits in " + block);
    }
    BigInteger mask =
        BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE.shiftLeft(width - prefix));
    BigInteger network = new BigInteger(1, address).and(mask);
    BigInteger size = BigInteger.ONE.shiftLeft(bits);
    ArrayNode subnets = Evaluator.NODES.arrayNode();
    for (int i = 0; i < count; i++) {
      BigInteger start = network.add(size.multiply(BigInteger.valueOf(i)));
      subnets.add(format(start, address.length) + "/" + (width - bits));
    }
    return subnets;
  }

  private static String format(BigInteger value, int length) {
    byte[] bytes = new byte[length];
    byte[] raw = value.toByteArray();
    for (int i = 0; i < Math.min(raw.length, length); i++) {
      bytes[length - 1 - i] = raw[raw.length - 1 - i];
    }
    if (length == 4) {
      return (bytes[0] & 0xff)
          + "."
          + (bytes[1] & 0xff)
          + "."
          + (bytes[2] & 0xff)
          + "."
          + (bytes[3] & 0xff);
    }
    return Ipv6Text.compressed(bytes);
  }

  private static String text(JsonNode value) {
    if (!value.isTextual()) {
      throw shape();
    }
    return value.asText();
  }

  private static int number(JsonNode value) {
    try {
      return Integer.parseInt(value.asText());
    } catch (NumberFormatException e) {
      throw shape();
    }
  }

  private static RuntimeException invalidBlock(String block) {
    return TemplateErrors.template("Fn::Cidr ipBlock " + block + " is not a valid CIDR block");
  }

  private static RuntimeException shape() {
    return TemplateErrors.template(
        "every Fn::Cidr object requires three parameters, (1) an ipBlock, (2) a count and (3)"
            + " cidrBits");
  }
}
