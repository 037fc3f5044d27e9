package ferry.s3.wire;

import ferry.auth.SigV4Verifier;
import ferry.aws.AwsException;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.RequestOutcome;
import ferry.protocol.ServiceApi;
import ferry.protocol.restxml.S3Address;
import ferry.protocol.restxml.S3Operation;
import ferry.protocol.restxml.S3Route;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.protocol.restxml.S3Router;
import ferry.s3.S3Service;
import ferry.s3.wire.website.WebsiteAddress;
import ferry.s3.wire.website.WebsiteEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * S3's REST-XML binding: the routing table from each operation to the class of its resource family
 * ({@link BucketApi}, {@link BucketConfigurationApi}, {@link BucketTaggingApi}, {@link CorsApi},
 * {@link ReplicationApi}, {@link AccelerateApi}, {@link RequestPaymentApi}, {@link ObjectApi},
 * {@link ObjectSubresourceApi}, {@link ObjectLockApi}, {@link MultipartApi}, {@link LifecycleApi},
 * {@link LoggingApi}). A CORS preflight ({@code OPTIONS}) is answered by {@link CorsApi}, and a
 * request with an Origin gets its Access-Control headers there. Website configuration is in {@link
 * WebsiteConfigurationApi}; requests to a bucket's website go to its {@link WebsiteEndpoint}.
 */
public final class S3Api implements ServiceApi {
  /** The object operations that take SSE-C headers, as AWS's model has them. */
  private static final Set<String> CUSTOMER_KEY_OPERATIONS =
      Set.of(
          "PutObject",
          "GetObject",
          "HeadObject",
          "GetObjectAttributes",
          "CopyObject",
          "CreateMultipartUpload",
          "UploadPart",
          "UploadPartCopy",
          "CompleteMultipartUpload");

  private final S3Service s3;
  private final S3Router router;
  private final CorsApi cors;
  private final WebsiteEndpoint website;

