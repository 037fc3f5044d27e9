// The guide "deploy artifacts to Amazon S3 in a different AWS account using CodePipeline" as a
// CDK app: DevStack (input and artifact buckets, the KMS key, the pipeline and its roles) and
// ProdStack (the output bucket and prods3role). Deployed to Ferry with `cdk deploy`, the endpoint
// and each account's credentials from the environment, in the guide's order: DevStack, ProdStack
// with dev's key (-c devKeyArn=...), DevStack again with the deploy action's role
// (-c prodRoleReady=true); see README.md.
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const kms = require('aws-cdk-lib/aws-kms');
const iam = require('aws-cdk-lib/aws-iam');
const codepipeline = require('aws-cdk-lib/aws-codepipeline');
const actions = require('aws-cdk-lib/aws-codepipeline-actions');

const DEV = process.env.DEV_ACCOUNT || '111111111111';
const PROD = process.env.PROD_ACCOUNT || '222222222222';
const REGION = process.env.AWS_REGION || 'us-east-1';
const INPUT_BUCKET = 'codepipeline-input-bucket';
const ARTIFACT_BUCKET = `codepipeline-${REGION}-0123456789`;
const OUTPUT_BUCKET = 'codepipeline-output-bucket';
const PROD_ROLE = 'prods3role';

// No bootstrap stack: no deploy or execution role to assume (the CLI's credentials deploy), the
// templates go inline with the CreateChangeSet call and nothing is staged.
const synthesizer = () => new cdk.LegacyStackSynthesizer();

class DevStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const prodRoleReady = this.node.tryGetContext('prodRoleReady') === 'true';
    const input = new s3.Bucket(this, 'InputBucket', {
      bucketName: INPUT_BUCKET,
      versioned: true,
    });
    const key = new kms.Key(this, 'DeployKey', {
      alias: 's3deploykey',
      description: 'Artifact store key of crossaccountdeploy',
    });
    key.grantDecrypt(new iam.AccountPrincipal(PROD));
    key.grantEncrypt(new iam.AccountPrincipal(PROD));
    const artifacts = new s3.Bucket(this, 'ArtifactBucket', {
      bucketName: ARTIFACT_BUCKET,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
    });
    artifacts.grantReadWrite(new iam.AccountPrincipal(PROD));
    artifacts.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal(PROD)],
        actions: ['s3:ListBucket'],
        resources: [artifacts.bucketArn],
      }),
    );

    const prodRole = iam.Role.fromRoleArn(
      this,
      'ProdDeployRole',
      `arn:aws:iam::${PROD}:role/${PROD_ROLE}`,
      { mutable: false },
    );
    const source = new codepipeline.Artifact('SourceArtifact');
    const pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: 'crossaccountdeploy',
      pipelineType: codepipeline.PipelineType.V2,
      artifactBucket: artifacts,
      crossAccountKeys: false,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.S3SourceAction({
              actionName: 'Source',
              bucket: input,
              bucketKey: 'sample-website.zip',
              output: source,
              trigger: actions.S3Trigger.EVENTS,
            }),
          ],
        },
        {
          stageName: 'Deploy',
          actions: [
            new actions.S3DeployAction({
              actionName: 'Deploy',
              bucket: s3.Bucket.fromBucketName(this, 'OutputBucket', OUTPUT_BUCKET),
              input: source,
              extract: true,
              // CodePipeline checks when the pipeline is saved that its role may assume the deploy
              // action's role, so the role joins the action once ProdStack made it (step 7).
              role: prodRoleReady ? prodRole : undefined,
            }),
          ],
        },
      ],
    });
    if (prodRoleReady) {
      pipeline.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [prodRole.roleArn] }),
      );
    }
    new cdk.CfnOutput(this, 'KeyArn', { value: key.keyArn });
  }
}

class ProdStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const devKeyArn = this.node.tryGetContext('devKeyArn') || process.env.DEV_KEY_ARN;
    if (!devKeyArn) {
      throw new Error('ProdStack needs the dev key ARN: -c devKeyArn=... or DEV_KEY_ARN');
    }
    const output = new s3.Bucket(this, 'OutputBucket', { bucketName: OUTPUT_BUCKET });
    const role = new iam.Role(this, 'ProdS3Role', {
      roleName: PROD_ROLE,
      assumedBy: new iam.AccountPrincipal(DEV),
    });
    output.grantPut(role);
    output.grantRead(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:DescribeKey', 'kms:GenerateDataKey*', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:Decrypt'],
        resources: [devKeyArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:Get*'],
        resources: [`arn:aws:s3:::${ARTIFACT_BUCKET}/*`],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [`arn:aws:s3:::${ARTIFACT_BUCKET}`],
      }),
    );
  }
}

const app = new cdk.App({ analyticsReporting: false });
new DevStack(app, 'DevStack', {
  env: { account: DEV, region: REGION },
  synthesizer: synthesizer(),
});
if (app.node.tryGetContext('devKeyArn') || process.env.DEV_KEY_ARN) {
  new ProdStack(app, 'ProdStack', {
    env: { account: PROD, region: REGION },
    synthesizer: synthesizer(),
  });
}
app.synth();
