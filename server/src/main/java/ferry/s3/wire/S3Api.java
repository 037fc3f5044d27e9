package ferry.s3.wire;

import ferry.aws.Region;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.ServiceApi;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Address;
import ferry.protocol.restxml.S3Route;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.protocol.restxml.S3Router;
import ferry.s3.AccessControlList;
import ferry.s3.Bucket;
import ferry.s3.CreateBucketRequest;
import ferry.s3.ListBucketsRequest;
import ferry.s3.ListBucketsResult;
import ferry.s3.ObjectOwnership;
import ferry.s3.PublicAccessBlock;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import ferry.s3.ServerSideEncryption;
import ferry.s3.Versioning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * S3's REST-XML binding: the routing table, and the bucket operations; object and multipart
 * operations are in {@link ObjectApi}.
 */
public final class S3Api implements ServiceApi {
  private static final Set<String> OWNERSHIP_VALUES =
      Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter");

  private final S3Service s3;
  private final ObjectApi objects;
  private final S3Router router;

  public S3Api(S3Service s3) {
    this.s3 = s3;
    this.objects = new ObjectApi(s3);
    this.router =
        new S3Router(
            S3Operations.ALL,
            Map.ofEntries(
                entry("ListBuckets", this::listBuckets),
                // buckets
                entry("CreateBucket", this::createBucket),
                entry("HeadBucket", this::headBucket),
                entry("DeleteBucket", this::deleteBucket),
                entry("GetBucketLocation", this::getBucketLocation),
                entry("GetBucketVersioning", this::getBucketVersioning),
                entry("PutBucketVersioning", this::putBucketVersioning),
                entry("GetBucketPolicy", this::getBucketPolicy),
                entry("PutBucketPolicy", this::putBucketPolicy),
                entry("DeleteBucketPolicy", this::deleteBucketPolicy),
                entry("GetBucketPolicyStatus", this::getBucketPolicyStatus),
                entry("GetBucketAcl", this::getBucketAcl),
                entry("PutBucketAcl", this::putBucketAcl),
                entry("GetBucketOwnershipControls", this::getBucketOwnershipControls),
                entry("PutBucketOwnershipControls", this::putBucketOwnershipControls),
                entry("DeleteBucketOwnershipControls", this::deleteBucketOwnershipControls),
                entry("GetBucketEncryption", this::getBucketEncryption),
                entry("PutBucketEncryption", this::putBucketEncryption),
                entry("DeleteBucketEncryption", this::deleteBucketEncryption),
                entry("GetPublicAccessBlock", this::getPublicAccessBlock),
                entry("PutPublicAccessBlock", this::putPublicAccessBlock),
                entry("DeletePublicAccessBlock", this::deletePublicAccessBlock),
                entry("GetBucketNotificationConfiguration", this::getBucketNotification),
                entry("PutBucketNotificationConfiguration", this::putBucketNotification),
                entry("ListObjectVersions", objects::listObjectVersions),
                entry("ListMultipartUploads", objects::listMultipartUploads),
                entry("DeleteObjects", objects::deleteObjects),
                entry("ListObjects", objects::listObjects),
                entry("ListObjectsV2", objects::listObjects),
                // objects
                entry("CopyObject", objects::copyObject),
                entry("PutObject", objects::putObject),
                entry("GetObject", objects::getObject),
                entry("HeadObject", objects::headObject),
                entry("DeleteObject", objects::deleteObject),
                entry("GetObjectAcl", objects::getObjectAcl),
                entry("PutObjectAcl", objects::putObjectAcl),
                entry("GetObjectTagging", objects::getObjectTagging),
                entry("PutObjectTagging", objects::putObjectTagging),
                entry("DeleteObjectTagging", objects::deleteObjectTagging),
                // multipart uploads
                entry("CreateMultipartUpload", objects::createMultipartUpload),
                entry("UploadPartCopy", objects::uploadPartCopy),
                entry("UploadPart", objects::uploadPart),
                entry("CompleteMultipartUpload", objects::completeMultipartUpload),
                entry("AbortMultipartUpload", objects::abortMultipartUpload),
                entry("ListParts", objects::listParts),
                // object lock: no bucket has it, so these answer as AWS does for such a bucket
                entry("GetObjectLockConfiguration", this::getObjectLockConfiguration),
                entry("GetObjectRetention", objects::getObjectRetention),
                entry("PutObjectRetention", objects::putObjectRetention),
                entry("GetObjectLegalHold", objects::getObjectLegalHold),
                entry("PutObjectLegalHold", objects::putObjectLegalHold)));
  }

