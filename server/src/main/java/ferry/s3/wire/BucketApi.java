package ferry.s3.wire;

import ferry.aws.Region;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.AccessControlList;
import ferry.s3.Bucket;
import ferry.s3.CreateBucketRequest;
import ferry.s3.ListBucketsRequest;
import ferry.s3.ListBucketsResult;
import ferry.s3.ObjectOwnership;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * S3's buckets on the wire: ListBuckets, CreateBucket, HeadBucket, GetBucketLocation, DeleteBucket.
 */
final class BucketApi {
  private final S3Service s3;

  BucketApi(S3Service s3) {
    this.s3 = s3;
  }

  // ---- service and buckets ----

  void listBuckets(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    var caller = request.caller();
    String prefix = request.queryParameter("prefix");
    String region = request.queryParameter("bucket-region");
    String token = request.queryParameter("continuation-token");
    ListBucketsResult result =
        s3.buckets()
            .listBuckets(
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
  void createBucket(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    boolean objectLock =
        "true".equalsIgnoreCase(request.header("x-amz-bucket-object-lock-enabled"));
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
    Map<String, String> tags = Map.of();
    if (!body.isEmpty()) {
      XmlDocument configuration = XmlDocument.parse(body, "CreateBucketConfiguration");
      XmlDocument tagSet = configuration.child("Tags");
      if (tagSet != null) {
        tags = S3Xml.tagSet(tagSet);
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
    if (!tags.isEmpty()) {
      s3.tagging().checkCreationTags(request.caller(), call.bucketName(), tags);
    }
    Bucket bucket =
        s3.buckets()
            .createBucket(
                request.caller(),
                new CreateBucketRequest(call.bucketName(), region, ownership, acl, objectLock));
    s3.tagging().tagNewBucket(request.caller(), bucket.name(), tags);
    response.header("Location", "/" + bucket.name());
    response.sendEmpty(200);
  }

  void headBucket(S3Call call, ApiResponse response) throws IOException {
    Bucket bucket = s3.buckets().headBucket(call.request().caller(), call.bucketName());
    response.header("x-amz-bucket-region", bucket.region().name());
    response.sendEmpty(200);
  }

  void deleteBucket(S3Call call, ApiResponse response) throws IOException {
    s3.buckets().deleteBucket(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  void getBucketLocation(S3Call call, ApiResponse response) throws IOException {
    Bucket bucket = s3.buckets().getBucketLocation(call.request().caller(), call.bucketName());
    String region = bucket.region().equals(Region.US_EAST_1) ? "" : bucket.region().name();
    response.sendXml(
        200,
        Xml.document()
            .open("LocationConstraint", "xmlns", S3Xml.NAMESPACE)
            .text(region)
            .close("LocationConstraint")
            .toString());
  }
}
