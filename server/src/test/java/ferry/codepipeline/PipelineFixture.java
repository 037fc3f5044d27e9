package ferry.codepipeline;

import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.PrincipalPolicies;
import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.ErrorCode;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.codepipeline.action.ArtifactWriter;
import ferry.codepipeline.action.ManualApprovalAction;
import ferry.codepipeline.action.S3DeployAction;
import ferry.codepipeline.action.S3SourceAction;
import ferry.codepipeline.action.ZipLimits;
import ferry.codepipeline.engine.ActionProvider;
import ferry.codepipeline.engine.PipelineEngine;
import ferry.codepipeline.store.ExecutionRepository;
import ferry.codepipeline.store.PipelineRepository;
import ferry.policy.PolicyParser;
import ferry.s3.AccessControlList;
import ferry.s3.CreateBucketRequest;
import ferry.s3.GetObjectRequest;
import ferry.s3.PutObjectRequest;
import ferry.s3.PutObjectResult;
import ferry.s3.S3Service;
import ferry.s3.Versioning;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import ferry.store.Database;
import ferry.testing.EngineShutdown;
import ferry.testing.TestKms;
import ferry.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The guide's world on a real SQLite file: S3 with the guide's buckets, CodePipeline with its
 * engine and real actions, the policy engine deciding. Role sessions come from {@link TestRoles},
 * which stands in for STS's trust-policy check; identity policies of each role are set per test.
 */
final class PipelineFixture implements AutoCloseable {
  static final AccountId DEV = AccountId.of("111111111111");
  static final AccountId PROD = AccountId.of("222222222222");
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String DEPLOY_ROLE = "arn:aws:iam::111111111111:role/devdeployrole";
  static final String INPUT = "codepipeline-input-bucket";
  static final String ARTIFACTS = "codepipeline-us-east-1-0123456789";
  static final String OUTPUT = "codepipeline-output-bucket";
  static final String KEY = "sample-website.zip";

  final Database db;
  final S3Service s3;
  final BucketRepository buckets;
  final TestRoles roles = new TestRoles();
  final Map<String, List<String>> rolePolicies = new ConcurrentHashMap<>();
  final PipelineRepository pipelines;
  final ExecutionRepository executions;
  final PipelineEngine engine;
  final CodePipelineService codepipeline;
  final Authorizer authorizer;
  final Caller dev = root(DEV);

  PipelineFixture(Path dataDir, Duration lease, List<ActionProvider> extraProviders) {
    db = TestStore.open(dataDir);
    Clock clock = Clock.systemUTC();
    authorizer =
        new Authorizer(
            principal -> {
              if (principal instanceof Principal.AssumedRole session) {
                List<PrincipalPolicies.NamedPolicy> policies = new ArrayList<>();
                int i = 0;
                for (String document : rolePolicies.getOrDefault(session.roleArn(), List.of())) {
                  policies.add(new PrincipalPolicies.NamedPolicy("policy " + (++i), document));
                }
                return new PrincipalPolicies(policies, null);
              }
              return PrincipalPolicies.none();
            },
            new PolicyParser(),
            new DecisionLog(),
            clock);
    buckets = new BucketRepository(db);
    s3 =
        new S3Service(
            buckets,
            new ObjectRepository(db),
            new UploadRepository(db),
            new BlobFiles(dataDir),
            ServerKey.inFile(dataDir.resolve("s3-server.key")),
            TestKms.on(db, dataDir, authorizer, clock),
            authorizer,
            clock);
    pipelines = new PipelineRepository(db);
    executions = new ExecutionRepository(db);
    List<ActionProvider> providers = new ArrayList<>(extraProviders);
    Set<ferry.codepipeline.ActionTypeId> overridden = new HashSet<>();
    extraProviders.forEach(p -> overridden.add(p.type()));
    for (ActionProvider provider :
        List.of(
            new S3SourceAction(new ArtifactWriter(s3)),
            new S3DeployAction(
                s3, dataDir.resolve("work"), new ZipLimits(1 << 20, 100, 50, 64 << 10)),
            new ManualApprovalAction())) {
      if (!overridden.contains(provider.type())) {
        providers.add(provider);
      }
    }
    engine = new PipelineEngine(pipelines, executions, roles, providers, clock, lease);
    engine.start();
    codepipeline = new CodePipelineService(pipelines, executions, engine, roles, authorizer, clock);
  }

  PipelineFixture(Path dataDir) {
    this(dataDir, Duration.ofSeconds(10), List.of());
  }

