package ferry.codepipeline.action;

/**
 * What an extracted artifact may amount to: total uncompressed bytes, entries, and the expansion
 * ratio of the whole archive (uncompressed / compressed) beyond a small allowance.
 */
public record ZipLimits(long maxTotalBytes, int maxEntries, long maxRatio, long ratioAllowance) {
  public static final ZipLimits DEFAULT = new ZipLimits(1L << 30, 10_000, 100, 10L << 20);
}
