package ferry.ssm.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.Tag;

/** Parameter Store through the AWS SDK for Java v2. */
class SsmWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static SsmClient dev;

  @BeforeAll
  static void start() {
    dev = ssm(ferry.credentials("dev"));
  }

  @AfterAll
  static void stop() {
    dev.close();
  }

  static SsmClient ssm(AwsCredentialsProvider credentials) {
    return SsmClient.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(credentials)
        .build();
  }

  @Test
  void putGetOverwriteAndHistory() {
    var put =
        dev.putParameter(b ->
            b.name("/wire/db/host")
                .value("db.internal")
                .type(ParameterType.STRING)
                .description("the database")
                .tags(Tag.builder().key("team").value("web").build()));
    assertThat(put.version()).isEqualTo(1);
    assertThat(put.tier()).isEqualTo(ParameterTier.STANDARD);

    Parameter read = dev.getParameter(b -> b.name("/wire/db/host")).parameter();
    assertThat(read.value()).isEqualTo("db.internal");
    assertThat(read.arn()).isEqualTo("arn:aws:ssm:us-east-1:111111111111:parameter/wire/db/host");
    assertThat(read.lastModifiedDate()).isNotNull();
    assertThat(read.dataType()).isEqualTo("text");

    assertThatThrownBy(() ->
            dev.putParameter(b -> b.name("/wire/db/host").value("x").type(ParameterType.STRING)))
        .isInstanceOf(ParameterAlreadyExistsException.class);
    assertThat(
            dev.putParameter(b -> b.name("/wire/db/host").value("db2").overwrite(true)).version())
        .isEqualTo(2);

    GetParameterResponse first = dev.getParameter(b -> b.name("/wire/db/host:1"));
    assertThat(first.parameter().value()).isEqualTo("db.internal");
    assertThat(first.parameter().selector()).isEqualTo(":1");
    assertThatThrownBy(() -> dev.getParameter(b -> b.name("/wire/db/host:9")))
        .isInstanceOf(ParameterVersionNotFoundException.class);

    var history = dev.getParameterHistory(b -> b.name("/wire/db/host")).parameters();
    assertThat(history).extracting(h -> h.version()).containsExactly(1L, 2L);
    assertThat(history.get(1).description()).isEqualTo("the database");
    assertThat(history.get(1).lastModifiedUser()).isEqualTo("arn:aws:iam::111111111111:root");

    assertThat(
            dev.listTagsForResource(b ->
                    b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/wire/db/host"))
                .tagList())
        .containsExactly(Tag.builder().key("team").value("web").build());
  }

  @Test
  void getParametersAndByPath() {
    for (String name : List.of("/path/a", "/path/b", "/path/deep/c")) {
      dev.putParameter(b -> b.name(name).value("v-" + name).type(ParameterType.STRING_LIST));
    }
    GetParametersResponse many = dev.getParameters(b -> b.names("/path/a", "/path/none"));
    assertThat(many.parameters()).extracting(Parameter::name).containsExactly("/path/a");
    assertThat(many.invalidParameters()).containsExactly("/path/none");

    GetParametersByPathResponse oneLevel = dev.getParametersByPath(b -> b.path("/path"));
    assertThat(oneLevel.parameters())
        .extracting(Parameter::name)
        .containsExactly("/path/a", "/path/b");
    List<String> all =
        dev
            .getParametersByPathPaginator(b -> b.path("/path").recursive(true).maxResults(1))
            .stream()
            .flatMap(page -> page.parameters().stream())
            .map(Parameter::name)
            .toList();
    assertThat(all).containsExactly("/path/a", "/path/b", "/path/deep/c");

    List<String> described =
        dev
            .describeParametersPaginator(b ->
                b.maxResults(1)
                    .parameterFilters(
                        ParameterStringFilter.builder()
                            .key("Path")
                            .option("Recursive")
                            .values("/path")
                            .build()))
            .stream()
            .flatMap(page -> page.parameters().stream())
            .map(ParameterMetadata::name)
            .toList();
    assertThat(described).containsExactly("/path/a", "/path/b", "/path/deep/c");

    var deleted = dev.deleteParameters(b -> b.names("/path/a", "/path/b", "/path/zz"));
    assertThat(deleted.deletedParameters()).containsExactly("/path/a", "/path/b");
    assertThat(deleted.invalidParameters()).containsExactly("/path/zz");
    dev.deleteParameter(b -> b.name("/path/deep/c"));
    assertThatThrownBy(() -> dev.deleteParameter(b -> b.name("/path/deep/c")))
        .isInstanceOf(ParameterNotFoundException.class);
  }

  @Test
  void secureStringRoundTrip() {
    dev.putParameter(
        b -> b.name("/wire/secret").value("hunter2").type(ParameterType.SECURE_STRING));
    Parameter hidden = dev.getParameter(b -> b.name("/wire/secret")).parameter();
    assertThat(hidden.value()).isNotEqualTo("hunter2");
    assertThat(
            dev.getParameter(b -> b.name("/wire/secret").withDecryption(true)).parameter().value())
        .isEqualTo("hunter2");
    ParameterMetadata metadata =
        dev.describeParameters(b ->
                b.parameterFilters(
                    ParameterStringFilter.builder().key("Name").values("/wire/secret").build()))
            .parameters()
            .getFirst();
    assertThat(metadata.keyId()).isEqualTo("alias/aws/ssm");
    assertThat(metadata.typeAsString()).isEqualTo("SecureString");
  }

  @Test
  void badInput_isAClientError_andTheNextRequestSucceeds() {
    assertThatThrownBy(() -> dev.putParameter(b -> b.name("/aws/mine").value("v").type("String")))
        .isInstanceOfSatisfying(
            SsmException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
            });
    assertThatThrownBy(
            () -> dev.putParameter(b -> b.name("/big").value("x".repeat(5000)).type("String")))
        .isInstanceOfSatisfying(
            SsmException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("4096 characters"));
    assertThatThrownBy(() -> dev.putParameter(b -> b.name("/typed").value("v").type("Number")))
        .isInstanceOfSatisfying(
            SsmException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> dev.getParameter(b -> b.name("/never")))
        .isInstanceOf(ParameterNotFoundException.class);
    assertThat(dev.putParameter(b -> b.name("/after-errors").value("v").type("String")).version())
        .isEqualTo(1);
  }

  @Test
  void aUserWithoutTheGrant_isDenied() {
    IamClient iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("ssm-reader"));
    iam.putUserPolicy(b ->
        b.userName("ssm-reader")
            .policyName("read-app")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["ssm:GetParameter","ssm:GetParametersByPath"],
                 "Resource":"arn:aws:ssm:us-east-1:111111111111:parameter/app*"}]}\
                """));
    AccessKey key = iam.createAccessKey(b -> b.userName("ssm-reader")).accessKey();
    dev.putParameter(b -> b.name("/app/x").value("1").type("String"));
    dev.putParameter(b -> b.name("/ops/x").value("2").type("String"));
    try (SsmClient reader =
        ssm(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))) {
      assertThat(reader.getParameter(b -> b.name("/app/x")).parameter().value()).isEqualTo("1");
      assertThat(reader.getParametersByPath(b -> b.path("/app")).parameters()).hasSize(1);
      assertThatThrownBy(() -> reader.getParameter(b -> b.name("/ops/x")))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> {
                assertThat(e.getMessage()).contains("ssm:GetParameter");
                assertThat(
                        e.awsErrorDetails()
                            .sdkHttpResponse()
                            .firstMatchingHeader("x-ferry-decision-id"))
                    .isPresent();
              });
      assertThatThrownBy(() -> reader.putParameter(b -> b.name("/app/y").value("v").type("String")))
          .isInstanceOf(AccessDeniedException.class);
    }
    assertThatThrownBy(() -> dev.getParameter(b -> b.name("/app/y")))
        .isInstanceOf(ParameterNotFoundException.class);
  }

  @Test
  void otherSsmOperations_areRefused() {
    assertThatThrownBy(() -> dev.listDocuments())
        .isInstanceOfSatisfying(
            SsmException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
              assertThat(e.getMessage()).contains("ListDocuments");
            });
  }
}
