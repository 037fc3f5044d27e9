package ferry.accessanalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.accessanalyzer.PolicyGenerator.Use;
import ferry.accessanalyzer.UnusedAccess.ActionUse;
import ferry.accessanalyzer.UnusedAccess.PolicyUse;
import ferry.accessanalyzer.UnusedAccess.StatementUse;
import ferry.authz.PrincipalPolicies.NamedPolicy;
import ferry.policy.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnusedAccessTest {
  private static final PolicyParser PARSER = new PolicyParser();

  private static final String GUIDE =
      """
      {"Version":"2012-10-17","Statement":[
        {"Sid":"Write","Effect":"Allow","Action":["s3:Put*","s3:DeleteObject"],
         "Resource":"arn:aws:s3:::out/*"},
        {"Sid":"Read","Effect":"Allow","Action":["s3:Get*","s3:ListBucket"],
         "Resource":["arn:aws:s3:::in","arn:aws:s3:::in/*"]},
        {"Effect":"Allow","Action":"kms:*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}
      """;

  private static List<PolicyUse> unused(List<Use> uses) {
    return UnusedAccess.of(List.of(new NamedPolicy("guide", GUIDE)), uses, null, PARSER);
  }

  @Test
  void aWildcardThatMatchedUsedActions_namesThem_andAStatementNeverUsedIsUnused() {
    var statements =
        unused(
                List.of(
                    new Use("s3:PutObject", "arn:aws:s3:::out/index.html", null),
                    new Use("s3:PutObject", "arn:aws:s3:::out/app.js", null),
                    new Use(
                        "s3:GetObject", "arn:aws:s3:::in/site.zip", "codepipeline.amazonaws.com")))
            .getFirst()
            .statements();

    // The Deny statement grants nothing, so it is not listed.
    assertThat(statements)
        .extracting(StatementUse::statement)
        .containsExactly(
            "statement 1 (Sid \"Write\")", "statement 2 (Sid \"Read\")", "statement 3");
    assertThat(statements.get(0).used()).isTrue();
    assertThat(statements.get(0).actions())
        .containsExactly(
            new ActionUse("s3:Put*", true, List.of("s3:PutObject")),
            new ActionUse("s3:DeleteObject", false, List.of()));
    assertThat(statements.get(1).actions())
        .containsExactly(
            new ActionUse("s3:Get*", true, List.of("s3:GetObject")),
            new ActionUse("s3:ListBucket", false, List.of()));
    assertThat(statements.get(2).used()).isFalse();
    assertThat(statements.get(2).actions())
        .containsExactly(new ActionUse("kms:*", true, List.of()));
  }

  @Test
  void aUseOnAResourceTheStatementDoesNotName_doesNotCountForIt() {
    var statements =
        unused(List.of(new Use("s3:PutObject", "arn:aws:s3:::elsewhere/index.html", null)))
            .getFirst()
            .statements();

    assertThat(statements.get(0).used()).isFalse();
    assertThat(statements.get(0).actions().get(0).usedActions()).isEmpty();
  }

  @Test
  void anExactActionThatWasUsed_isFullyUsed_matchingIgnoresCase() {
    var policy =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"S3:deleteobject",
         "Resource":"*"}]}\
        """;

    var statement =
        UnusedAccess.of(
                List.of(new NamedPolicy("p", policy)),
                List.of(new Use("s3:DeleteObject", "arn:aws:s3:::out/a", null)),
                null,
                PARSER)
            .getFirst()
            .statements()
            .getFirst();

    assertThat(statement.actions().getFirst().fullyUsed()).isTrue();
    assertThat(statement.actions().getFirst().usedActions()).containsExactly("s3:DeleteObject");
  }

  @Test
  void aNotActionStatement_isOneEntryWithTheActionsItCovered() {
    var policy =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*",
         "Resource":"*"}]}\
        """;

    var statement =
        UnusedAccess.of(
                List.of(new NamedPolicy("p", policy)),
                List.of(
                    new Use("iam:CreateUser", "arn:aws:iam::111111111111:user/u", null),
                    new Use("sts:GetCallerIdentity", "*", null)),
                null,
                PARSER)
            .getFirst()
            .statements()
            .getFirst();

    assertThat(statement.actions())
        .containsExactly(new ActionUse("NotAction iam:*", true, List.of("sts:GetCallerIdentity")));
  }

  @Test
  void aUsersNameFillsTheUsernameVariable() {
    var policy =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
         "Resource":"arn:aws:s3:::home/${aws:username}/*"}]}\
        """;
    var uses = List.of(new Use("s3:GetObject", "arn:aws:s3:::home/alice/notes", null));

    var asAlice =
        UnusedAccess.of(List.of(new NamedPolicy("p", policy)), uses, "alice", PARSER).getFirst();
    var asBob =
        UnusedAccess.of(List.of(new NamedPolicy("p", policy)), uses, "bob", PARSER).getFirst();

    assertThat(asAlice.statements().getFirst().used()).isTrue();
    assertThat(asBob.statements().getFirst().used()).isFalse();
  }

  @Test
  void everyPolicyIsReported_evenWithoutUses() {
    var result =
        UnusedAccess.of(
            List.of(new NamedPolicy("a", GUIDE), new NamedPolicy("b", GUIDE)),
            List.of(),
            null,
            PARSER);

    assertThat(result).extracting(PolicyUse::policy).containsExactly("a", "b");
    assertThat(result.get(1).statements()).noneMatch(StatementUse::used);
  }
}
