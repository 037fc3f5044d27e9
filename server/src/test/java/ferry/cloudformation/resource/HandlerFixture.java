package ferry.cloudformation.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.PrincipalPolicies;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.events.EventBusService;
import ferry.events.EventsService;
import ferry.events.EventsTagService;
import ferry.events.store.EventBusRepository;
import ferry.events.store.RuleRepository;
import ferry.kms.KmsService;
import ferry.policy.PolicyParser;
import ferry.s3.S3Service;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import ferry.store.Database;
import ferry.testing.TestKms;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * S3, EventBridge and KMS as Ferry wires them, on a real SQLite file, with the dev account's root
 * and IAM users whose identity policies a test sets; handlers are called as CloudFormation calls
 * them, as the stack's caller via cloudformation.amazonaws.com.
 */
final class HandlerFixture implements AutoCloseable {
  static final AccountId DEV = AccountId.of("111111111111");
  static final String STACK = "dev-stack";
  static final String STACK_ID =
      "arn:aws:cloudformation:us-east-1:111111111111:stack/dev-stack/7f1e2c30-0000-0000-0000-000000000000";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Database db;
  final KmsService kms;
  final EventsService events;
  final EventBusService buses;
  final S3Service s3;
  final Caller root;
  private final Map<String, List<PrincipalPolicies.NamedPolicy>> policies = new HashMap<>();

  HandlerFixture(Path dir) {
    Clock clock = Clock.systemUTC();
    db = Database.openSqlite(dir);
    var authorizer =
        new Authorizer(
            principal ->
                new PrincipalPolicies(policies.getOrDefault(principal.arn(), List.of()), null),
            new PolicyParser(),
            new DecisionLog(),
            clock);
    kms = TestKms.on(db, dir, authorizer, clock);
    var rules = new RuleRepository(db);
    var busStore = new EventBusRepository(db);
    buses = new EventBusService(busStore, rules, authorizer, clock);
    events =
        new EventsService(
            rules,
            buses,
            new EventsTagService(busStore, rules, buses, authorizer),
            authorizer,
            (roleArn, region) -> {
              throw new IllegalStateException("no target is invoked here");
            },
            clock);
    s3 =
        new S3Service(
            new BucketRepository(db),
            new ObjectRepository(db),
            new UploadRepository(db),
            new BlobFiles(dir),
            ServerKey.inFile(dir.resolve("s3-server.key")),
            kms,
            authorizer,
            clock,
            events);
    root = viaCloudFormation(new Principal.AccountRoot(DEV));
  }

  /** An IAM user of dev with one identity policy, acting through CloudFormation. */
  Caller user(String name, String policy) {
    var principal = new Principal.IamUser(DEV, "/", name, "AIDA" + name.toUpperCase());
    policies.put(principal.arn(), List.of(new PrincipalPolicies.NamedPolicy(name, policy)));
    return viaCloudFormation(principal);
  }

  /** An IAM user of dev with no policy at all. */
  Caller nobody() {
    return viaCloudFormation(new Principal.IamUser(DEV, "/", "nobody", "AIDANOBODY"));
  }

  ResourceRequest request(String logicalId, String properties) {
    return request(root, logicalId, properties, Map.of());
  }

  ResourceRequest request(Caller caller, String logicalId, String properties) {
    return request(caller, logicalId, properties, Map.of());
  }

  ResourceRequest request(
      Caller caller, String logicalId, String properties, Map<String, String> stackTags) {
    return new ResourceRequest(caller, STACK, STACK_ID, logicalId, json(properties), stackTags);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static Caller viaCloudFormation(Principal principal) {
    return Caller.of(principal, Region.US_EAST_1, Instant.now())
        .via("cloudformation.amazonaws.com");
  }

  @Override
  public void close() {
    db.close();
  }
}
