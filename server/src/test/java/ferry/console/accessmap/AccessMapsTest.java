package ferry.console.accessmap;

import static ferry.testing.IdentityServices.DEV;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.console.accessmap.AccessMap.Access;
import ferry.console.accessmap.AccessMap.Edge;
import ferry.console.accessmap.AccessMap.Grant;
import ferry.console.accessmap.AccessMap.Kind;
import ferry.iam.EntityKind;
import ferry.iam.IamRoles;
import ferry.iam.IamService;
import ferry.iam.ManagedPolicy;
import ferry.kms.CreateKeyRequest;
import ferry.kms.KmsKey;
import ferry.kms.KmsService;
import ferry.policy.PolicyParser;
import ferry.s3.AccessControlList;
import ferry.s3.CreateBucketRequest;
import ferry.s3.S3Service;
import ferry.s3.ServerSideEncryption;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import ferry.testing.GuideDocuments;
import ferry.testing.IdentityServices;
import ferry.testing.TestKms;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's accounts after steps 1 to 6, made through IAM, KMS and S3 as the guide makes them:
 * the map shows dev's pipeline service role → prod's prods3role → the output bucket and dev's key,
 * and breaking one grant removes exactly the edge it made.
 */
class AccessMapsTest {
  static final String SERVICE_ROLE_NAME = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE_NAME;
  static final String PROD_ROLE = "arn:aws:iam::222222222222:role/prods3role";
  static final String ARTIFACTS = "codepipeline-us-east-1-0123456789";
  static final String OUTPUT = "codepipeline-output-bucket";

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  KmsService kms;
  S3Service s3;
  Caller dev;
  Caller prod;
  String keyArn;
  ManagedPolicy assumeProdS3Role;
  AccessMaps maps;

  @BeforeEach
  void guide() {
    services = new IdentityServices(dir);
    iam = services.iam;
    dev = services.root(DEV);
    prod = services.root(PROD);
    kms = TestKms.on(services.db, dir, services.authorizer, services.clock);
    s3 =
        new S3Service(
            new BucketRepository(services.db),
            new ObjectRepository(services.db),
            new UploadRepository(services.db),
            new BlobFiles(dir),
            ServerKey.inFile(dir.resolve("s3-server.key")),
            kms,
            services.authorizer,
            services.clock);

    // Step 1: the key, with its administrators, its users and the prod account.
    iam.users().createUser(dev, null, "admin");
    KmsKey key =
        kms.keys()
            .createKey(
                dev,
                CreateKeyRequest.symmetric("s3deploykey")
                    .withPolicy(GuideDocuments.read("dev/s3deploykey-policy-initial.json")))
            .key();
    kms.aliases().createAlias(dev, "alias/s3deploykey", key.keyId());
    keyArn = key.arn();
    // Step 2: the pipeline's service role and buckets.
    iam.roles()
        .createRole(
            dev,
            new IamRoles.CreateRoleRequest(
                SERVICE_ROLE_NAME,
                "/service-role/",
                GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
                null,
                null,
                Map.of()));
    iam.entityPolicies()
        .putInlinePolicy(
            dev,
            EntityKind.ROLE,
            SERVICE_ROLE_NAME,
            "AWSCodePipelineServiceRole-policy",
            GuideDocuments.read("dev/codepipeline-service-role-policy.json"));
    bucket(dev, "codepipeline-input-bucket");
    bucket(dev, ARTIFACTS);
    s3.configuration()
        .putBucketEncryption(
            dev, ARTIFACTS, new ServerSideEncryption(ServerSideEncryption.AWS_KMS, keyArn, false));
    // Step 3: the service role becomes a key user.
    kms.policies()
        .putKeyPolicy(
            dev, key.keyId(), "default", GuideDocuments.read("dev/s3deploykey-policy.json"), false);
    // Step 4: prod's policies and prods3role, trusted by the service role.
    bucket(prod, OUTPUT);
    iam.roles()
        .createRole(
            prod,
            new IamRoles.CreateRoleRequest(
                "prods3role",
                null,
                GuideDocuments.read("prod/prods3role-trust.json"),
                null,
                null,
                Map.of()));
    for (String name : List.of("outputbucketdeployaccess", "devkmss3access")) {
      String document =
          GuideDocuments.read("prod/" + name + ".json").replace("DEV_KEY_ID", key.keyId());
      ManagedPolicy policy = iam.managedPolicies().createPolicy(prod, name, null, document, null);
      iam.entityPolicies().attachPolicy(prod, EntityKind.ROLE, "prods3role", policy.arn());
    }
    // Step 5: the artifact bucket lets prod in.
    s3.configuration()
        .putBucketPolicy(dev, ARTIFACTS, GuideDocuments.read("dev/artifact-bucket-policy.json"));
    // Step 6: the service role may assume prods3role.
    assumeProdS3Role =
        iam.managedPolicies()
            .createPolicy(
                dev,
                "assumeprods3role",
                null,
                GuideDocuments.read("dev/assumeprods3role.json"),
                null);
    iam.entityPolicies()
        .attachPolicy(dev, EntityKind.ROLE, SERVICE_ROLE_NAME, assumeProdS3Role.arn());

    maps = AccessMaps.on(services.db, new PolicyParser(), services.clock);
  }

