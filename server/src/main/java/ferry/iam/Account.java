package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;

/** An account Ferry hosts, by id and by the name its configuration gives it (dev, prod …). */
public record Account(AccountId id, String name, Instant created) {}
