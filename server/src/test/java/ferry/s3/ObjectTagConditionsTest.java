package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tag condition keys of S3: s3:ExistingObjectTag/&lt;key&gt; on requests on an existing
 * version, s3:RequestObjectTag/&lt;key&gt; and s3:RequestObjectTagKeys on requests that set tags.
 */
class ObjectTagConditionsTest {
  @TempDir Path dataDir;
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "tagged");
    put(f.dev, "public.txt", Map.of("security", "public"));
    put(f.dev, "secret.txt", Map.of("security", "secret"));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void existingObjectTag_allowsReadingOnlyObjectsWithTheTag() {
    Caller reader =
        f.user(
            S3Fixture.DEV,
            "reader",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",
             "s3:GetObjectTagging","s3:GetObjectAcl","s3:PutObjectAcl"],
             "Resource":"arn:aws:s3:::tagged/*",
             "Condition":{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}}]}\
            """);
    assertThat(f.read(reader, "tagged", "public.txt")).isEqualTo("public.txt");
    assertThat(f.s3.subresources().getObjectTagging(reader, "tagged", "public.txt", null))
        .containsEntry("security", "public");
    f.s3.subresources().getObjectAcl(reader, "tagged", "public.txt", null);
    f.s3.subresources().putObjectAcl(reader, "tagged", "public.txt", null, AccessControlList.NONE);

    assertAwsError(() -> f.read(reader, "tagged", "secret.txt"), "AccessDenied")
        .contains("s3:GetObject");
    assertAwsError(
            () -> f.s3.subresources().getObjectTagging(reader, "tagged", "secret.txt", null),
            "AccessDenied")
        .contains("s3:GetObjectTagging");
    assertAwsError(
            () -> f.s3.subresources().getObjectAcl(reader, "tagged", "secret.txt", null),
            "AccessDenied")
        .contains("s3:GetObjectAcl");
  }

  @Test
  void existingObjectTag_followsTheTagsOfTheVersion_asTheyChange() {
    Caller reader =
        f.user(
            S3Fixture.DEV,
            "reader",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
             "Resource":"*",
             "Condition":{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}}]}\
            """);
    f.s3.subresources().putObjectTagging(f.dev, "tagged", "secret.txt", null, Map.of());
    assertAwsError(() -> f.read(reader, "tagged", "secret.txt"), "AccessDenied");
    f.s3
        .subresources()
        .putObjectTagging(f.dev, "tagged", "secret.txt", null, Map.of("security", "public"));
    assertThat(f.read(reader, "tagged", "secret.txt")).isEqualTo("secret.txt");
  }

  @Test
  void existingObjectTag_inADeny_blocksChangingTheTagsOfAProtectedObject() {
    Caller tagger =
        f.user(
            S3Fixture.DEV,
            "tagger",
            """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":["s3:PutObjectTagging","s3:DeleteObjectTagging"],
              "Resource":"*"},
             {"Effect":"Deny","Action":["s3:PutObjectTagging","s3:DeleteObjectTagging"],
              "Resource":"*",
              "Condition":{"StringEquals":{"s3:ExistingObjectTag/security":"secret"}}}]}\
            """);
    assertAwsError(
            () ->
                f.s3
                    .subresources()
                    .putObjectTagging(tagger, "tagged", "secret.txt", null, Map.of("a", "b")),
            "AccessDenied")
        .contains("explicit deny");
    assertAwsError(
        () -> f.s3.subresources().deleteObjectTagging(tagger, "tagged", "secret.txt", null),
        "AccessDenied");
    assertThat(f.s3.subresources().getObjectTagging(f.dev, "tagged", "secret.txt", null))
        .containsExactlyEntriesOf(Map.of("security", "secret"));
    f.s3.subresources().deleteObjectTagging(tagger, "tagged", "public.txt", null);
    assertThat(f.s3.subresources().getObjectTagging(f.dev, "tagged", "public.txt", null)).isEmpty();
  }

  @Test
  void requestObjectTagKeys_limitsTheKeysAWriterMaySet_onPutObjectAndPutObjectTagging() {
    Caller writer =
        f.user(
            S3Fixture.DEV,
            "writer",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Action":["s3:PutObject","s3:PutObjectTagging"],"Resource":"*",
             "Condition":{"ForAllValues:StringEquals":
               {"s3:RequestObjectTagKeys":["Owner","CreationDate"]}}}]}\
            """);
    put(writer, "ok.txt", Map.of("Owner", "ann", "CreationDate", "2030"));
    assertThat(f.s3.subresources().getObjectTagging(f.dev, "tagged", "ok.txt", null))
        .containsEntry("Owner", "ann");
    assertAwsError(
            () -> put(writer, "bad.txt", Map.of("Owner", "ann", "Cost", "1")), "AccessDenied")
        .contains("s3:PutObject");
    assertAwsError(
        () ->
            f.s3.objects().headObject(f.dev, new GetObjectRequest("tagged", "bad.txt", null, null)),
        "NoSuchKey");
  }

  @Test
  void requestObjectTag_requiresTheValue_onPutObjectTagging_copy_andMultipart() {
    Caller writer =
        f.user(
            S3Fixture.DEV,
            "writer",
            """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectTagging"],"Resource":"*"},
             {"Effect":"Allow","Action":["s3:PutObject","s3:PutObjectTagging"],"Resource":"*",
              "Condition":{"StringEquals":{"s3:RequestObjectTag/env":"dev"}}}]}\
            """);
    f.s3
        .subresources()
        .putObjectTagging(writer, "tagged", "public.txt", null, Map.of("env", "dev"));
    assertAwsError(
            () ->
                f.s3
                    .subresources()
                    .putObjectTagging(writer, "tagged", "public.txt", null, Map.of("env", "prod")),
            "AccessDenied")
        .contains("s3:PutObjectTagging");
    assertThat(f.s3.subresources().getObjectTagging(f.dev, "tagged", "public.txt", null))
        .containsExactlyEntriesOf(Map.of("env", "dev"));

    f.s3.objects().copyObject(writer, copy("copy-ok", Map.of("env", "dev")));
    assertAwsError(
            () -> f.s3.objects().copyObject(writer, copy("copy-bad", Map.of("env", "prod"))),
            "AccessDenied")
        .contains("s3:PutObject");

    f.s3.uploads().create(writer, upload(Map.of("env", "dev")));
    assertAwsError(
            () -> f.s3.uploads().create(writer, upload(Map.of("env", "prod"))), "AccessDenied")
        .contains("s3:PutObject");
    // Without tags the key is absent and StringEquals does not match.
    assertAwsError(() -> put(writer, "untagged.txt", Map.of()), "AccessDenied");
  }

  private CopyObjectRequest copy(String key, Map<String, String> tags) {
    return new CopyObjectRequest(
        "tagged",
        "public.txt",
        null,
        Preconditions.NONE,
        "tagged",
        key,
        false,
        Map.of(),
        true,
        tags,
        AccessControlList.NONE,
        null,
        null,
        null,
        null);
  }

  private static CreateMultipartUploadRequest upload(Map<String, String> tags) {
    return new CreateMultipartUploadRequest(
        "tagged", "big", Map.of(), AccessControlList.NONE, tags, null, null);
  }

  private PutObjectResult put(Caller caller, String key, Map<String, String> tags) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return f.s3
        .objects()
        .putObject(
            caller,
            new PutObjectRequest(
                "tagged",
                key,
                new ByteArrayInputStream(bytes),
                bytes.length,
                Map.of(),
                BodyIntegrity.NONE,
                AccessControlList.NONE,
                tags,
                null,
                null,
                null));
  }
}
