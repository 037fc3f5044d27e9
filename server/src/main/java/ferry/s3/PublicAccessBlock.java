package ferry.s3;

/**
 * A bucket's Block Public Access settings; all four are on for new buckets.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html">Block
 *     Public Access</a>
 */
public record PublicAccessBlock(
    boolean blockPublicAcls,
    boolean ignorePublicAcls,
    boolean blockPublicPolicy,
    boolean restrictPublicBuckets) {
  public static final PublicAccessBlock ALL_ON = new PublicAccessBlock(true, true, true, true);
  public static final PublicAccessBlock ALL_OFF = new PublicAccessBlock(false, false, false, false);
}
