package ferry.s3;

import ferry.aws.Caller;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's CORS configuration (PutBucketCors, GetBucketCors, DeleteBucketCors) and CORS itself:
 * S3 answers a preflight, and adds the Access-Control headers to a request, from the first rule
 * that allows the request's origin and method. CORS decides no access: it is evaluated for anyone,
 * before and apart from authorization, as S3 does.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html">CORS</a>
 */
public final class BucketCors extends S3Family {
  static final BucketSetting<CorsConfiguration> CORS =
      new BucketSetting<>("cors", CorsConfiguration.class);

  BucketCors(S3Family.Parts parts) {
    super(parts);
  }

  public void putBucketCors(Caller caller, String name, CorsConfiguration configuration) {
    authorizedBucket(caller, name, "s3:PutBucketCORS");
    configuration.check();
    buckets.putSetting(name, CORS, configuration);
  }

  public CorsConfiguration getBucketCors(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetBucketCORS");
    return buckets
        .findSetting(name, CORS)
        .orElseThrow(() -> S3Errors.noSuchCorsConfiguration(name));
  }

  /** DeleteBucketCors needs s3:PutBucketCORS, as in AWS. */
  public void deleteBucketCors(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutBucketCORS");
    buckets.deleteSetting(name, CORS);
  }

  /**
   * The rule that answers a preflight ({@code OPTIONS}) for {@code method} with these request
   * headers (lower case), or S3's 403 AccessForbidden when the bucket, its CORS configuration or a
   * rule allowing the request is missing.
   */
  public CorsRule preflight(
      @Nullable String bucket,
      boolean onObject,
      String origin,
      String method,
      List<String> requestHeaders) {
    if (bucket == null || buckets.find(bucket).isEmpty()) {
      throw S3Errors.corsForbidden("Bucket not found", method, "BUCKET");
    }
    CorsConfiguration configuration =
        buckets
            .findSetting(bucket, CORS)
            .orElseThrow(() ->
                S3Errors.corsForbidden("CORS is not enabled for this bucket.", method, "BUCKET"));
    return first(configuration, origin, method, requestHeaders)
        .orElseThrow(() ->
            S3Errors.corsForbidden(
                "This CORS request is not allowed. This is usually because the evalution of"
                    + " Origin, request method / Access-Control-Request-Method or"
                    + " Access-Control-Request-Headers are not whitelisted by the resource's"
                    + " CORS spec.",
                method,
                onObject ? "OBJECT" : "BUCKET"));
  }

  /**
   * Whether the bucket has CORS rules at all: a preflight without Access-Control-Request-Method is
   * refused differently with and without them.
   */
  public boolean hasCors(String bucket) {
    return buckets.findSetting(bucket, CORS).isPresent();
  }

  /**
   * The rule whose headers an actual request from {@code origin} gets, if any. Its request headers
   * are not checked, only its origin and method, as S3 does.
   */
  public Optional<CorsRule> forRequest(String bucket, String origin, String method) {
    return buckets
        .findSetting(bucket, CORS)
        .flatMap(configuration -> first(configuration, origin, method, List.of()));
  }

  private static Optional<CorsRule> first(
      CorsConfiguration configuration, String origin, String method, List<String> headers) {
    return configuration.rules().stream()
        .filter(rule -> rule.allows(origin, method, headers))
        .findFirst();
  }
}
