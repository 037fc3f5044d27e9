package ferry.console.accessmap;

import ferry.aws.AccountId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who can reach what: principals (account roots, IAM users, roles), the roles each may assume, and
 * the buckets and keys each may read or write, every edge with the statements that grant it.
 *
 * @param accounts the accounts, in the order they are drawn
 * @param nodes every principal and resource, each under its ARN
 * @param edges every access the stored policies allow, from a principal to a role or resource
 */
public record AccessMap(List<Account> accounts, List<Node> nodes, List<Edge> edges) {

  public AccessMap {
    accounts = List.copyOf(accounts);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** An account, by id and by the name Ferry's configuration gives it (dev, prod …). */
  public record Account(AccountId id, String name) {}

  /** What a node is; principals come first, then what they reach. */
  public enum Kind {
    ACCOUNT_ROOT,
    USER,
    ROLE,
    BUCKET,
    KEY;

    public boolean isPrincipal() {
      return this == ACCOUNT_ROOT || this == USER || this == ROLE;
    }
  }

  /**
   * A principal or resource.
   *
   * @param arn its ARN, which edges use to name it
   * @param label the short name drawn on the map: {@code root}, a user, role or bucket name, a
   *     key's first alias or its id
   */
  public record Node(String arn, Kind kind, AccountId account, String label) {}

  /** What an edge lets its principal do. */
  public enum Access {
    /** sts:AssumeRole on a role: its trust policy and the caller's own policies allow it. */
    ASSUME("assume"),
    /** s3:GetObject on the bucket's objects. */
    READ("read"),
    /** s3:PutObject on the bucket's objects. */
    WRITE("write"),
    /** kms:Decrypt with the key. */
    DECRYPT("decrypt"),
    /** kms:GenerateDataKey (or, failing that, kms:Encrypt) with the key. */
    ENCRYPT("encrypt");

    private final String word;

    Access(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /**
   * One statement that grants an edge.
   *
   * @param policy how the decision names the policy: a managed policy's ARN, {@code inline policy P
   *     of role R}, {@code trust policy of role R}, {@code bucket policy of B}, {@code key policy
   *     of ARN}, or {@code root user of ACCOUNT} when the owner's root needs no statement
   * @param sid the statement's Sid, or null when it has none
   * @param index the statement's position in the policy, from 0; -1 for the root user
   * @param label the statement as explanations name it, e.g. {@code statement 3 (Sid "Allow use of
   *     the key")}; empty for the root user
   * @param document the policy's JSON as stored, for showing the statement in it; null when not
   *     known
   */
  public record Grant(
      String policy, @Nullable String sid, int index, String label, @Nullable String document) {

    public Grant(String policy, @Nullable String sid, int index, String label) {
      this(policy, sid, index, label, null);
    }

    /** The root user of the resource's own account, which every policy of the account serves. */
    static Grant ownerRoot(AccountId account) {
      return new Grant("root user of " + account, null, -1, "");
    }

    @Override
    public String toString() {
      return label.isEmpty() ? policy : label + " of " + policy;
    }
  }

  /**
   * An access the stored policies allow.
   *
   * @param action the IAM action that was decided, e.g. {@code kms:GenerateDataKey}
   * @param resource the resource ARN it was decided on, e.g. {@code arn:aws:s3:::b/*}
   * @param grants the identity-based and resource-based statements that allow it
   */
  public record Edge(
      String from, String to, Access access, String action, String resource, List<Grant> grants) {
    public Edge {
      grants = List.copyOf(grants);
    }

    /** Whether the edge is a root user's reach into its own account, which no statement grants. */
    public boolean isOwnership() {
      return grants.size() == 1 && grants.getFirst().index() < 0;
    }
  }

  /**
   * The map without ownership edges: every root user reaches all its account owns, which says
   * nothing a reader of the map is looking for.
   */
  public AccessMap withoutOwnership() {
    return new AccessMap(accounts, nodes, edges.stream().filter(e -> !e.isOwnership()).toList());
  }

  /**
   * The map as one account sees it: every access whose principal or target is in the account, and
   * what the roles its principals can become, directly or through a chain of roles, reach elsewhere
   * — that is the account's own reach (the guide's dev service role → prod's prods3role → prod's
   * output bucket and dev's key).
   */
  public AccessMap seenFrom(AccountId account) {
    Set<String> ours = new HashSet<>();
    nodes.stream().filter(n -> n.account().equals(account)).forEach(n -> ours.add(n.arn()));
    Set<String> reach = new HashSet<>(ours);
    Deque<String> next = new ArrayDeque<>(ours);
    while (!next.isEmpty()) {
      for (Edge edge : edgesFrom(next.pop())) {
        if (edge.access() == Access.ASSUME && reach.add(edge.to())) {
          next.push(edge.to());
        }
      }
    }
    List<Edge> shown =
        edges.stream().filter(e -> reach.contains(e.from()) || ours.contains(e.to())).toList();
    Set<String> kept = new HashSet<>(ours);
    shown.forEach(e -> {
      kept.add(e.from());
      kept.add(e.to());
    });
    List<Node> shownNodes = nodes.stream().filter(n -> kept.contains(n.arn())).toList();
    Set<AccountId> shownAccounts = new HashSet<>();
    shownNodes.forEach(n -> shownAccounts.add(n.account()));
    return new AccessMap(
        accounts.stream().filter(a -> shownAccounts.contains(a.id())).toList(), shownNodes, shown);
  }

  public Optional<Node> node(String arn) {
    return nodes.stream().filter(n -> n.arn().equals(arn)).findFirst();
  }

  public List<Edge> edgesFrom(String arn) {
    return edges.stream().filter(e -> e.from().equals(arn)).toList();
  }

  public Optional<Edge> edge(String from, String to, Access access) {
    return edges.stream()
        .filter(e -> e.from().equals(from) && e.to().equals(to) && e.access() == access)
        .findFirst();
  }
}