  /**
   * @param signatures checks the signature of a browser POST's policy, with the same keys as every
   *     signed request
   */
  public S3Api(S3Service s3, SigV4Verifier signatures) {
    this.s3 = s3;
    BucketApi buckets = new BucketApi(s3);
    BucketConfigurationApi configuration = new BucketConfigurationApi(s3);
    ObjectApi objects = new ObjectApi(s3);
    ObjectSubresourceApi subresources = new ObjectSubresourceApi(s3);
    MultipartApi uploads = new MultipartApi(s3);
    BucketTaggingApi tagging = new BucketTaggingApi(s3);
    this.cors = new CorsApi(s3);
    ReplicationApi replication = new ReplicationApi(s3);
    AccelerateApi accelerate = new AccelerateApi(s3);
    RequestPaymentApi requestPayment = new RequestPaymentApi(s3);
    WebsiteConfigurationApi websites = new WebsiteConfigurationApi(s3);
    this.website = new WebsiteEndpoint(s3);
    LifecycleApi lifecycle = new LifecycleApi(s3);
    LoggingApi logging = new LoggingApi(s3);
    ObjectLockApi objectLock = new ObjectLockApi(s3);
    PostObjectApi posts = new PostObjectApi(s3, signatures);
    ObjectAttributesApi attributes = new ObjectAttributesApi(s3);
    this.router =
        new S3Router(
            S3Operations.ALL,
            Map.ofEntries(
                entry("ListBuckets", buckets::listBuckets),
                // buckets
                entry("CreateBucket", buckets::createBucket),
                entry("HeadBucket", buckets::headBucket),
                entry("DeleteBucket", buckets::deleteBucket),
                entry("GetBucketLocation", buckets::getBucketLocation),
                entry("GetBucketVersioning", configuration::getBucketVersioning),
                entry("PutBucketVersioning", configuration::putBucketVersioning),
                entry("GetBucketPolicy", configuration::getBucketPolicy),
                entry("PutBucketPolicy", configuration::putBucketPolicy),
                entry("DeleteBucketPolicy", configuration::deleteBucketPolicy),
                entry("GetBucketPolicyStatus", configuration::getBucketPolicyStatus),
                entry("GetBucketAcl", configuration::getBucketAcl),
                entry("PutBucketAcl", configuration::putBucketAcl),
                entry("GetBucketOwnershipControls", configuration::getBucketOwnershipControls),
                entry("PutBucketOwnershipControls", configuration::putBucketOwnershipControls),
                entry(
                    "DeleteBucketOwnershipControls", configuration::deleteBucketOwnershipControls),
                entry("GetBucketEncryption", configuration::getBucketEncryption),
                entry("PutBucketEncryption", configuration::putBucketEncryption),
                entry("DeleteBucketEncryption", configuration::deleteBucketEncryption),
                entry("GetPublicAccessBlock", configuration::getPublicAccessBlock),
                entry("PutPublicAccessBlock", configuration::putPublicAccessBlock),
                entry("DeletePublicAccessBlock", configuration::deletePublicAccessBlock),
                entry("GetBucketNotificationConfiguration", configuration::getBucketNotification),
                entry("PutBucketNotificationConfiguration", configuration::putBucketNotification),
                entry("PutBucketTagging", tagging::putBucketTagging),
                entry("GetBucketTagging", tagging::getBucketTagging),
                entry("DeleteBucketTagging", tagging::deleteBucketTagging),
                entry("PutBucketCors", cors::putBucketCors),
                entry("GetBucketCors", cors::getBucketCors),
                entry("DeleteBucketCors", cors::deleteBucketCors),
                entry("PutBucketReplication", replication::putBucketReplication),
                entry("GetBucketReplication", replication::getBucketReplication),
                entry("DeleteBucketReplication", replication::deleteBucketReplication),
                entry(
                    "PutBucketAccelerateConfiguration",
                    accelerate::putBucketAccelerateConfiguration),
                entry(
                    "GetBucketAccelerateConfiguration",
                    accelerate::getBucketAccelerateConfiguration),
                entry("PutBucketRequestPayment", requestPayment::putBucketRequestPayment),
                entry("GetBucketRequestPayment", requestPayment::getBucketRequestPayment),
                entry("PutBucketWebsite", websites::putBucketWebsite),
                entry("GetBucketWebsite", websites::getBucketWebsite),
                entry("DeleteBucketWebsite", websites::deleteBucketWebsite),
                entry(
                    "PutBucketLifecycleConfiguration", lifecycle::putBucketLifecycleConfiguration),
                entry(
                    "GetBucketLifecycleConfiguration", lifecycle::getBucketLifecycleConfiguration),
                entry("DeleteBucketLifecycle", lifecycle::deleteBucketLifecycle),
                entry("PutBucketLogging", logging::putBucketLogging),
                entry("GetBucketLogging", logging::getBucketLogging),
                entry("ListObjectVersions", objects::listObjectVersions),
                entry("ListMultipartUploads", uploads::listMultipartUploads),
                entry("DeleteObjects", objects::deleteObjects),
                entry("ListObjects", objects::listObjects),
                entry("ListObjectsV2", objects::listObjects),
                // objects
                entry("CopyObject", objects::copyObject),
                entry("PutObject", objects::putObject),
                entry("PostObject", posts::postObject),
                entry("GetObjectAttributes", attributes::getObjectAttributes),
                entry("GetObject", objects::getObject),
                entry("HeadObject", objects::headObject),
                entry("DeleteObject", objects::deleteObject),
                entry("GetObjectAcl", subresources::getObjectAcl),
                entry("PutObjectAcl", subresources::putObjectAcl),
                entry("GetObjectTagging", subresources::getObjectTagging),
                entry("PutObjectTagging", subresources::putObjectTagging),
                entry("DeleteObjectTagging", subresources::deleteObjectTagging),
                // multipart uploads
                entry("CreateMultipartUpload", uploads::createMultipartUpload),
                entry("UploadPartCopy", uploads::uploadPartCopy),
                entry("UploadPart", uploads::uploadPart),
                entry("CompleteMultipartUpload", uploads::completeMultipartUpload),
                entry("AbortMultipartUpload", uploads::abortMultipartUpload),
                entry("ListParts", uploads::listParts),
                // object lock
                entry("GetObjectLockConfiguration", objectLock::getObjectLockConfiguration),
                entry("PutObjectLockConfiguration", objectLock::putObjectLockConfiguration),
                entry("GetObjectRetention", objectLock::getObjectRetention),
                entry("PutObjectRetention", objectLock::putObjectRetention),
                entry("GetObjectLegalHold", objectLock::getObjectLegalHold),
                entry("PutObjectLegalHold", objectLock::putObjectLegalHold)));
  }

