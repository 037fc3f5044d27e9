package ferry.app;

import ferry.accessanalyzer.AccessAnalyzerService;
import ferry.accessanalyzer.store.PolicyGenerationRepository;
import ferry.accessanalyzer.wire.AccessAnalyzerApi;
import ferry.accessanalyzer.wire.UnusedAccessEndpoint;
import ferry.auth.SigV4Verifier;
import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.store.DecisionRepository;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.cloudformation.CloudFormationService;
import ferry.cloudformation.resource.StandardResourceTypes;
import ferry.cloudformation.wire.CloudFormationApi;
import ferry.cloudtrail.CloudTrailService;
import ferry.cloudtrail.EventJournal;
import ferry.cloudtrail.EventRecorder;
import ferry.cloudtrail.TrailDelivery;
import ferry.cloudtrail.TrailSelectorService;
import ferry.cloudtrail.TrailService;
import ferry.cloudtrail.TrailTagService;
import ferry.cloudtrail.store.EventRepository;
import ferry.cloudtrail.store.TrailRepository;
import ferry.cloudtrail.wire.CloudTrailApi;
import ferry.codepipeline.CodePipelineService;
import ferry.codepipeline.PipelineTagService;
import ferry.codepipeline.PipelineTargets;
import ferry.codepipeline.StageTransitionService;
import ferry.codepipeline.StsPipelineRoles;
import ferry.codepipeline.action.ArtifactWriter;
import ferry.codepipeline.action.ManualApprovalAction;
import ferry.codepipeline.action.S3DeployAction;
import ferry.codepipeline.action.S3SourceAction;
import ferry.codepipeline.action.ZipLimits;
import ferry.codepipeline.engine.PipelineEngine;
import ferry.codepipeline.store.ExecutionRepository;
import ferry.codepipeline.store.PipelineRepository;
import ferry.codepipeline.store.PipelineTagRepository;
import ferry.codepipeline.store.StageTransitionRepository;
import ferry.codepipeline.wire.CodePipelineApi;
import ferry.console.Console;
import ferry.console.ConsoleServices;
import ferry.console.accessmap.AccessMaps;
import ferry.console.store.ConsoleSessionRepository;
import ferry.console.web.ConsoleSessions;
import ferry.events.EventBusService;
import ferry.events.EventsService;
import ferry.events.EventsTagService;
import ferry.events.StsTargetRoleSessions;
import ferry.events.TargetDeliveries;
import ferry.events.store.DeliveryRepository;
import ferry.events.store.EventBusRepository;
import ferry.events.store.RuleRepository;
import ferry.events.wire.EventsApi;
import ferry.http.Authentication;
import ferry.http.FerryHandler;
import ferry.http.HealthEndpoint;
import ferry.http.RequestThreads;
import ferry.http.ServiceRouter;
import ferry.http.TestClockControl;
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
import ferry.iam.wire.IamApi;
import ferry.kms.KmsService;
import ferry.kms.MasterKey;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.kms.wire.KmsApi;
import ferry.policy.PolicyParser;
import ferry.protocol.ServiceApi;
import ferry.protocol.restxml.S3Address;
import ferry.s3.S3Service;
import ferry.s3.store.BlobReferenceRepository;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.s3.wire.S3Api;
import ferry.s3.wire.S3FeatureRefusal;
import ferry.ssm.SsmService;
import ferry.ssm.store.ParameterRepository;
import ferry.ssm.wire.SsmApi;
import ferry.store.BlobFiles;
import ferry.store.Database;
import ferry.store.Lifeline;
import ferry.store.UnreferencedBlobs;
import ferry.sts.StsCredentials;
import ferry.sts.StsService;
import ferry.sts.store.SessionRepository;
import ferry.sts.wire.StsApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** The composition root: configuration in, a running Ferry out. Everything is built here once. */
public final class Ferry implements AutoCloseable {
  /** How often lifecycle rules are applied: S3 does it about once a day, Ferry more often. */
  private static final Duration LIFECYCLE_PERIOD = Duration.ofMinutes(10);

  /** How long access log records are gathered before they are written. */
  private static final Duration ACCESS_LOG_PERIOD = Duration.ofSeconds(5);

  /** How often logging trails deliver their settled events to their buckets. */
  private static final Duration TRAIL_DELIVERY_PERIOD = Duration.ofSeconds(5);

  /** How often events older than the retention are removed from the event history. */
  private static final Duration TRAIL_SWEEP_PERIOD = Duration.ofHours(1);

  /** How often abandoned temp files are looked for (more often when they are kept less long). */
  private static final Duration BLOB_SWEEP_PERIOD = Duration.ofMinutes(1);

