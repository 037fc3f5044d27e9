package ferry.s3.wire;

import ferry.auth.SigV4Verifier;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.ServiceApi;
import ferry.protocol.restxml.S3Address;
import ferry.protocol.restxml.S3Route;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.protocol.restxml.S3Router;
import ferry.s3.S3Service;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * S3's REST-XML binding: the routing table from each operation to the class of its resource family
 * ({@link BucketApi}, {@link BucketConfigurationApi}, {@link ObjectApi}, {@link
 * ObjectSubresourceApi}, {@link MultipartApi}).
 */
public final class S3Api implements ServiceApi {
  private final S3Service s3;
  private final S3Router router;

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
                // object lock: no bucket has it, so these answer as AWS does for such a bucket
                entry("GetObjectLockConfiguration", configuration::getObjectLockConfiguration),
                entry("GetObjectRetention", subresources::getObjectRetention),
                entry("PutObjectRetention", subresources::putObjectRetention),
                entry("GetObjectLegalHold", subresources::getObjectLegalHold),
                entry("PutObjectLegalHold", subresources::putObjectLegalHold)));
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
