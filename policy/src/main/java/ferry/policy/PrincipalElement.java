package ferry.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code Principal} or {@code NotPrincipal} element, its values sorted by the form they
 * take so a request principal is matched with a few set lookups.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html">Principal</a>
 */
public final class PrincipalElement {
  private final boolean any;
  private final Set<String> accounts;
  private final Set<String> users;
  private final Map<String, Set<String>> roles;
  private final Set<String> sessions;
  private final Set<String> services;
  private final Set<String> federated;
  private final Set<String> canonicalUsers;
  private final Set<String> uniqueIds;
  private final List<String> values;
  private final List<String> aws;

  private PrincipalElement(Builder b) {
    this.any = b.any;
    this.accounts = Set.copyOf(b.accounts);
    this.users = Set.copyOf(b.users);
    Map<String, Set<String>> byAccount = new HashMap<>();
    b.roles.forEach((account, names) -> byAccount.put(account, Set.copyOf(names)));
    this.roles = Map.copyOf(byAccount);
    this.sessions = Set.copyOf(b.sessions);
    this.services = Set.copyOf(b.services);
    this.federated = Set.copyOf(b.federated);
    this.canonicalUsers = Set.copyOf(b.canonicalUsers);
    this.uniqueIds = Set.copyOf(b.uniqueIds);
    this.values = List.copyOf(b.values);
    this.aws = List.copyOf(b.aws);
  }

  /** Whether the element is {@code "*"} or {@code {"AWS": "*"}}: everyone, anonymous included. */
  public boolean any() {
    return any;
  }

  /** Whether the element names this account, by id or as {@code arn:aws:iam::ID:root}. */
  public boolean namesAccount(String accountId) {
    return accounts.contains(accountId);
  }

  /** Whether the element names this IAM user ARN (or a federated user's session ARN). */
  public boolean namesUser(String userArn) {
    return users.contains(userArn);
  }

  /** Whether the element names the role with this account and name, whatever its path. */
  public boolean namesRole(String accountId, String roleName) {
    if (roles.isEmpty()) {
      return false;
    }
    Set<String> names = roles.get(accountId);
    return names != null && names.contains(roleName);
  }

  /** Whether the element names this role session ARN exactly. */
  public boolean namesSession(String sessionArn) {
    return sessions.contains(sessionArn);
  }

  public boolean namesService(String service) {
    return services.contains(service.toLowerCase(Locale.ROOT));
  }

  public boolean namesFederated(String provider) {
    return federated.contains(provider);
  }

  public boolean namesCanonicalUser(String id) {
    return canonicalUsers.contains(id);
  }

  /** Whether the element names an entity by unique id ({@code AIDA…}, {@code AROA…}). */
  public boolean namesUniqueId(String id) {
    return uniqueIds.contains(id);
  }

  /**
   * The values as written: {@code AWS} values as they are, others prefixed by their type, e.g.
   * {@code Service:codepipeline.amazonaws.com}.
   */
  public List<String> values() {
    return values;
  }

  /**
   * The {@code AWS} values as written (account ids, ARNs, unique ids, {@code *}), e.g. for IAM to
   * check that each named user and role exists.
   */
  public List<String> aws() {
    return aws;
  }

  @Override
  public String toString() {
    return any ? "*" : values.toString();
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder {
    private boolean any;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> users = new HashSet<>();
    private final Map<String, Set<String>> roles = new HashMap<>();
    private final Set<String> sessions = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> federated = new HashSet<>();
    private final Set<String> canonicalUsers = new HashSet<>();
    private final Set<String> uniqueIds = new HashSet<>();
    private final List<String> values = new ArrayList<>();
    private final List<String> aws = new ArrayList<>();

    Builder any() {
      any = true;
      values.add("*");
      return this;
    }

    /**
     * Adds an {@code AWS} value.
     *
     * @return null when accepted, else the reason the value is not a principal
     */
    @org.jspecify.annotations.Nullable
    String aws(String value) {
      values.add(value);
      aws.add(value);
      if (value.equals("*")) {
        any = true;
        return null;
      }
      if (value.length() == 12 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        accounts.add(value);
        return null;
      }
      if (value.startsWith("AIDA") || value.startsWith("AROA")) {
        uniqueIds.add(value);
        return null;
      }
      String[] parts = value.split(":", 6);
      if (parts.length != 6 || !parts[0].equals("arn")) {
        return "not an account id, ARN or unique id";
      }
      String service = parts[2];
      String account = parts[4];
      String resource = parts[5];
      if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
        return "a principal ARN cannot hold a wildcard";
      }
      if (account.length() != 12 || !account.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return "the account of a principal ARN is 12 digits";
      }
      if (service.equals("iam")) {
        if (resource.equals("root")) {
          accounts.add(account);
          return null;
        }
        if (resource.startsWith("user/")) {
          users.add(value);
          return null;
        }
        if (resource.startsWith("role/")) {
          String name = resource.substring(resource.lastIndexOf('/') + 1);
          if (name.isEmpty()) {
            return "a role ARN ends with the role's name";
          }
          roles.computeIfAbsent(account, a -> new HashSet<>()).add(name);
          return null;
        }
        return "an IAM principal is root, a user or a role";
      }
      if (service.equals("sts")) {
        if (resource.startsWith("assumed-role/") && resource.split("/").length == 3) {
          sessions.add(value);
          return null;
        }
        if (resource.startsWith("federated-user/")) {
          sessions.add(value);
          return null;
        }
        return "an STS principal is an assumed-role or federated-user session";
      }
      return "a principal ARN belongs to IAM or STS";
    }

    Builder service(String value) {
      values.add("Service:" + value);
      services.add(value.toLowerCase(Locale.ROOT));
      return this;
    }

    Builder federated(String value) {
      values.add("Federated:" + value);
      federated.add(value);
      return this;
    }

    Builder canonicalUser(String value) {
      values.add("CanonicalUser:" + value);
      canonicalUsers.add(value);
      return this;
    }

    PrincipalElement build() {
      return new PrincipalElement(this);
    }
  }
}