  /** The guide's buckets, and a service role allowed what the console's policy allows. */
  PipelineFixture withGuideBuckets() {
    s3.buckets()
        .createBucket(
            dev, new CreateBucketRequest(INPUT, Region.US_EAST_1, null, AccessControlList.NONE));
    s3.configuration().putBucketVersioning(dev, INPUT, Versioning.ENABLED);
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(ARTIFACTS, Region.US_EAST_1, null, AccessControlList.NONE));
    s3.buckets()
        .createBucket(
            dev, new CreateBucketRequest(OUTPUT, Region.US_EAST_1, null, AccessControlList.NONE));
    return withGuideRoles();
  }

  /** The service role trusts CodePipeline and has the console's permissions. */
  PipelineFixture withGuideRoles() {
    roles.trustedByCodePipeline.add(SERVICE_ROLE);
    rolePolicies.put(SERVICE_ROLE, List.of(SERVICE_ROLE_POLICY));
    return this;
  }

  static final String SERVICE_ROLE_POLICY =
      """
      {"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion","s3:GetBucketVersioning",
          "s3:ListBucket"],"Resource":["arn:aws:s3:::codepipeline-input-bucket",
          "arn:aws:s3:::codepipeline-input-bucket/*"]},
        {"Effect":"Allow","Action":["s3:PutObject","s3:GetObject","s3:ListBucket"],
          "Resource":["arn:aws:s3:::codepipeline-us-east-1-0123456789",
          "arn:aws:s3:::codepipeline-us-east-1-0123456789/*"]},
        {"Effect":"Allow","Action":["s3:PutObject"],
          "Resource":["arn:aws:s3:::codepipeline-output-bucket/*"]}]}
      """;

  /** The guide's pipeline: S3 source, then S3 deploy with Extract. */
  static PipelineDeclaration guidePipeline(String name, ExecutionMode mode, PipelineType type) {
    return new PipelineDeclaration(
        name,
        SERVICE_ROLE,
        new ArtifactStore("S3", ARTIFACTS, null),
        Map.of(),
        List.of(
            new StageDeclaration(
                "Source",
                List.of(
                    new ActionDeclaration(
                        "Source",
                        ActionTypeId.S3_SOURCE,
                        1,
                        Map.of(
                            "PollForSourceChanges", "false", "S3Bucket", INPUT, "S3ObjectKey", KEY),
                        List.of("SourceArtifact"),
                        List.of(),
                        null,
                        "us-east-1",
                        "SourceVariables",
                        null)),
                0),
            new StageDeclaration(
                "Deploy",
                List.of(
                    new ActionDeclaration(
                        "Deploy",
                        ActionTypeId.S3_DEPLOY,
                        1,
                        Map.of("BucketName", OUTPUT, "Extract", "true"),
                        List.of(),
                        List.of("SourceArtifact"),
                        null,
                        "us-east-1",
                        "DeployVariables",
                        null)),
                0)),
        1,
        mode,
        type,
        null,
        0);
  }

  static PipelineDeclaration guidePipeline() {
    return guidePipeline("crossaccountdeploy", ExecutionMode.SUPERSEDED, PipelineType.V2);
  }

  PutObjectResult upload(String bucket, String key, byte[] bytes) {
    return s3.objects()
        .putObject(
            dev,
            PutObjectRequest.of(
                bucket, key, new ByteArrayInputStream(bytes), bytes.length, Map.of(), null));
  }

  byte[] read(String bucket, String key) {
    try (InputStream in =
        s3.objects().getObject(dev, new GetObjectRequest(bucket, key, null, null)).body()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the execution has left InProgress/Stopping and returns it. */
  PipelineExecution awaitEnd(String executionId) {
    return await(
        () -> executions.find(executionId).filter(e -> !e.status().isActive()).orElse(null),
        "execution " + executionId + " to end");
  }

  static <T> T await(Supplier<T> probe, String what) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Timed out waiting for " + what);
  }

  /** The sample website: a few small files, an image among them. */
  static Map<String, byte[]> sampleWebsite() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.html", "<html><body><h1>Sample website</h1></body></html>\n".getBytes());
    files.put("css/style.css", "body { font-family: sans-serif; }\n".getBytes());
    byte[] png = new byte[300];
    png[0] = (byte) 0x89;
    png[1] = 'P';
    png[2] = 'N';
    png[3] = 'G';
    for (int i = 4; i < png.length; i++) {
      png[i] = (byte) (i * 31);
    }
    files.put("images/logo.png", png);
    return files;
  }

  private static final long ENTRY_TIME = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  /** The same files always make the same bytes: every entry has one fixed time. */
  static byte[] zip(Map<String, byte[]> files) {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        var entry = new ZipEntry(file.getKey());
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(file.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Caller root(AccountId account) {
    return Caller.of(new Principal.AccountRoot(account), Region.US_EAST_1, Instant.now());
  }

  @Override
  public void close() {
    EngineShutdown.closeAndAwaitIdle(engine);
    db.close();
  }

  /**
   * Role sessions as STS would give them, once trust is set up in {@link #trustedByCodePipeline}.
   */
  static final class TestRoles implements PipelineRoles {
    final Set<String> trustedByCodePipeline = ConcurrentHashMap.newKeySet();
    final Map<String, Set<String>> assumableBy = new HashMap<>();

    @Override
    public Caller serviceRoleSession(String roleArn, String sessionName, Region region) {
      if (!trustedByCodePipeline.contains(roleArn)) {
        throw denied("codepipeline.amazonaws.com", roleArn);
      }
      return session(roleArn, sessionName, region);
    }

    @Override
    public Caller actionRoleSession(Caller serviceRoleSession, String roleArn, String sessionName) {
      var service = (Principal.AssumedRole) serviceRoleSession.principal();
      if (!assumableBy.getOrDefault(service.roleArn(), Set.of()).contains(roleArn)) {
        throw denied(serviceRoleSession.arn(), roleArn);
      }
      return session(roleArn, sessionName, serviceRoleSession.region());
    }

    private static AwsException denied(String who, String roleArn) {
      return new AwsException(
          ErrorCode.sender("AccessDenied", 403),
          "User: " + who + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    Caller sessionOf(String roleArn, Region region) {
      return session(roleArn, Long.toString(System.currentTimeMillis()), region);
    }

    private static Caller session(String roleArn, String sessionName, Region region) {
      String account = roleArn.split(":")[4];
      String resource = roleArn.split(":", 6)[5].substring("role".length());
      int slash = resource.lastIndexOf('/');
      return Caller.of(
          new Principal.AssumedRole(
              AccountId.of(account),
              resource.substring(0, slash + 1),
              resource.substring(slash + 1),
              "AROA" + Math.abs(roleArn.hashCode()),
              sessionName),
          region,
          Instant.now());
    }
  }
}