  private void bucket(Caller owner, String name) {
    s3.buckets()
        .createBucket(
            owner, new CreateBucketRequest(name, Region.US_EAST_1, null, AccessControlList.NONE));
  }

  @AfterEach
  void stop() {
    services.close();
  }

  @Test
  void theGuidesMap_showsTheServiceRole_assumingProdS3Role_writingTheOutputAndUsingTheKey() {
    AccessMap map = maps.compute();
    assertThat(map.accounts()).extracting(AccessMap.Account::name).containsExactly("dev", "prod");
    assertThat(map.node(SERVICE_ROLE))
        .hasValueSatisfying(n -> assertThat(n.kind()).isEqualTo(Kind.ROLE));
    assertThat(map.node("arn:aws:s3:::" + OUTPUT))
        .hasValueSatisfying(n -> assertThat(n.account()).isEqualTo(PROD));
    assertThat(map.node(keyArn))
        .hasValueSatisfying(n -> assertThat(n.label()).isEqualTo("alias/s3deploykey"));

    Edge assume = map.edge(SERVICE_ROLE, PROD_ROLE, Access.ASSUME).orElseThrow();
    assertThat(assume.action()).isEqualTo("sts:AssumeRole");
    assertThat(assume.grants())
        .extracting(Grant::policy)
        .containsExactlyInAnyOrder(
            "arn:aws:iam::111111111111:policy/assumeprods3role", "trust policy of role prods3role");

    Edge write = map.edge(PROD_ROLE, "arn:aws:s3:::" + OUTPUT, Access.WRITE).orElseThrow();
    assertThat(write.action()).isEqualTo("s3:PutObject");
    assertThat(write.resource()).isEqualTo("arn:aws:s3:::codepipeline-output-bucket/*");
    assertThat(write.grants())
        .extracting(Grant::policy)
        .containsExactly("arn:aws:iam::222222222222:policy/outputbucketdeployaccess");

    Edge decrypt = map.edge(PROD_ROLE, keyArn, Access.DECRYPT).orElseThrow();
    assertThat(decrypt.grants())
        .extracting(Grant::policy)
        .containsExactlyInAnyOrder(
            "arn:aws:iam::222222222222:policy/devkmss3access", "key policy of " + keyArn);
    assertThat(decrypt.grants())
        .filteredOn(g -> g.policy().startsWith("key policy"))
        .extracting(Grant::sid)
        .containsExactly("Allow use of the key");
    Edge encrypt = map.edge(PROD_ROLE, keyArn, Access.ENCRYPT).orElseThrow();
    assertThat(encrypt.action()).isEqualTo("kms:GenerateDataKey");

    // prods3role reads the artifacts across accounts: its own policy and the bucket policy.
    assertThat(map.edge(PROD_ROLE, "arn:aws:s3:::" + ARTIFACTS, Access.READ)).isPresent();
    // Nothing lets prods3role write the input bucket, nor assume dev's service role.
    assertThat(map.edge(PROD_ROLE, "arn:aws:s3:::codepipeline-input-bucket", Access.WRITE))
        .isEmpty();
    assertThat(map.edge(PROD_ROLE, SERVICE_ROLE, Access.ASSUME)).isEmpty();
    // The drawing links the chain's three edges.
    String svg = new AccessMapSvg(e -> "#" + e.access().word()).render(map.withoutOwnership());
    assertThat(svg)
        .contains(
            "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy (111111111111) may assume"
                + " prods3role (222222222222)",
            "prods3role (222222222222) may write codepipeline-output-bucket (222222222222)",
            "prods3role (222222222222) may decrypt alias/s3deploykey (111111111111)");
    // A root user may assume no role, whatever a trust policy says.
    assertThat(map.edges())
        .noneMatch(e -> e.access() == Access.ASSUME && e.from().endsWith(":root"));
  }

