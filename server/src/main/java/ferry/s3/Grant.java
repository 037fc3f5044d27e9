package ferry.s3;

/**
 * One ACL grant: a grantee, either a canonical user (by id) or a predefined group (by URI), and a
 * permission ({@code FULL_CONTROL}, {@code READ}, {@code WRITE}, {@code READ_ACP}, {@code
 * WRITE_ACP}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html">ACL
 *     overview</a>
 */
public record Grant(GranteeType type, String id, String permission) {
  public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  public static final String AUTHENTICATED_USERS =
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
  public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

  /** How a grantee is named. */
  public enum GranteeType {
    CANONICAL_USER("CanonicalUser"),
    GROUP("Group");

    private final String wireName;

    GranteeType(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public static Grant user(String canonicalId, String permission) {
    return new Grant(GranteeType.CANONICAL_USER, canonicalId, permission);
  }

  public static Grant group(String uri, String permission) {
    return new Grant(GranteeType.GROUP, uri, permission);
  }

  /** Whether the grant makes something public: to everyone, or to every AWS account. */
  public boolean isPublic() {
    return type == GranteeType.GROUP && (id.equals(ALL_USERS) || id.equals(AUTHENTICATED_USERS));
  }

  /** Whether this grant gives {@code wanted} (FULL_CONTROL gives every permission). */
  public boolean gives(String wanted) {
    return permission.equals("FULL_CONTROL") || permission.equals(wanted);
  }
}
