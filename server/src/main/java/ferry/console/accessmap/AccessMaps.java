package ferry.console.accessmap;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.IdentityPolicySource;
import ferry.authz.PrincipalPolicies;
import ferry.authz.ResourcePolicy;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.console.accessmap.AccessMap.Access;
import ferry.console.accessmap.AccessMap.Edge;
import ferry.console.accessmap.AccessMap.Grant;
import ferry.console.accessmap.AccessMap.Kind;
import ferry.console.accessmap.AccessMap.Node;
import ferry.iam.IamPolicies;
import ferry.iam.Role;
import ferry.iam.User;
import ferry.iam.store.AccountRepository;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import ferry.kms.KeyAccess;
import ferry.kms.KeyState;
import ferry.kms.KmsAlias;
import ferry.kms.KmsKey;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.policy.eval.Decision;
import ferry.policy.eval.StatementRef;
import ferry.s3.Bucket;
import ferry.s3.BucketPolicies;
import ferry.s3.store.BucketRepository;
import ferry.store.Database;
import ferry.sts.StsService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes the {@link AccessMap} of every account from the stored policies: each principal is put
 * to the {@link Authorizer} with the very {@link AccessRequest} the service would make (STS's
 * AssumeRole, S3's GetObject and PutObject on the bucket's objects, KMS's Decrypt and
 * GenerateDataKey), so the map and a real call can never disagree about a policy.
 *
 * <p>What the map leaves out, because no policy holds it: S3 ACL grants (off on buckets made today)
 * and KMS grants. Conditions on keys that only a real request carries (a source IP, a tag) are not
 * met, so an allow that needs one is not drawn. A write is asked for as a client that follows the
 * bucket's default encryption asks, since bucket policies often require it.
 */
public final class AccessMaps {
  /** The session name of the role sessions the map asks about. */
  static final String SESSION = "ferry-access-map";

  private final AccountRepository accounts;
  private final UserRepository users;
  private final RoleRepository roles;
  private final BucketRepository buckets;
  private final KeyRepository keys;
  private final AliasRepository aliases;
  private final IdentityPolicySource identities;
  private final PolicyParser parser;
  private final Clock clock;

  public AccessMaps(
      AccountRepository accounts,
      UserRepository users,
      RoleRepository roles,
      BucketRepository buckets,
      KeyRepository keys,
      AliasRepository aliases,
      IdentityPolicySource identities,
      PolicyParser parser,
      Clock clock) {
    this.accounts = accounts;
    this.users = users;
    this.roles = roles;
    this.buckets = buckets;
    this.keys = keys;
    this.aliases = aliases;
    this.identities = identities;
    this.parser = parser;
    this.clock = clock;
  }

  /** The access map of a Ferry's database, with IAM's policies as the authorizer reads them. */
  public static AccessMaps on(Database db, PolicyParser parser, Clock clock) {
    var users = new UserRepository(db);
    var roles = new RoleRepository(db);
    return new AccessMaps(
        new AccountRepository(db),
        users,
        roles,
        new BucketRepository(db),
        new KeyRepository(db),
        new AliasRepository(db),
        new IamPolicies(
            users,
            roles,
            new GroupRepository(db),
            new PolicyRepository(db),
            new EntityPolicyRepository(db)),
        parser,
        clock);
  }

