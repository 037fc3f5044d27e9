package ferry.policy.eval;

import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The policies one decision consults: the principal's identity-based policies, its permissions
 * boundary and session policies, and the resource's resource-based policy with the mode it combines
 * by (derived from its kind: bucket, key or trust policy).
 */
public final class PolicySet {
  private final List<NamedPolicy> identity;
  private final @Nullable NamedPolicy boundary;
  private final List<NamedPolicy> session;
  private final @Nullable NamedPolicy resource;
  private final ResourcePolicyMode mode;
  private final boolean resourceAllowsApply;

  private PolicySet(Builder b) {
    this.identity = List.copyOf(b.identity);
    this.boundary = b.boundary;
    this.session = List.copyOf(b.session);
    this.resource = b.resource;
    this.mode = b.mode;
    this.resourceAllowsApply = b.resourceAllowsApply;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<NamedPolicy> identityPolicies() {
    return identity;
  }

  public @Nullable NamedPolicy permissionsBoundary() {
    return boundary;
  }

  /** The session policies; when there are any, at least one must allow. */
  public List<NamedPolicy> sessionPolicies() {
    return session;
  }

  public @Nullable NamedPolicy resourcePolicy() {
    return resource;
  }

  public ResourcePolicyMode mode() {
    return mode;
  }

  /** Whether the resource policy's Allow statements count (its Deny statements always do). */
  public boolean resourceAllowsApply() {
    return resourceAllowsApply;
  }

  public static final class Builder {
    private final List<NamedPolicy> identity = new ArrayList<>();
    private @Nullable NamedPolicy boundary;
    private final List<NamedPolicy> session = new ArrayList<>();
    private @Nullable NamedPolicy resource;
    private ResourcePolicyMode mode = ResourcePolicyMode.STANDARD;
    private boolean resourceAllowsApply = true;

    private Builder() {}

    /** Adds an identity-based policy (inline or managed) of the principal. */
    public Builder identity(String name, Policy policy) {
      identity.add(new NamedPolicy(name, policy));
      return this;
    }

    /** Sets the principal's permissions boundary. */
    public Builder permissionsBoundary(String name, Policy policy) {
      boundary = new NamedPolicy(name, policy);
      return this;
    }

    /** Adds a session policy of a role session. */
    public Builder session(String name, Policy policy) {
      session.add(new NamedPolicy(name, policy));
      return this;
    }

    /**
     * Sets the resource-based policy; a key policy selects {@link ResourcePolicyMode#KEY_POLICY}, a
     * trust policy {@link ResourcePolicyMode#TRUST_POLICY}, any other {@link
     * ResourcePolicyMode#STANDARD}.
     */
    public Builder resource(String name, Policy policy) {
      resource = new NamedPolicy(name, policy);
      mode =
          switch (policy.kind()) {
            case KEY -> ResourcePolicyMode.KEY_POLICY;
            case TRUST -> ResourcePolicyMode.TRUST_POLICY;
            default -> ResourcePolicyMode.STANDARD;
          };
      return this;
    }

    /**
     * Sets the mode when the resource has no policy (a key or role always has one; a bucket may
     * not).
     */
    public Builder mode(ResourcePolicyMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Makes the resource policy's Allow statements count or not; its Deny statements always count.
     * S3 applies a bucket policy's Allow statements only to objects the bucket owner owns (<a
     * href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html">S3
     * access denied</a>).
     */
    public Builder resourceAllowsApply(boolean apply) {
      this.resourceAllowsApply = apply;
      return this;
    }

    public PolicySet build() {
      if (resource != null && !resource.policy().kind().isResourceBased()) {
        throw new IllegalArgumentException(
            "a " + resource.policy().kind().description() + " is not a resource-based policy");
      }
      for (NamedPolicy p : identity) {
        requireIdentitySide(p);
      }
      for (NamedPolicy p : session) {
        requireIdentitySide(p);
      }
      if (boundary != null) {
        requireIdentitySide(boundary);
      }
      return new PolicySet(this);
    }

    private static void requireIdentitySide(NamedPolicy p) {
      PolicyKind kind = p.policy().kind();
      if (kind.isResourceBased()) {
        throw new IllegalArgumentException(
            p.name() + " is a " + kind.description() + ", not an identity-side policy");
      }
    }
  }
}
