package ferry.s3.wire;

import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.ServiceApi;
import ferry.s3.S3Errors;
import java.util.Set;

/**
 * An S3 feature with an endpoint and signing name of its own that Ferry does not implement, such as
 * S3 Express One Zone ({@code s3express}): its requests are refused in S3's error format, so a
 * client never sees another service's answer or an ordinary S3 operation served in their place.
 */
public final class S3FeatureRefusal implements ServiceApi {
  private final String signingName;
  private final String feature;

  public S3FeatureRefusal(String signingName, String feature) {
    this.signingName = signingName;
    this.feature = feature;
  }

  /** S3 Express One Zone: directory buckets, ListDirectoryBuckets, CreateSession. */
  public static S3FeatureRefusal directoryBuckets() {
    return new S3FeatureRefusal(
        "s3express", "S3 Express One Zone directory buckets (such as ListDirectoryBuckets)");
  }

  /** S3 Object Lambda: WriteGetObjectResponse. */
  public static S3FeatureRefusal objectLambda() {
    return new S3FeatureRefusal(
        "s3-object-lambda", "S3 Object Lambda (such as WriteGetObjectResponse)");
  }

  @Override
  public String signingName() {
    return signingName;
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.REST_XML;
  }

  @Override
  public Set<String> implementedOperations() {
    return Set.of();
  }

  @Override
  public void serve(ApiRequest request, ApiResponse response) {
    throw S3Errors.notImplemented(
        "Ferry does not implement "
            + feature
            + ", whose requests are signed for "
            + signingName
            + "; docs/coverage.md lists the operations Ferry implements");
  }
}
