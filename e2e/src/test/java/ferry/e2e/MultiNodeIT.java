package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Several {@code ferry serve} processes on one PostgreSQL database and one data folder, as a team's
 * shared Ferry runs behind a load balancer: the guide played with the real aws CLI, each call sent
 * to the next node; fifty pipelines started by one upload, each execution run once; the node
 * running a 3,000-file deploy killed with {@code kill -9}; the database stopped and started again.
 */
@ExtendWith(AwsCliInstalled.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The lease of the kill -9 test: short, so the takeover comes soon. */
  static final int LEASE_SECONDS = 4;

  /**
   * The others keep the default: on two busy cores three nodes and fifty executions can delay a
   * heartbeat by seconds.
   */
  static final int DEFAULT_LEASE_SECONDS = 10;

  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";

  @TempDir static Path work;
  static PostgresCluster postgres;
  static final AtomicInteger DATABASES = new AtomicInteger();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresCluster.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Nodes sharing one database and one data folder, started one after the other. */
  record Cluster(String jdbcUrl, Path dataDir, List<FerryServer> nodes) implements AutoCloseable {
    static Cluster start(int count) throws Exception {
      return start(count, DEFAULT_LEASE_SECONDS);
    }

    static Cluster start(int count, int leaseSeconds) throws Exception {
      String name = "multinode_" + DATABASES.incrementAndGet();
      String url = postgres.createDatabase(name);
      Path data = work.resolve(name);
      List<FerryServer> nodes = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
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
        nodes.add(node);
      }
      return new Cluster(url, data, nodes);
    }

    List<URI> endpoints() {
      return nodes.stream().map(FerryServer::endpoint).toList();
    }

    AwsCli roundRobin(String account) {
      FerryServer.Account root = nodes.getFirst().account(account);
      return AwsCli.roundRobin(endpoints(), root.accessKeyId(), root.secretAccessKey());
    }

    /** The node id of the worker holding an execution now, or null. */
    String workerOf(String executionId) throws Exception {
      try (Connection c =
              DriverManager.getConnection(jdbcUrl, PostgresCluster.USER, PostgresCluster.PASSWORD);
          Statement s = c.createStatement();
          ResultSet row =
              s.executeQuery(
                  "SELECT worker FROM codepipeline_executions WHERE execution_id = '"
                      + executionId
                      + "'")) {
        if (!row.next() || row.getString(1) == null) {
          return null;
        }
        return row.getString(1).substring(0, row.getString(1).indexOf('/'));
      }
    }

    FerryServer node(String nodeId) {
      return nodes.get(Integer.parseInt(nodeId.substring("node-".length())) - 1);
    }

    @Override
    public void close() {
      nodes.forEach(FerryServer::close);
    }
  }

  static String guide(String name) {
    return "file://" + guidePath(name);
  }

  static Path guidePath(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("examples/guide"))) {
      dir = dir.getParent();
    }
    return dir.resolve("examples/guide").resolve(name);
  }

  @Test
  @Order(1)
  void theGuide_eachCallToTheNextOfThreeNodes_deploysToProd_ownedByProd() throws Exception {
    try (Cluster cluster = Cluster.start(3)) {
      AwsCli dev = cluster.roundRobin("dev");
      AwsCli prod = cluster.roundRobin("prod");
      // Step 1: the key, with the console's policy, and its alias.
      String keyArn =
          JSON.readTree(
                  dev.run(
                          "kms",
                          "create-key",
                          "--description",
                          "s3deploykey",
                          "--policy",
                          guide("dev/s3deploykey-policy.json"))
                      .assertOk()
                      .stdout())
              .at("/KeyMetadata/Arn")
              .asText();
      dev.run("kms", "create-alias", "--alias-name", "alias/s3deploykey", "--target-key-id", keyArn)
          .assertOk();
      // Step 2: the service role, the buckets, the rule; then the pipeline, before the object.
      dev.run(
              "iam",
              "create-role",
              "--path",
              "/service-role/",
              "--role-name",
              "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
              "--assume-role-policy-document",
              guide("dev/codepipeline-service-role-trust.json"))
          .assertOk();
      dev.run(
              "iam",
              "put-role-policy",
              "--role-name",
              "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
              "--policy-name",
              "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
              "--policy-document",
              guide("dev/codepipeline-service-role-policy.json"))
          .assertOk();
      dev.run("s3api", "create-bucket", "--bucket", "codepipeline-input-bucket").assertOk();
      dev.run(
              "s3api",
              "put-bucket-versioning",
              "--bucket",
              "codepipeline-input-bucket",
              "--versioning-configuration",
              "Status=Enabled")
          .assertOk();
      dev.run("s3api", "create-bucket", "--bucket", "codepipeline-us-east-1-0123456789").assertOk();
      prod.run("s3api", "create-bucket", "--bucket", "codepipeline-output-bucket").assertOk();
      dev.run(
              "iam",
              "create-role",
              "--path",
              "/service-role/",
              "--role-name",
              "cwe-role-us-east-1-crossaccountdeploy",
              "--assume-role-policy-document",
              guide("dev/codepipeline-rule-role-trust.json"))
          .assertOk();
      dev.run(
              "iam",
              "put-role-policy",
              "--role-name",
              "cwe-role-us-east-1-crossaccountdeploy",
              "--policy-name",
              "start-pipeline-execution",
              "--policy-document",
              guide("dev/codepipeline-rule-role-policy.json"))
          .assertOk();
      dev.run(
              "events",
              "put-rule",
              "--name",
              "codepipeline-crossaccountdeploy-Source-rule",
              "--event-pattern",
              guide("dev/codepipeline-rule-pattern.json"))
          .assertOk();
      dev.run(
              "events",
              "put-targets",
              "--rule",
              "codepipeline-crossaccountdeploy-Source-rule",
              "--targets",
              guide("dev/codepipeline-rule-targets.json"))
          .assertOk();
      Path pipeline = work.resolve("guide-pipeline.json");
      ObjectNode declaration =
          (ObjectNode)
              JSON.readTree(
                  Files.readString(guidePath("dev/pipeline.json"))
                      .replace("arn:aws:kms:us-east-1:111111111111:key/DEV_KEY_ID", keyArn));
      // aws-cli 2.9's model predates pipelineType and executionMode: the defaults (V1, SUPERSEDED).
      ((ObjectNode) declaration.get("pipeline")).remove(List.of("pipelineType", "executionMode"));
      Files.writeString(pipeline, declaration.toString());
      dev.run("codepipeline", "create-pipeline", "--cli-input-json", "file://" + pipeline)
          .assertOk();
      JsonNode first = awaitExecutions(dev, "crossaccountdeploy", 1).get(0);
      assertThat(first.at("/status").asText()).isEqualTo("Failed");

      // Steps 3 to 6: prod's policies and role, the artifact bucket policy, assumeprods3role.
      Path devkmss3access = work.resolve("devkmss3access.json");
      Files.writeString(
          devkmss3access,
          Files.readString(guidePath("prod/devkmss3access.json"))
              .replace("arn:aws:kms:us-east-1:111111111111:key/DEV_KEY_ID", keyArn));
      prod.run(
              "iam",
              "create-policy",
              "--policy-name",
              "outputbucketdeployaccess",
              "--policy-document",
              guide("prod/outputbucketdeployaccess.json"))
          .assertOk();
      prod.run(
              "iam",
              "create-policy",
              "--policy-name",
              "devkmss3access",
              "--policy-document",
              "file://" + devkmss3access)
          .assertOk();
      prod.run(
              "iam",
              "create-role",
              "--role-name",
              "prods3role",
              "--assume-role-policy-document",
              guide("prod/prods3role-trust.json"))
          .assertOk();
      for (String name : List.of("outputbucketdeployaccess", "devkmss3access")) {
        prod.run(
                "iam",
                "attach-role-policy",
                "--role-name",
                "prods3role",
                "--policy-arn",
                "arn:aws:iam::222222222222:policy/" + name)
            .assertOk();
      }
      dev.run(
              "s3api",
              "put-bucket-policy",
              "--bucket",
              "codepipeline-us-east-1-0123456789",
              "--policy",
              guide("dev/artifact-bucket-policy.json"))
          .assertOk();
      dev.run(
              "iam",
              "create-policy",
              "--policy-name",
              "assumeprods3role",
              "--policy-document",
              guide("dev/assumeprods3role.json"))
          .assertOk();
      dev.run(
              "iam",
              "attach-role-policy",
              "--role-name",
              "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
              "--policy-arn",
              "arn:aws:iam::111111111111:policy/assumeprods3role")
          .assertOk();

      // Step 7: get-pipeline on one node, update-pipeline on another.
      Path file = work.resolve("codepipeline.json");
      Files.writeString(
          file,
          dev.run("codepipeline", "get-pipeline", "--name", "crossaccountdeploy")
              .assertOk()
              .stdout());
      ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
      document.remove("metadata");
      ObjectNode deploy = (ObjectNode) document.at("/pipeline/stages/1/actions/0");
      deploy.put("roleArn", "arn:aws:iam::222222222222:role/prods3role");
      Files.writeString(file, document.toString());
      dev.run("codepipeline", "update-pipeline", "--cli-input-json", "file://" + file).assertOk();

      // Step 8: the upload (to whichever node is next) starts the pipeline by itself.
      Map<String, byte[]> site = new LinkedHashMap<>();
      site.put("index.html", "<html><body><h1>Sample website</h1></body></html>\n".getBytes());
      site.put("css/style.css", "body { font-family: sans-serif; }\n".getBytes());
      site.put("images/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
      Path zip = work.resolve("sample-website.zip");
      Files.write(zip, zip(site));
      dev.run("s3", "cp", zip.toString(), "s3://codepipeline-input-bucket/sample-website.zip")
          .assertOk();
      List<JsonNode> executions = awaitExecutions(dev, "crossaccountdeploy", 2);
      assertThat(executions.get(0).at("/status").asText())
          .as(executions.get(0).toString())
          .isEqualTo("Succeeded");
      String prodOwner =
          JSON.readTree(prod.run("s3api", "list-buckets").assertOk().stdout())
              .at("/Owner/ID")
              .asText();
      for (Map.Entry<String, byte[]> entry : site.entrySet()) {
        Path copy = work.resolve("copy-" + entry.getKey().replace('/', '_'));
        prod.run("s3", "cp", "s3://codepipeline-output-bucket/" + entry.getKey(), copy.toString())
            .assertOk();
        assertThat(Files.readAllBytes(copy)).isEqualTo(entry.getValue());
        JsonNode acl =
            JSON.readTree(
                prod.run(
                        "s3api",
                        "get-object-acl",
                        "--bucket",
                        "codepipeline-output-bucket",
                        "--key",
                        entry.getKey())
                    .assertOk()
                    .stdout());
        assertThat(acl.at("/Owner/ID").asText()).isEqualTo(prodOwner);
      }
    }
  }

  @Test
  @Order(2)
  void fiftyPipelinesStartedByOneUpload_acrossThreeNodes_eachExecutionRunsOnce() throws Exception {
    try (Cluster cluster = Cluster.start(3)) {
      AwsCli dev = cluster.roundRobin("dev");
      setUpServiceRole(dev);
      dev.run("s3api", "create-bucket", "--bucket", "fanout-input").assertOk();
      dev.run(
              "s3api",
              "put-bucket-versioning",
              "--bucket",
              "fanout-input",
              "--versioning-configuration",
              "Status=Enabled")
          .assertOk();
      dev.run("s3api", "create-bucket", "--bucket", "fanout-artifacts").assertOk();
      dev.run("s3api", "create-bucket", "--bucket", "fanout-output").assertOk();
      dev.run(
              "s3api",
              "put-bucket-versioning",
              "--bucket",
              "fanout-output",
              "--versioning-configuration",
              "Status=Enabled")
          .assertOk();
      dev.run(
              "iam",
              "create-role",
              "--role-name",
              "fanout-events",
              "--assume-role-policy-document",
              guide("dev/codepipeline-rule-role-trust.json"))
          .assertOk();
      dev.run(
              "iam",
              "put-role-policy",
              "--role-name",
              "fanout-events",
              "--policy-name",
              "start",
              "--policy-document",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                  + "\"codepipeline:StartPipelineExecution\",\"Resource\":"
                  + "\"arn:aws:codepipeline:us-east-1:111111111111:fanout-*\"}]}")
          .assertOk();
      dev.run(
              "events",
              "put-rule",
              "--name",
              "fanout",
              "--event-pattern",
              "{\"source\":[\"aws.s3\"],\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                  + "\"detail\":{\"requestParameters\":{\"bucketName\":[\"fanout-input\"],"
                  + "\"key\":[\"fanout.zip\"]}}}")
          .assertOk();
      int count = 50;
      List<String> names = new ArrayList<>();
      // Three loops, one per node, make the pipelines. Platform threads: each node's banner reader
      // (FerryServer) pins a virtual thread's carrier in a native read, and there are few carriers.
      var threads = new ArrayList<Thread>();
      var failures = new ConcurrentHashMap<String, String>();
      for (int n = 0; n < 3; n++) {
        int node = n;
        AwsCli cli = AwsCli.as(cluster.nodes().get(node), "dev");
        threads.add(
            Thread.ofPlatform()
                .start(() -> {
                  for (int i = node; i < count; i += 3) {
                    String name = "fanout-" + i;
                    try {
                      Path file = work.resolve(name + ".json");
                      Files.writeString(file, fanoutPipeline(name));
                      cli.run(
                              "codepipeline",
                              "create-pipeline",
                              "--cli-input-json",
                              "file://" + file)
                          .assertOk();
                    } catch (Exception | AssertionError e) {
                      failures.put(name, e.toString());
                    }
                  }
                }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(failures).isEmpty();
      for (int i = 0; i < count; i += 5) {
        StringBuilder targets = new StringBuilder("[");
        for (int j = i; j < i + 5; j++) {
          names.add("fanout-" + j);
          targets
              .append(j == i ? "" : ",")
              .append("{\"Id\":\"t")
              .append(j)
              .append("\",\"Arn\":\"arn:aws:codepipeline:us-east-1:111111111111:fanout-")
              .append(j)
              .append("\",\"RoleArn\":\"arn:aws:iam::111111111111:role/fanout-events\"}");
        }
        dev.run("events", "put-targets", "--rule", "fanout", "--targets", targets + "]").assertOk();
      }
      for (String name : names) {
        awaitExecutions(dev, name, 1);
      }

      Path zip = work.resolve("fanout.zip");
      Files.write(zip, zip(Map.of("index.html", "fanout\n".getBytes())));
      dev.run("s3", "cp", zip.toString(), "s3://fanout-input/fanout.zip").assertOk();

      for (String name : names) {
        List<JsonNode> executions = awaitExecutions(dev, name, 2);
        assertThat(executions).as(name).hasSize(2);
        JsonNode latest = executions.get(0);
        assertThat(latest.at("/status").asText()).as(name + ": " + latest).isEqualTo("Succeeded");
        JsonNode actions =
            JSON.readTree(
                dev.run(
                        "codepipeline",
                        "list-action-executions",
                        "--pipeline-name",
                        name,
                        "--filter",
                        "pipelineExecutionId=" + latest.at("/pipelineExecutionId").asText())
                    .assertOk()
                    .stdout());
        List<String> ran = new ArrayList<>();
        actions.at("/actionExecutionDetails").forEach(a -> ran.add(a.at("/actionName").asText()));
        assertThat(ran).as(name).containsExactlyInAnyOrder("Source", "Deploy");
      }
      // Each pipeline deployed its object once: one version of each in the versioned bucket.
      JsonNode versions =
          JSON.readTree(
              dev.run("s3api", "list-object-versions", "--bucket", "fanout-output")
                  .assertOk()
                  .stdout());
      List<String> keys = new ArrayList<>();
      versions.at("/Versions").forEach(v -> keys.add(v.at("/Key").asText()));
      assertThat(keys).hasSize(count).doesNotHaveDuplicates();
    }
  }

  @Test
  @Order(3)
  void killNineOfTheNodeRunningALargeDeploy_anotherFailsItInTime_retrySucceeds_s3KeepsServing()
      throws Exception {
    int files = 3000;
    try (Cluster cluster = Cluster.start(3, LEASE_SECONDS)) {
      AwsCli dev = AwsCli.as(cluster.nodes().getFirst(), "dev");
      setUpServiceRole(dev);
      dev.run("s3api", "create-bucket", "--bucket", "crash-input").assertOk();
      dev.run(
              "s3api",
              "put-bucket-versioning",
              "--bucket",
              "crash-input",
              "--versioning-configuration",
              "Status=Enabled")
          .assertOk();
      dev.run("s3api", "create-bucket", "--bucket", "fanout-artifacts").assertOk();
      dev.run("s3api", "create-bucket", "--bucket", "crash-output").assertOk();
      dev.run("s3api", "create-bucket", "--bucket", "load-bucket").assertOk();
      Map<String, byte[]> pages = new LinkedHashMap<>();
      for (int i = 0; i < files; i++) {
        pages.put(
            "pages/page-" + i + ".html", ("<html><body>page " + i + "</body></html>\n").getBytes());
      }
      Path zip = work.resolve("large.zip");
      Files.write(zip, zip(pages));
      dev.run("s3", "cp", zip.toString(), "s3://crash-input/large.zip").assertOk();
      Path pipeline = work.resolve("crash-pipeline.json");
      Files.writeString(
          pipeline,
          pipelineJson("crashdeploy", "crash-input", "large.zip", "crash-output", true, null));
      dev.run("codepipeline", "create-pipeline", "--cli-input-json", "file://" + pipeline)
          .assertOk();
      String executionId = awaitActionInProgress(dev, "crashdeploy", "Deploy");
      String victim = null;
      for (Instant until = Instant.now().plusSeconds(30);
          victim == null && Instant.now().isBefore(until); ) {
        victim = cluster.workerOf(executionId);
      }
      assertThat(victim).as("a node holds the running execution").isNotNull();
      FerryServer killed = cluster.node(victim);
      List<FerryServer> survivors = cluster.nodes().stream().filter(n -> n != killed).toList();

      // S3 load on the surviving nodes, before, during and after the loss.
      var acknowledged = ConcurrentHashMap.<String>newKeySet();
      var loadFailures = new ConcurrentHashMap<String, String>();
      var stop = new AtomicBoolean();
      List<Thread> load = new ArrayList<>();
      for (FerryServer survivor : survivors) {
        load.add(
            Thread.ofPlatform().start(() -> s3Load(survivor, stop, acknowledged, loadFailures)));
      }
      Thread.sleep(500);
      killed.kill();
      Instant lost = Instant.now();

      AwsCli survivorCli =
          AwsCli.roundRobin(
              survivors.stream().map(FerryServer::endpoint).toList(),
              survivors.getFirst().account("dev").accessKeyId(),
              survivors.getFirst().account("dev").secretAccessKey());
      JsonNode failed = awaitStatus(survivorCli, "crashdeploy", executionId, "Failed");
      Duration took = Duration.between(lost, Instant.now());
      assertThat(took)
          .as("failed within the lease, a heartbeat period and a poll")
          .isLessThan(Duration.ofSeconds(LEASE_SECONDS * 3L + 5));
      assertThat(failed.at("/pipelineExecution/statusSummary").asText())
          .startsWith(
              "The action was interrupted by a restart of Ferry, or the loss of the Ferry"
                  + " node running it");

      survivorCli
          .run(
              "codepipeline",
              "retry-stage-execution",
              "--pipeline-name",
              "crashdeploy",
              "--stage-name",
              "Deploy",
              "--pipeline-execution-id",
              executionId,
              "--retry-mode",
              "FAILED_ACTIONS")
          .assertOk();
      awaitStatus(survivorCli, "crashdeploy", executionId, "Succeeded");
      int listed =
          JSON.readTree(
                  survivorCli
                      .run(
                          "s3api",
                          "list-objects-v2",
                          "--bucket",
                          "crash-output",
                          "--query",
                          "length(Contents)")
                      .assertOk()
                      .stdout())
              .asInt();
      assertThat(listed).isEqualTo(files);

      stop.set(true);
      for (Thread thread : load) {
        thread.join();
      }
      assertThat(loadFailures).as("S3 requests the surviving nodes failed").isEmpty();
      assertThat(acknowledged).hasSizeGreaterThan(10);
      try (S3Client s3 = s3(survivors.getFirst(), false)) {
        for (String key : acknowledged) {
          assertThat(s3.getObjectAsBytes(g -> g.bucket("load-bucket").key(key)).asUtf8String())
              .isEqualTo(key);
        }
      }
    }
  }

  @Test
  @Order(4)
  void databaseStoppedForAWhile_requestsGet503WithRetryAfter_thenServiceResumesByItself()
      throws Exception {
    try (Cluster cluster = Cluster.start(2)) {
      FerryServer node = cluster.nodes().getFirst();
      try (S3Client s3 = s3(node, false)) {
        s3.createBucket(b -> b.bucket("outage-bucket"));
        s3.putObject(p -> p.bucket("outage-bucket").key("before"), RequestBody.fromString("x"));
        var http = HttpClient.newHttpClient();
        assertThat(health(http, node).statusCode()).isEqualTo(200);

        postgres.stopServer();
        try {
          S3Exception refused =
              org.assertj.core.api.Assertions.catchThrowableOfType(
                  S3Exception.class,
                  () ->
                      s3.putObject(
                          p -> p.bucket("outage-bucket").key("during"),
                          RequestBody.fromString("lost?")));
          assertThat(refused).isNotNull();
          assertThat(refused.statusCode()).isEqualTo(503);
          assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
          assertThat(refused.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
              .contains("1");
          AwsCli.Result json =
              AwsCli.as(node, "dev")
                  .withEnvironment("AWS_MAX_ATTEMPTS", "1")
                  .run("codepipeline", "list-pipelines");
          assertThat(json.exitCode()).isNotZero();
          assertThat(json.stderr()).contains("ServiceUnavailable");
          HttpResponse<String> unhealthy = health(http, cluster.nodes().get(1));
          assertThat(unhealthy.statusCode()).isEqualTo(503);
          assertThat(unhealthy.body()).contains("\"ready\":false");
        } finally {
          postgres.startServer();
        }

        HttpResponse<String> healthy = null;
        for (Instant until = Instant.now().plusSeconds(60); Instant.now().isBefore(until); ) {
          healthy = health(http, node);
          if (healthy.statusCode() == 200) {
            break;
          }
          Thread.sleep(200);
        }
        assertThat(healthy.statusCode()).isEqualTo(200);
        // The refused write left nothing; the next one succeeds on either node, by itself.
        assertThat(catchStatus(() -> s3.headObject(h -> h.bucket("outage-bucket").key("during"))))
            .isEqualTo(404);
        s3.putObject(p -> p.bucket("outage-bucket").key("after"), RequestBody.fromString("y"));
        try (S3Client other = s3(cluster.nodes().get(1), false)) {
          assertThat(
                  other
                      .getObjectAsBytes(g -> g.bucket("outage-bucket").key("after"))
                      .asUtf8String())
              .isEqualTo("y");
        }
        AwsCli.as(node, "dev").run("codepipeline", "list-pipelines").assertOk();
      }
    }
  }

  // ---- helpers ----

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
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static S3Client s3(FerryServer node, boolean retries) {
    FerryServer.Account dev = node.account("dev");
    return S3Client.builder()
        .endpointOverride(node.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(Apache5HttpClient.create())
        .overrideConfiguration(o -> {
          if (!retries) {
            o.retryStrategy(AwsRetryStrategy.doNotRetry());
          }
        })
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(dev.accessKeyId(), dev.secretAccessKey())))
        .build();
  }

  /** Puts and reads back small objects until told to stop; what was acknowledged is noted. */
  static void s3Load(
      FerryServer node,
      AtomicBoolean stop,
      Set<String> acknowledged,
      Map<String, String> failures) {
    try (S3Client s3 = s3(node, false)) {
      int i = 0;
      while (!stop.get()) {
        String key = "load/" + node.endpoint().getPort() + "/" + i++;
        try {
          s3.putObject(p -> p.bucket("load-bucket").key(key), RequestBody.fromString(key));
          acknowledged.add(key);
          assertThat(s3.getObjectAsBytes(g -> g.bucket("load-bucket").key(key)).asUtf8String())
              .isEqualTo(key);
        } catch (RuntimeException | AssertionError e) {
          failures.put(key, e.toString());
        }
      }
    }
  }

  static void setUpServiceRole(AwsCli dev) throws Exception {
    dev.run(
            "iam",
            "create-role",
            "--path",
            "/service-role/",
            "--role-name",
            "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
            "--assume-role-policy-document",
            guide("dev/codepipeline-service-role-trust.json"))
        .assertOk();
    dev.run(
            "iam",
            "put-role-policy",
            "--role-name",
            "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
            "--policy-name",
            "all-s3",
            "--policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}")
        .assertOk();
  }

  static String fanoutPipeline(String name) {
    return pipelineJson(name, "fanout-input", "fanout.zip", "fanout-output", false, name + ".zip");
  }

  static String pipelineJson(
      String name,
      String inputBucket,
      String inputKey,
      String outputBucket,
      boolean extract,
      String objectKey) {
    String deployConfiguration =
        extract
            ? "{\"BucketName\":\"" + outputBucket + "\",\"Extract\":\"true\"}"
            : "{\"BucketName\":\""
                + outputBucket
                + "\",\"Extract\":\"false\",\"ObjectKey\":\""
                + objectKey
                + "\"}";
    return """
    {"pipeline":{"name":"%s","roleArn":"%s",
     "artifactStore":{"type":"S3","location":"fanout-artifacts"},
     "stages":[
      {"name":"Source","actions":[{"name":"Source",
        "actionTypeId":{"category":"Source","owner":"AWS","provider":"S3","version":"1"},
        "configuration":{"PollForSourceChanges":"false","S3Bucket":"%s","S3ObjectKey":"%s"},
        "outputArtifacts":[{"name":"SourceArtifact"}]}]},
      {"name":"Deploy","actions":[{"name":"Deploy",
        "actionTypeId":{"category":"Deploy","owner":"AWS","provider":"S3","version":"1"},
        "configuration":%s,
        "inputArtifacts":[{"name":"SourceArtifact"}]}]}]}}
    """
        .formatted(name, SERVICE_ROLE, inputBucket, inputKey, deployConfiguration);
  }

  /** A pipeline's executions, newest first, once it has at least {@code count} that ended. */
  static List<JsonNode> awaitExecutions(AwsCli cli, String pipeline, int count) throws Exception {
    Instant deadline = Instant.now().plusSeconds(180);
    List<JsonNode> last = List.of();
    while (Instant.now().isBefore(deadline)) {
      JsonNode listed =
          JSON.readTree(
              cli.run("codepipeline", "list-pipeline-executions", "--pipeline-name", pipeline)
                  .assertOk()
                  .stdout());
      List<JsonNode> all = new ArrayList<>();
      listed.at("/pipelineExecutionSummaries").forEach(all::add);
      last = all;
      long ended =
          all.stream()
              .filter(e -> !Set.of("InProgress", "Stopping").contains(e.at("/status").asText()))
              .count();
      if (ended >= count && all.size() >= count) {
        return all;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(pipeline + " never had " + count + " ended executions: " + last);
  }

  static String awaitActionInProgress(AwsCli cli, String pipeline, String stage) throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      JsonNode state =
          JSON.readTree(
              cli.run("codepipeline", "get-pipeline-state", "--name", pipeline)
                  .assertOk()
                  .stdout());
      for (JsonNode s : state.at("/stageStates")) {
        if (s.at("/stageName").asText().equals(stage)
            && s.at("/latestExecution/status").asText().equals("InProgress")) {
          return s.at("/latestExecution/pipelineExecutionId").asText();
        }
      }
    }
    throw new AssertionError("Stage " + stage + " never became InProgress");
  }

  static JsonNode awaitStatus(AwsCli cli, String pipeline, String id, String status)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(180);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last =
          JSON.readTree(
              cli.run(
                      "codepipeline",
                      "get-pipeline-execution",
                      "--pipeline-name",
                      pipeline,
                      "--pipeline-execution-id",
                      id)
                  .assertOk()
                  .stdout());
      if (last.at("/pipelineExecution/status").asText().equals(status)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Execution " + id + " never became " + status + ": " + last);
  }

  static byte[] zip(Map<String, byte[]> files) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