  /** The whole map, as the stored policies stand now. */
  public AccessMap compute() {
    Instant now = clock.instant();
    // Each principal's policies are read once per map, not once per pair; the decisions are the
    // authorizer's own, unlogged, since no request was made.
    Map<Principal, PrincipalPolicies> read = new ConcurrentHashMap<>();
    Authorizer authorizer =
        new Authorizer(
            principal -> read.computeIfAbsent(principal, identities::policiesOf),
            parser,
            new DecisionLog(),
            clock);

    List<AccessMap.Account> named = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    List<Subject> subjects = new ArrayList<>();
    List<Role> allRoles = new ArrayList<>();
    List<Bucket> allBuckets = new ArrayList<>();
    List<KmsKey> allKeys = new ArrayList<>();
    for (ferry.iam.Account account : accounts.list()) {
      AccountId id = account.id();
      named.add(new AccessMap.Account(id, account.name()));
      var root = new Principal.AccountRoot(id);
      nodes.add(new Node(root.arn(), Kind.ACCOUNT_ROOT, id, "root"));
      subjects.add(new Subject(root.arn(), root));
      for (User user : users.list(id, "/")) {
        nodes.add(new Node(user.arn(), Kind.USER, id, user.name()));
        subjects.add(
            new Subject(
                user.arn(), new Principal.IamUser(id, user.path(), user.name(), user.userId())));
      }
      for (Role role : roles.list(id, "/")) {
        allRoles.add(role);
        nodes.add(new Node(role.arn(), Kind.ROLE, id, role.name()));
        subjects.add(
            new Subject(
                role.arn(),
                new Principal.AssumedRole(id, role.path(), role.name(), role.roleId(), SESSION)));
      }
      for (Bucket bucket : buckets.listOwnedBy(id)) {
        allBuckets.add(bucket);
        nodes.add(new Node(bucket.arn(), Kind.BUCKET, id, bucket.name()));
      }
      for (KmsKey key : keys.listAllRegions(id)) {
        allKeys.add(key);
        nodes.add(new Node(key.arn(), Kind.KEY, id, keyLabel(key)));
      }
    }

    List<Edge> edges = new ArrayList<>();
    for (Subject subject : subjects) {
      Pairs pairs = new Pairs(authorizer, subject, now, edges);
      if (!(subject.principal() instanceof Principal.AccountRoot)) {
        // STS refuses a root user whatever the trust policy says.
        for (Role role : allRoles) {
          if (!role.arn().equals(subject.arn())) {
            pairs.assume(role);
          }
        }
      }
      for (Bucket bucket : allBuckets) {
        pairs.bucket(bucket);
      }
      for (KmsKey key : allKeys) {
        if (key.state() == KeyState.ENABLED) {
          pairs.key(key);
        }
      }
    }
    return new AccessMap(named, nodes, edges);
  }

  private String keyLabel(KmsKey key) {
    List<KmsAlias> named = aliases.list(key.account(), key.region(), key.keyId(), null, 1);
    return named.isEmpty() ? key.keyId() : named.getFirst().name();
  }

  /** A principal of the map: the node it is drawn as, and who it is to the authorizer. */
  private record Subject(String arn, Principal principal) {}

  /** The questions about one principal, each answered by one or two decisions. */
  private record Pairs(Authorizer authorizer, Subject subject, Instant now, List<Edge> edges) {

    void assume(Role role) {
      Caller caller = caller(Region.US_EAST_1);
      decide(caller, role.arn(), Access.ASSUME, StsService.assumeRoleRequest(role, SESSION));
    }

    void bucket(Bucket bucket) {
      Caller caller = caller(bucket.region());
      ResourcePolicy policy = BucketPolicies.resourcePolicy(bucket, caller.account());
      AccessRequest read =
          AccessRequest.of("s3:GetObject", bucket.objectArn("*"), bucket.owner())
              .withResourcePolicy(policy);
      decide(caller, bucket.arn(), Access.READ, read);
      var encryption = bucket.defaultEncryption();
      AccessRequest write =
          read.withAction("s3:PutObject")
              .withContext("s3:x-amz-server-side-encryption", encryption.algorithm());
      if (encryption.kmsKeyId() != null) {
        write =
            write.withContext(
                "s3:x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyId());
      }
      decide(caller, bucket.arn(), Access.WRITE, write);
    }

    void key(KmsKey key) {
      Caller caller = caller(key.region());
      decide(
          caller, key.arn(), Access.DECRYPT, KeyAccess.request(caller, "Decrypt", key, Map.of()));
      if (!decide(
          caller,
          key.arn(),
          Access.ENCRYPT,
          KeyAccess.request(caller, "GenerateDataKey", key, Map.of()))) {
        decide(
            caller, key.arn(), Access.ENCRYPT, KeyAccess.request(caller, "Encrypt", key, Map.of()));
      }
    }

    private Caller caller(Region region) {
      return Caller.of(subject.principal(), region, now);
    }

    private boolean decide(Caller caller, String to, Access access, AccessRequest request) {
      Decision decision;
      try {
        decision = authorizer.decide(caller, request);
      } catch (PolicyValidationException e) {
        // A stored document the parser of today refuses grants nothing, as a real request finds.
        return false;
      }
      if (!decision.isAllowed()) {
        return false;
      }
      List<Grant> grants = new ArrayList<>();
      for (StatementRef ref : decision.allowingStatements()) {
        grants.add(
            new Grant(
                ref.policy().name(),
                ref.statement().sid(),
                ref.statement().index(),
                ref.statement().label(),
                ref.policy().policy().text()));
      }
      if (grants.isEmpty()) {
        grants.add(Grant.ownerRoot(request.resourceAccount()));
      }
      edges.add(new Edge(subject.arn(), to, access, request.action(), request.resource(), grants));
      return true;
    }
  }
}
