package ferry.s3;

import ferry.aws.AccountId;
import java.util.List;

/** An ACL as GetBucketAcl and GetObjectAcl show it: the owner and the grants. */
public record AccessControlPolicy(AccountId owner, List<Grant> grants) {}
