package ferry.console;

import ferry.auth.CredentialStore;
import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.codepipeline.CodePipelineService;
import ferry.console.accessmap.AccessMaps;
import ferry.events.EventsService;
import ferry.iam.IamService;
import ferry.kms.KmsService;
import ferry.s3.S3Service;
import ferry.sts.StsService;
import java.time.Clock;

/**
 * The services the console's pages read through, the same instances the API uses, so a page sees
 * exactly what an API call of the signed-in principal would.
 */
public record ConsoleServices(
    S3Service s3,
    IamService iam,
    KmsService kms,
    StsService sts,
    CodePipelineService codepipeline,
    EventsService events,
    DecisionLog decisions,
    CredentialStore credentials,
    Clock clock,
    Authorizer authorizer,
    AccessMaps accessMaps) {}
