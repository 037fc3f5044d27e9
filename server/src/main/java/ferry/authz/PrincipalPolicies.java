package ferry.authz;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A principal's identity-based policies (attached managed policies and inline policies, each named
 * as explanations should name it) and its permissions boundary, if any.
 */
public record PrincipalPolicies(
    List<NamedPolicy> identityPolicies, @Nullable NamedPolicy permissionsBoundary) {

  public PrincipalPolicies {
    identityPolicies = List.copyOf(identityPolicies);
  }

  public static PrincipalPolicies none() {
    return new PrincipalPolicies(List.of(), null);
  }

  /**
   * A policy document with the name an explanation gives it, e.g. {@code
   * arn:aws:iam::222222222222:policy/outputbucketdeployaccess} or {@code inline policy p of role
   * r}.
   */
  public record NamedPolicy(String name, String document) {}
}