  @Test
  void devsView_followsTheRoleItMayAssume_intoProdsBucket_butShowsNoOtherOfProdsAccess() {
    AccessMap dev = maps.compute().withoutOwnership().seenFrom(DEV);

    assertThat(dev.edge(SERVICE_ROLE, PROD_ROLE, Access.ASSUME)).isPresent();
    assertThat(dev.edge(PROD_ROLE, "arn:aws:s3:::" + OUTPUT, Access.WRITE)).isPresent();
    assertThat(dev.edge(PROD_ROLE, keyArn, Access.DECRYPT)).isPresent();
    // Every edge starts at a principal dev has or may become, or ends in dev.
    assertThat(dev.edges())
        .allMatch(e -> inDev(dev, e.from()) || e.from().equals(PROD_ROLE) || inDev(dev, e.to()));
  }

  private static boolean inDev(AccessMap map, String arn) {
    return map.node(arn).orElseThrow().account().equals(DEV);
  }

  @Test
  void withoutTheTrustStatement_onlyTheAssumeEdgeIsGone() {
    Set<String> before = keys(maps.compute());

    iam.roles()
        .updateAssumeRolePolicy(
            prod,
            "prods3role",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}
            """);

    Set<String> expected = new HashSet<>(before);
    assertThat(expected.remove(SERVICE_ROLE + " assume " + PROD_ROLE)).isTrue();
    assertThat(keys(maps.compute())).isEqualTo(expected);
  }

  @Test
  void withoutAssumeProdS3Role_onlyTheAssumeEdgeIsGone() {
    Set<String> before = keys(maps.compute());

    iam.entityPolicies()
        .detachPolicy(dev, EntityKind.ROLE, SERVICE_ROLE_NAME, assumeProdS3Role.arn());

    Set<String> expected = new HashSet<>(before);
    assertThat(expected.remove(SERVICE_ROLE + " assume " + PROD_ROLE)).isTrue();
    assertThat(keys(maps.compute())).isEqualTo(expected);
  }

  @Test
  void withoutProdInTheKeyPolicy_prodS3RoleLosesTheKey_andNothingElse() {
    Set<String> before = keys(maps.compute());

    String keyId = keyArn.substring(keyArn.lastIndexOf('/') + 1);
    kms.policies()
        .putKeyPolicy(
            dev,
            keyId,
            "default",
            GuideDocuments.read("dev/s3deploykey-policy.json")
                .replace("\"arn:aws:iam::222222222222:root\",", ""),
            false);

    Set<String> expected = new HashSet<>(before);
    for (Access access : List.of(Access.DECRYPT, Access.ENCRYPT)) {
      assertThat(expected.remove(PROD_ROLE + " " + access.word() + " " + keyArn)).isTrue();
      // prod's root loses the key too: the statement named the prod account.
      assertThat(expected.remove("arn:aws:iam::222222222222:root " + access.word() + " " + keyArn))
          .isTrue();
    }
    assertThat(keys(maps.compute())).isEqualTo(expected);
  }

  @Test
  void theOwningRoot_reachesItsOwnBuckets_withoutAStatement() {
    Edge edge =
        maps.compute()
            .edge("arn:aws:iam::222222222222:root", "arn:aws:s3:::" + OUTPUT, Access.READ)
            .orElseThrow();

    assertThat(edge.grants())
        .extracting(Grant::policy)
        .containsExactly("root user of 222222222222");
    assertThat(edge.isOwnership()).isTrue();
    assertThat(maps.compute().withoutOwnership().edges())
        .noneMatch(Edge::isOwnership)
        .anyMatch(e -> e.from().equals(PROD_ROLE));
  }

  private static Set<String> keys(AccessMap map) {
    Set<String> keys = new HashSet<>();
    for (Edge edge : map.edges()) {
      keys.add(edge.from() + " " + edge.access().word() + " " + edge.to());
    }
    return keys;
  }
}
