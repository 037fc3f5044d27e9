package ferry.kms;

import ferry.aws.Region;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What DescribeKey tells about a key: the key, and for a multi-Region key where its primary and
 * replicas are.
 */
public record KeyMetadata(KmsKey key, @Nullable MultiRegionConfiguration multiRegionConfiguration) {

  /** {@code MultiRegionKeyType} PRIMARY or REPLICA, the primary's region and the replicas'. */
  public record MultiRegionConfiguration(
      String multiRegionKeyType, Region primaryRegion, List<Region> replicaRegions) {
    public MultiRegionConfiguration {
      replicaRegions = List.copyOf(replicaRegions);
    }
  }
}
