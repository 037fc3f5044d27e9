package ferry.testing;

import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.iam.Account;
import ferry.iam.IamCredentials;
import ferry.iam.IamPolicies;
import ferry.iam.IamService;
import ferry.iam.PolicySimulator;
import ferry.iam.store.AccessKeyRepository;
import ferry.iam.store.AccountRepository;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.InstanceProfileRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import ferry.policy.PolicyParser;
import ferry.store.Database;
import ferry.sts.StsCredentials;
import ferry.sts.StsService;
import ferry.sts.store.SessionRepository;
import java.nio.file.Path;
import java.time.Instant;

/**
 * IAM, STS and the authorizer on a real SQLite file, wired as Ferry wires them, with the dev and
 * prod accounts: what component tests of IAM, STS and the services above them start from.
 */
public final class IdentityServices implements AutoCloseable {
  public static final AccountId DEV = AccountId.of("111111111111");
  public static final AccountId PROD = AccountId.of("222222222222");

  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  public final Database db;
  public final DecisionLog decisions = new DecisionLog();
  public final Authorizer authorizer;
  public final IamService iam;
  public final PolicySimulator simulator;
  public final StsService sts;
  public final IamCredentials iamCredentials;
  public final StsCredentials stsCredentials;

  public IdentityServices(Path dir) {
    db = TestStore.open(dir);
    var accounts = new AccountRepository(db);
    accounts.insertIfAbsent(new Account(DEV, "dev", clock.instant()));
    accounts.insertIfAbsent(new Account(PROD, "prod", clock.instant()));
    var parser = new PolicyParser();
    var users = new UserRepository(db);
    var roles = new RoleRepository(db);
    var groups = new GroupRepository(db);
    var instanceProfiles = new InstanceProfileRepository(db, roles);
    var policies = new PolicyRepository(db);
    var entityPolicies = new EntityPolicyRepository(db);
    var accessKeys = new AccessKeyRepository(db);
    var identities = new IamPolicies(users, roles, groups, policies, entityPolicies);
    authorizer = new Authorizer(identities, parser, decisions, clock);
    iam =
        new IamService(
            accounts,
            users,
            roles,
            groups,
            instanceProfiles,
            policies,
            entityPolicies,
            accessKeys,
            authorizer,
            parser,
            clock);
    simulator = new PolicySimulator(users, roles, identities, authorizer, parser);
    var sessions = new SessionRepository(db);
    sts = new StsService(iam, sessions, authorizer, parser, clock);
    iamCredentials = new IamCredentials(accessKeys);
    stsCredentials = new StsCredentials(sessions);
  }

  public Caller root(AccountId account) {
    return as(new Principal.AccountRoot(account));
  }

  public Caller as(Principal principal) {
    return Caller.of(principal, Region.US_EAST_1, clock.instant());
  }

  @Override
  public void close() {
    db.close();
  }
}
