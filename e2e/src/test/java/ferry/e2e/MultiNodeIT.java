package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Several {@code ferry serve} processes on one PostgreSQL database and one data folder, as a team's
 * shared Ferry runs behind a load balancer: the guide played with the real aws CLI, each call sent
 * to the next node; fifty pipelines started by one upload, each execution run once; the node
 * running a 3,000-file deploy killed with {@code kill -9}; the database stopped and started again.
 * What is not the guide is set up and checked with the SDK (one process, many calls), and every
 * step prints how long it took.
 */
@ExtendWith(AwsCliInstalled.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {
  /**
   * The nodes' pipeline lease: short, so the kill -9 test's takeover comes soon, yet five times the
   * heartbeat period (a quarter of it), so that the busy fifty executions on two cores never miss a
   * lease. One set of nodes for every test: on this machine a node takes 10 to 30 s to start.
   */
  static final int LEASE_SECONDS = 5;

  @TempDir static Path work;
  static PostgresCluster postgres;
  static final AtomicInteger DATABASES = new AtomicInteger();

  /** The three nodes of every test; the kill -9 test, the last, kills one. */
  static Cluster shared;

  @BeforeAll
  static void start() throws Exception {
    var clock = new Steps("start");
    postgres = PostgresCluster.start();
    clock.step("PostgreSQL cluster");
    shared = Cluster.start(3, LEASE_SECONDS);
    clock.step("three nodes");
  }

  @AfterAll
  static void stop() throws Exception {
    if (shared != null) {
      shared.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Prints how long each step of a test took, for finding where its time goes. */
  static final class Steps {
    private final String test;
    private Instant last = Instant.now();

    Steps(String test) {
      this.test = test;
    }

    void step(String name) {
      Instant now = Instant.now();
      System.out.println(
          "[MultiNodeIT] "
              + test
              + ": "
              + name
              + " "
              + Duration.between(last, now).toMillis()
              + " ms");
      last = now;
    }
  }

  /**
   * One node's SDK clients of the dev account; S3's without retries, so that a refused request (the
   * S3 load, the outage) is seen as it is.
   */
  record Clients(
      S3Client s3, CodePipelineClient codepipeline, IamClient iam, EventBridgeClient events)
      implements AutoCloseable {
    static Clients of(FerryServer node) {
      return new Clients(
          client(
              S3Client.builder()
                  .forcePathStyle(true)
                  .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())),
              node,
              Region.US_EAST_1),
          client(CodePipelineClient.builder(), node, Region.US_EAST_1),
          client(IamClient.builder(), node, Region.AWS_GLOBAL),
          client(EventBridgeClient.builder(), node, Region.US_EAST_1));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
        B builder, FerryServer node, Region region) {
      FerryServer.Account dev = node.account("dev");
      return builder
          .endpointOverride(node.endpoint())
          .region(region)
          .httpClient(Apache5HttpClient.create())
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(dev.accessKeyId(), dev.secretAccessKey())))
          .build();
    }

    @Override
    public void close() {
      s3.close();
      codepipeline.close();
      iam.close();
      events.close();
    }
  }

  /**
   * Nodes sharing one database and one data folder: the first alone (it migrates the schema and
   * makes the accounts' root keys), then the others at once.
   */
  record Cluster(String jdbcUrl, Path data, List<FerryServer> nodes, List<Clients> clients)
      implements AutoCloseable {
    static Cluster start(int count, int leaseSeconds) throws Exception {
      String name = "multinode_" + DATABASES.incrementAndGet();
      String url = postgres.createDatabase(name);
      Path data = work.resolve(name);
      List<FerryServer> nodes = new ArrayList<>();
      nodes.add(node(url, data, name, 1, leaseSeconds));
      List<CompletableFuture<FerryServer>> others = new ArrayList<>();
      for (int i = 2; i <= count; i++) {
        int id = i;
        var started = new CompletableFuture<FerryServer>();
        others.add(started);
        // Platform threads: each node's banner reader (FerryServer) pins a virtual thread's carrier
        // in a native read, and there are few carriers.
        Thread.ofPlatform()
            .start(() -> {
              try {
                started.complete(node(url, data, name, id, leaseSeconds));
              } catch (Throwable e) {
                started.completeExceptionally(e);
              }
            });
      }
      for (CompletableFuture<FerryServer> other : others) {
        nodes.add(other.get());
      }
      return new Cluster(url, data, nodes, nodes.stream().map(Clients::of).toList());
    }

    private static FerryServer node(String url, Path data, String name, int i, int leaseSeconds)
        throws Exception {
      Path config = work.resolve(name + "-node-" + i + ".properties");
      Files.writeString(
          config,
          "jdbcUrl="
              + url
              + "\njdbcUser="
              + PostgresCluster.USER
              + "\njdbcPassword="
              + PostgresCluster.PASSWORD
              + "\nnodeId=node-"
              + i
              + "\npipelineLeaseSeconds="
              + leaseSeconds
              + "\n");
      FerryServer node = FerryServer.start(data, "--config", config.toString(), "--port", "0");
      assertThat(node.output()).contains("node          node-" + i).contains("PostgreSQL");
      return node;
    }

    List<URI> endpoints() {
      return nodes.stream().map(FerryServer::endpoint).toList();
    }

    /** The CLI of an account whose every call, with the others {@code next} turns, goes on. */
    AwsCli roundRobin(String account, AtomicInteger next) {
      FerryServer.Account root = nodes.getFirst().account(account);
      return AwsCli.roundRobin(endpoints(), next, root.accessKeyId(), root.secretAccessKey());
    }

    /** Each call to the next node's client. */
    Supplier<Clients> roundRobin() {
      var next = new AtomicInteger();
      return () -> clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    }

    /** The node id of the worker holding an execution now, or null. */
    String workerOf(String executionId) throws Exception {
      try (Connection c =
              DriverManager.getConnection(jdbcUrl, PostgresCluster.USER, PostgresCluster.PASSWORD);
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT worker FROM codepipeline_executions WHERE execution_id = ?")) {
        s.setString(1, executionId);
        try (ResultSet row = s.executeQuery()) {
          if (!row.next() || row.getString(1) == null) {
            return null;
          }
          return row.getString(1).substring(0, row.getString(1).indexOf('/'));
        }
      }
    }

    int indexOf(String nodeId) {
      return Integer.parseInt(nodeId.substring("node-".length())) - 1;
    }

    @Override
    public void close() {
      clients.forEach(Clients::close);
      nodes.forEach(FerryServer::close);
    }
  }

  @Test
  @Order(1)
  void theGuide_eachCallToTheNextOfThreeNodes_deploysToProd_ownedByProd() throws Exception {
    var clock = new Steps("guide");
    var next = new AtomicInteger();
    var guide =
        new GuideWithCli(shared.roundRobin("dev", next), shared.roundRobin("prod", next), work);
    Supplier<Clients> any = shared.roundRobin();
    Supplier<CodePipelineClient> codepipeline = () -> any.get().codepipeline();
    String keyArn = guide.customerManagedKey();
    guide.serviceRoleBucketsAndRule();
    guide.createPipeline(keyArn);
    clock.step("steps 1 and 2 (12 CLI calls)");
    PipelineExecutionSummary first = GuideWithCli.awaitEnd(codepipeline, GuideWithCli.PIPELINE, 1);
    assertThat(first.status()).isEqualTo(PipelineExecutionStatus.FAILED);
    clock.step("first execution failed");
    guide.prodRoleAndGrants(keyArn);
    guide.deployAsProdRole();
    clock.step("steps 3 to 7 (12 CLI calls)");
    Map<String, byte[]> site = GuideWithCli.sampleWebsite();
    Path zip = work.resolve("sample-website.zip");
    Files.write(zip, GuideWithCli.zip(site));
    guide.upload(zip);
    PipelineExecutionSummary second = GuideWithCli.awaitEnd(codepipeline, GuideWithCli.PIPELINE, 2);
    assertThat(second.status())
        .as(String.valueOf(second.statusSummary()))
        .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    clock.step("step 8, the upload, to Succeeded");
    guide.assertProdOwns(site);
    clock.step("prod owns the files (6 CLI calls)");
  }

  @Test
  @Order(2)
  void fiftyPipelinesStartedByOneUpload_acrossThreeNodes_eachExecutionRunsOnce() throws Exception {
    var clock = new Steps("fifty pipelines");
    Supplier<Clients> any = shared.roundRobin();
    String role = "arn:aws:iam::111111111111:role/fanout-pipeline";
    any.get()
        .iam()
        .createRole(r ->
            r.roleName("fanout-pipeline")
                .assumeRolePolicyDocument(read("dev/codepipeline-service-role-trust.json")));
    any.get()
        .iam()
        .putRolePolicy(p ->
            p.roleName("fanout-pipeline").policyName("all-s3").policyDocument(GuideWithCli.ALL_S3));
    any.get()
        .iam()
        .createRole(r ->
            r.roleName("fanout-events")
                .assumeRolePolicyDocument(read("dev/codepipeline-rule-role-trust.json")));
    any.get()
        .iam()
        .putRolePolicy(p ->
            p.roleName("fanout-events")
                .policyName("start")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"codepipeline:StartPipelineExecution\",\"Resource\":"
                        + "\"arn:aws:codepipeline:us-east-1:111111111111:fanout-*\"}]}"));
    for (String bucket : List.of("fanout-input", "fanout-artifacts", "fanout-output")) {
      any.get().s3().createBucket(b -> b.bucket(bucket));
    }
    for (String bucket : List.of("fanout-input", "fanout-output")) {
      any.get()
          .s3()
          .putBucketVersioning(
              v -> v.bucket(bucket).versioningConfiguration(c -> c.status("Enabled")));
    }
    any.get()
        .events()
        .putRule(r ->
            r.name("fanout")
                .eventPattern(
                    "{\"source\":[\"aws.s3\"],\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                        + "\"detail\":{\"requestParameters\":{\"bucketName\":[\"fanout-input\"],"
                        + "\"key\":[\"fanout.zip\"]}}}"));
    int count = 50;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "fanout-" + i;
      names.add(name);
      any.get()
          .codepipeline()
          .createPipeline(c ->
              c.pipeline(
                  GuideWithCli.s3ToS3Pipeline(
                      name,
                      role,
                      "fanout-artifacts",
                      "fanout-input",
                      "fanout.zip",
                      Map.of(
                          "BucketName",
                          "fanout-output",
                          "Extract",
                          "false",
                          "ObjectKey",
                          name + ".zip"))));
    }
    for (int i = 0; i < count; i += 5) {
      List<Target> targets = new ArrayList<>();
      for (String name : names.subList(i, i + 5)) {
        targets.add(
            Target.builder()
                .id(name)
                .arn("arn:aws:codepipeline:us-east-1:111111111111:" + name)
                .roleArn("arn:aws:iam::111111111111:role/fanout-events")
                .build());
      }
      any.get().events().putTargets(t -> t.rule("fanout").targets(targets));
    }
    Supplier<CodePipelineClient> codepipeline = () -> any.get().codepipeline();
    for (String name : names) {
      GuideWithCli.awaitEnd(codepipeline, name, 1);
    }
    clock.step("set up, 50 pipelines made and their first executions ended (SDK)");

    any.get()
        .s3()
        .putObject(
            p -> p.bucket("fanout-input").key("fanout.zip"),
            RequestBody.fromBytes(GuideWithCli.zip(Map.of("index.html", "fanout\n".getBytes()))));
    for (String name : names) {
      PipelineExecutionSummary latest = GuideWithCli.awaitEnd(codepipeline, name, 2);
      assertThat(GuideWithCli.executions(codepipeline, name)).as(name).hasSize(2);
      assertThat(latest.status())
          .as(name + ": " + latest)
          .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
      List<String> ran =
          codepipeline
              .get()
              .listActionExecutions(l ->
                  l.pipelineName(name)
                      .filter(f -> f.pipelineExecutionId(latest.pipelineExecutionId())))
              .actionExecutionDetails()
              .stream()
              .map(a -> a.actionName())
              .toList();
      assertThat(ran).as(name).containsExactlyInAnyOrder("Source", "Deploy");
    }
    clock.step("one upload to 50 executions Succeeded, each action run once");
    // Each pipeline deployed its object once: one version of each in the versioned bucket.
    List<String> keys =
        any
            .get()
            .s3()
            .listObjectVersionsPaginator(l -> l.bucket("fanout-output"))
            .versions()
            .stream()
            .map(v -> v.key())
            .toList();
    assertThat(keys).hasSize(count).doesNotHaveDuplicates();
    clock.step("one version of each deployed object");
  }

  @Test
  @Order(4)
  void killNineOfTheNodeRunningALargeDeploy_anotherFailsItInTime_retrySucceeds_s3KeepsServing()
      throws Exception {
    int files = 3000;
    var clock = new Steps("kill -9");
    Cluster cluster = shared;
    Clients first = cluster.clients().getFirst();
    first
        .iam()
        .createRole(r ->
            r.roleName("crash-pipeline")
                .assumeRolePolicyDocument(read("dev/codepipeline-service-role-trust.json")));
    first
        .iam()
        .putRolePolicy(p ->
            p.roleName("crash-pipeline").policyName("all-s3").policyDocument(GuideWithCli.ALL_S3));
    for (String bucket : List.of("crash-input", "crash-artifacts", "crash-output", "load-bucket")) {
      first.s3().createBucket(b -> b.bucket(bucket));
    }
    first
        .s3()
        .putBucketVersioning(
            v -> v.bucket("crash-input").versioningConfiguration(c -> c.status("Enabled")));
    first
        .s3()
        .putObject(
            p -> p.bucket("crash-input").key("large.zip"),
            RequestBody.fromBytes(GuideWithCli.zip(GuideWithCli.pages(files))));
    first
        .codepipeline()
        .createPipeline(c ->
            c.pipeline(
                GuideWithCli.s3ToS3Pipeline(
                    "crashdeploy",
                    "arn:aws:iam::111111111111:role/crash-pipeline",
                    "crash-artifacts",
                    "crash-input",
                    "large.zip",
                    Map.of("BucketName", "crash-output", "Extract", "true"))));
    String executionId =
        GuideWithCli.awaitActionsInProgress(first::codepipeline, "crashdeploy", "Deploy");
    String victim = null;
    for (Instant until = Instant.now().plusSeconds(30);
        victim == null && Instant.now().isBefore(until); ) {
      victim = cluster.workerOf(executionId);
    }
    assertThat(victim).as("a node holds the running execution").isNotNull();
    int killedIndex = cluster.indexOf(victim);
    FerryServer killed = cluster.nodes().get(killedIndex);
    List<Clients> survivors = new ArrayList<>(cluster.clients());
    survivors.remove(killedIndex);
    clock.step("set up (SDK), the deploy running on " + victim);

    // S3 load on the surviving nodes, before, during and after the loss.
    var acknowledged = ConcurrentHashMap.<String>newKeySet();
    var loadFailures = new ConcurrentHashMap<String, String>();
    var stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    for (int i = 0; i < survivors.size(); i++) {
      S3Client s3 = survivors.get(i).s3();
      String prefix = "load/" + i + "/";
      load.add(
          Thread.ofPlatform().start(() -> s3Load(s3, prefix, stop, acknowledged, loadFailures)));
    }
    Thread.sleep(500);
    killed.kill();
    Instant lost = Instant.now();

    var next = new AtomicInteger();
    Supplier<CodePipelineClient> survivor =
        () -> survivors.get(Math.floorMod(next.getAndIncrement(), survivors.size())).codepipeline();
    PipelineExecution failed =
        GuideWithCli.awaitStatus(
            survivor, "crashdeploy", executionId, PipelineExecutionStatus.FAILED);
    Duration took = Duration.between(lost, Instant.now());
    clock.step("killed; Failed after " + took.toMillis() + " ms");
    assertThat(took)
        .as("failed within the lease, a heartbeat period and a poll")
        .isLessThan(Duration.ofSeconds(LEASE_SECONDS * 3L + 5));
    assertThat(failed.statusSummary())
        .startsWith(
            "The action was interrupted by a restart of Ferry, or the loss of the Ferry"
                + " node running it");

    survivor
        .get()
        .retryStageExecution(r ->
            r.pipelineName("crashdeploy")
                .stageName("Deploy")
                .pipelineExecutionId(executionId)
                .retryMode("FAILED_ACTIONS"));
    GuideWithCli.awaitStatus(
        survivor, "crashdeploy", executionId, PipelineExecutionStatus.SUCCEEDED);
    clock.step("retried to Succeeded");
    long listed =
        survivors
            .getFirst()
            .s3()
            .listObjectsV2Paginator(l -> l.bucket("crash-output"))
            .contents()
            .stream()
            .count();
    assertThat(listed).isEqualTo(files);

    stop.set(true);
    for (Thread thread : load) {
      thread.join();
    }
    assertThat(loadFailures).as("S3 requests the surviving nodes failed").isEmpty();
    assertThat(acknowledged).hasSizeGreaterThan(10);
    S3Client s3 = survivors.getFirst().s3();
    for (String key : acknowledged) {
      assertThat(s3.getObjectAsBytes(g -> g.bucket("load-bucket").key(key)).asUtf8String())
          .isEqualTo(key);
    }
    clock.step("all deployed, " + acknowledged.size() + " acknowledged load objects read back");

    // The killed node's CloudTrail journal: a surviving node writes what it left and removes it.
    Path journals = cluster.data().resolve("cloudtrail");
    long folders = journalFolders(journals);
    for (Instant until = Instant.now().plusSeconds(20);
        folders > survivors.size() && Instant.now().isBefore(until); ) {
      Thread.sleep(100);
      folders = journalFolders(journals);
    }
    assertThat(folders)
        .as("journal folders once the killed node's is written")
        .isEqualTo(survivors.size());
    clock.step("the killed node's CloudTrail journal written by a survivor");
  }

  private static long journalFolders(Path journals) throws IOException {
    try (Stream<Path> listed = Files.list(journals)) {
      return listed.filter(Files::isDirectory).count();
    }
  }

  @Test
  @Order(3)
  void databaseStoppedForAWhile_requestsGet503WithRetryAfter_thenServiceResumesByItself()
      throws Exception {
    var clock = new Steps("outage");
    FerryServer node = shared.nodes().getFirst();
    S3Client s3 = shared.clients().getFirst().s3();
    s3.createBucket(b -> b.bucket("outage-bucket"));
    s3.putObject(p -> p.bucket("outage-bucket").key("before"), RequestBody.fromString("x"));
    var http = HttpClient.newHttpClient();
    assertThat(health(http, node).statusCode()).isEqualTo(200);

    postgres.stopServer();
    clock.step("database stopped");
    try {
      // Each waits out the pool's connection timeout: at once, not one after the other.
      var put =
          CompletableFuture.supplyAsync(() ->
              org.assertj.core.api.Assertions.catchThrowableOfType(
                  S3Exception.class,
                  () ->
                      s3.putObject(
                          p -> p.bucket("outage-bucket").key("during"),
                          RequestBody.fromString("lost?"))));
      var cli =
          CompletableFuture.supplyAsync(() -> {
            try {
              return AwsCli.as(node, "dev")
                  .withEnvironment("AWS_MAX_ATTEMPTS", "1")
                  .run("codepipeline", "list-pipelines");
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      // The node probes its database every second: unhealthy within a few.
      HttpResponse<String> unhealthy = null;
      for (Instant until = Instant.now().plusSeconds(20); Instant.now().isBefore(until); ) {
        unhealthy = health(http, shared.nodes().get(1));
        if (unhealthy.statusCode() == 503) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(unhealthy.statusCode()).isEqualTo(503);
      assertThat(unhealthy.body()).contains("\"ready\":false");
      S3Exception refused = put.get();
      assertThat(refused).isNotNull();
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
      assertThat(refused.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
          .contains("1");
      AwsCli.Result json = cli.get();
      assertThat(json.exitCode()).isNotZero();
      assertThat(json.stderr()).contains("ServiceUnavailable");
      clock.step("503s while it was away");
    } finally {
      postgres.startServer();
    }

    // Each node's pool reconnects on its own schedule; a load balancer sends requests to a node
    // only once its health says ready, so the test does too.
    for (FerryServer each : shared.nodes()) {
      HttpResponse<String> healthy = null;
      for (Instant until = Instant.now().plusSeconds(60); Instant.now().isBefore(until); ) {
        healthy = health(http, each);
        if (healthy.statusCode() == 200) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(healthy.statusCode()).as("health of " + each.endpoint()).isEqualTo(200);
    }
    clock.step("database back, every node healthy");
    // The refused write left nothing; the next one succeeds on either node, by itself.
    assertThat(catchStatus(() -> s3.headObject(h -> h.bucket("outage-bucket").key("during"))))
        .isEqualTo(404);
    s3.putObject(p -> p.bucket("outage-bucket").key("after"), RequestBody.fromString("y"));
    assertThat(
            shared
                .clients()
                .get(1)
                .s3()
                .getObjectAsBytes(g -> g.bucket("outage-bucket").key("after"))
                .asUtf8String())
        .isEqualTo("y");
    AwsCli.as(node, "dev").run("codepipeline", "list-pipelines").assertOk();
    clock.step("served again");
  }

  // ---- helpers ----

  static String read(String guideFile) {
    try {
      return Files.readString(GuideWithCli.guidePath(guideFile));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static int catchStatus(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (S3Exception e) {
      return e.statusCode();
    }
  }

  static HttpResponse<String> health(HttpClient http, FerryServer node) throws Exception {
    return http.send(
        HttpRequest.newBuilder(node.endpoint().resolve("/_ferry/health"))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Puts and reads back small objects until told to stop; what was acknowledged is noted. */
  static void s3Load(
      S3Client s3,
      String prefix,
      AtomicBoolean stop,
      Set<String> acknowledged,
      Map<String, String> failures) {
    int i = 0;
    while (!stop.get()) {
      String key = prefix + i++;
      try {
        s3.putObject(p -> p.bucket("load-bucket").key(key), RequestBody.fromString(key));
        acknowledged.add(key);
        assertThat(s3.getObjectAsBytes(g -> g.bucket("load-bucket").key(key)).asUtf8String())
            .isEqualTo(key);
        // A steady load, not all the two cores can give: the deploy being retried needs them too.
        Thread.sleep(50);
      } catch (RuntimeException | AssertionError e) {
        failures.put(key, e.toString());
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
