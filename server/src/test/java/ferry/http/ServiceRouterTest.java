package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.ServiceApi;
import ferry.protocol.json.JsonApi;
import ferry.protocol.json.JsonOperation;
import ferry.protocol.query.QueryApi;
import ferry.protocol.query.QueryOperation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which service a request is for, from its credential scope, or without one from its hints. */
class ServiceRouterTest {
  static final ServiceApi S3 =
      new ServiceApi() {
        @Override
        public String signingName() {
          return "s3";
        }

        @Override
        public WireProtocol protocol() {
          return WireProtocol.REST_XML;
        }

        @Override
        public java.util.Set<String> implementedOperations() {
          return java.util.Set.of();
        }

        @Override
        public void serve(ApiRequest request, ApiResponse response) {}
      };

  static final ServiceRouter ROUTER =
      new ServiceRouter(
          List.of(
              S3,
              query("iam", "2010-05-08", "ListUsers"),
              query("sts", "2011-06-15", "GetCallerIdentity"),
              json("kms", "TrentService"),
              json("events", "AWSEvents")));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "signed for iam,                iam, -,                     -,                 -,          localhost, iam",
        "signed for s3 with an Action,  s3,  -,                     GetCallerIdentity, 2011-06-15, localhost, s3",
        "a KMS target,                  -,   TrentService.ListKeys, -,                 -,          localhost, kms",
        "an EventBridge target,         -,   AWSEvents.ListRules,   -,                 -,          localhost, events",
        "STS by Version,                -,   -,                     ListUsers,         2011-06-15, localhost, sts",
        "IAM by Version,                -,   -,                     GetCallerIdentity, 2010-05-08, localhost, iam",
        "IAM by Host,                   -,   -,                     GetCallerIdentity, -,          iam.amazonaws.com, iam",
        "STS by regional Host,          -,   -,                     ListUsers,         -,          sts.eu-west-1.amazonaws.com, sts",
        "STS by its Action,             -,   -,                     GetCallerIdentity, -,          localhost, sts",
        "IAM by its Action,             -,   -,                     ListUsers,         -,          localhost, iam",
        "no hint at all,                -,   -,                     -,                 -,          localhost, s3",
      })
  void routes(
      String name,
      @Nullable String signingName,
      @Nullable String target,
      @Nullable String action,
      @Nullable String version,
      String host,
      String expected) {
    var hints = new ServiceHints(signingName, target, action, version, host);
    assertThat(ROUTER.route(hints).signingName()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "an unserved signing name,  dynamodb, -,                           -,       UnknownService,            QUERY",
        "an unknown X-Amz-Target,   -,        DynamoDB_20120810.ListTables, -,       UnknownOperationException, JSON",
      })
  void refuses_inTheFamilyTheRequestLooksLike(
      String name,
      @Nullable String signingName,
      @Nullable String target,
      @Nullable String action,
      String code,
      WireProtocol protocol) {
    var hints = new ServiceHints(signingName, target, action, null, "localhost");
    assertThatThrownBy(() -> ROUTER.route(hints))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    assertThat(ROUTER.protocolFor(hints)).isEqualTo(protocol);
  }

  private static QueryApi query(String signingName, String version, String action) {
    QueryOperation none = (parameters, request) -> null;
    return new QueryApi(signingName, version) {
      @Override
      protected Map<String, QueryOperation> operations() {
        return Map.of(action, none);
      }
    };
  }

  private static JsonApi json(String signingName, String prefix) {
    return new JsonApi(signingName, prefix) {
      @Override
      protected Map<String, JsonOperation> operations() {
        return Map.of();
      }
    };
  }
}
