package ferry.iam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.model.Credentials;

/** GetUser without a UserName: the caller itself, the root user, or AWS's error for a role. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamGetUserWireTest {
  RunningFerry ferry;
  IamClient prod;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ferry = RunningFerry.start(dir);
    prod = ferry.iam("prod");
  }

  @AfterAll
  void stop() throws Exception {
    ferry.close();
  }

  @Test
  void theRootUser_getsItselfAsAWSAnswersIt() {
    User root = prod.getUser().user();

    assertThat(root.userId()).isEqualTo("222222222222");
    assertThat(root.arn()).isEqualTo("arn:aws:iam::222222222222:root");
    assertThat(root.createDate()).isNotNull();
    assertThat(root.userName()).isNull();
  }

  @Test
  void anIamUser_getsItself_andARoleSession_isAValidationError() {
    prod.createUser(r -> r.userName("dora"));
    prod.putUserPolicy(r ->
        r.userName("dora")
            .policyName("self")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Action":["iam:GetUser","sts:AssumeRole"],"Resource":"*"}]}\
                """));
    AccessKey key = prod.createAccessKey(r -> r.userName("dora")).accessKey();
    var dora =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));

    assertThat(ferry.iam(dora).getUser().user().userName()).isEqualTo("dora");

    prod.createRole(r ->
        r.roleName("doras-role")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"AWS":"arn:aws:iam::222222222222:user/dora"},\
                "Action":"sts:AssumeRole"}]}\
                """));
    Credentials session =
        ferry
            .sts(dora)
            .assumeRole(
                r -> r.roleArn("arn:aws:iam::222222222222:role/doras-role").roleSessionName("s1"))
            .credentials();
    IamClient asRole =
        ferry.iam(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    session.accessKeyId(), session.secretAccessKey(), session.sessionToken())));
    IamException error = catchThrowableOfType(IamException.class, asRole::getUser);
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Must specify userName when calling with non-User credentials");
  }
}