  private static Map.Entry<String, S3Route.Handler> entry(
      String operation, S3Route.Handler handler) {
    return Map.entry(operation, handler);
  }

  /** The names of the S3 operations Ferry implements. */
  @Override
  public Set<String> implementedOperations() {
    return router.implemented();
  }

  @Override
  public String signingName() {
    return "s3";
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.REST_XML;
  }

  /** Anonymous requests reach S3's own checks: public buckets and objects serve them. */
  @Override
  public boolean servesUnsigned(@Nullable String operation) {
    return true;
  }

  @Override
  public void serve(ApiRequest request, ApiResponse response) throws IOException {
    S3Address address = S3Address.of(request.host(), request.rawPath());
    S3Route route = router.route(request, address);
    requireExpectedOwners(request, address);
    if (address.key() != null) {
      RequestHeaders.refuseCustomerKeys(request);
    }
    route.handler().handle(new S3Call(request, address.bucket(), address.key()), response);
  }

  /** x-amz-expected-bucket-owner, and x-amz-source-expected-bucket-owner for a copy's source. */
  private void requireExpectedOwners(ApiRequest request, S3Address address) {
    String expected = request.header("x-amz-expected-bucket-owner");
    if (expected != null && address.bucket() != null) {
      s3.requireExpectedOwner(address.bucket(), expected, "x-amz-expected-bucket-owner");
    }
    String sourceExpected = request.header("x-amz-source-expected-bucket-owner");
    String copySource = request.header("x-amz-copy-source");
    if (sourceExpected != null && copySource != null) {
      s3.requireExpectedOwner(
          ObjectApi.CopySource.parse(copySource).bucket(),
          sourceExpected,
          "x-amz-source-expected-bucket-owner");
    }
  }

  // ---- service and buckets ----

  private void listBuckets(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    var caller = request.caller();
    String prefix = request.queryParameter("prefix");
    String region = request.queryParameter("bucket-region");
    String token = request.queryParameter("continuation-token");
    ListBucketsResult result =
        s3.listBuckets(
            caller,
            new ListBucketsRequest(
                prefix,
                bucketRegion(region),
                token == null ? null : ContinuationTokens.decode(token),
                maxBuckets(request.queryParameter("max-buckets"))));
    Xml xml = S3Xml.document("ListAllMyBucketsResult").open("Buckets");
    for (Bucket bucket : result.buckets()) {
      xml.open("Bucket")
          .element("Name", bucket.name())
          .element("CreationDate", bucket.created())
          .element("BucketRegion", bucket.region().name())
          .close("Bucket");
    }
    xml.close("Buckets");
    S3Xml.owner(xml, caller.account());
    String lastName = result.lastName();
    if (lastName != null) {
      xml.element("ContinuationToken", ContinuationTokens.encode(lastName));
    }
    if (prefix != null) {
      xml.element("Prefix", prefix);
    }
    response.sendXml(200, xml.close("ListAllMyBucketsResult").toString());
  }

