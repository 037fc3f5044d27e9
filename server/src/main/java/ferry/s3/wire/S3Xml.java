package ferry.s3.wire;

import ferry.aws.AccountId;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.s3.AccessControlList;
import ferry.s3.AccessControlPolicy;
import ferry.s3.CanonicalUser;
import ferry.s3.Grant;
import ferry.s3.S3Errors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The XML pieces several S3 documents share: owners, grants, tag sets, URL-encoded names. */
final class S3Xml {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final Set<String> PERMISSIONS =
      Set.of("FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP");

  private S3Xml() {}

  static Xml document(String root) {
    return Xml.document().open(root, "xmlns", NAMESPACE);
  }

  static void owner(Xml xml, AccountId account) {
    owner(xml, "Owner", account);
  }

  static void owner(Xml xml, String element, AccountId account) {
    xml.open(element)
        .element("ID", CanonicalUser.idOf(account))
        .element("DisplayName", account.value())
        .close(element);
  }

  static String accessControlPolicy(AccessControlPolicy policy) {
    Xml xml = document("AccessControlPolicy");
    owner(xml, policy.owner());
    xml.open("AccessControlList");
    for (Grant grant : policy.grants()) {
      xml.raw(
          "<Grant><Grantee xmlns:xsi=\""
              + XSI
              + "\" xsi:type=\""
              + grant.type().wireName()
              + "\">");
      if (grant.type() == Grant.GranteeType.CANONICAL_USER) {
        xml.element("ID", grant.id());
      } else {
        xml.element("URI", grant.id());
      }
      xml.raw("</Grantee>").element("Permission", grant.permission()).close("Grant");
    }
    return xml.close("AccessControlList").close("AccessControlPolicy").toString();
  }

  /** The grants of an AccessControlPolicy document. */
  static AccessControlList parseAccessControlPolicy(String body) {
    XmlDocument root = XmlDocument.parse(body, "AccessControlPolicy");
    XmlDocument list = root.child("AccessControlList");
    List<Grant> grants = new ArrayList<>();
    if (list != null) {
      for (XmlDocument grant : list.children("Grant")) {
        XmlDocument grantee = grant.child("Grantee");
        String permission = grant.text("Permission");
        if (grantee == null || permission == null || !PERMISSIONS.contains(permission)) {
          throw S3Errors.malformedXml();
        }
        String id = grantee.text("ID");
        String uri = grantee.text("URI");
        if (id != null) {
          grants.add(Grant.user(id, permission));
        } else if (uri != null) {
          grants.add(Grant.group(uri, permission));
        } else {
          throw S3Errors.malformedXml();
        }
      }
    }
    return AccessControlList.of(grants);
  }

  static String tagging(Map<String, String> tags) {
    Xml xml = document("Tagging").open("TagSet");
    tags.forEach(
        (key, value) -> xml.open("Tag").element("Key", key).element("Value", value).close("Tag"));
    return xml.close("TagSet").close("Tagging").toString();
  }

  static Map<String, String> parseTagging(String body) {
    XmlDocument root = XmlDocument.parse(body, "Tagging");
    XmlDocument set = root.child("TagSet");
    if (set == null) {
      throw S3Errors.malformedXml();
    }
    return tagSet(set);
  }

  /** The Tag elements of a TagSet (or of CreateBucketConfiguration's Tags), in order. */
  static Map<String, String> tagSet(XmlDocument set) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (XmlDocument tag : set.children("Tag")) {
      String key = tag.exactText("Key");
      String value = tag.exactText("Value");
      if (key == null || value == null) {
        throw S3Errors.malformedXml();
      }
      if (tags.put(key, value) != null) {
        throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
      }
    }
    return tags;
  }

  /** URL-encodes a name for encoding-type=url; botocore decodes with unquote_plus. */
  static String encode(String text, boolean urlEncoded) {
    return urlEncoded
        ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
        : text;
  }
}
