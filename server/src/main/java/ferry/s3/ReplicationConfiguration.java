package ferry.s3;

import java.util.List;

/**
 * A bucket's replication configuration: the document as sent, with what S3 checks of it. Ferry
 * stores and answers it; it does not copy objects to the destinations.
 *
 * @param document the ReplicationConfiguration XML as sent, answered by GetBucketReplication
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html">
 *     PutBucketReplication</a>
 */
public record ReplicationConfiguration(String role, List<Rule> rules, String document) {
  static final int MAX_RULES = 1000;

  public ReplicationConfiguration {
    rules = List.copyOf(rules);
  }

  /**
   * One rule. {@code filtered}: it uses the current schema (a Filter), which demands
   * DeleteMarkerReplication and distinct priorities; {@code tagFilter}: its filter names tags.
   */
  public record Rule(
      String id,
      @org.jspecify.annotations.Nullable Integer priority,
      boolean filtered,
      boolean tagFilter,
      @org.jspecify.annotations.Nullable String deleteMarkerReplication,
      String destinationBucket) {}
}
