package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.AccessControlList;
import ferry.s3.ObjectOwnership;
import ferry.s3.PublicAccessBlock;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import ferry.s3.ServerSideEncryption;
import ferry.s3.Versioning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A bucket's configuration on the wire: versioning, policy, ACL, ownership controls, default
 * encryption, Block Public Access, Object Lock, notifications.
 */
final class BucketConfigurationApi {
  private static final Set<String> OWNERSHIP_VALUES =
      Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter");

  private final S3Service s3;

  BucketConfigurationApi(S3Service s3) {
    this.s3 = s3;
  }

  // ---- versioning ----

  void putBucketVersioning(S3Call call, ApiResponse response) throws IOException {
    RequestHeaders.refuseUnimplemented(call.request(), "x-amz-mfa");
    String body = ControlBody.read(call.request(), true);
    XmlDocument document = XmlDocument.parse(body, "VersioningConfiguration");
    String status = document.text("Status");
    Versioning versioning =
        "Enabled".equals(status)
            ? Versioning.ENABLED
            : "Suspended".equals(status) ? Versioning.SUSPENDED : null;
    if (versioning == null) {
      throw S3Errors.malformedXml();
    }
    String mfaDelete = document.text("MfaDelete");
    if ("Enabled".equals(mfaDelete)) {
      throw S3Errors.notImplemented("MfaDelete");
    }
    if (mfaDelete != null && !mfaDelete.equals("Disabled")) {
      throw S3Errors.malformedXml();
    }
    s3.configuration().putBucketVersioning(call.request().caller(), call.bucketName(), versioning);
    response.sendEmpty(200);
  }

  void getBucketVersioning(S3Call call, ApiResponse response) throws IOException {
    Versioning versioning =
        s3.configuration().getBucketVersioning(call.request().caller(), call.bucketName());
    Xml xml = S3Xml.document("VersioningConfiguration");
    if (versioning != null) {
      xml.element("Status", versioning.wireName());
    }
    response.sendXml(200, xml.close("VersioningConfiguration").toString());
  }

  // ---- policy ----

  void putBucketPolicy(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    s3.configuration().putBucketPolicy(call.request().caller(), call.bucketName(), body);
    response.sendEmpty(204);
  }

  void getBucketPolicy(S3Call call, ApiResponse response) throws IOException {
    String policy = s3.configuration().getBucketPolicy(call.request().caller(), call.bucketName());
    response.send(200, "application/json", policy.getBytes(StandardCharsets.UTF_8));
  }

