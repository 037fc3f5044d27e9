package ferry.s3.wire;

import ferry.protocol.restxml.S3Operation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every operation of S3's REST API, as botocore's model for S3 (2006-03-01) addresses it, whether
 * Ferry implements it or not: the router needs all of them to know each sub-resource, so that no
 * request is ever taken for another operation. {@code EveryOperationTest} checks this table against
 * the model. Left out: the deprecated GetBucketLifecycle, PutBucketLifecycle, GetBucketNotification
 * and PutBucketNotification, whose requests are those of their *Configuration successors, and the
 * two operations signed for other endpoints (ListDirectoryBuckets for s3express,
 * WriteGetObjectResponse for s3-object-lambda).
 */
final class S3Operations {
  static final List<S3Operation> ALL =
      List.of(
          operation("ListBuckets", "GET /"),
          operation("DeleteBucket", "DELETE /{Bucket}"),
          operation("ListObjects", "GET /{Bucket}"),
          operation("HeadBucket", "HEAD /{Bucket}"),
          operation("CreateBucket", "PUT /{Bucket}"),
          operation("GetBucketAbac", "GET /{Bucket}?abac"),
          operation("PutBucketAbac", "PUT /{Bucket}?abac"),
          operation("GetBucketAccelerateConfiguration", "GET /{Bucket}?accelerate"),
          operation("PutBucketAccelerateConfiguration", "PUT /{Bucket}?accelerate"),
          operation("GetBucketAcl", "GET /{Bucket}?acl"),
          operation("PutBucketAcl", "PUT /{Bucket}?acl"),
          operation("ListBucketAnalyticsConfigurations", "GET /{Bucket}?analytics"),
          operation("DeleteBucketAnalyticsConfiguration", "DELETE /{Bucket}?analytics&id="),
          operation("GetBucketAnalyticsConfiguration", "GET /{Bucket}?analytics&id="),
          operation("PutBucketAnalyticsConfiguration", "PUT /{Bucket}?analytics&id="),
          operation("DeleteBucketCors", "DELETE /{Bucket}?cors"),
          operation("GetBucketCors", "GET /{Bucket}?cors"),
          operation("PutBucketCors", "PUT /{Bucket}?cors"),
          operation("DeleteObjects", "POST /{Bucket}?delete"),
          operation("DeleteBucketEncryption", "DELETE /{Bucket}?encryption"),
          operation("GetBucketEncryption", "GET /{Bucket}?encryption"),
          operation("PutBucketEncryption", "PUT /{Bucket}?encryption"),
          operation(
              "ListBucketIntelligentTieringConfigurations", "GET /{Bucket}?intelligent-tiering"),
          operation(
              "DeleteBucketIntelligentTieringConfiguration",
              "DELETE /{Bucket}?intelligent-tiering&id="),
          operation(
              "GetBucketIntelligentTieringConfiguration", "GET /{Bucket}?intelligent-tiering&id="),
          operation(
              "PutBucketIntelligentTieringConfiguration", "PUT /{Bucket}?intelligent-tiering&id="),
          operation("ListBucketInventoryConfigurations", "GET /{Bucket}?inventory"),
          operation("DeleteBucketInventoryConfiguration", "DELETE /{Bucket}?inventory&id="),
          operation("GetBucketInventoryConfiguration", "GET /{Bucket}?inventory&id="),
          operation("PutBucketInventoryConfiguration", "PUT /{Bucket}?inventory&id="),
          operation("DeleteBucketLifecycle", "DELETE /{Bucket}?lifecycle"),
          operation("GetBucketLifecycleConfiguration", "GET /{Bucket}?lifecycle"),
          operation("PutBucketLifecycleConfiguration", "PUT /{Bucket}?lifecycle"),
          operation("ListObjectsV2", "GET /{Bucket}?list-type=2"),
          operation("GetBucketLocation", "GET /{Bucket}?location"),
          operation("GetBucketLogging", "GET /{Bucket}?logging"),
          operation("PutBucketLogging", "PUT /{Bucket}?logging"),
          operation("DeleteBucketMetadataConfiguration", "DELETE /{Bucket}?metadataConfiguration"),
          operation("GetBucketMetadataConfiguration", "GET /{Bucket}?metadataConfiguration"),
          operation("CreateBucketMetadataConfiguration", "POST /{Bucket}?metadataConfiguration"),
          operation(
              "UpdateBucketMetadataInventoryTableConfiguration",
              "PUT /{Bucket}?metadataInventoryTable"),
          operation(
              "UpdateBucketMetadataJournalTableConfiguration",
              "PUT /{Bucket}?metadataJournalTable"),
          operation("DeleteBucketMetadataTableConfiguration", "DELETE /{Bucket}?metadataTable"),
          operation("GetBucketMetadataTableConfiguration", "GET /{Bucket}?metadataTable"),
          operation("CreateBucketMetadataTableConfiguration", "POST /{Bucket}?metadataTable"),
          operation("ListBucketMetricsConfigurations", "GET /{Bucket}?metrics"),
          operation("DeleteBucketMetricsConfiguration", "DELETE /{Bucket}?metrics&id="),
          operation("GetBucketMetricsConfiguration", "GET /{Bucket}?metrics&id="),
          operation("PutBucketMetricsConfiguration", "PUT /{Bucket}?metrics&id="),
          operation("GetBucketNotificationConfiguration", "GET /{Bucket}?notification"),
          operation("PutBucketNotificationConfiguration", "PUT /{Bucket}?notification"),
          operation("GetObjectLockConfiguration", "GET /{Bucket}?object-lock"),
          operation("PutObjectLockConfiguration", "PUT /{Bucket}?object-lock"),
          operation("DeleteBucketOwnershipControls", "DELETE /{Bucket}?ownershipControls"),
          operation("GetBucketOwnershipControls", "GET /{Bucket}?ownershipControls"),
          operation("PutBucketOwnershipControls", "PUT /{Bucket}?ownershipControls"),
          operation("DeleteBucketPolicy", "DELETE /{Bucket}?policy"),
          operation("GetBucketPolicy", "GET /{Bucket}?policy"),
          operation("PutBucketPolicy", "PUT /{Bucket}?policy"),
          operation("GetBucketPolicyStatus", "GET /{Bucket}?policyStatus"),
          operation("DeletePublicAccessBlock", "DELETE /{Bucket}?publicAccessBlock"),
          operation("GetPublicAccessBlock", "GET /{Bucket}?publicAccessBlock"),
          operation("PutPublicAccessBlock", "PUT /{Bucket}?publicAccessBlock"),
          operation("DeleteBucketReplication", "DELETE /{Bucket}?replication"),
          operation("GetBucketReplication", "GET /{Bucket}?replication"),
          operation("PutBucketReplication", "PUT /{Bucket}?replication"),
          operation("GetBucketRequestPayment", "GET /{Bucket}?requestPayment"),
          operation("PutBucketRequestPayment", "PUT /{Bucket}?requestPayment"),
          operation("CreateSession", "GET /{Bucket}?session"),
          operation("DeleteBucketTagging", "DELETE /{Bucket}?tagging"),
          operation("GetBucketTagging", "GET /{Bucket}?tagging"),
          operation("PutBucketTagging", "PUT /{Bucket}?tagging"),
          operation("ListMultipartUploads", "GET /{Bucket}?uploads"),
          operation("GetBucketVersioning", "GET /{Bucket}?versioning"),
          operation("PutBucketVersioning", "PUT /{Bucket}?versioning"),
          operation("ListObjectVersions", "GET /{Bucket}?versions"),
          operation("DeleteBucketWebsite", "DELETE /{Bucket}?website"),
          operation("GetBucketWebsite", "GET /{Bucket}?website"),
          operation("PutBucketWebsite", "PUT /{Bucket}?website"),
          operation("DeleteObject", "DELETE /{Bucket}/{Key+}"),
          operation("GetObject", "GET /{Bucket}/{Key+}"),
          operation("HeadObject", "HEAD /{Bucket}/{Key+}"),
          operation("CopyObject", "PUT /{Bucket}/{Key+}", "x-amz-copy-source"),
          operation("PutObject", "PUT /{Bucket}/{Key+}"),
          operation("AbortMultipartUpload", "DELETE /{Bucket}/{Key+}?uploadId="),
          operation("ListParts", "GET /{Bucket}/{Key+}?uploadId="),
          operation("CompleteMultipartUpload", "POST /{Bucket}/{Key+}?uploadId="),
          operation("UploadPart", "PUT /{Bucket}/{Key+}?uploadId="),
          operation("UploadPartCopy", "PUT /{Bucket}/{Key+}?uploadId=", "x-amz-copy-source"),
          operation("GetObjectAcl", "GET /{Bucket}/{Key+}?acl"),
          operation("PutObjectAcl", "PUT /{Bucket}/{Key+}?acl"),
          operation("GetObjectAttributes", "GET /{Bucket}/{Key+}?attributes"),
          operation("UpdateObjectEncryption", "PUT /{Bucket}/{Key+}?encryption"),
          operation("GetObjectLegalHold", "GET /{Bucket}/{Key+}?legal-hold"),
          operation("PutObjectLegalHold", "PUT /{Bucket}/{Key+}?legal-hold"),
          operation("RenameObject", "PUT /{Bucket}/{Key+}?renameObject"),
          operation("RestoreObject", "POST /{Bucket}/{Key+}?restore"),
          operation("GetObjectRetention", "GET /{Bucket}/{Key+}?retention"),
          operation("PutObjectRetention", "PUT /{Bucket}/{Key+}?retention"),
          operation("SelectObjectContent", "POST /{Bucket}/{Key+}?select"),
          operation("DeleteObjectTagging", "DELETE /{Bucket}/{Key+}?tagging"),
          operation("GetObjectTagging", "GET /{Bucket}/{Key+}?tagging"),
          operation("PutObjectTagging", "PUT /{Bucket}/{Key+}?tagging"),
          operation("GetObjectTorrent", "GET /{Bucket}/{Key+}?torrent"),
          operation("CreateMultipartUpload", "POST /{Bucket}/{Key+}?uploads"),
          // Not in the model: the browser-based upload of an HTML form.
          operation("PostObject", "POST /{Bucket}"));

  private S3Operations() {}

  private static S3Operation operation(String name, String requestLine) {
    return operation(name, requestLine, null);
  }

  private static S3Operation operation(String name, String requestLine, @Nullable String header) {
    return S3Operation.of(name, requestLine, header);
  }
}
