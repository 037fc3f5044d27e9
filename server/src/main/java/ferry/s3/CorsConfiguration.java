package ferry.s3;

import java.util.List;

/**
 * A bucket's CORS rules, in the order S3 evaluates them.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html">CORS</a>
 */
public record CorsConfiguration(List<CorsRule> rules) {
  static final int MAX_RULES = 100;

  public CorsConfiguration {
    rules = List.copyOf(rules);
  }

  void check() {
    if (rules.isEmpty() || rules.size() > MAX_RULES) {
      throw S3Errors.malformedXml();
    }
    rules.forEach(CorsRule::check);
  }
}
