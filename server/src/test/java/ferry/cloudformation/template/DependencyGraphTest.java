package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  private static DependencyGraph graph(String yaml) {
    return DependencyGraph.of(TemplateReader.read(yaml));
  }

  @Test
  void ordersResourcesInWavesOfIndependentResources() {
    DependencyGraph graph =
        graph(
            """
            Resources:
              Pipeline:
                Type: AWS::CodePipeline::Pipeline
                DependsOn: Policy
                Properties:
                  RoleArn: !GetAtt Role.Arn
                  Store: !Ref Bucket
                  Key: {Id: !Sub "${Key.Arn}"}
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties: {Bucket: !Ref Bucket}
              Role: {Type: AWS::IAM::Role}
              Bucket: {Type: AWS::S3::Bucket}
              Key: {Type: AWS::KMS::Key}
              Alias:
                Type: AWS::KMS::Alias
                Properties: {TargetKeyId: !Ref Key}
            """);
    assertThat(graph.dependencies("Pipeline")).containsExactly("Policy", "Role", "Bucket", "Key");
    assertThat(graph.dependencies("Alias")).containsExactly("Key");
    assertThat(graph.dependents("Key")).containsExactly("Pipeline", "Alias");
    assertThat(graph.creationWaves())
        .containsExactly(
            List.of("Role", "Bucket", "Key"), List.of("Policy", "Alias"), List.of("Pipeline"));
    assertThat(graph.deletionWaves())
        .containsExactly(
            List.of("Pipeline"), List.of("Policy", "Alias"), List.of("Role", "Bucket", "Key"));
    assertThat(graph.creationOrder())
        .containsExactly("Role", "Bucket", "Key", "Policy", "Alias", "Pipeline");
  }

  @Test
  void referencesToParametersAndPseudoParametersAreNotDependencies() {
    DependencyGraph graph =
        graph(
            """
            Parameters:
              Name: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !Sub "${Name}-${AWS::Region}"}
            """);
    assertThat(graph.dependencies("Bucket")).isEmpty();
    assertThat(graph.creationWaves()).containsExactly(List.of("Bucket"));
  }

  @Test
  void dependenciesInsideMetadataAndBothBranchesOfIfCount() {
    DependencyGraph graph =
        graph(
            """
            Conditions:
              C: !Equals [a, b]
            Resources:
              A: {Type: T}
              B: {Type: T}
              User:
                Type: T
                Metadata: {Uses: !Ref A}
                Properties: {X: !If [C, !Ref B, !Ref "AWS::NoValue"]}
            """);
    assertThat(graph.dependencies("User")).containsExactlyInAnyOrder("A", "B");
  }

  private static Evaluator evaluator(Template template, java.util.Map<String, String> parameters) {
    return new Evaluator(
        template,
        new EvaluationContext(
            EvaluatorTest.PSEUDO,
            ParameterResolver.resolve(template, parameters, SsmParameterValues.NONE),
            ResourceLookup.NONE,
            ExportLookup.NONE));
  }

  @Test
  void withConditions_leavesOutExcludedResourcesAndDeadBranches() {
    Template template =
        TemplateReader.read(
            """
            Parameters:
              Env: {Type: String, Default: dev}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              ProdKey: {Type: T, Condition: IsProd}
              DevKey: {Type: T}
              Bucket:
                Type: T
                Properties: {Key: !If [IsProd, !GetAtt ProdKey.Arn, !Ref DevKey]}
            """);
    DependencyGraph dev = DependencyGraph.of(template, evaluator(template, java.util.Map.of()));
    assertThat(dev.creationWaves()).containsExactly(List.of("DevKey"), List.of("Bucket"));
    assertThat(dev.dependencies("Bucket")).containsExactly("DevKey");

    DependencyGraph prod =
        DependencyGraph.of(template, evaluator(template, java.util.Map.of("Env", "prod")));
    assertThat(prod.creationWaves())
        .containsExactly(List.of("ProdKey", "DevKey"), List.of("Bucket"));
    assertThat(prod.dependencies("Bucket")).containsExactly("ProdKey");
  }

  @Test
  void withConditions_aReferenceToAnExcludedResource_isUnresolved() {
    Template template =
        TemplateReader.read(
            """
            Conditions:
              Never: !Equals [a, b]
            Resources:
              Key: {Type: T, Condition: Never}
              Bucket: {Type: T, DependsOn: Key}
            """);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DependencyGraph.of(template, evaluator(template, java.util.Map.of())))
        .isInstanceOf(ferry.aws.AwsException.class)
        .hasMessage(
            "Template format error: Unresolved resource dependencies [Key] in the Resources block"
                + " of the template");
  }
}
