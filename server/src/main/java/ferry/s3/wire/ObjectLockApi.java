package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.LegalHold;
import ferry.s3.ObjectLockConfiguration;
import ferry.s3.ObjectLockRequest;
import ferry.s3.ObjectVersion;
import ferry.s3.Retention;
import ferry.s3.RetentionMode;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Object Lock on the wire: a bucket's Object Lock configuration, and each version's retention and
 * legal hold.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html">Object
 *     Lock</a>
 */
final class ObjectLockApi {
  /** The longest default retention S3 accepts: 100 years. */
  private static final int MAX_YEARS = 100;

  private static final int MAX_DAYS = 36_500;

  private final S3Service s3;

  ObjectLockApi(S3Service s3) {
    this.s3 = s3;
  }

  void getObjectLockConfiguration(S3Call call, ApiResponse response) throws IOException {
    ObjectLockConfiguration configuration =
        s3.objectLock().getObjectLockConfiguration(call.request().caller(), call.bucketName());
    Xml xml = S3Xml.document("ObjectLockConfiguration").element("ObjectLockEnabled", "Enabled");
    RetentionMode mode = configuration.mode();
    if (mode != null) {
      xml.open("Rule").open("DefaultRetention").element("Mode", mode.name());
      if (configuration.days() != null) {
        xml.element("Days", configuration.days());
      } else {
        xml.element("Years", configuration.years());
      }
      xml.close("DefaultRetention").close("Rule");
    }
    response.sendXml(200, xml.close("ObjectLockConfiguration").toString());
  }

  void putObjectLockConfiguration(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    if (request.header("x-amz-bucket-object-lock-token") != null) {
      throw S3Errors.notImplemented(
          "Object Lock tokens (x-amz-bucket-object-lock-token), which S3 uses for replication");
    }
    XmlDocument document =
        XmlDocument.parse(ControlBody.read(request, true), "ObjectLockConfiguration");
    s3.objectLock()
        .putObjectLockConfiguration(request.caller(), call.bucketName(), parse(document));
    response.sendEmpty(200);
  }

  /** ObjectLockEnabled must say Enabled; a Rule has a DefaultRetention of Days or Years. */
  static ObjectLockConfiguration parse(XmlDocument document) {
    if (!"Enabled".equals(document.text("ObjectLockEnabled"))) {
      throw S3Errors.malformedXml();
    }
    XmlDocument rule = document.child("Rule");
    if (rule == null) {
      return ObjectLockConfiguration.ENABLED;
    }
    XmlDocument retention = rule.child("DefaultRetention");
    if (retention == null) {
      throw S3Errors.malformedXml();
    }
    RetentionMode mode = RetentionMode.fromWire(retention.text("Mode"));
    String days = retention.text("Days");
    String years = retention.text("Years");
    if (mode == null || (days == null) == (years == null)) {
      throw S3Errors.malformedXml();
    }
    return days != null
        ? new ObjectLockConfiguration(mode, period(days, MAX_DAYS), null)
        : new ObjectLockConfiguration(mode, null, period(years, MAX_YEARS));
  }

  private static int period(String text, int max) {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw S3Errors.malformedXml();
    }
    if (value <= 0) {
      throw S3Errors.invalidArgument(
          "Default retention period must be a positive integer value.", "DefaultRetention", text);
    }
    if (value > max) {
      throw S3Errors.invalidArgument(
          "Default retention period is too large.", "DefaultRetention", text);
    }
    return value;
  }

  void getObjectRetention(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    Retention retention =
        s3.objectLock()
            .getObjectRetention(
                request.caller(),
                call.bucketName(),
                call.objectKey(),
                request.queryParameter("versionId"));
    response.sendXml(
        200,
        S3Xml.document("Retention")
            .element("Mode", retention.mode().name())
            .element("RetainUntilDate", retention.retainUntil())
            .close("Retention")
            .toString());
  }

  void putObjectRetention(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    XmlDocument document = XmlDocument.parse(ControlBody.read(request, true), "Retention");
    s3.objectLock()
        .putObjectRetention(
            request.caller(),
            call.bucketName(),
            call.objectKey(),
            request.queryParameter("versionId"),
            parseRetention(document),
            bypassGovernance(request));
    response.sendEmpty(200);
  }

  /** Mode and RetainUntilDate, or neither to remove the retention. */
  static @Nullable Retention parseRetention(XmlDocument document) {
    String modeText = document.text("Mode");
    String until = document.text("RetainUntilDate");
    if (modeText == null && until == null) {
      return null;
    }
    RetentionMode mode = RetentionMode.fromWire(modeText);
    Instant date = until == null ? null : RequestHeaders.isoDate(until);
    if (mode == null || date == null) {
      throw S3Errors.malformedXml();
    }
    return new Retention(mode, date);
  }

  void getObjectLegalHold(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    LegalHold legalHold =
        s3.objectLock()
            .getObjectLegalHold(
                request.caller(),
                call.bucketName(),
                call.objectKey(),
                request.queryParameter("versionId"));
    response.sendXml(
        200,
        S3Xml.document("LegalHold")
            .element("Status", legalHold.name())
            .close("LegalHold")
            .toString());
  }

  void putObjectLegalHold(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    XmlDocument document = XmlDocument.parse(ControlBody.read(request, true), "LegalHold");
    LegalHold legalHold = LegalHold.fromWire(document.text("Status"));
    if (legalHold == null) {
      throw S3Errors.malformedXml();
    }
    s3.objectLock()
        .putObjectLegalHold(
            request.caller(),
            call.bucketName(),
            call.objectKey(),
            request.queryParameter("versionId"),
            legalHold);
    response.sendEmpty(200);
  }

  /**
   * GetObject's and HeadObject's SSE-C echo, and the version's Object Lock state as far as the
   * caller may see it.
   */
  static void readHeaders(
      S3Service s3, ApiRequest request, ObjectVersion version, ApiResponse response) {
    RequestHeaders.customerKeyHeaders(RequestHeaders.customerKey(request), response);
    ObjectLockRequest lock = s3.objectLock().visibleLock(request.caller(), version);
    Retention retention = lock.retention();
    if (retention != null) {
      response.header("x-amz-object-lock-mode", retention.mode().name());
      response.header(
          "x-amz-object-lock-retain-until-date", Xml.timestamp(retention.retainUntil()));
    }
    if (lock.legalHold() != null) {
      response.header("x-amz-object-lock-legal-hold", lock.legalHold().name());
    }
  }

  /** x-amz-bypass-governance-retention: true. */
  static boolean bypassGovernance(ApiRequest request) {
    return "true".equalsIgnoreCase(request.header("x-amz-bypass-governance-retention"));
  }
}
