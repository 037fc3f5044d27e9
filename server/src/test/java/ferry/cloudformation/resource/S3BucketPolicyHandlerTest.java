package ferry.cloudformation.resource;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3BucketPolicyHandlerTest {
  private static final String GUIDE_POLICY =
      """
      {"Bucket": "codepipeline-us-east-1-0123456789", "PolicyDocument": {
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
          "Action": ["s3:Get*", "s3:Put*"],
          "Resource": "arn:aws:s3:::codepipeline-us-east-1-0123456789/*"}]}}
      """;

  @TempDir Path dir;
  HandlerFixture world;
  S3BucketPolicyHandler handler;

  @BeforeEach
  void start() {
    world = new HandlerFixture(dir);
    handler = new S3BucketPolicyHandler(world.s3);
    new S3BucketHandler(world.s3)
        .create(
            world.request(
                "ArtifactBucket", "{\"BucketName\": \"codepipeline-us-east-1-0123456789\"}"));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void schema_replacesTheResourceForAnotherBucket() {
    assertThat(handler.schema().createOnly()).containsExactly("Bucket");
    assertThat(handler.schema().required()).containsExactlyInAnyOrder("Bucket", "PolicyDocument");
    assertThat(handler.schema().attributes()).isEmpty();
  }

  @Test
  void create_putsTheDocumentAsS3sBucketPolicy_andIsIdentifiedByTheBucket() {
    Provisioned policy = handler.create(world.request("ArtifactBucketPolicy", GUIDE_POLICY));

    assertThat(policy.physicalId()).isEqualTo("codepipeline-us-east-1-0123456789");
    assertThat(
            world
                .s3
                .configuration()
                .getBucketPolicy(world.root, "codepipeline-us-east-1-0123456789"))
        .contains("arn:aws:iam::222222222222:root");
  }

  @Test
  void aDocumentGivenAsAString_isTakenAsItIs() {
    String document =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::codepipeline-us-east-1-0123456789\"}]}";
    handler.create(
        world.request(
            "Policy",
            "{\"Bucket\": \"codepipeline-us-east-1-0123456789\", \"PolicyDocument\": "
                + HandlerFixture.json("{\"d\": \"\"}").textNode(document)
                + "}"));

    assertThat(
            world
                .s3
                .configuration()
                .getBucketPolicy(world.root, "codepipeline-us-east-1-0123456789"))
        .isEqualTo(document);
  }

  @Test
  void aMalformedPolicy_getsS3sMalformedPolicy_andNothingIsStored() {
    assertAwsError(
        () ->
            handler.create(
                world.request(
                    "Policy",
                    """
                    {"Bucket": "codepipeline-us-east-1-0123456789", "PolicyDocument": {
                      "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": "*", "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::another-bucket/*"}]}}
                    """)),
        "MalformedPolicy");

    assertAwsError(
        () ->
            world
                .s3
                .configuration()
                .getBucketPolicy(world.root, "codepipeline-us-east-1-0123456789"),
        "NoSuchBucketPolicy");
  }

  @Test
  void update_putsTheNewDocument_andDeleteRemovesIt_evenOnceTheBucketIsGone() {
    Provisioned policy = handler.create(world.request("Policy", GUIDE_POLICY));
    String changed = GUIDE_POLICY.replace("s3:Put*", "s3:PutObject");

    handler.update(world.request("Policy", changed), policy, HandlerFixture.json(GUIDE_POLICY));
    assertThat(
            world
                .s3
                .configuration()
                .getBucketPolicy(world.root, "codepipeline-us-east-1-0123456789"))
        .contains("s3:PutObject");

    handler.delete(world.request("Policy", changed), policy);
    assertAwsError(
        () ->
            world
                .s3
                .configuration()
                .getBucketPolicy(world.root, "codepipeline-us-east-1-0123456789"),
        "NoSuchBucketPolicy");
    world.s3.buckets().deleteBucket(world.root, "codepipeline-us-east-1-0123456789");
    handler.delete(world.request("Policy", changed), policy);
  }

  @Test
  void aBucketThatHasAPolicyAlready_isNotTakenOver() {
    handler.create(world.request("Policy", GUIDE_POLICY));

    assertAwsError(() -> handler.create(world.request("Other", GUIDE_POLICY)), "AlreadyExists")
        .isEqualTo(
            "Resource of type 'AWS::S3::BucketPolicy' with identifier"
                + " 'codepipeline-us-east-1-0123456789' already exists.");
  }

  @Test
  void aCallerWithoutPutBucketPolicy_isDenied_andNoPolicyIsSet() {
    var reader =
        world.user(
            "reader",
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": "s3:GetBucketPolicy", "Resource": "*"}]}
            """);
    assertAwsError(
            () -> handler.create(world.request(reader, "Policy", GUIDE_POLICY)), "AccessDenied")
        .contains("s3:PutBucketPolicy");
    assertAwsError(
            () -> handler.create(world.request(world.nobody(), "Policy", GUIDE_POLICY)),
            "AccessDenied")
        .contains("s3:GetBucketPolicy");

    assertAwsError(
        () ->
            world
                .s3
                .configuration()
                .getBucketPolicy(world.root, "codepipeline-us-east-1-0123456789"),
        "NoSuchBucketPolicy");
  }
}
