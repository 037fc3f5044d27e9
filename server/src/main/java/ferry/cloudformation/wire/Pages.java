package ferry.cloudformation.wire;

import ferry.cloudformation.CloudFormationErrors;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;

/** CloudFormation's pages: at most {@code size} members, then a NextToken for the rest. */
final class Pages {
  private static final String PREFIX = "ferry-cfn-page:";

  private Pages() {}

  static <T> Xml page(
      QueryParameters p, List<T> items, int size, String element, BiConsumer<Xml, T> writer) {
    int from = offset(p.optional("NextToken"), items.size());
    int to = Math.min(items.size(), from + size);
    Xml xml = Xml.fragment().open(element);
    for (T item : items.subList(from, to)) {
      xml.open("member");
      writer.accept(xml, item);
      xml.close("member");
    }
    xml.close(element);
    if (to < items.size()) {
      xml.element(
          "NextToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString((PREFIX + to).getBytes(StandardCharsets.UTF_8)));
    }
    return xml;
  }

  private static int offset(String token, int size) {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        int offset = Integer.parseInt(text.substring(PREFIX.length()));
        if (offset >= 0) {
          return Math.min(offset, size);
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below: the token was not one of ours.
    }
    throw CloudFormationErrors.validation("Invalid NextToken: " + token);
  }
}