  private static Map.Entry<String, S3Route.Handler> entry(
      String operation, S3Route.Handler handler) {
    return Map.entry(operation, handler);
  }

  /**
   * The names of the S3 operations of botocore's model that Ferry implements; PostObject, which the
   * model lacks, is served all the same.
   */
  @Override
  public Set<String> implementedOperations() {
    Set<String> implemented = new java.util.TreeSet<>(router.implemented());
    implemented.remove("PostObject");
    return implemented;
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
    WebsiteAddress site = WebsiteAddress.of(request.host(), request.rawPath());
    if (site != null) {
      website.serve(request, site, response);
      return;
    }
    S3Address address = S3Address.of(request.host(), request.rawPath());
    if (request.method().equals("OPTIONS")) {
      cors.preflight(request, address, response);
      return;
    }
    if (address.bucket() != null) {
      cors.addHeaders(request, address.bucket(), response);
    }
    S3Route route = router.route(request, address);
    requireExpectedOwners(request, address);
    if (address.key() != null && !CUSTOMER_KEY_OPERATIONS.contains(route.operation().name())) {
      RequestHeaders.refuseCustomerKeys(request);
    }
    route.handler().handle(new S3Call(request, address.bucket(), address.key()), response);
  }

  @Override
  public @Nullable String operationOf(ApiRequest request) {
    if (WebsiteAddress.of(request.host(), request.rawPath()) != null
        || request.method().equals("OPTIONS")) {
      return null;
    }
    try {
      return router.operationOf(request, S3Address.of(request.host(), request.rawPath())).name();
    } catch (AwsException notAnOperation) {
      return null;
    }
  }

  /** A request on a bucket with server access logging on gets its log record. */
  @Override
  public void answered(ApiRequest request, RequestOutcome outcome) {
    S3Address address;
    try {
      address = S3Address.of(request.host(), request.rawPath());
    } catch (AwsException invalidUri) {
      return;
    }
    String bucket = address.bucket();
    if (bucket == null || !s3.accessLogs().logs(bucket)) {
      return;
    }
    S3Operation operation;
    try {
      operation = router.operationOf(request, address);
    } catch (AwsException notAnOperation) {
      return;
    }
    s3.accessLogs()
        .record(ServerAccessLog.record(request, outcome, operation, bucket, address.key()));
  }

  /** x-amz-expected-bucket-owner, and x-amz-source-expected-bucket-owner for a copy's source. */
  private void requireExpectedOwners(ApiRequest request, S3Address address) {
    String expected = request.header("x-amz-expected-bucket-owner");
    if (expected != null && address.bucket() != null) {
      s3.buckets().requireExpectedOwner(address.bucket(), expected, "x-amz-expected-bucket-owner");
    }
    String sourceExpected = request.header("x-amz-source-expected-bucket-owner");
    String copySource = request.header("x-amz-copy-source");
    if (sourceExpected != null && copySource != null) {
      s3.buckets()
          .requireExpectedOwner(
              ObjectApi.CopySource.parse(copySource).bucket(),
              sourceExpected,
              "x-amz-source-expected-bucket-owner");
    }
  }
}
