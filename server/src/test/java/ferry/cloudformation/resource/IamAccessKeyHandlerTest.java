package ferry.cloudformation.resource;

import static ferry.cloudformation.resource.TemplateRequests.allow;
import static ferry.cloudformation.resource.TemplateRequests.assertDenied;
import static ferry.cloudformation.resource.TemplateRequests.json;
import static ferry.cloudformation.resource.TemplateRequests.request;
import static ferry.cloudformation.resource.TemplateRequests.userWith;
import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.DEV;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.iam.AccessKey;
import ferry.iam.IamService;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamAccessKeyHandlerTest {
  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  Caller dev;
  IamAccessKeyHandler handler;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    dev = services.root(DEV);
    handler = new IamAccessKeyHandler(iam);
    iam.users().createUser(dev, null, "ci");
  }

  @AfterEach
  void stop() {
    services.close();
  }

  @Test
  void create_makesAKey_refIsItsId_andTheSecretIsAnAttribute() {
    Provisioned key =
        handler.create(request(dev, "CiKey", "{\"UserName\": \"ci\", \"Serial\": 1}"));

    assertThat(key.physicalId()).matches("AKIA[A-Z2-7]{16}");
    AccessKey stored = iam.users().listAccessKeys(dev, "ci").getFirst();
    assertThat(stored.accessKeyId()).isEqualTo(key.physicalId());
    assertThat(stored.active()).isTrue();
    assertThat(key.attributes())
        .containsEntry("Id", key.physicalId())
        .containsEntry("SecretAccessKey", stored.secretAccessKey());
    assertThat(services.iamCredentials.find(key.physicalId())).isNotNull();
  }

  @Test
  void statusInactive_makesAnInactiveKey_andAnUpdateActivatesIt() {
    String inactive = "{\"UserName\": \"ci\", \"Status\": \"Inactive\"}";
    Provisioned key = handler.create(request(dev, "CiKey", inactive));
    assertThat(iam.users().listAccessKeys(dev, "ci").getFirst().active()).isFalse();

    Provisioned updated =
        handler.update(
            request(dev, "CiKey", "{\"UserName\": \"ci\", \"Status\": \"Active\"}"),
            key,
            json(inactive));

    assertThat(updated).isEqualTo(key);
    assertThat(iam.users().listAccessKeys(dev, "ci").getFirst().active()).isTrue();
  }

  @Test
  void delete_removesTheKey_andAGoneKeyDeletesFine() {
    Provisioned key = handler.create(request(dev, "CiKey", "{\"UserName\": \"ci\"}"));

    handler.delete(request(dev, "CiKey", "{\"UserName\": \"ci\"}"), key);
    handler.delete(request(dev, "CiKey", "{\"UserName\": \"ci\"}"), key);

    assertThat(iam.users().listAccessKeys(dev, "ci")).isEmpty();
  }

  @Test
  void aBadStatus_isRefused_andNoKeyIsMade() {
    assertAwsError(
            () ->
                handler.create(
                    request(dev, "CiKey", "{\"UserName\": \"ci\", \"Status\": \"Expired\"}")),
            "InvalidRequest")
        .endsWith("#/Status: Expired is not a valid enum value");
    assertThat(iam.users().listAccessKeys(dev, "ci")).isEmpty();
  }

  @Test
  void callerWithoutCreateAccessKey_isDenied_andNoKeyIsMade() {
    Caller deployer = userWith(iam, dev, "deployer", allow("iam:ListAccessKeys"));

    var denied =
        assertDenied(() -> handler.create(request(deployer, "CiKey", "{\"UserName\": \"ci\"}")));

    assertThat(denied.getMessage()).contains("iam:CreateAccessKey");
    assertThat(iam.users().listAccessKeys(dev, "ci")).isEmpty();
  }
}