  void deleteBucketPolicy(S3Call call, ApiResponse response) throws IOException {
    s3.configuration().deleteBucketPolicy(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  void getBucketPolicyStatus(S3Call call, ApiResponse response) throws IOException {
    boolean isPublic =
        s3.configuration().getBucketPolicyStatus(call.request().caller(), call.bucketName());
    response.sendXml(
        200,
        S3Xml.document("PolicyStatus")
            .element("IsPublic", isPublic)
            .close("PolicyStatus")
            .toString());
  }

  // ---- ACL ----

  void getBucketAcl(S3Call call, ApiResponse response) throws IOException {
    response.sendXml(
        200,
        S3Xml.accessControlPolicy(
            s3.configuration().getBucketAcl(call.request().caller(), call.bucketName())));
  }

  void putBucketAcl(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    String body = ControlBody.read(request, true).trim();
    AccessControlList acl = RequestHeaders.acl(request);
    if (!body.isEmpty()) {
      if (!acl.isEmpty()) {
        throw S3Errors.unexpectedContent();
      }
      acl = S3Xml.parseAccessControlPolicy(body);
    }
    s3.configuration().putBucketAcl(request.caller(), call.bucketName(), acl);
    response.sendEmpty(200);
  }

  // ---- ownership controls ----

  void putBucketOwnershipControls(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    XmlDocument document = XmlDocument.parse(body, "OwnershipControls");
    List<XmlDocument> rules = document.children("Rule");
    if (rules.size() != 1) {
      throw S3Errors.malformedXml();
    }
    String value = rules.getFirst().text("ObjectOwnership");
    if (value == null || !OWNERSHIP_VALUES.contains(value)) {
      throw S3Errors.malformedXml();
    }
    s3.configuration()
        .putBucketOwnershipControls(
            call.request().caller(), call.bucketName(), ObjectOwnership.fromWire(value));
    response.sendEmpty(200);
  }

  void getBucketOwnershipControls(S3Call call, ApiResponse response) throws IOException {
    ObjectOwnership ownership =
        s3.configuration().getBucketOwnershipControls(call.request().caller(), call.bucketName());
    response.sendXml(
        200,
        S3Xml.document("OwnershipControls")
            .open("Rule")
            .element("ObjectOwnership", ownership.wireName())
            .close("Rule")
            .close("OwnershipControls")
            .toString());
  }

  void deleteBucketOwnershipControls(S3Call call, ApiResponse response) throws IOException {
    s3.configuration().deleteBucketOwnershipControls(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  // ---- default encryption ----

  void putBucketEncryption(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    XmlDocument document = XmlDocument.parse(body, "ServerSideEncryptionConfiguration");
    XmlDocument rule = document.child("Rule");
    XmlDocument defaults = rule == null ? null : rule.child("ApplyServerSideEncryptionByDefault");
    if (defaults == null) {
      throw S3Errors.malformedXml();
    }
    if (rule.child("BlockedEncryptionTypes") != null) {
      throw S3Errors.notImplemented(
          "blocking encryption types (BlockedEncryptionTypes in the encryption rule)");
    }
    String algorithm = defaults.text("SSEAlgorithm");
    String keyId = defaults.text("KMSMasterKeyID");
    if ("aws:kms:dsse".equals(algorithm)) {
      throw S3Errors.notImplemented("dual-layer server-side encryption (aws:kms:dsse)");
    }
    boolean bucketKey = "true".equals(rule.text("BucketKeyEnabled"));
    if (ServerSideEncryption.AES256.equals(algorithm)) {
      if (keyId != null) {
        throw S3Errors.invalidArgument(
            "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or"
                + " aws:kms:dsse",
            "ApplyServerSideEncryptionByDefault",
            keyId);
      }
    } else if (!ServerSideEncryption.AWS_KMS.equals(algorithm)) {
      throw S3Errors.malformedXml();
    }
    s3.configuration()
        .putBucketEncryption(
            call.request().caller(),
            call.bucketName(),
            new ServerSideEncryption(algorithm, keyId, bucketKey));
    response.sendEmpty(200);
  }

  void getBucketEncryption(S3Call call, ApiResponse response) throws IOException {
    ServerSideEncryption encryption =
        s3.configuration().getBucketEncryption(call.request().caller(), call.bucketName());
    Xml xml =
        S3Xml.document("ServerSideEncryptionConfiguration")
            .open("Rule")
            .open("ApplyServerSideEncryptionByDefault")
            .element("SSEAlgorithm", encryption.algorithm())
            .element("KMSMasterKeyID", encryption.kmsKeyId())
            .close("ApplyServerSideEncryptionByDefault")
            .element("BucketKeyEnabled", encryption.bucketKeyEnabled())
            .close("Rule");
    response.sendXml(200, xml.close("ServerSideEncryptionConfiguration").toString());
  }

  void deleteBucketEncryption(S3Call call, ApiResponse response) throws IOException {
    s3.configuration().deleteBucketEncryption(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  // ---- Block Public Access ----

  void putPublicAccessBlock(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    XmlDocument document = XmlDocument.parse(body, "PublicAccessBlockConfiguration");
    s3.configuration()
        .putPublicAccessBlock(
            call.request().caller(),
            call.bucketName(),
            new PublicAccessBlock(
                flag(document, "BlockPublicAcls"),
                flag(document, "IgnorePublicAcls"),
                flag(document, "BlockPublicPolicy"),
                flag(document, "RestrictPublicBuckets")));
    response.sendEmpty(200);
  }

  private static boolean flag(XmlDocument document, String name) {
    String value = document.text(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw S3Errors.malformedXml();
  }

  void getPublicAccessBlock(S3Call call, ApiResponse response) throws IOException {
    PublicAccessBlock block =
        s3.configuration().getPublicAccessBlock(call.request().caller(), call.bucketName());
    response.sendXml(
        200,
        S3Xml.document("PublicAccessBlockConfiguration")
            .element("BlockPublicAcls", block.blockPublicAcls())
            .element("IgnorePublicAcls", block.ignorePublicAcls())
            .element("BlockPublicPolicy", block.blockPublicPolicy())
            .element("RestrictPublicBuckets", block.restrictPublicBuckets())
            .close("PublicAccessBlockConfiguration")
            .toString());
  }

  void deletePublicAccessBlock(S3Call call, ApiResponse response) throws IOException {
    s3.configuration().deletePublicAccessBlock(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  // ---- Object Lock ----

  // ---- notifications ----

  /**
   * PutBucketNotificationConfiguration: the document is kept as sent; an EventBridgeConfiguration
   * element turns on delivery to EventBridge. Other destinations (SNS, SQS, Lambda) are not served
   * by Ferry.
   */
  void putBucketNotification(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), false).trim();
    XmlDocument document = XmlDocument.parse(body, "NotificationConfiguration");
    for (String destination :
        List.of("TopicConfiguration", "QueueConfiguration", "CloudFunctionConfiguration")) {
      if (document.child(destination) != null) {
        throw S3Errors.invalidArgument(
            "Ferry delivers bucket notifications only to EventBridge",
            destination,
            call.bucketName());
      }
    }
    boolean eventBridge = document.child("EventBridgeConfiguration") != null;
    s3.configuration()
        .putBucketNotification(call.request().caller(), call.bucketName(), body, eventBridge);
    response.sendEmpty(200);
  }

  void getBucketNotification(S3Call call, ApiResponse response) throws IOException {
    String stored =
        s3.configuration().getBucketNotification(call.request().caller(), call.bucketName());
    Xml xml = S3Xml.document("NotificationConfiguration");
    if (stored != null
        && XmlDocument.parse(stored, "NotificationConfiguration").child("EventBridgeConfiguration")
            != null) {
      xml.raw("<EventBridgeConfiguration/>");
    }
    response.sendXml(200, xml.close("NotificationConfiguration").toString());
  }
}
