package ferry.s3.wire;

import ferry.protocol.ApiResponse;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.LifecycleConfiguration;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;

/**
 * A bucket's lifecycle configuration on the wire: PutBucketLifecycleConfiguration,
 * GetBucketLifecycleConfiguration and DeleteBucketLifecycle. The deprecated PutBucketLifecycle and
 * GetBucketLifecycle share their request lines and are answered as these.
 */
final class LifecycleApi {
  static final String MINIMUM_SIZE_HEADER = "x-amz-transition-default-minimum-object-size";

  private final S3Service s3;

  LifecycleApi(S3Service s3) {
    this.s3 = s3;
  }

  void putBucketLifecycleConfiguration(S3Call call, ApiResponse response) throws IOException {
    String minimumSize = call.request().header(MINIMUM_SIZE_HEADER);
    if (minimumSize == null) {
      minimumSize = LifecycleConfiguration.DEFAULT_MINIMUM_OBJECT_SIZE;
    } else if (!LifecycleConfiguration.MINIMUM_OBJECT_SIZES.contains(minimumSize)) {
      throw S3Errors.invalidArgument(
          "Invalid value for the " + MINIMUM_SIZE_HEADER + " header",
          MINIMUM_SIZE_HEADER,
          minimumSize);
    }
    String body = ControlBody.read(call.request(), true);
    LifecycleConfiguration configuration = LifecycleXml.parse(body, minimumSize);
    s3.lifecycle()
        .putBucketLifecycleConfiguration(call.request().caller(), call.bucketName(), configuration);
    response.header(MINIMUM_SIZE_HEADER, minimumSize);
    response.sendEmpty(200);
  }

  void getBucketLifecycleConfiguration(S3Call call, ApiResponse response) throws IOException {
    LifecycleConfiguration configuration =
        s3.lifecycle().getBucketLifecycleConfiguration(call.request().caller(), call.bucketName());
    response.header(MINIMUM_SIZE_HEADER, configuration.transitionDefaultMinimumObjectSize());
    response.sendXml(200, LifecycleXml.write(configuration));
  }

  void deleteBucketLifecycle(S3Call call, ApiResponse response) throws IOException {
    s3.lifecycle().deleteBucketLifecycle(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }
}