  private static @Nullable Region bucketRegion(@Nullable String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw S3Errors.invalidArgument("bucket-region must name a region", "bucket-region", value);
    }
    return Region.of(value.trim());
  }

  private static int maxBuckets(@Nullable String value) {
    if (value == null) {
      return ListBucketsRequest.MAX_BUCKETS;
    }
    try {
      int max = Integer.parseInt(value.trim());
      if (max >= 1 && max <= ListBucketsRequest.MAX_BUCKETS) {
        return max;
      }
    } catch (NumberFormatException e) {
      // the error below
    }
    throw S3Errors.invalidArgument(
        "max-buckets must be an integer from 1 to " + ListBucketsRequest.MAX_BUCKETS,
        "max-buckets",
        value);
  }

  /**
   * CreateBucket. The LocationConstraint must match the region the request was signed for, except
   * that us-east-1 accepts any; no constraint means us-east-1.
   */
  private void createBucket(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    if ("true".equalsIgnoreCase(request.header("x-amz-bucket-object-lock-enabled"))) {
      throw S3Errors.notImplemented("Object Lock (x-amz-bucket-object-lock-enabled)");
    }
    String namespace = request.header("x-amz-bucket-namespace");
    if (namespace != null && !namespace.equals("global")) {
      if (namespace.equals("account-regional")) {
        throw S3Errors.notImplemented(
            "buckets in the account regional namespace (x-amz-bucket-namespace)");
      }
      throw S3Errors.invalidArgument(
          "Invalid x-amz-bucket-namespace header: " + namespace,
          "x-amz-bucket-namespace",
          namespace);
    }
    String body = request.bodyText(64 * 1024).trim();
    String constraint = null;
    if (!body.isEmpty()) {
      XmlDocument configuration = XmlDocument.parse(body, "CreateBucketConfiguration");
      if (configuration.child("Tags") != null) {
        throw S3Errors.notImplemented(
            "bucket tags (Tags in CreateBucketConfiguration); Ferry does not implement bucket"
                + " tagging");
      }
      for (String element : List.of("Location", "Bucket")) {
        if (configuration.child(element) != null) {
          throw S3Errors.notImplemented(
              "directory buckets (" + element + " in CreateBucketConfiguration)");
        }
      }
      constraint = configuration.text("LocationConstraint");
      if (constraint != null && constraint.isEmpty()) {
        constraint = null;
      }
    }
    Region signed = request.caller().region();
    if (constraint != null && constraint.equals("us-east-1")) {
      throw S3Errors.invalidLocationConstraint(constraint);
    }
    if (!signed.equals(Region.US_EAST_1)) {
      if (constraint == null) {
        throw S3Errors.illegalLocationConstraint(
            "The unspecified location constraint is incompatible for the region specific"
                + " endpoint this request was sent to.");
      }
      if (!constraint.equals(signed.name())) {
        throw S3Errors.illegalLocationConstraint(
            "The "
                + constraint
                + " location constraint is incompatible for the region specific endpoint this"
                + " request was sent to.");
      }
    }
    Region region =
        constraint == null
            ? Region.US_EAST_1
            : Region.of(constraint.equals("EU") ? "eu-west-1" : constraint);
    String ownershipHeader = request.header("x-amz-object-ownership");
    ObjectOwnership ownership = null;
    if (ownershipHeader != null) {
      ownership = ObjectOwnership.fromWire(ownershipHeader.trim());
      if (ownership == null) {
        throw S3Errors.invalidArgument(
            "Invalid x-amz-object-ownership header: " + ownershipHeader,
            "x-amz-object-ownership",
            ownershipHeader);
      }
    }
    AccessControlList acl = RequestHeaders.acl(request);
    Bucket bucket =
        s3.createBucket(
            request.caller(), new CreateBucketRequest(call.bucketName(), region, ownership, acl));
    response.header("Location", "/" + bucket.name());
    response.sendEmpty(200);
  }

  private void headBucket(S3Call call, ApiResponse response) throws IOException {
    Bucket bucket = s3.headBucket(call.request().caller(), call.bucketName());
    response.header("x-amz-bucket-region", bucket.region().name());
    response.sendEmpty(200);
  }

  private void deleteBucket(S3Call call, ApiResponse response) throws IOException {
    s3.deleteBucket(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  private void getBucketLocation(S3Call call, ApiResponse response) throws IOException {
    Bucket bucket = s3.getBucketLocation(call.request().caller(), call.bucketName());
    String region = bucket.region().equals(Region.US_EAST_1) ? "" : bucket.region().name();
    response.sendXml(
        200,
        Xml.document()
            .open("LocationConstraint", "xmlns", S3Xml.NAMESPACE)
            .text(region)
            .close("LocationConstraint")
            .toString());
  }

  // ---- versioning ----

  private void putBucketVersioning(S3Call call, ApiResponse response) throws IOException {
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
    s3.putBucketVersioning(call.request().caller(), call.bucketName(), versioning);
    response.sendEmpty(200);
  }

  private void getBucketVersioning(S3Call call, ApiResponse response) throws IOException {
    Versioning versioning = s3.getBucketVersioning(call.request().caller(), call.bucketName());
    Xml xml = S3Xml.document("VersioningConfiguration");
    if (versioning != null) {
      xml.element("Status", versioning.wireName());
    }
    response.sendXml(200, xml.close("VersioningConfiguration").toString());
  }

  // ---- policy ----

  private void putBucketPolicy(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    s3.putBucketPolicy(call.request().caller(), call.bucketName(), body);
    response.sendEmpty(204);
  }

  private void getBucketPolicy(S3Call call, ApiResponse response) throws IOException {
    String policy = s3.getBucketPolicy(call.request().caller(), call.bucketName());
    response.send(200, "application/json", policy.getBytes(StandardCharsets.UTF_8));
  }

  private void deleteBucketPolicy(S3Call call, ApiResponse response) throws IOException {
    s3.deleteBucketPolicy(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  private void getBucketPolicyStatus(S3Call call, ApiResponse response) throws IOException {
    boolean isPublic = s3.getBucketPolicyStatus(call.request().caller(), call.bucketName());
    response.sendXml(
        200,
        S3Xml.document("PolicyStatus")
            .element("IsPublic", isPublic)
            .close("PolicyStatus")
            .toString());
  }

  // ---- ACL ----

  private void getBucketAcl(S3Call call, ApiResponse response) throws IOException {
    response.sendXml(
        200,
        S3Xml.accessControlPolicy(s3.getBucketAcl(call.request().caller(), call.bucketName())));
  }

  private void putBucketAcl(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    String body = ControlBody.read(request, true).trim();
    AccessControlList acl = RequestHeaders.acl(request);
    if (!body.isEmpty()) {
      if (!acl.isEmpty()) {
        throw S3Errors.unexpectedContent();
      }
      acl = S3Xml.parseAccessControlPolicy(body);
    }
    s3.putBucketAcl(request.caller(), call.bucketName(), acl);
    response.sendEmpty(200);
  }

  // ---- ownership controls ----

  private void putBucketOwnershipControls(S3Call call, ApiResponse response) throws IOException {
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
    s3.putBucketOwnershipControls(
        call.request().caller(), call.bucketName(), ObjectOwnership.fromWire(value));
    response.sendEmpty(200);
  }

  private void getBucketOwnershipControls(S3Call call, ApiResponse response) throws IOException {
    ObjectOwnership ownership =
        s3.getBucketOwnershipControls(call.request().caller(), call.bucketName());
    response.sendXml(
        200,
        S3Xml.document("OwnershipControls")
            .open("Rule")
            .element("ObjectOwnership", ownership.wireName())
            .close("Rule")
            .close("OwnershipControls")
            .toString());
  }

  private void deleteBucketOwnershipControls(S3Call call, ApiResponse response) throws IOException {
    s3.deleteBucketOwnershipControls(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  // ---- default encryption ----

  private void putBucketEncryption(S3Call call, ApiResponse response) throws IOException {
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
    s3.putBucketEncryption(
        call.request().caller(),
        call.bucketName(),
        new ServerSideEncryption(algorithm, keyId, bucketKey));
    response.sendEmpty(200);
  }

  private void getBucketEncryption(S3Call call, ApiResponse response) throws IOException {
    ServerSideEncryption encryption =
        s3.getBucketEncryption(call.request().caller(), call.bucketName());
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

  private void deleteBucketEncryption(S3Call call, ApiResponse response) throws IOException {
    s3.deleteBucketEncryption(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  // ---- Block Public Access ----

  private void putPublicAccessBlock(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    XmlDocument document = XmlDocument.parse(body, "PublicAccessBlockConfiguration");
    s3.putPublicAccessBlock(
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

  private void getPublicAccessBlock(S3Call call, ApiResponse response) throws IOException {
    PublicAccessBlock block = s3.getPublicAccessBlock(call.request().caller(), call.bucketName());
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

  private void deletePublicAccessBlock(S3Call call, ApiResponse response) throws IOException {
    s3.deletePublicAccessBlock(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  // ---- Object Lock ----

  private void getObjectLockConfiguration(S3Call call, ApiResponse response) {
    s3.getObjectLockConfiguration(call.request().caller(), call.bucketName());
  }

  // ---- notifications ----

  /**
   * PutBucketNotificationConfiguration: the document is kept as sent; an EventBridgeConfiguration
   * element turns on delivery to EventBridge. Other destinations (SNS, SQS, Lambda) are not served
   * by Ferry.
   */
  private void putBucketNotification(S3Call call, ApiResponse response) throws IOException {
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
    s3.putBucketNotification(call.request().caller(), call.bucketName(), body, eventBridge);
    response.sendEmpty(200);
  }

  private void getBucketNotification(S3Call call, ApiResponse response) throws IOException {
    String stored = s3.getBucketNotification(call.request().caller(), call.bucketName());
    Xml xml = S3Xml.document("NotificationConfiguration");
    if (stored != null
        && XmlDocument.parse(stored, "NotificationConfiguration").child("EventBridgeConfiguration")
            != null) {
      xml.raw("<EventBridgeConfiguration/>");
    }
    response.sendXml(200, xml.close("NotificationConfiguration").toString());
  }
}
