package ferry.events;

import ferry.aws.Caller;

/**
 * Delivers a matched event to a target of another service. Services to the left of EventBridge
 * (CodePipeline) implement it, so EventBridge can start them without depending on them.
 */
public interface TargetInvoker {
  /** Whether this invoker delivers to targets with this ARN. */
  boolean accepts(String targetArn);

  /**
   * Delivers the event as {@code caller}, the session of the target's role that EventBridge
   * assumed; the receiving service authorizes the caller as it would any other.
   *
   * @param event the event JSON as the target receives it
   */
  void invoke(Caller caller, Rule rule, Target target, String event);

  /**
   * Delivers as {@link #invoke(Caller, Rule, Target, String)}; a delivery made again (its first
   * node was lost mid-way) has the same {@code deliveryId}, so a target that can should act once
   * per id.
   */
  default void invoke(Caller caller, Rule rule, Target target, String event, String deliveryId) {
    invoke(caller, rule, target, event);
  }
}
