package ferry.s3.wire;

import ferry.protocol.ApiResponse;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.S3Service;
import java.io.IOException;
import java.util.Map;

/** A bucket's tags on the wire: PutBucketTagging, GetBucketTagging, DeleteBucketTagging. */
final class BucketTaggingApi {
  private final S3Service s3;

  BucketTaggingApi(S3Service s3) {
    this.s3 = s3;
  }

  void putBucketTagging(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    Map<String, String> tags = S3Xml.parseTagging(body);
    s3.tagging().putBucketTagging(call.request().caller(), call.bucketName(), tags);
    response.sendEmpty(204);
  }

  void getBucketTagging(S3Call call, ApiResponse response) throws IOException {
    Map<String, String> tags =
        s3.tagging().getBucketTagging(call.request().caller(), call.bucketName());
    response.sendXml(200, S3Xml.tagging(tags));
  }

  void deleteBucketTagging(S3Call call, ApiResponse response) throws IOException {
    s3.tagging().deleteBucketTagging(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }
}
