package ferry.s3;

import ferry.aws.AccountId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The canned ACLs of {@code x-amz-acl}, each a fixed set of grants.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl">Canned
 *     ACL</a>
 */
public enum CannedAcl {
  PRIVATE("private"),
  PUBLIC_READ("public-read"),
  PUBLIC_READ_WRITE("public-read-write"),
  AUTHENTICATED_READ("authenticated-read"),
  AWS_EXEC_READ("aws-exec-read"),
  BUCKET_OWNER_READ("bucket-owner-read"),
  BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
  LOG_DELIVERY_WRITE("log-delivery-write");

  private static final String EC2_READ_ID =
      "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c";

  private final String wireName;

  CannedAcl(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static @Nullable CannedAcl fromWire(String name) {
    for (CannedAcl acl : values()) {
      if (acl.wireName.equals(name)) {
        return acl;
      }
    }
    return null;
  }

  /**
   * The grants this ACL stands for on a resource owned by {@code owner} in a bucket owned by {@code
   * bucketOwner}; the bucket-owner ACLs add nothing when the two are the same account.
   */
  public List<Grant> grants(AccountId owner, AccountId bucketOwner) {
    List<Grant> grants = new ArrayList<>();
    grants.add(Grant.user(CanonicalUser.idOf(owner), "FULL_CONTROL"));
    boolean otherBucketOwner = !owner.equals(bucketOwner);
    switch (this) {
      case PRIVATE -> {}
      case PUBLIC_READ -> grants.add(Grant.group(Grant.ALL_USERS, "READ"));
      case PUBLIC_READ_WRITE -> {
        grants.add(Grant.group(Grant.ALL_USERS, "READ"));
        grants.add(Grant.group(Grant.ALL_USERS, "WRITE"));
      }
      case AUTHENTICATED_READ -> grants.add(Grant.group(Grant.AUTHENTICATED_USERS, "READ"));
      case AWS_EXEC_READ -> grants.add(Grant.user(EC2_READ_ID, "READ"));
      case BUCKET_OWNER_READ -> {
        if (otherBucketOwner) {
          grants.add(Grant.user(CanonicalUser.idOf(bucketOwner), "READ"));
        }
      }
      case BUCKET_OWNER_FULL_CONTROL -> {
        if (otherBucketOwner) {
          grants.add(Grant.user(CanonicalUser.idOf(bucketOwner), "FULL_CONTROL"));
        }
      }
      case LOG_DELIVERY_WRITE -> {
        grants.add(Grant.group(Grant.LOG_DELIVERY, "WRITE"));
        grants.add(Grant.group(Grant.LOG_DELIVERY, "READ_ACP"));
      }
    }
    return grants;
  }
}