  private final FerryConfig config;
  private final Database db;
  private final Server server;
  private final ServerConnector connector;
  private final TlsOnDemand tls;
  private final List<RootCredentials> rootCredentials;
  private final DecisionLog decisions;
  private final EventsService events;
  private final String nodeId;
  private final HealthEndpoint health;
  private final PipelineEngine engine;
  private final StsService sts;
  private final ServiceRouter router;
  private final S3Service s3;
  private final CloudTrailService trail;
  private final AccessAnalyzerService analyzer;
  private final CloudFormationService cloudformation;
  private final TrailDelivery trailDelivery;
  private final EventJournal eventJournal;
  private final Lifeline lifeline;
  private final ScheduledExecutorService trailSweeper =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("cloudtrail-sweeper").daemon().factory());

  /**
   * @param started what construction starts is pushed here as it starts, so that a start failing
   *     later closes it (newest first): a Ferry that fails to start leaves no thread, pool or open
   *     file behind
   */
  private Ferry(
      FerryConfig config, Clock clock, HttpListener listener, Deque<AutoCloseable> started)
      throws Exception {
    this.config = config;
    started.push(trailSweeper::shutdownNow);
    Path dataDir = config.dataDir();
    this.db = config.openDatabase();
    started.push(db);
    this.nodeId = config.node().id() != null ? config.node().id() : NodeIds.generate();
    var blobs = new BlobFiles(dataDir);
    this.lifeline = Lifeline.hold(dataDir);
    started.push(lifeline);
    var unreferenced = new UnreferencedBlobs(blobs, new BlobReferenceRepository(db), lifeline);
    var accounts = new AccountRepository(db);
    var accessKeys = new AccessKeyRepository(db);
    this.rootCredentials =
        new AccountBootstrap(accounts, accessKeys, clock).ensure(config.accounts());
    this.decisions = new DecisionLog(new DecisionRepository(db));
    decisions.start();
    started.push(decisions);
    var parser = new PolicyParser();
    var users = new UserRepository(db);
    var roles = new RoleRepository(db);
    var groups = new GroupRepository(db);
    var instanceProfiles = new InstanceProfileRepository(db, roles);
    var policies = new PolicyRepository(db);
    var entityPolicies = new EntityPolicyRepository(db);
    var identityPolicies = new IamPolicies(users, roles, groups, policies, entityPolicies);
    this.eventJournal = EventJournal.open(dataDir, new EventRepository(db));
    started.push(eventJournal);
    var eventHistory = new EventRepository(db, eventJournal);
    var trailRecorder = new EventRecorder(eventJournal, clock, config.cloudTrail().recording());
    var authorizer = new Authorizer(identityPolicies, parser, decisions, clock, trailRecorder);
    this.trail =
        new CloudTrailService(eventHistory, authorizer, clock, config.cloudTrail().retention());

    var iam =
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
    var simulator = new PolicySimulator(users, roles, identityPolicies, authorizer, parser);
    var sessions = new SessionRepository(db);
    this.sts = new StsService(iam, sessions, authorizer, parser, clock);
    var rules = new RuleRepository(db);
    var busStore = new EventBusRepository(db);
    var eventBuses = new EventBusService(busStore, rules, authorizer, clock);
    var eventTags = new EventsTagService(busStore, rules, eventBuses, authorizer);
    this.events =
        new EventsService(
            rules,
            eventBuses,
            eventTags,
            authorizer,
            new StsTargetRoleSessions(sts, clock),
            clock,
            new TargetDeliveries(new DeliveryRepository(db), nodeId, clock));
    var kms =
        new KmsService(
            new KeyRepository(db),
            new AliasRepository(db),
            new GrantRepository(db),
            MasterKey.openOrCreate(dataDir),
            authorizer,
            parser,
            clock);
    var ssm = new SsmService(new ParameterRepository(db), kms, authorizer, clock);
    this.s3 =
        new S3Service(
            new BucketRepository(db),
            new ObjectRepository(db),
            new UploadRepository(db),
            blobs,
            ServerKey.inFile(dataDir.resolve("keys").resolve("s3-server.key")),
            kms,
            authorizer,
            clock,
            events);
    var trails = new TrailRepository(db, eventJournal);
    this.trailDelivery = new TrailDelivery(trails, s3.serviceWrites(), kms, clock);
    var trailService = new TrailService(trails, trailDelivery, authorizer, clock);
    var pipelines = new PipelineRepository(db);
    var executions = new ExecutionRepository(db);
    var pipelineRoles = new StsPipelineRoles(sts);
    this.engine =
        new PipelineEngine(
            pipelines,
            executions,
            pipelineRoles,
            List.of(
                new S3SourceAction(new ArtifactWriter(s3)),
                new S3DeployAction(s3, dataDir.resolve("work"), ZipLimits.DEFAULT),
                new ManualApprovalAction()),
            clock,
            config.node().pipelineLease(),
            nodeId);
    var codepipeline =
        new CodePipelineService(pipelines, executions, engine, pipelineRoles, authorizer, clock);
    events.register(new PipelineTargets(codepipeline, pipelines));
    // After every target's service is registered: an abandoned delivery is made at once.
    started.push(events::close);
    events.startDeliveries();
    started.push(engine);
    engine.start();
    var stageTransitions =
        new StageTransitionService(pipelines, new StageTransitionRepository(db), authorizer, clock);
    var pipelineTags = new PipelineTagService(pipelines, new PipelineTagRepository(db), authorizer);
    var stacks =
        new CloudFormationService(
            db,
            StandardResourceTypes.create(
                s3, iam, kms, events, codepipeline, pipelineTags, stageTransitions, ssm),
            authorizer,
            sts,
            caller -> name -> ssmValue(ssm, caller, name),
            clock);
    started.push(stacks);
    this.cloudformation = stacks.recover();
    this.analyzer =
        new AccessAnalyzerService(
            new PolicyGenerationRepository(db), eventHistory, authorizer, clock);
    var credentials = new IamCredentials(accessKeys).or(new StsCredentials(sessions));
    var signatures = new SigV4Verifier(credentials, S3Address::virtualHostedBucket);
    this.router =
        new ServiceRouter(
            List.of(
                new S3Api(s3, signatures),
                new StsApi(sts),
                new IamApi(iam, simulator),
                new KmsApi(kms),
                new EventsApi(events, eventBuses, eventTags),
                new CodePipelineApi(codepipeline, stageTransitions, pipelineTags),
                new CloudTrailApi(
                    trail,
                    trailService,
                    new TrailTagService(trailService, trails),
                    new TrailSelectorService(trailService, trails)),
                new AccessAnalyzerApi(analyzer),
                new CloudFormationApi(cloudformation),
                new SsmApi(ssm),
                S3FeatureRefusal.directoryBuckets(),
                S3FeatureRefusal.objectLambda()));
    TestClockControl testClock = clock instanceof TestClock moved ? testClock(moved) : null;
    var authentication =
        new Authentication(
            signatures,
            // Clients sign with the real time, which a moved test clock must not call skewed.
            testClock == null ? clock : Clock.systemUTC(),
            clock);
    started.push(s3.lifecycleSweeper());
    s3.lifecycleSweeper().start(LIFECYCLE_PERIOD);
    started.push(s3.accessLogs());
    s3.accessLogs().start(ACCESS_LOG_PERIOD);

    var console =
        Console.handler(
            new ConsoleServices(
                s3,
                iam,
                kms,
                sts,
                codepipeline,
                events,
                decisions,
                credentials,
                clock,
                authorizer,
                AccessMaps.on(db, parser, clock)),
            new ConsoleSessions(new ConsoleSessionRepository(db), credentials, clock));
    this.health = new HealthEndpoint(nodeId, db.describe(), db::answers);
    started.push(health);
    HttpListener.Bound http = listener.bound();
    this.server = http.server();
    this.connector = http.connector();
    this.tls = http.tls();
    server.setHandler(
        new Handler.Sequence(
            health,
            console,
            new UnusedAccessEndpoint(analyzer, identityPolicies, parser),
            new FerryHandler(
                router,
                authentication,
                decisions,
                testClock,
                trailRecorder,
                // Reading decisions off loopback needs what reading the event history needs.
                caller ->
                    authorizer
                        .authorize(
                            caller,
                            AccessRequest.of("cloudtrail:LookupEvents", "*", caller.account()))
                        .allowed())));
    server.insertHandler(new RequestThreads());
    trailSweeper.scheduleAtFixedRate(
        this::sweepTrail, 0, TRAIL_SWEEP_PERIOD.toMinutes(), TimeUnit.MINUTES);
    trailSweeper.scheduleWithFixedDelay(
        this::deliverTrails,
        TRAIL_DELIVERY_PERIOD.toMillis(),
        TRAIL_DELIVERY_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
    // A node may run for months: what a killed upload left in tmp/, deleted blobs' files, and the
    // blobs a killed node left unreferenced must not wait for a restart. BlobFiles swept once as it
    // opened; the search for processes that ended without closing runs at once, so the wait before
    // their blobs are reclaimed begins.
    long blobSweep = Math.min(blobs.abandonedAfter().toMillis(), BLOB_SWEEP_PERIOD.toMillis());
    trailSweeper.scheduleWithFixedDelay(
        () -> sweepBlobs(blobs), blobSweep, blobSweep, TimeUnit.MILLISECONDS);
    trailSweeper.scheduleWithFixedDelay(
        () -> reclaimUnreferenced(unreferenced), 0, blobSweep, TimeUnit.MILLISECONDS);
    server.start();
  }

  /** Closes what a failed construction started, newest first; their failures join its own. */
  private static void closeAll(Deque<AutoCloseable> started, Throwable failure) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception | Error e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * An {@code AWS::SSM::Parameter::Value<…>} stack parameter's value, read from Parameter Store as
   * the stack's caller; null when there is no such parameter.
   */
  private static @Nullable String ssmValue(SsmService ssm, Caller caller, String name) {
    try {
      return ssm.parameters().getParameter(caller, name, false).value();
    } catch (AwsException e) {
      if (e.code().equals("ParameterNotFound")) {
        return null;
      }
      throw e;
    }
  }

  private void sweepTrail() {
    try {
      trail.sweep();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Ferry.class).warn("Sweeping the CloudTrail event history failed", e);
    }
  }

  private static void sweepBlobs(BlobFiles blobs) {
    try {
      blobs.sweep();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Ferry.class)
          .warn("Removing abandoned temp files and deleted blobs failed", e);
    }
  }

  private static void reclaimUnreferenced(UnreferencedBlobs unreferenced) {
    try {
      unreferenced.sweep();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Ferry.class).warn("Reclaiming unreferenced blobs failed", e);
    }
  }

  private void deliverTrails() {
    try {
      trailDelivery.flush();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Ferry.class).warn("Delivering CloudTrail log files failed", e);
    }
  }

  /** The test clock's control: moving it runs at once the work that waits on time. */
  private TestClockControl testClock(TestClock clock) {
    return new TestClockControl() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void advance(Duration by) {
        clock.advance(by);
      }

      @Override
      public Map<String, String> runDueWork() {
        Map<String, String> done = new LinkedHashMap<>();
        done.put("lifecycle", s3.lifecycleSweeper().sweep().toString());
        done.put("accessLogs", s3.accessLogs().flush().toString());
        done.put("cloudtrail", Integer.toString(trail.sweep()));
        done.put("trails", trailDelivery.flush().toString());
        return done;
      }
    };
  }

  public static Ferry start(FerryConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /**
   * Binds the port first, so that a port in use stops the start before the store is opened; Jetty
   * is built on another thread meanwhile, and a start that fails later closes the port again.
   */
  public static Ferry start(FerryConfig config, Clock clock) throws Exception {
    DataFolderException.prepare(config.dataDir());
    var listener = HttpListener.bind(config);
    Deque<AutoCloseable> started = new ArrayDeque<>();
    started.push(listener);
    try {
      return new Ferry(config, clock, listener, started);
    } catch (Exception e) {
      closeAll(started, e);
      throw dataFolderOr(config, e);
    }
  }

  /** A failed start's cause: the data folder's disk when that is what failed, else the failure. */
  private static Exception dataFolderOr(FerryConfig config, Exception failure) {
    DataFolderException folder =
        DataFolderException.explain(config.dataDir(), failure, config.database().jdbcUrl() == null);
    return folder != null ? folder : failure;
  }

  public URI endpoint() {
    return URI.create("http://" + config.clientHost() + ":" + connector.getLocalPort());
  }

  /** The same port as {@link #endpoint()}, by the name Ferry's certificate holds. */
  public URI tlsEndpoint() {
    return URI.create("https://localhost:" + connector.getLocalPort());
  }

  /**
   * The CA certificate that clients of {@link #tlsEndpoint()} trust ({@code AWS_CA_BUNDLE}). The
   * data folder's certificates are made, or read, on the first call or the first TLS handshake.
   *
   * @throws UncheckedIOException when they cannot be made, or the server's key cannot be read
   */
  public Path caFile() {
    try {
      return tls.get().caFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This node's name among the nodes sharing the database. */
  public String nodeId() {
    return nodeId;
  }

  /** The metadata database: its product, version and address. */
  public String store() {
    return db.describe();
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public List<RootCredentials> rootCredentials() {
    return rootCredentials;
  }

  public RootCredentials root(String accountName) {
    return rootCredentials.stream()
        .filter(c -> c.accountName().equals(accountName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No account named " + accountName));
  }

  /** STS, for Ferry's own code that acts as an AWS service assuming a role. */
  public StsService sts() {
    return sts;
  }

  /** The services this server answers, each with the operations it implements. */
  public Collection<ServiceApi> services() {
    return router.services();
  }

  public DecisionLog decisions() {
    return decisions;
  }

  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws IOException {
    // Load balancers stop sending requests here first.
    health.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IOException("Ferry did not stop cleanly", e);
    } finally {
      engine.close();
      cloudformation.close();
      events.close();
      s3.lifecycleSweeper().close();
      trailSweeper.shutdownNow();
      // After the server stopped, so the last requests' records are delivered too.
      s3.accessLogs().close();
      eventJournal.close();
      decisions.close();
      db.close();
      // Last: a process that ends before this line may have left blobs that nothing refers to.
      lifeline.close();
    }
  }
}
