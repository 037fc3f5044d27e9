package ferry.s3;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a request asks for as the ACL of a new bucket or object: a canned ACL, explicit grants from
 * {@code x-amz-grant-*} headers or an {@code AccessControlPolicy} document, or nothing.
 */
public record AccessControlList(@Nullable CannedAcl canned, List<Grant> grants) {
  public static final AccessControlList NONE = new AccessControlList(null, List.of());

  public AccessControlList {
    grants = List.copyOf(grants);
  }

  public static AccessControlList canned(CannedAcl acl) {
    return new AccessControlList(acl, List.of());
  }

  public static AccessControlList of(List<Grant> grants) {
    return new AccessControlList(null, grants);
  }

  public boolean isEmpty() {
    return canned == null && grants.isEmpty();
  }

  /**
   * Whether a bucket that disabled ACLs accepts it: only no ACL, the owner's full control, or
   * bucket-owner-full-control.
   */
  public boolean acceptableWithAclsDisabled() {
    return isEmpty()
        || canned == CannedAcl.PRIVATE
        || canned == CannedAcl.BUCKET_OWNER_FULL_CONTROL;
  }
}
