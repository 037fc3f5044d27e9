package ferry.events;

import ferry.aws.AccountId;
import ferry.aws.Region;

/**
 * One matched event for one target of one rule, with the input the target receives.
 *
 * @param id also the client token of what the target starts, so a delivery made again after a node
 *     was lost starts nothing twice
 */
public record Delivery(
    String id,
    AccountId account,
    Region region,
    String bus,
    String rule,
    String targetId,
    String input) {}
