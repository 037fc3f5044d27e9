package ferry.cloudformation.resource;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.aws.AwsException;
import ferry.kms.CreateKeyRequest;
import ferry.s3.AccessControlList;
import ferry.s3.BodyIntegrity;
import ferry.s3.LoggingConfiguration;
import ferry.s3.ObjectOwnership;
import ferry.s3.PublicAccessBlock;
import ferry.s3.PutObjectRequest;
import ferry.s3.RetentionMode;
import ferry.s3.ServerSideEncryption;
import ferry.s3.Versioning;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3BucketHandlerTest {
  @TempDir Path dir;
  HandlerFixture world;
  S3BucketHandler handler;

  @BeforeEach
  void start() {
    world = new HandlerFixture(dir);
    handler = new S3BucketHandler(world.s3);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void schema_replacesOnANewNameOrObjectLockEnabled_andReadsTheBucketsAttributes() {
    ResourceSchema schema = handler.schema();
    assertThat(schema.typeName()).isEqualTo("AWS::S3::Bucket");
    assertThat(schema.createOnly()).containsExactlyInAnyOrder("BucketName", "ObjectLockEnabled");
    assertThat(schema.attributes())
        .containsExactlyInAnyOrder(
            "Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL");
    assertThat(schema.nameProperty()).isEqualTo("BucketName");
    assertThat(schema.properties())
        .contains("ReplicationConfiguration", "Tags")
        .doesNotContain("Arn");
  }

  @Test
  void create_makesTheBucketWithEveryConfigurationTheTemplateGives() {
    String keyArn =
        world
            .kms
            .keys()
            .createKey(world.root, CreateKeyRequest.symmetric("bucket key"))
            .key()
            .arn();
    Provisioned bucket =
        handler.create(
            world.request(
                world.root,
                "ArtifactBucket",
                """
                {"BucketName": "codepipeline-us-east-1-0123456789",
                 "VersioningConfiguration": {"Status": "Enabled"},
                 "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                   {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
                      "KMSMasterKeyID": "%s"}, "BucketKeyEnabled": true}]},
                 "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]},
                 "PublicAccessBlockConfiguration": {"BlockPublicAcls": true,
                   "BlockPublicPolicy": "true"},
                 "NotificationConfiguration": {"EventBridgeConfiguration":
                   {"EventBridgeEnabled": true}},
                 "Tags": [{"Key": "team", "Value": "web"}]}
                """
                    .formatted(keyArn),
                Map.of("env", "dev")));

    String name = "codepipeline-us-east-1-0123456789";
    assertThat(bucket.physicalId()).isEqualTo(name);
    assertThat(bucket.attributes())
        .containsEntry("Arn", "arn:aws:s3:::" + name)
        .containsEntry("DomainName", name + ".s3.amazonaws.com")
        .containsEntry("RegionalDomainName", name + ".s3.us-east-1.amazonaws.com")
        .containsEntry("DualStackDomainName", name + ".s3.dualstack.us-east-1.amazonaws.com")
        .containsEntry("WebsiteURL", "http://" + name + ".s3-website-us-east-1.amazonaws.com");
    var config = world.s3.configuration();
    assertThat(config.getBucketVersioning(world.root, name)).isEqualTo(Versioning.ENABLED);
    assertThat(config.getBucketEncryption(world.root, name))
        .isEqualTo(new ServerSideEncryption("aws:kms", keyArn, true));
    assertThat(config.getBucketOwnershipControls(world.root, name))
        .isEqualTo(ObjectOwnership.BUCKET_OWNER_PREFERRED);
    assertThat(config.getPublicAccessBlock(world.root, name))
        .isEqualTo(new PublicAccessBlock(true, false, true, false));
    assertThat(world.s3.buckets().headBucket(world.root, name).eventBridgeEnabled()).isTrue();
    assertThat(world.s3.tagging().getBucketTagging(world.root, name))
        .containsExactlyInAnyOrderEntriesOf(Map.of("env", "dev", "team", "web"));
  }

  @Test
  void create_withoutAName_generatesALowerCaseOne() {
    Provisioned bucket = handler.create(world.request("ArtifactBucket", "{}"));

    assertThat(bucket.physicalId()).matches("dev-stack-artifactbucket-[a-z0-9]{12}");
    assertThat(world.s3.buckets().headBucket(world.root, bucket.physicalId()).publicAccessBlock())
        .isEqualTo(PublicAccessBlock.ALL_ON);
  }

  @Test
  void create_setsCorsLifecycleWebsiteLoggingObjectLockAndAcceleration() {
    handler.create(world.request("Logs", "{\"BucketName\": \"site-logs\"}"));
    handler.create(
        world.request(
            "Site",
            """
            {"BucketName": "site-bucket", "ObjectLockEnabled": true,
             "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled",
               "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": "1"}}},
             "CorsConfiguration": {"CorsRules": [{"AllowedMethods": ["GET"],
               "AllowedOrigins": ["*"], "MaxAge": 300}]},
             "LifecycleConfiguration": {"Rules": [{"Id": "expire", "Status": "Enabled",
               "Prefix": "tmp/", "ExpirationInDays": 7,
               "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}}]},
             "WebsiteConfiguration": {"IndexDocument": "index.html", "ErrorDocument": "error.html"},
             "LoggingConfiguration": {"DestinationBucketName": "site-logs",
               "LogFilePrefix": "site/"},
             "AccelerateConfiguration": {"AccelerationStatus": "Enabled"}}
            """));

    assertThat(world.s3.objectLock().getObjectLockConfiguration(world.root, "site-bucket").mode())
        .isEqualTo(RetentionMode.GOVERNANCE);
    assertThat(world.s3.cors().getBucketCors(world.root, "site-bucket").rules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.maxAgeSeconds()).isEqualTo(300));
    var rule =
        world.s3.lifecycle().getBucketLifecycleConfiguration(world.root, "site-bucket").rules();
    assertThat(rule)
        .singleElement()
        .satisfies(r -> {
          assertThat(r.id()).isEqualTo("expire");
          assertThat(r.filter().prefix()).isEqualTo("tmp/");
          assertThat(r.expirationDays()).isEqualTo(7);
          assertThat(r.abortDaysAfterInitiation()).isEqualTo(2);
        });
    assertThat(world.s3.websites().getBucketWebsite(world.root, "site-bucket").indexSuffix())
        .isEqualTo("index.html");
    assertThat(world.s3.logging().getBucketLogging(world.root, "site-bucket"))
        .isEqualTo(new LoggingConfiguration("site-logs", "site/", null, null));
    assertThat(world.s3.acceleration().getBucketAccelerateConfiguration(world.root, "site-bucket"))
        .isEqualTo("Enabled");
  }

  @Test
  void replication_isStoredAsTheDocumentS3Keeps_andRemovedWithTheProperty() {
    handler.create(
        world.request(
            "Replica",
            "{\"BucketName\": \"replica-bucket\","
                + " \"VersioningConfiguration\": {\"Status\": \"Enabled\"}}"));
    String first =
        """
        {"BucketName": "source-bucket", "VersioningConfiguration": {"Status": "Enabled"},
         "ReplicationConfiguration": {"Role": "arn:aws:iam::111111111111:role/replication",
           "Rules": [{"Id": "all", "Priority": 1, "Status": "Enabled",
             "Filter": {"Prefix": "site/"},
             "DeleteMarkerReplication": {"Status": "Disabled"},
             "Destination": {"Bucket": "arn:aws:s3:::replica-bucket"}}]}}
        """;
    Provisioned source = handler.create(world.request("Source", first));

    var stored = world.s3.replication().getBucketReplication(world.root, "source-bucket");
    assertThat(stored.role()).isEqualTo("arn:aws:iam::111111111111:role/replication");
    assertThat(stored.document())
        .contains("<Filter><Prefix>site/</Prefix></Filter>")
        .contains("<Destination><Bucket>arn:aws:s3:::replica-bucket</Bucket></Destination>");

    handler.update(
        world.request(
            "Source",
            "{\"BucketName\": \"source-bucket\","
                + " \"VersioningConfiguration\": {\"Status\": \"Enabled\"}}"),
        source,
        HandlerFixture.json(first));
    assertAwsError(
        () -> world.s3.replication().getBucketReplication(world.root, "source-bucket"),
        "ReplicationConfigurationNotFoundError");
  }

  @Test
  void accessControl_isTheCannedAclOfTheBucket() {
    handler.create(
        world.request(
            "Logs",
            """
            {"BucketName": "log-bucket", "AccessControl": "LogDeliveryWrite",
             "OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}}
            """));

    assertThat(world.s3.configuration().getBucketAcl(world.root, "log-bucket").grants())
        .hasSizeGreaterThan(1);
  }

  @Test
  void update_toObjectWriterWithACannedAcl_setsTheOwnershipFirst() {
    String first = "{\"BucketName\": \"log-bucket\"}";
    Provisioned bucket = handler.create(world.request("Logs", first));

    handler.update(
        world.request(
            "Logs",
            """
            {"BucketName": "log-bucket", "AccessControl": "LogDeliveryWrite",
             "OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}}
            """),
        bucket,
        HandlerFixture.json(first));

    assertThat(world.s3.configuration().getBucketOwnershipControls(world.root, "log-bucket"))
        .isEqualTo(ObjectOwnership.OBJECT_WRITER);
    assertThat(world.s3.configuration().getBucketAcl(world.root, "log-bucket").grants())
        .hasSizeGreaterThan(1);
  }

  @Test
  void update_changesOnlyWhatChanged_inPlace() {
    String first =
        """
        {"BucketName": "input-bucket", "VersioningConfiguration": {"Status": "Enabled"},
         "BucketEncryption": {"ServerSideEncryptionConfiguration": [
           {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
         "CorsConfiguration": {"CorsRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]},
         "Tags": [{"Key": "team", "Value": "web"}]}
        """;
    Provisioned bucket = handler.create(world.request("Input", first));

    Provisioned updated =
        handler.update(
            world.request(
                "Input",
                """
                {"BucketName": "input-bucket", "VersioningConfiguration": {"Status": "Suspended"},
                 "Tags": [{"Key": "team", "Value": "ops"}]}
                """),
            bucket,
            HandlerFixture.json(first));

    assertThat(updated).isEqualTo(bucket);
    assertThat(world.s3.configuration().getBucketVersioning(world.root, "input-bucket"))
        .isEqualTo(Versioning.SUSPENDED);
    assertThat(world.s3.tagging().getBucketTagging(world.root, "input-bucket"))
        .isEqualTo(Map.of("team", "ops"));
    assertAwsError(
        () -> world.s3.cors().getBucketCors(world.root, "input-bucket"), "NoSuchCORSConfiguration");
  }

  @Test
  void update_byACallerWithoutTheGrantOfTheChange_isDenied_andTheRestIsUntouched() {
    String first = "{\"BucketName\": \"input-bucket\"}";
    Provisioned bucket = handler.create(world.request("Input", first));
    var tagger =
        world.user(
            "tagger",
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": "s3:PutBucketTagging", "Resource": "*"}]}
            """);

    handler.update(
        world.request(
            tagger,
            "Input",
            "{\"BucketName\": \"input-bucket\", \"Tags\": [{\"Key\": \"a\", \"Value\": \"b\"}]}"),
        bucket,
        HandlerFixture.json(first));
    AwsException denied =
        catchThrowableOfType(
            AwsException.class,
            () ->
                handler.update(
                    world.request(
                        tagger,
                        "Input",
                        "{\"BucketName\": \"input-bucket\", \"VersioningConfiguration\":"
                            + " {\"Status\": \"Enabled\"}}"),
                    bucket,
                    HandlerFixture.json(first)));

    assertThat(denied.code()).isEqualTo("AccessDenied");
    assertThat(denied.getMessage()).contains("s3:PutBucketVersioning");
    assertThat(world.s3.configuration().getBucketVersioning(world.root, "input-bucket")).isNull();
  }

  @Test
  void create_withoutTheGrant_isS3sAccessDenied_andCreatesNothing() {
    AwsException denied =
        catchThrowableOfType(
            AwsException.class,
            () ->
                handler.create(
                    world.request(world.nobody(), "Input", "{\"BucketName\": \"input-bucket\"}")));

    assertThat(denied.code()).isEqualTo("AccessDenied");
    assertThat(denied.getMessage()).contains("s3:CreateBucket");
    assertThat(denied.headers()).containsKey("x-ferry-decision-id");
    assertThat(world.s3.buckets().listBuckets(world.root)).isEmpty();
  }

  @Test
  void create_thatFailsAfterTheBucketWasMade_leavesNoBucket() {
    assertAwsError(
        () ->
            handler.create(
                world.request(
                    "Input",
                    """
                    {"BucketName": "input-bucket",
                     "LoggingConfiguration": {"DestinationBucketName": "no-such-logs"}}
                    """)),
        "InvalidTargetBucketForLogging");

    assertThat(world.s3.buckets().listBuckets(world.root)).isEmpty();
    handler.create(world.request("Input", "{\"BucketName\": \"input-bucket\"}"));
  }

  @Test
  void create_ofANameThatExists_failsAsAlreadyExists() {
    handler.create(world.request("Input", "{\"BucketName\": \"input-bucket\"}"));

    assertAwsError(
            () -> handler.create(world.request("Other", "{\"BucketName\": \"input-bucket\"}")),
            "AlreadyExists")
        .isEqualTo(
            "Resource of type 'AWS::S3::Bucket' with identifier 'input-bucket' already exists.");
  }

  @Test
  void propertiesFerryDoesNotImplement_areRefused_beforeAnythingIsMade() {
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "Input",
                        """
                        {"BucketName": "input-bucket", "InventoryConfigurations": [
                          {"Id": "weekly", "Enabled": true, "IncludedObjectVersions": "Current",
                           "ScheduleFrequency": "Weekly",
                           "Destination": {"BucketArn": "arn:aws:s3:::x", "Format": "CSV"}}]}
                        """)),
            "InvalidRequest")
        .startsWith("Ferry does not support InventoryConfigurations of AWS::S3::Bucket");
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "Input",
                        """
                        {"BucketName": "input-bucket", "NotificationConfiguration":
                          {"TopicConfigurations": [{"Event": "s3:ObjectCreated:*",
                            "Topic": "arn:aws:sns:us-east-1:111111111111:t"}]}}
                        """)),
            "InvalidRequest")
        .contains("NotificationConfiguration/TopicConfigurations")
        .contains("only to EventBridge");
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "Input",
                        """
                        {"BucketName": "input-bucket", "LifecycleConfiguration": {"Rules": [
                          {"Status": "Enabled", "Transitions": [
                            {"StorageClass": "GLACIER", "TransitionInDays": 30}]}]}}
                        """)),
            "InvalidRequest")
        .contains("LifecycleConfiguration/Rules/0/Transitions");
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "Input",
                        "{\"BucketName\": \"input-bucket\", \"VersioningConfiguration\":"
                            + " {\"Status\": \"Enabled\", \"MfaDelete\": \"Enabled\"}}")),
            "InvalidRequest")
        .contains("extraneous key [MfaDelete] is not permitted");

    assertThat(world.s3.buckets().listBuckets(world.root)).isEmpty();
  }

  @Test
  void delete_ofABucketWithObjects_failsAsS3Does_andAGoneBucketDeletes() {
    Provisioned bucket =
        handler.create(world.request("Input", "{\"BucketName\": \"input-bucket\"}"));
    byte[] bytes = "zip".getBytes();
    world
        .s3
        .objects()
        .putObject(
            world.root,
            new PutObjectRequest(
                "input-bucket",
                "sample-website.zip",
                new ByteArrayInputStream(bytes),
                bytes.length,
                Map.of(),
                BodyIntegrity.NONE,
                AccessControlList.NONE,
                Map.of(),
                null,
                null,
                null));

    assertAwsError(() -> handler.delete(world.request("Input", "{}"), bucket), "BucketNotEmpty")
        .isEqualTo("The bucket you tried to delete is not empty");

    world.s3.objects().deleteObject(world.root, "input-bucket", "sample-website.zip", null);
    handler.delete(world.request("Input", "{}"), bucket);
    assertThat(world.s3.buckets().listBuckets(world.root)).isEmpty();
    handler.delete(world.request("Input", "{}"), bucket);
  }
}
