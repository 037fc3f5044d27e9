package ferry.s3.wire;

import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.s3.LifecycleConfiguration;
import ferry.s3.LifecycleFilter;
import ferry.s3.LifecycleRule;
import ferry.s3.S3Errors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The {@code LifecycleConfiguration} document: read as S3 reads it (its schema errors are
 * MalformedXML), and written as GetBucketLifecycleConfiguration answers it.
 */
final class LifecycleXml {
  private static final List<String> FILTER_CONDITIONS =
      List.of("Prefix", "Tag", "And", "ObjectSizeGreaterThan", "ObjectSizeLessThan");

  private LifecycleXml() {}

  /**
   * The configuration a request body describes; what the schema does not allow is MalformedXML. The
   * rules themselves are checked by {@link LifecycleConfiguration#validate()}.
   */
  static LifecycleConfiguration parse(String body, String minimumObjectSize) {
    XmlDocument document = XmlDocument.parse(body, "LifecycleConfiguration");
    List<LifecycleRule> rules = document.children("Rule").stream().map(LifecycleXml::rule).toList();
    return new LifecycleConfiguration(rules, minimumObjectSize);
  }

  private static LifecycleRule rule(XmlDocument rule) {
    if (rule.child("Transition") != null || rule.child("NoncurrentVersionTransition") != null) {
      throw S3Errors.notImplemented(
          "lifecycle transitions (Transition, NoncurrentVersionTransition): Ferry has one storage"
              + " class");
    }
    String id = rule.exactText("ID");
    String status = rule.text("Status");
    if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
      throw S3Errors.malformedXml();
    }
    XmlDocument expiration = rule.child("Expiration");
    XmlDocument noncurrent = rule.child("NoncurrentVersionExpiration");
    XmlDocument abort = rule.child("AbortIncompleteMultipartUpload");
    if (expiration != null
        && expiration.child("Days") == null
        && expiration.child("Date") == null
        && expiration.child("ExpiredObjectDeleteMarker") == null) {
      throw S3Errors.malformedXml();
    }
    if (noncurrent != null
        && noncurrent.child("NoncurrentDays") == null
        && noncurrent.child("NewerNoncurrentVersions") == null) {
      throw S3Errors.malformedXml();
    }
    if (abort != null && abort.child("DaysAfterInitiation") == null) {
      throw S3Errors.malformedXml();
    }
    return new LifecycleRule(
        id == null || id.isEmpty() ? generatedId() : id,
        status.equals("Enabled"),
        filter(rule),
        expiration == null ? null : integer(expiration, "Days"),
        expiration == null ? null : date(expiration.text("Date")),
        expiration == null ? null : bool(expiration.text("ExpiredObjectDeleteMarker")),
        noncurrent == null ? null : integer(noncurrent, "NoncurrentDays"),
        noncurrent == null ? null : integer(noncurrent, "NewerNoncurrentVersions"),
        abort == null ? null : integer(abort, "DaysAfterInitiation"));
  }

  /** A rule has either a Filter or the deprecated Prefix of its own. */
  private static LifecycleFilter filter(XmlDocument rule) {
    XmlDocument filter = rule.child("Filter");
    String legacyPrefix = rule.exactText("Prefix");
    if ((filter == null) == (legacyPrefix == null)) {
      throw S3Errors.malformedXml();
    }
    if (filter == null) {
      return new LifecycleFilter(
          LifecycleFilter.Form.LEGACY_PREFIX, legacyPrefix, Map.of(), null, null);
    }
    long conditions =
        FILTER_CONDITIONS.stream().mapToLong(name -> filter.children(name).size()).sum();
    if (conditions > 1) {
      throw S3Errors.malformedXml();
    }
    XmlDocument and = filter.child("And");
    XmlDocument conditionsOf = and == null ? filter : and;
    Map<String, String> tags = new LinkedHashMap<>();
    for (XmlDocument tag : conditionsOf.children("Tag")) {
      String key = tag.exactText("Key");
      String value = tag.exactText("Value");
      if (key == null || value == null) {
        throw S3Errors.malformedXml();
      }
      if (tags.put(key, value) != null) {
        throw S3Errors.invalidRequest("Duplicate Tag Keys are not allowed.");
      }
    }
    return new LifecycleFilter(
        and == null ? LifecycleFilter.Form.FILTER : LifecycleFilter.Form.AND,
        conditionsOf.exactText("Prefix"),
        tags,
        longValue(conditionsOf, "ObjectSizeGreaterThan"),
        longValue(conditionsOf, "ObjectSizeLessThan"));
  }

  private static @Nullable Integer integer(XmlDocument element, String name) {
    String text = element.text(name);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw S3Errors.malformedXml();
    }
  }

  private static @Nullable Long longValue(XmlDocument element, String name) {
    String text = element.text(name);
    if (text == null) {
      return null;
    }
    try {
      return Long.valueOf(text);
    } catch (NumberFormatException e) {
      throw S3Errors.malformedXml();
    }
  }

  private static @Nullable Boolean bool(@Nullable String text) {
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw S3Errors.malformedXml();
    };
  }

  /** An ISO 8601 date or time, kept as an instant; whether it is midnight is checked later. */
  private static @Nullable String date(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException notATime) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
      } catch (DateTimeParseException e) {
        throw S3Errors.malformedXml();
      }
    }
  }

  /** S3 names a rule sent without an ID. */
  private static String generatedId() {
    byte[] random = new byte[36];
    ThreadLocalRandom.current().nextBytes(random);
    return Base64.getEncoder().encodeToString(random);
  }

  static String write(LifecycleConfiguration configuration) {
    Xml xml = S3Xml.document("LifecycleConfiguration");
    for (LifecycleRule rule : configuration.rules()) {
      xml.open("Rule");
      if (rule.expirationDays() != null
          || rule.expirationDate() != null
          || rule.expiredObjectDeleteMarker() != null) {
        String date = rule.expirationDate();
        xml.open("Expiration")
            .element("Date", date == null ? null : Instant.parse(date))
            .element("Days", rule.expirationDays())
            .element("ExpiredObjectDeleteMarker", rule.expiredObjectDeleteMarker())
            .close("Expiration");
      }
      xml.element("ID", rule.id());
      writeFilter(xml, rule.filter());
      xml.element("Status", rule.enabled() ? "Enabled" : "Disabled");
      if (rule.noncurrentDays() != null) {
        xml.open("NoncurrentVersionExpiration")
            .element("NoncurrentDays", rule.noncurrentDays())
            .element("NewerNoncurrentVersions", rule.newerNoncurrentVersions())
            .close("NoncurrentVersionExpiration");
      }
      if (rule.abortDaysAfterInitiation() != null) {
        xml.open("AbortIncompleteMultipartUpload")
            .element("DaysAfterInitiation", rule.abortDaysAfterInitiation())
            .close("AbortIncompleteMultipartUpload");
      }
      xml.close("Rule");
    }
    return xml.close("LifecycleConfiguration").toString();
  }

  private static void writeFilter(Xml xml, LifecycleFilter filter) {
    if (filter.form() == LifecycleFilter.Form.LEGACY_PREFIX) {
      xml.element("Prefix", filter.prefix());
      return;
    }
    xml.open("Filter");
    boolean and = filter.form() == LifecycleFilter.Form.AND;
    if (and) {
      xml.open("And");
    }
    xml.element("Prefix", filter.prefix());
    filter
        .tags()
        .forEach((key, value) ->
            xml.open("Tag").element("Key", key).element("Value", value).close("Tag"));
    xml.element("ObjectSizeGreaterThan", filter.sizeGreaterThan())
        .element("ObjectSizeLessThan", filter.sizeLessThan());
    if (and) {
      xml.close("And");
    }
    xml.close("Filter");
  }
}
