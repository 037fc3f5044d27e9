package ferry.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStoreType;
import software.amazon.awssdk.services.codepipeline.model.ExecutionMode;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The 50-pipeline figure: fifty pipelines whose source is one object, an EventBridge rule starting
 * them all, one upload; the time from the upload's answer until every pipeline's execution has
 * Succeeded. Set-up and polling are spread over the endpoints given (several nodes), round robin.
 * Prints {@code <label> fanout50_ms <ms>}.
 *
 * <p>Arguments: endpoints(comma-separated) accessKey secretKey label [pipelines]
 */
public final class PipelineFanout {
  private static final String ROLE =
      "arn:aws:iam::111111111111:role/service-role/bench-fanout-service-role";

  private PipelineFanout() {}

  public static void main(String[] args) throws Exception {
    List<URI> endpoints = new ArrayList<>();
    for (String endpoint : args[0].split(",")) {
      endpoints.add(URI.create(endpoint));
    }
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2]));
    String label = args[3];
    int count = args.length > 4 ? Integer.parseInt(args[4]) : 50;
    List<CodePipelineClient> pipelines = new ArrayList<>();
    List<EventBridgeClient> events = new ArrayList<>();
    for (URI endpoint : endpoints) {
      pipelines.add(
          CodePipelineClient.builder()
              .endpointOverride(endpoint)
              .region(Region.US_EAST_1)
              .httpClient(Apache5HttpClient.create())
              .credentialsProvider(credentials)
              .build());
      events.add(
          EventBridgeClient.builder()
              .endpointOverride(endpoint)
              .region(Region.US_EAST_1)
              .httpClient(Apache5HttpClient.create())
              .credentialsProvider(credentials)
              .build());
    }
    try (IamClient iam =
            IamClient.builder()
                .endpointOverride(endpoints.getFirst())
                .region(Region.AWS_GLOBAL)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(credentials)
                .build();
        S3Client s3 =
            S3Client.builder()
                .endpointOverride(endpoints.getLast())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(credentials)
                .build()) {
      iam.createRole(r ->
          r.path("/service-role/")
              .roleName("bench-fanout-service-role")
              .assumeRolePolicyDocument(
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                      + "{\"Service\":\"codepipeline.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
      iam.putRolePolicy(p ->
          p.roleName("bench-fanout-service-role")
              .policyName("all-s3")
              .policyDocument(
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                      + "\"s3:*\",\"Resource\":\"*\"}]}"));
      iam.createRole(r ->
          r.roleName("bench-fanout-events")
              .assumeRolePolicyDocument(
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                      + "{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
      iam.putRolePolicy(p ->
          p.roleName("bench-fanout-events")
              .policyName("start")
              .policyDocument(
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                      + "\"codepipeline:StartPipelineExecution\",\"Resource\":\"*\"}]}"));
      for (String bucket : List.of("bench-fanout-input", "bench-fanout-artifacts", "bench-out")) {
        s3.createBucket(b -> b.bucket(bucket));
      }
      s3.putBucketVersioning(
          v -> v.bucket("bench-fanout-input").versioningConfiguration(c -> c.status("Enabled")));
      List<String> names = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = "bench-fanout-" + i;
        names.add(name);
        pipelines.get(i % pipelines.size()).createPipeline(c -> c.pipeline(pipeline(name)));
      }
      var bus = events.getFirst();
      bus.putRule(r ->
          r.name("bench-fanout")
              .eventPattern(
                  "{\"source\":[\"aws.s3\"],\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                      + "\"detail\":{\"requestParameters\":{\"bucketName\":[\"bench-fanout-input\"]}}}"));
      for (int i = 0; i < count; i += 5) {
        List<Target> targets = new ArrayList<>();
        for (int j = i; j < Math.min(count, i + 5); j++) {
          targets.add(
              Target.builder()
                  .id("t" + j)
                  .arn("arn:aws:codepipeline:us-east-1:111111111111:" + names.get(j))
                  .roleArn("arn:aws:iam::111111111111:role/bench-fanout-events")
                  .build());
        }
        bus.putTargets(t -> t.rule("bench-fanout").targets(targets));
      }
      for (String name : names) {
        await(pipelines, name, 1);
      }
      byte[] zip = zip();
      s3.putObject(
          p -> p.bucket("bench-fanout-input").key("fanout.zip"), RequestBody.fromBytes(zip));
      long uploaded = System.nanoTime();
      for (String name : names) {
        PipelineExecutionSummary done = await(pipelines, name, 2);
        if (!"Succeeded".equals(done.statusAsString())) {
          throw new IllegalStateException(name + " ended " + done.statusAsString());
        }
      }
      System.out.println(
          label + " fanout" + count + "_ms " + (System.nanoTime() - uploaded) / 1_000_000);
    } finally {
      pipelines.forEach(CodePipelineClient::close);
      events.forEach(EventBridgeClient::close);
    }
  }

  private static int next;

  private static PipelineExecutionSummary await(
      List<CodePipelineClient> clients, String name, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (System.nanoTime() < deadline) {
      CodePipelineClient client = clients.get(next++ % clients.size());
      List<PipelineExecutionSummary> all =
          client.listPipelineExecutions(l -> l.pipelineName(name)).pipelineExecutionSummaries();
      if (all.size() >= count
          && !List.of("InProgress", "Stopping").contains(all.getFirst().statusAsString())) {
        return all.getFirst();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(name + " did not end in time");
  }

  private static PipelineDeclaration pipeline(String name) {
    return PipelineDeclaration.builder()
        .name(name)
        .roleArn(ROLE)
        .artifactStore(
            ArtifactStore.builder()
                .type(ArtifactStoreType.S3)
                .location("bench-fanout-artifacts")
                .build())
        .stages(
            StageDeclaration.builder()
                .name("Source")
                .actions(
                    ActionDeclaration.builder()
                        .name("Source")
                        .actionTypeId(t ->
                            t.category(ActionCategory.SOURCE)
                                .owner(ActionOwner.AWS)
                                .provider("S3")
                                .version("1"))
                        .configuration(
                            java.util.Map.of(
                                "PollForSourceChanges", "false",
                                "S3Bucket", "bench-fanout-input",
                                "S3ObjectKey", "fanout.zip"))
                        .outputArtifacts(OutputArtifact.builder().name("SourceArtifact").build())
                        .build())
                .build(),
            StageDeclaration.builder()
                .name("Deploy")
                .actions(
                    ActionDeclaration.builder()
                        .name("Deploy")
                        .actionTypeId(t ->
                            t.category(ActionCategory.DEPLOY)
                                .owner(ActionOwner.AWS)
                                .provider("S3")
                                .version("1"))
                        .configuration(
                            java.util.Map.of(
                                "BucketName", "bench-out",
                                "Extract", "false",
                                "ObjectKey", name + ".zip"))
                        .inputArtifacts(InputArtifact.builder().name("SourceArtifact").build())
                        .build())
                .build())
        .executionMode(ExecutionMode.PARALLEL)
        .pipelineType(PipelineType.V2)
        .build();
  }

  private static byte[] zip() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("index.html"));
      out.write("<html><body>fan-out</body></html>\n".getBytes());
      out.closeEntry();
    }
    return bytes.toByteArray();
  }
}
