package ferry.cloudformation.resource;

import ferry.codepipeline.CodePipelineService;
import ferry.codepipeline.PipelineTagService;
import ferry.codepipeline.StageTransitionService;
import ferry.codepipeline.StsPipelineRoles;
import ferry.codepipeline.action.ArtifactWriter;
import ferry.codepipeline.action.ManualApprovalAction;
import ferry.codepipeline.action.S3DeployAction;
import ferry.codepipeline.action.S3SourceAction;
import ferry.codepipeline.action.ZipLimits;
import ferry.codepipeline.engine.PipelineEngine;
import ferry.codepipeline.store.ExecutionRepository;
import ferry.codepipeline.store.PipelineRepository;
import ferry.codepipeline.store.PipelineTagRepository;
import ferry.codepipeline.store.StageTransitionRepository;
import ferry.s3.S3Service;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import ferry.testing.EngineShutdown;
import ferry.testing.IdentityServices;
import ferry.testing.TestKms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * CodePipeline as Ferry wires it, on IAM, STS, KMS and S3 of {@link IdentityServices}: pipelines
 * are saved with STS's real trust checks of their service and action roles.
 */
final class PipelineServices implements AutoCloseable {
  final IdentityServices identity;
  final S3Service s3;
  final PipelineEngine engine;
  final CodePipelineService codepipeline;
  final PipelineTagService tags;
  final StageTransitionService transitions;

  PipelineServices(Path dir) {
    identity = new IdentityServices(dir);
    var db = identity.db;
    var authorizer = identity.authorizer;
    var clock = identity.clock;
    s3 =
        new S3Service(
            new BucketRepository(db),
            new ObjectRepository(db),
            new UploadRepository(db),
            new BlobFiles(dir),
            ServerKey.inFile(dir.resolve("s3-server.key")),
            TestKms.on(db, dir, authorizer, clock),
            authorizer,
            clock);
    var pipelines = new PipelineRepository(db);
    var executions = new ExecutionRepository(db);
    var roles = new StsPipelineRoles(identity.sts);
    engine =
        new PipelineEngine(
            pipelines,
            executions,
            roles,
            List.of(
                new S3SourceAction(new ArtifactWriter(s3)),
                new S3DeployAction(s3, dir.resolve("work"), ZipLimits.DEFAULT),
                new ManualApprovalAction()),
            clock,
            Duration.ofSeconds(10));
    engine.start();
    codepipeline = new CodePipelineService(pipelines, executions, engine, roles, authorizer, clock);
    tags = new PipelineTagService(pipelines, new PipelineTagRepository(db), authorizer);
    transitions =
        new StageTransitionService(pipelines, new StageTransitionRepository(db), authorizer, clock);
  }

  @Override
  public void close() {
    EngineShutdown.closeAndAwaitIdle(engine);
    identity.close();
  }
}
